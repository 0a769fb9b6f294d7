package httpapi

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"zhaoyin"
)

// Regions.

type regionListInput struct {
	ParentCode string `query:"parent_code" doc:"上级区域代码；不填列出省级区域"`
}

type regionListOutput struct {
	Body struct {
		Items []*zhaoyin.Region `json:"items" nullable:"false"`
	}
}

type regionOutput struct{ Body *zhaoyin.Region }

type regionCodeInput struct {
	Code string `path:"code" doc:"区域代码"`
}

type createRegionInput struct {
	Body struct {
		Code       string `json:"code" doc:"区域代码，2–12 位数字或字母，如 370771"`
		Name       string `json:"name" doc:"名称，如 高新区"`
		ParentCode string `json:"parent_code" doc:"上级区域代码，如 370700"`
		Kind       string `json:"kind,omitempty" enum:"zone,county,city" default:"zone" doc:"类型，功能区为 zone"`
	}
}

func (s *Server) registerRegions() {
	tags := []string{"区域"}
	huma.Register(s.api, huma.Operation{
		OperationID: "list-regions", Method: http.MethodGet, Path: "/regions", Tags: tags,
		Summary: "下级区域", Description: "列出 parent_code 的下级区域（GB/T 2260 区划及添加的功能区）。", Errors: []int{401},
	}, func(ctx context.Context, in *regionListInput) (*regionListOutput, error) {
		list, err := s.cfg.Regions.FindRegions(ctx, in.ParentCode)
		if err != nil {
			return nil, err
		}
		out := &regionListOutput{}
		out.Body.Items = list
		if out.Body.Items == nil {
			out.Body.Items = []*zhaoyin.Region{}
		}
		return out, nil
	})
	huma.Register(s.api, huma.Operation{
		OperationID: "get-region", Method: http.MethodGet, Path: "/regions/{code}", Tags: tags,
		Summary: "区域详情", Errors: []int{401, 404},
	}, func(ctx context.Context, in *regionCodeInput) (*regionOutput, error) {
		r, err := s.cfg.Regions.FindRegion(ctx, in.Code)
		if err != nil {
			return nil, err
		}
		return &regionOutput{Body: r}, nil
	})
	huma.Register(s.api, huma.Operation{
		OperationID: "create-region", Method: http.MethodPost, Path: "/regions", Tags: tags,
		Summary: "添加区域（功能区）", Description: "添加开发区等功能区；仅管理员和市级招商部门，且只能在其管辖范围内。",
		DefaultStatus: http.StatusCreated, Errors: []int{401, 403, 409, 422},
	}, func(ctx context.Context, in *createRegionInput) (*regionOutput, error) {
		r := &zhaoyin.Region{Code: in.Body.Code, Name: in.Body.Name, ParentCode: in.Body.ParentCode, Kind: in.Body.Kind}
		if err := s.cfg.Regions.CreateRegion(ctx, r); err != nil {
			return nil, err
		}
		return &regionOutput{Body: r}, nil
	})
}

// Users.

type usersOutput struct {
	Body struct {
		Items []*zhaoyin.User `json:"items" nullable:"false"`
	}
}

type oneUserOutput struct{ Body *zhaoyin.User }

type createUserInput struct {
	Body struct {
		Username    string    `json:"username" doc:"用户名：2–32 位字母、数字、下划线、点或连字符"`
		DisplayName string    `json:"display_name,omitempty" doc:"显示名称，默认同用户名"`
		Password    string    `json:"password" doc:"密码，至少 8 位"`
		Role        RoleValue `json:"role"`
		RegionCode  string    `json:"region_code,omitempty" doc:"所属区域代码（区县用户必填）"`
	}
}

type usernameInput struct {
	Username string `path:"username" doc:"用户名"`
}

type patchUserInput struct {
	Username string `path:"username" doc:"用户名"`
	Body     struct {
		DisplayName *string    `json:"display_name,omitempty"`
		Role        *RoleValue `json:"role,omitempty"`
		RegionCode  *string    `json:"region_code,omitempty"`
		Password    *string    `json:"password,omitempty" doc:"新密码；修改后该用户的 API 令牌全部作废"`
		Disabled    *bool      `json:"disabled,omitempty" doc:"停用后不能登录，令牌作废"`
	}
}

func (s *Server) registerUsers() {
	tags := []string{"用户"}
	huma.Register(s.api, huma.Operation{
		OperationID: "list-users", Method: http.MethodGet, Path: "/users", Tags: tags,
		Summary: "用户列表（管理员）", Errors: []int{401, 403},
	}, func(ctx context.Context, _ *struct{}) (*usersOutput, error) {
		list, err := s.cfg.Users.FindUsers(ctx)
		if err != nil {
			return nil, err
		}
		out := &usersOutput{}
		out.Body.Items = list
		if out.Body.Items == nil {
			out.Body.Items = []*zhaoyin.User{}
		}
		return out, nil
	})
	huma.Register(s.api, huma.Operation{
		OperationID: "get-user", Method: http.MethodGet, Path: "/users/{username}", Tags: tags,
		Summary: "用户详情", Description: "管理员可查看任何用户，其他人只能查看自己。", Errors: []int{401, 403, 404},
	}, func(ctx context.Context, in *usernameInput) (*oneUserOutput, error) {
		u, err := s.cfg.Users.FindUser(ctx, in.Username)
		if err != nil {
			return nil, err
		}
		return &oneUserOutput{Body: u}, nil
	})
	huma.Register(s.api, huma.Operation{
		OperationID: "create-user", Method: http.MethodPost, Path: "/users", Tags: tags,
		Summary: "新建用户（管理员）", DefaultStatus: http.StatusCreated, Errors: []int{401, 403, 422},
	}, func(ctx context.Context, in *createUserInput) (*oneUserOutput, error) {
		b := in.Body
		u := &zhaoyin.User{Username: b.Username, DisplayName: b.DisplayName, Role: string(b.Role), RegionCode: b.RegionCode}
		if err := s.cfg.Users.CreateUser(ctx, u, b.Password); err != nil {
			return nil, err
		}
		// Read it back for the region name and creation time.
		if full, err := s.cfg.Users.FindUser(ctx, u.Username); err == nil {
			u = full
		}
		return &oneUserOutput{Body: u}, nil
	})
	huma.Register(s.api, huma.Operation{
		OperationID: "update-user", Method: http.MethodPatch, Path: "/users/{username}", Tags: tags,
		Summary: "修改用户（管理员）", Description: "只修改请求体中出现的字段。", Errors: []int{401, 403, 404, 422},
	}, func(ctx context.Context, in *patchUserInput) (*oneUserOutput, error) {
		b := in.Body
		upd := zhaoyin.UserUpdate{DisplayName: b.DisplayName, RegionCode: b.RegionCode, Password: b.Password, Disabled: b.Disabled}
		if b.Role != nil {
			r := string(*b.Role)
			upd.Role = &r
		}
		u, err := s.cfg.Users.UpdateUser(ctx, in.Username, upd)
		if err != nil {
			return nil, err
		}
		return &oneUserOutput{Body: u}, nil
	})
}

// Audit log.

type auditInput struct {
	Page     int    `query:"page" default:"1" minimum:"1"`
	PageSize int    `query:"page_size" default:"50" minimum:"1" maximum:"200"`
	Action   string `query:"action" doc:"操作，如 project.update"`
	Username string `query:"username" doc:"操作人"`
	Object   string `query:"object" doc:"对象，如 project:WF2024-001"`
}

type auditOutput struct {
	Body struct {
		Items    []*zhaoyin.AuditEntry `json:"items" nullable:"false"`
		Total    int                   `json:"total"`
		Page     int                   `json:"page"`
		PageSize int                   `json:"page_size"`
	}
}

func (s *Server) registerAudit() {
	huma.Register(s.api, huma.Operation{
		OperationID: "list-audit", Method: http.MethodGet, Path: "/audit", Tags: []string{"操作日志"},
		Summary: "操作日志", Description: "最新的在前；仅管理员和市级招商部门。", Errors: []int{401, 403},
	}, func(ctx context.Context, in *auditInput) (*auditOutput, error) {
		list, total, err := s.cfg.Audit.FindAudit(ctx, zhaoyin.AuditFilter{
			Action: in.Action, Username: in.Username, Object: in.Object,
			Offset: (in.Page - 1) * in.PageSize, Limit: in.PageSize,
		})
		if err != nil {
			return nil, err
		}
		out := &auditOutput{}
		out.Body.Items, out.Body.Total, out.Body.Page, out.Body.PageSize = list, total, in.Page, in.PageSize
		if out.Body.Items == nil {
			out.Body.Items = []*zhaoyin.AuditEntry{}
		}
		return out, nil
	})
}

// Dictionaries.

// Dicts are the value lists of forms and filters.
type Dicts struct {
	Types          []zhaoyin.Label `json:"types"`
	Stages         []zhaoyin.Label `json:"stages"`
	CapitalSources []zhaoyin.Label `json:"capital_sources"`
	Roles          []zhaoyin.Label `json:"roles"`
	Chains         []string        `json:"chains" doc:"产业链：字典中未停用的取值及您管辖范围内在用的取值，按字典顺序"`
	Tags           []string        `json:"tags" doc:"标签，同上"`
	Batches        []string        `json:"batches" doc:"批次，同上"`
	Retired        RetiredDicts    `json:"retired" doc:"已停用但仍有项目在用的取值：可用于筛选，不再用于填报"`
}

// RetiredDicts lists retired values still in use, per dictionary.
type RetiredDicts struct {
	Chains  []string `json:"chains"`
	Tags    []string `json:"tags"`
	Batches []string `json:"batches"`
}

func (s *Server) registerDicts() {
	huma.Register(s.api, huma.Operation{
		OperationID: "dicts", Method: http.MethodGet, Path: "/dicts", Tags: []string{"字典"},
		Summary: "字典", Description: "项目类型、阶段、资金来源、角色的取值及中文名，以及产业链、标签、批次的可选取值。", Errors: []int{401},
	}, func(ctx context.Context, _ *struct{}) (*struct{ Body Dicts }, error) {
		d := Dicts{Types: zhaoyin.TypeLabels, Stages: zhaoyin.StageLabels, CapitalSources: zhaoyin.CapitalLabels, Roles: zhaoyin.RoleLabels}
		for _, x := range []struct {
			field        string
			dst, retired *[]string
		}{{"chain", &d.Chains, &d.Retired.Chains}, {"tag", &d.Tags, &d.Retired.Tags}, {"batch", &d.Batches, &d.Retired.Batches}} {
			active, retired, err := s.dictOptions(ctx, x.field)
			if err != nil {
				return nil, err
			}
			*x.dst, *x.retired = active, retired
		}
		return &struct{ Body Dicts }{Body: d}, nil
	})
}

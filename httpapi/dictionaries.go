package httpapi

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"zhaoyin"
)

// DictKindValue names a dictionary kept by administrators.
type DictKindValue string

func (DictKindValue) Schema(huma.Registry) *huma.Schema {
	return enumSchema(labelDoc("字典", zhaoyin.DictKindLabels), labelValues(zhaoyin.DictKindLabels))
}

var errNoDicts = &Error{Status: http.StatusServiceUnavailable, Message: "字典服务尚未启用"}

type dictKindInput struct {
	Kind DictKindValue `path:"kind"`
	Q    string        `query:"q" doc:"按名称或说明筛选"`
}

type dictEntryInput struct {
	Kind DictKindValue `path:"kind"`
	Name string        `path:"name" doc:"取值名称（URL 编码）"`
}

type dictListOutput struct {
	Body struct {
		Items []*zhaoyin.DictEntry `json:"items" nullable:"false"`
	}
}

type dictOutput struct{ Body *zhaoyin.DictEntry }

type createDictInput struct {
	Kind DictKindValue `path:"kind"`
	Body struct {
		Name        string `json:"name" doc:"名称；标签和批次不能含顿号、逗号、分号"`
		Description string `json:"description,omitempty" doc:"说明"`
		SortOrder   int    `json:"sort_order,omitempty" doc:"排序号，小的在前"`
		Retired     bool   `json:"retired,omitempty" doc:"停用：不再出现在项目表单的选项中"`
	}
}

type patchDictInput struct {
	Kind DictKindValue `path:"kind"`
	Name string        `path:"name" doc:"取值名称（URL 编码）"`
	Body struct {
		Description *string `json:"description,omitempty"`
		SortOrder   *int    `json:"sort_order,omitempty"`
		Retired     *bool   `json:"retired,omitempty" doc:"true 停用，false 恢复"`
	}
}

type renameDictInput struct {
	Kind DictKindValue `path:"kind"`
	Name string        `path:"name" doc:"原名称（URL 编码）"`
	Body struct {
		To    string `json:"to" doc:"新名称"`
		Merge bool   `json:"merge,omitempty" doc:"新名称已存在时并入它；不设则返回 409"`
	}
}

type renameDictOutput struct {
	Body struct {
		Entry           *zhaoyin.DictEntry `json:"entry"`
		ProjectsChanged int                `json:"projects_changed" doc:"改名涉及的项目数"`
	}
}

func (s *Server) registerDictionaries() {
	tags := []string{"字典"}
	huma.Register(s.api, huma.Operation{
		OperationID: "list-project-types", Method: http.MethodGet, Path: "/dictionaries/types", Tags: tags,
		Summary: "项目类型（固定）", Description: "DOMAIN.md 规定的项目类型及中文名，不能修改。", Errors: []int{401},
	}, func(ctx context.Context, _ *struct{}) (*struct {
		Body struct {
			Items []zhaoyin.Label `json:"items"`
		}
	}, error) {
		out := &struct {
			Body struct {
				Items []zhaoyin.Label `json:"items"`
			}
		}{}
		out.Body.Items = zhaoyin.TypeLabels
		return out, nil
	})
	huma.Register(s.api, huma.Operation{
		OperationID: "list-dictionary", Method: http.MethodGet, Path: "/dictionaries/{kind}", Tags: tags,
		Summary:     "字典取值",
		Description: "登记的取值与项目中在用的取值合并列出，按排序号、名称排序；project_count 为您管辖范围内使用它的项目数。",
		Errors:      []int{401, 422},
	}, func(ctx context.Context, in *dictKindInput) (*dictListOutput, error) {
		if s.cfg.Dictionaries == nil {
			return nil, errNoDicts
		}
		list, err := s.cfg.Dictionaries.FindDictEntries(ctx, string(in.Kind), in.Q)
		if err != nil {
			return nil, err
		}
		out := &dictListOutput{}
		out.Body.Items = list
		if out.Body.Items == nil {
			out.Body.Items = []*zhaoyin.DictEntry{}
		}
		return out, nil
	})
	huma.Register(s.api, huma.Operation{
		OperationID: "create-dictionary-entry", Method: http.MethodPost, Path: "/dictionaries/{kind}", Tags: tags,
		Summary: "添加取值", Description: "仅管理员和市级招商部门。名称已登记或已在项目中使用时返回 409。",
		DefaultStatus: http.StatusCreated, Errors: []int{401, 403, 409, 422},
	}, func(ctx context.Context, in *createDictInput) (*dictOutput, error) {
		if s.cfg.Dictionaries == nil {
			return nil, errNoDicts
		}
		e := &zhaoyin.DictEntry{Kind: string(in.Kind), Name: in.Body.Name, Description: in.Body.Description, SortOrder: in.Body.SortOrder, Retired: in.Body.Retired}
		if err := s.cfg.Dictionaries.CreateDictEntry(ctx, e); err != nil {
			return nil, err
		}
		return &dictOutput{Body: e}, nil
	})
	huma.Register(s.api, huma.Operation{
		OperationID: "update-dictionary-entry", Method: http.MethodPatch, Path: "/dictionaries/{kind}/{name}", Tags: tags,
		Summary: "修改说明、排序或停用", Description: "只修改请求体中出现的字段；仅管理员和市级招商部门。", Errors: []int{401, 403, 404, 422},
	}, func(ctx context.Context, in *patchDictInput) (*dictOutput, error) {
		if s.cfg.Dictionaries == nil {
			return nil, errNoDicts
		}
		b := in.Body
		e, err := s.cfg.Dictionaries.UpdateDictEntry(ctx, string(in.Kind), in.Name, zhaoyin.DictEntryUpdate{Description: b.Description, SortOrder: b.SortOrder, Retired: b.Retired})
		if err != nil {
			return nil, err
		}
		return &dictOutput{Body: e}, nil
	})
	huma.Register(s.api, huma.Operation{
		OperationID: "rename-dictionary-entry", Method: http.MethodPost, Path: "/dictionaries/{kind}/{name}/rename", Tags: tags,
		Summary:     "改名（同时修改所有使用它的项目）",
		Description: "在一个事务中改名并修改所有使用该取值的项目，每个项目记一条变更记录、版本号加一。新名称已存在时返回 409，除非 merge 为 true。仅管理员和市级招商部门。",
		Errors:      []int{401, 403, 404, 409, 422},
	}, func(ctx context.Context, in *renameDictInput) (*renameDictOutput, error) {
		if s.cfg.Dictionaries == nil {
			return nil, errNoDicts
		}
		e, n, err := s.cfg.Dictionaries.RenameDictEntry(ctx, string(in.Kind), in.Name, in.Body.To, in.Body.Merge)
		if err != nil {
			return nil, err
		}
		out := &renameDictOutput{}
		out.Body.Entry, out.Body.ProjectsChanged = e, n
		return out, nil
	})
	huma.Register(s.api, huma.Operation{
		OperationID: "delete-dictionary-entry", Method: http.MethodDelete, Path: "/dictionaries/{kind}/{name}", Tags: tags,
		Summary: "删除取值", Description: "只能删除没有项目使用的取值（否则 409，可改为停用）；仅管理员和市级招商部门。",
		DefaultStatus: http.StatusNoContent, Errors: []int{401, 403, 404, 409, 422},
	}, func(ctx context.Context, in *dictEntryInput) (*struct{}, error) {
		if s.cfg.Dictionaries == nil {
			return nil, errNoDicts
		}
		return nil, s.cfg.Dictionaries.DeleteDictEntry(ctx, string(in.Kind), in.Name)
	})
}

// dictOptions are the values of a kind for forms (active) and filters (active and retired):
// the dictionary's entries in its order when a dictionary service is wired, else the values
// in use.
func (s *Server) dictOptions(ctx context.Context, kind string) (active, retired []string, err error) {
	active, retired = []string{}, []string{}
	if s.cfg.Dictionaries == nil {
		list, err := s.cfg.Projects.Distinct(ctx, kind)
		if list != nil {
			active = list
		}
		return active, retired, err
	}
	list, err := s.cfg.Dictionaries.FindDictEntries(ctx, kind, "")
	if err != nil {
		return nil, nil, err
	}
	for _, e := range list {
		if e.Retired {
			// A retired value is still worth filtering by while projects carry it.
			if e.ProjectCount > 0 {
				retired = append(retired, e.Name)
			}
		} else {
			active = append(active, e.Name)
		}
	}
	return active, retired, nil
}

package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"zhaoyin"
	"zhaoyin/sheet"
)

// Investor is an enterprise investing in a project; uscc is "" when unknown.
type Investor struct {
	Name string `json:"name" doc:"投资方名称"`
	USCC string `json:"uscc" required:"false" doc:"统一社会信用代码（GB 32100-2015，18 位含校验位），未知为空"`
}

func investorsOut(list []zhaoyin.Investor) []Investor {
	out := make([]Investor, len(list))
	for i, inv := range list {
		out[i] = Investor{Name: inv.Name, USCC: inv.USCC}
	}
	return out
}

func investorsIn(list []Investor) []zhaoyin.Investor {
	out := make([]zhaoyin.Investor, len(list))
	for i, inv := range list {
		out[i] = zhaoyin.Investor{Name: inv.Name, USCC: inv.USCC}
	}
	return out
}

// Project is the PROJECT of API.md: zhaoyin.Project with the dates of stages not reached
// as null.
type Project struct {
	Code                string     `json:"code" doc:"项目编码（唯一）"`
	Name                string     `json:"name" doc:"项目名称"`
	RegionCode          string     `json:"region_code" doc:"所属区域代码"`
	RegionName          string     `json:"region_name" doc:"所属区域名称（只读）"`
	Type                TypeValue  `json:"type"`
	Chain               string     `json:"chain" doc:"所属产业链"`
	ChainNode           string     `json:"chain_node" doc:"产业链环节"`
	Manufacturing       bool       `json:"manufacturing" doc:"是否制造业项目"`
	CapitalSource       string     `json:"capital_source" doc:"资金来源：in_province 省内，out_of_province 省外内资，foreign 外资，hk_macao_taiwan 港澳台资；未填为空"`
	TotalInvestmentYuan int64      `json:"total_investment_yuan" doc:"总投资（元）"`
	AnnualPlanYuan      int64      `json:"annual_plan_yuan" doc:"年度计划投资（元）"`
	SignedAmountYuan    int64      `json:"signed_amount_yuan" doc:"签约金额（元）"`
	ForeignInvestUSD    int64      `json:"foreign_investment_usd" doc:"外资金额（美元）"`
	Stage               StageValue `json:"stage"`
	NegotiatingOn       *string    `json:"negotiating_on" format:"date" doc:"洽谈日期，未到达为 null"`
	SignedOn            *string    `json:"signed_on" format:"date" doc:"签约日期，未到达为 null"`
	ApprovedOn          *string    `json:"approved_on" format:"date" doc:"立项日期，未到达为 null"`
	StartedOn           *string    `json:"started_on" format:"date" doc:"开工日期，未到达为 null"`
	ProducingOn         *string    `json:"producing_on" format:"date" doc:"投产日期，未到达为 null"`
	AchievedOn          *string    `json:"achieved_on" format:"date" doc:"达效日期，未到达为 null"`
	DroppedOn           *string    `json:"dropped_on" format:"date" doc:"终止日期，未终止为 null"`
	DropReason          string     `json:"drop_reason" doc:"终止原因"`
	LandMu              float64    `json:"land_mu" doc:"占地（亩）"`
	FloorAreaM2         float64    `json:"floor_area_m2" doc:"建筑面积（平方米）"`
	Jobs                int        `json:"jobs" doc:"就业人数"`
	ResponsiblePerson   string     `json:"responsible_person" doc:"责任人"`
	LeadingOfficial     string     `json:"leading_official" doc:"包靠领导"`
	ServiceTeam         string     `json:"service_team" doc:"专班"`
	Channel             string     `json:"channel" doc:"招引渠道"`
	Description         string     `json:"description" doc:"项目简介"`
	Tags                []string   `json:"tags" nullable:"false" doc:"标签，如 省重大项目"`
	Batches             []string   `json:"batches" nullable:"false" doc:"批次，如 2024年春季全市重大项目集中开工"`
	Investors           []Investor `json:"investors" nullable:"false" doc:"投资方"`
	Version             int        `json:"version" doc:"版本号：修改（PATCH）时须带上最近一次读取的版本"`
	CreatedAt           time.Time  `json:"created_at"`
	UpdatedAt           time.Time  `json:"updated_at"`
}

func nullDate(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func projectOut(p *zhaoyin.Project) *Project {
	if p == nil {
		return nil
	}
	out := &Project{
		Code: p.Code, Name: p.Name, RegionCode: p.RegionCode, RegionName: p.RegionName,
		Type: TypeValue(p.Type), Chain: p.Chain, ChainNode: p.ChainNode, Manufacturing: p.Manufacturing,
		CapitalSource: p.CapitalSource, TotalInvestmentYuan: p.TotalInvestmentYuan, AnnualPlanYuan: p.AnnualPlanYuan,
		SignedAmountYuan: p.SignedAmountYuan, ForeignInvestUSD: p.ForeignInvestUSD, Stage: StageValue(p.Stage),
		NegotiatingOn: nullDate(p.NegotiatingOn), SignedOn: nullDate(p.SignedOn), ApprovedOn: nullDate(p.ApprovedOn),
		StartedOn: nullDate(p.StartedOn), ProducingOn: nullDate(p.ProducingOn), AchievedOn: nullDate(p.AchievedOn),
		DroppedOn: nullDate(p.DroppedOn), DropReason: p.DropReason, LandMu: p.LandMu, FloorAreaM2: p.FloorAreaM2,
		Jobs: p.Jobs, ResponsiblePerson: p.ResponsiblePerson, LeadingOfficial: p.LeadingOfficial,
		ServiceTeam: p.ServiceTeam, Channel: p.Channel, Description: p.Description,
		Tags: p.Tags, Batches: p.Batches, Investors: investorsOut(p.Investors), Version: p.Version,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
	}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if out.Batches == nil {
		out.Batches = []string{}
	}
	return out
}

// ReadOnlyFields are PROJECT fields a client may send back as it read them; they are ignored.
type ReadOnlyFields struct {
	RegionName string    `json:"region_name,omitempty" doc:"只读，提交时忽略"`
	CreatedAt  time.Time `json:"created_at,omitzero" doc:"只读，提交时忽略"`
	UpdatedAt  time.Time `json:"updated_at,omitzero" doc:"只读，提交时忽略"`
}

// ProjectInput is the body of POST /projects. Dates may be null or "" when not reached.
type ProjectInput struct {
	Code                string     `json:"code" doc:"项目编码（唯一），最长 64 个字符，不能含空格和 / \\ ? # %"`
	Name                string     `json:"name" doc:"项目名称"`
	RegionCode          string     `json:"region_code" doc:"所属区域代码"`
	Type                TypeValue  `json:"type"`
	Stage               StageValue `json:"stage"`
	TotalInvestmentYuan int64      `json:"total_investment_yuan" doc:"总投资（元），大于 0"`
	Chain               string     `json:"chain,omitempty"`
	ChainNode           string     `json:"chain_node,omitempty"`
	Manufacturing       bool       `json:"manufacturing,omitempty"`
	CapitalSource       string     `json:"capital_source,omitempty" doc:"in_province | out_of_province | foreign | hk_macao_taiwan，可为空"`
	AnnualPlanYuan      int64      `json:"annual_plan_yuan,omitempty"`
	SignedAmountYuan    int64      `json:"signed_amount_yuan,omitempty"`
	ForeignInvestUSD    int64      `json:"foreign_investment_usd,omitempty"`
	NegotiatingOn       *string    `json:"negotiating_on,omitempty" nullable:"true" doc:"YYYY-MM-DD"`
	SignedOn            *string    `json:"signed_on,omitempty" nullable:"true" doc:"YYYY-MM-DD"`
	ApprovedOn          *string    `json:"approved_on,omitempty" nullable:"true" doc:"YYYY-MM-DD"`
	StartedOn           *string    `json:"started_on,omitempty" nullable:"true" doc:"YYYY-MM-DD"`
	ProducingOn         *string    `json:"producing_on,omitempty" nullable:"true" doc:"YYYY-MM-DD"`
	AchievedOn          *string    `json:"achieved_on,omitempty" nullable:"true" doc:"YYYY-MM-DD"`
	DroppedOn           *string    `json:"dropped_on,omitempty" nullable:"true" doc:"YYYY-MM-DD，阶段为 dropped 时必填"`
	DropReason          string     `json:"drop_reason,omitempty" doc:"终止原因，阶段为 dropped 时必填"`
	LandMu              float64    `json:"land_mu,omitempty"`
	FloorAreaM2         float64    `json:"floor_area_m2,omitempty"`
	Jobs                int        `json:"jobs,omitempty"`
	ResponsiblePerson   string     `json:"responsible_person,omitempty"`
	LeadingOfficial     string     `json:"leading_official,omitempty"`
	ServiceTeam         string     `json:"service_team,omitempty"`
	Channel             string     `json:"channel,omitempty"`
	Description         string     `json:"description,omitempty"`
	Tags                []string   `json:"tags,omitempty"`
	Batches             []string   `json:"batches,omitempty"`
	Investors           []Investor `json:"investors,omitempty"`
	Version             int        `json:"version,omitempty" doc:"只读，提交时忽略"`
	ReadOnlyFields
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func (in *ProjectInput) project() *zhaoyin.Project {
	p := &zhaoyin.Project{
		Code: in.Code, Name: in.Name, RegionCode: in.RegionCode, Type: string(in.Type), Chain: in.Chain,
		ChainNode: in.ChainNode, Manufacturing: in.Manufacturing, CapitalSource: in.CapitalSource,
		TotalInvestmentYuan: in.TotalInvestmentYuan, AnnualPlanYuan: in.AnnualPlanYuan,
		SignedAmountYuan: in.SignedAmountYuan, ForeignInvestUSD: in.ForeignInvestUSD, Stage: zhaoyin.Stage(in.Stage),
		NegotiatingOn: str(in.NegotiatingOn), SignedOn: str(in.SignedOn), ApprovedOn: str(in.ApprovedOn),
		StartedOn: str(in.StartedOn), ProducingOn: str(in.ProducingOn), AchievedOn: str(in.AchievedOn),
		DroppedOn: str(in.DroppedOn), DropReason: in.DropReason, LandMu: in.LandMu, FloorAreaM2: in.FloorAreaM2,
		Jobs: in.Jobs, ResponsiblePerson: in.ResponsiblePerson, LeadingOfficial: in.LeadingOfficial,
		ServiceTeam: in.ServiceTeam, Channel: in.Channel, Description: in.Description,
		Tags: in.Tags, Batches: in.Batches, Investors: investorsIn(in.Investors),
	}
	if p.Tags == nil {
		p.Tags = []string{}
	}
	if p.Batches == nil {
		p.Batches = []string{}
	}
	return p
}

// ProjectPatch is the body of PATCH /projects/{code}: "version" and the fields to change
// (JSON merge style: an absent field is unchanged, null clears it).
type ProjectPatch struct {
	Version             int         `json:"version" minimum:"1" doc:"最近一次读取的版本号；已被他人修改时返回 409"`
	Name                *string     `json:"name,omitempty" nullable:"true"`
	RegionCode          *string     `json:"region_code,omitempty" nullable:"true"`
	Type                *TypeValue  `json:"type,omitempty"`
	Chain               *string     `json:"chain,omitempty" nullable:"true"`
	ChainNode           *string     `json:"chain_node,omitempty" nullable:"true"`
	Manufacturing       *bool       `json:"manufacturing,omitempty" nullable:"true"`
	CapitalSource       *string     `json:"capital_source,omitempty" nullable:"true"`
	TotalInvestmentYuan *int64      `json:"total_investment_yuan,omitempty" nullable:"true"`
	AnnualPlanYuan      *int64      `json:"annual_plan_yuan,omitempty" nullable:"true"`
	SignedAmountYuan    *int64      `json:"signed_amount_yuan,omitempty" nullable:"true"`
	ForeignInvestUSD    *int64      `json:"foreign_investment_usd,omitempty" nullable:"true"`
	NegotiatingOn       *string     `json:"negotiating_on,omitempty" nullable:"true" doc:"更正洽谈日期（YYYY-MM-DD）"`
	SignedOn            *string     `json:"signed_on,omitempty" nullable:"true" doc:"更正签约日期"`
	ApprovedOn          *string     `json:"approved_on,omitempty" nullable:"true" doc:"更正立项日期"`
	StartedOn           *string     `json:"started_on,omitempty" nullable:"true" doc:"更正开工日期"`
	ProducingOn         *string     `json:"producing_on,omitempty" nullable:"true" doc:"更正投产日期"`
	AchievedOn          *string     `json:"achieved_on,omitempty" nullable:"true" doc:"更正达效日期"`
	DropReason          *string     `json:"drop_reason,omitempty" nullable:"true"`
	LandMu              *float64    `json:"land_mu,omitempty" nullable:"true"`
	FloorAreaM2         *float64    `json:"floor_area_m2,omitempty" nullable:"true"`
	Jobs                *int        `json:"jobs,omitempty" nullable:"true"`
	ResponsiblePerson   *string     `json:"responsible_person,omitempty" nullable:"true"`
	LeadingOfficial     *string     `json:"leading_official,omitempty" nullable:"true"`
	ServiceTeam         *string     `json:"service_team,omitempty" nullable:"true"`
	Channel             *string     `json:"channel,omitempty" nullable:"true"`
	Description         *string     `json:"description,omitempty" nullable:"true"`
	Tags                []string    `json:"tags,omitempty"`
	Batches             []string    `json:"batches,omitempty"`
	Investors           []Investor  `json:"investors,omitempty"`
	Code                *string     `json:"code,omitempty" doc:"不能修改；可原样带回"`
	Stage               *StageValue `json:"stage,omitempty" doc:"不能在此修改（请用 POST /projects/{code}/stage）；可原样带回"`
	DroppedOn           *string     `json:"dropped_on,omitempty" nullable:"true" doc:"不能在此修改；可原样带回"`
	ReadOnlyFields
}

// take decodes raw[name] when present: null gives the zero value (merge patch clears it).
func take[T any](raw map[string]json.RawMessage, name string) *T {
	v, ok := raw[name]
	if !ok {
		return nil
	}
	var x T
	if string(v) != "null" {
		json.Unmarshal(v, &x) // already validated against the schema
	}
	return &x
}

func takeList[T any](raw map[string]json.RawMessage, name string) *[]T {
	p := take[[]T](raw, name)
	if p != nil && *p == nil {
		*p = []T{}
	}
	return p
}

func takeInvestors(raw map[string]json.RawMessage) *[]zhaoyin.Investor {
	p := takeList[Investor](raw, "investors")
	if p == nil {
		return nil
	}
	list := investorsIn(*p)
	return &list
}

func patchUpdate(raw map[string]json.RawMessage, version int) zhaoyin.ProjectUpdate {
	u := zhaoyin.ProjectUpdate{
		Version:             version,
		Name:                take[string](raw, "name"),
		RegionCode:          take[string](raw, "region_code"),
		Type:                take[string](raw, "type"),
		Chain:               take[string](raw, "chain"),
		ChainNode:           take[string](raw, "chain_node"),
		Manufacturing:       take[bool](raw, "manufacturing"),
		CapitalSource:       take[string](raw, "capital_source"),
		TotalInvestmentYuan: take[int64](raw, "total_investment_yuan"),
		AnnualPlanYuan:      take[int64](raw, "annual_plan_yuan"),
		SignedAmountYuan:    take[int64](raw, "signed_amount_yuan"),
		ForeignInvestUSD:    take[int64](raw, "foreign_investment_usd"),
		LandMu:              take[float64](raw, "land_mu"),
		FloorAreaM2:         take[float64](raw, "floor_area_m2"),
		Jobs:                take[int](raw, "jobs"),
		ResponsiblePerson:   take[string](raw, "responsible_person"),
		LeadingOfficial:     take[string](raw, "leading_official"),
		ServiceTeam:         take[string](raw, "service_team"),
		Channel:             take[string](raw, "channel"),
		Description:         take[string](raw, "description"),
		Tags:                takeList[string](raw, "tags"),
		Batches:             takeList[string](raw, "batches"),
		Investors:           takeInvestors(raw),
		NegotiatingOn:       take[string](raw, "negotiating_on"),
		SignedOn:            take[string](raw, "signed_on"),
		ApprovedOn:          take[string](raw, "approved_on"),
		StartedOn:           take[string](raw, "started_on"),
		ProducingOn:         take[string](raw, "producing_on"),
		AchievedOn:          take[string](raw, "achieved_on"),
		DropReason:          take[string](raw, "drop_reason"),
	}
	return u
}

// ProjectQuery are the filters of the project list and its export.
type ProjectQuery struct {
	Region        string     `query:"region" doc:"区域代码，含其下级区域"`
	Stage         StageValue `query:"stage"`
	Type          TypeValue  `query:"type"`
	Batch         string     `query:"batch" doc:"批次名称"`
	Chain         string     `query:"chain" doc:"产业链"`
	Tag           string     `query:"tag" doc:"标签"`
	Q             string     `query:"q" doc:"按名称、编码、投资方搜索"`
	Manufacturing Opt[bool]  `query:"manufacturing" doc:"是否制造业"`
	MinInvestment Opt[int64] `query:"min_investment_yuan" minimum:"0" doc:"总投资不少于（元）"`
	MaxInvestment Opt[int64] `query:"max_investment_yuan" minimum:"0" doc:"总投资不超过（元）"`
	SignedFrom    string     `query:"signed_from" doc:"签约日期不早于 YYYY-MM-DD"`
	SignedTo      string     `query:"signed_to" doc:"签约日期不晚于 YYYY-MM-DD"`
	Sort          SortValue  `query:"sort"`
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (q *ProjectQuery) filter() (zhaoyin.ProjectFilter, error) {
	f := zhaoyin.ProjectFilter{
		Region: nonEmpty(q.Region), Type: nonEmpty(string(q.Type)), Batch: nonEmpty(q.Batch),
		Chain: nonEmpty(q.Chain), Tag: nonEmpty(q.Tag), Query: nonEmpty(q.Q),
		Manufacturing: q.Manufacturing.Ptr(), MinInvestment: q.MinInvestment.Ptr(), MaxInvestment: q.MaxInvestment.Ptr(),
		SignedFrom: nonEmpty(q.SignedFrom), SignedTo: nonEmpty(q.SignedTo), Sort: string(q.Sort),
	}
	if q.Stage != "" {
		s := zhaoyin.Stage(q.Stage)
		f.Stage = &s
	}
	for name, v := range map[string]string{"signed_from": q.SignedFrom, "signed_to": q.SignedTo} {
		if v != "" {
			if _, err := zhaoyin.ParseDate(v); err != nil {
				return f, zhaoyin.FieldError(name, "参数 %s 无效：%v", name, err)
			}
		}
	}
	return f, nil
}

type listProjectsInput struct {
	ProjectQuery
	Page     int `query:"page" default:"1" minimum:"1" doc:"页码，从 1 开始"`
	PageSize int `query:"page_size" default:"20" minimum:"1" maximum:"200" doc:"每页条数，最多 200"`
}

// ProjectPage is a page of projects.
type ProjectPage struct {
	Items    []*Project `json:"items" nullable:"false"`
	Total    int        `json:"total" doc:"符合条件的项目总数"`
	Page     int        `json:"page"`
	PageSize int        `json:"page_size"`
}

type projectPageOutput struct{ Body ProjectPage }

type codeInput struct {
	Code string `path:"code" doc:"项目编码"`
}

type projectOutput struct{ Body *Project }

type createProjectInput struct {
	Body ProjectInput
}

type patchProjectInput struct {
	Code    string `path:"code" doc:"项目编码"`
	Body    ProjectPatch
	RawBody []byte
}

type stageInput struct {
	Code string `path:"code" doc:"项目编码"`
	Body struct {
		Stage  StageValue `json:"stage" doc:"目标阶段：只能进入下一阶段，或 dropped 终止"`
		On     string     `json:"on" doc:"到达该阶段的日期 YYYY-MM-DD，不能早于上一阶段的日期"`
		Reason string     `json:"reason,omitempty" doc:"终止原因（终止时必填）"`
	}
}

type historyOutput struct {
	Body struct {
		Items []*zhaoyin.AuditEntry `json:"items" nullable:"false"`
	}
}

type progressOutput struct {
	Body struct {
		Items []*zhaoyin.Progress `json:"items" nullable:"false"`
	}
}

type fileOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

// XLSXType is the media type of every spreadsheet download.
const XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// XLSXResponse documents an operation whose 200 answer is an .xlsx file.
func XLSXResponse(doc string) map[string]*huma.Response {
	return map[string]*huma.Response{"200": {
		Description: doc,
		Content:     map[string]*huma.MediaType{XLSXType: {Schema: &huma.Schema{Type: huma.TypeString, Format: "binary"}}},
	}}
}

// Attachment names a download; filename* (RFC 5987) carries the Chinese name, filename an
// ASCII fallback for old clients.
func Attachment(name, fallback string) string {
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, fallback, url.PathEscape(name))
}

// china is the time zone of the file names users see (no tzdata needed).
var china = time.FixedZone("CST", 8*3600)

func (s *Server) registerProjects() {
	tags := []string{"项目"}
	huma.Register(s.api, huma.Operation{
		OperationID: "list-projects", Method: http.MethodGet, Path: "/projects", Tags: tags,
		Summary:     "项目列表",
		Description: "按条件分页列出您管辖范围内的项目。region 含其下级区域。",
		Errors:      []int{401, 422},
	}, s.listProjects)
	huma.Register(s.api, huma.Operation{
		OperationID: "export-projects", Method: http.MethodGet, Path: "/projects/export", Tags: tags,
		Summary:     "导出项目（Excel）",
		Description: "按与项目列表相同的条件导出全部符合条件的项目（不分页），格式与导入模板一致，可修改后再导入。",
		Responses:   XLSXResponse("项目库 .xlsx 文件"),
		Errors:      []int{401, 422},
	}, s.exportProjects)
	huma.Register(s.api, huma.Operation{
		OperationID: "get-project", Method: http.MethodGet, Path: "/projects/{code}", Tags: tags,
		Summary: "项目详情", Errors: []int{401, 404},
	}, s.getProject)
	huma.Register(s.api, huma.Operation{
		OperationID: "create-project", Method: http.MethodPost, Path: "/projects", Tags: tags,
		Summary: "新建项目", DefaultStatus: http.StatusCreated, Errors: []int{401, 403, 409, 422},
	}, s.createProject)
	huma.Register(s.api, huma.Operation{
		OperationID: "update-project", Method: http.MethodPatch, Path: "/projects/{code}", Tags: tags,
		Summary:     "修改项目",
		Description: "请求体带最近一次读取的 version 和要修改的字段（未出现的字段不变，null 表示清空）。version 已过期返回 409，不做任何修改。阶段请用 POST /projects/{code}/stage 推进。",
		Errors:      []int{401, 403, 404, 409, 422},
	}, s.patchProject)
	// RawBody (kept to tell an absent field from null) makes huma also document a binary
	// body; the operation takes JSON only.
	if pi := s.api.OpenAPI().Paths["/projects/{code}"]; pi != nil && pi.Patch != nil && pi.Patch.RequestBody != nil {
		delete(pi.Patch.RequestBody.Content, "application/octet-stream")
	}
	huma.Register(s.api, huma.Operation{
		OperationID: "advance-stage", Method: http.MethodPost, Path: "/projects/{code}/stage", Tags: tags,
		Summary:     "推进项目阶段",
		Description: "只能进入下一阶段（或终止），日期不能早于上一阶段；不可能的推进返回 422 并说明原因。",
		Errors:      []int{401, 403, 404, 422},
	}, s.advanceStage)
	huma.Register(s.api, huma.Operation{
		OperationID: "project-history", Method: http.MethodGet, Path: "/projects/{code}/history", Tags: tags,
		Summary: "项目变更记录", Description: "项目的每一次变更（谁、何时、改了什么），按时间先后。", Errors: []int{401, 404},
	}, s.projectHistory)
	huma.Register(s.api, huma.Operation{
		OperationID: "project-progress", Method: http.MethodGet, Path: "/projects/{code}/progress", Tags: tags,
		Summary: "项目月度调度", Description: "项目每月的到位资金、完成投资和形象进度，按月份先后。", Errors: []int{401, 404},
	}, s.projectProgress)
}

func (s *Server) listProjects(ctx context.Context, in *listProjectsInput) (*projectPageOutput, error) {
	f, err := in.filter()
	if err != nil {
		return nil, err
	}
	f.Offset, f.Limit = (in.Page-1)*in.PageSize, in.PageSize
	list, total, err := s.cfg.Projects.FindProjects(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &projectPageOutput{Body: ProjectPage{Items: make([]*Project, len(list)), Total: total, Page: in.Page, PageSize: in.PageSize}}
	for i, p := range list {
		out.Body.Items[i] = projectOut(p)
	}
	return out, nil
}

// exportPage is how many projects an export reads at a time.
const exportPage = 1000

func (s *Server) exportProjects(ctx context.Context, in *ProjectQuery) (*fileOutput, error) {
	f, err := in.filter()
	if err != nil {
		return nil, err
	}
	// Check the filter (and the caller) before writing anything.
	f.Limit, f.NoTotal = exportPage, true
	var page []*zhaoyin.Project
	i, offset := 0, 0
	page, _, err = s.cfg.Projects.FindProjects(ctx, f)
	if err != nil {
		return nil, err
	}
	next := func() (*zhaoyin.Project, error) {
		if i == len(page) {
			if len(page) < exportPage {
				return nil, nil
			}
			offset += len(page)
			f.Offset = offset
			var err error
			if page, _, err = s.cfg.Projects.FindProjects(ctx, f); err != nil {
				return nil, err
			}
			i = 0
			if len(page) == 0 {
				return nil, nil
			}
		}
		i++
		return page[i-1], nil
	}
	var buf bytes.Buffer
	if err := sheet.WriteProjects(&buf, next); err != nil {
		return nil, err
	}
	day := time.Now().In(china).Format("20060102")
	return &fileOutput{
		ContentType:        XLSXType,
		ContentDisposition: Attachment("项目库_"+day+".xlsx", "projects_"+day+".xlsx"),
		Body:               buf.Bytes(),
	}, nil
}

func (s *Server) getProject(ctx context.Context, in *codeInput) (*projectOutput, error) {
	p, err := s.cfg.Projects.FindProject(ctx, in.Code)
	if err != nil {
		return nil, err
	}
	return &projectOutput{Body: projectOut(p)}, nil
}

func (s *Server) createProject(ctx context.Context, in *createProjectInput) (*projectOutput, error) {
	p := in.Body.project()
	if err := s.cfg.Projects.CreateProject(ctx, p); err != nil {
		return nil, err
	}
	return &projectOutput{Body: projectOut(p)}, nil
}

func (s *Server) patchProject(ctx context.Context, in *patchProjectInput) (*projectOutput, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(in.RawBody, &raw); err != nil {
		return nil, &Error{Status: http.StatusBadRequest, Message: "请求体不是有效的 JSON 对象"}
	}
	b := in.Body
	if b.Code != nil || b.Stage != nil || b.DroppedOn != nil {
		// Fields that cannot change here may come back as read; anything else is a mistake
		// worth saying rather than ignoring.
		cur, err := s.cfg.Projects.FindProject(ctx, in.Code)
		if err != nil {
			return nil, err
		}
		switch {
		case b.Code != nil && *b.Code != cur.Code:
			return nil, zhaoyin.FieldError("code", "项目编码不能修改")
		case b.Stage != nil && zhaoyin.Stage(*b.Stage) != cur.Stage:
			return nil, zhaoyin.FieldError("stage", "阶段不能在此修改，请使用“推进阶段”（POST /api/v1/projects/%s/stage）", cur.Code)
		case b.DroppedOn != nil && *b.DroppedOn != cur.DroppedOn:
			return nil, zhaoyin.FieldError("dropped_on", "终止日期不能在此修改")
		}
	}
	p, err := s.cfg.Projects.UpdateProject(ctx, in.Code, patchUpdate(raw, b.Version))
	if err != nil {
		return nil, err
	}
	return &projectOutput{Body: projectOut(p)}, nil
}

func (s *Server) advanceStage(ctx context.Context, in *stageInput) (*projectOutput, error) {
	p, err := s.cfg.Projects.AdvanceStage(ctx, in.Code, zhaoyin.Stage(in.Body.Stage), in.Body.On, in.Body.Reason)
	if err != nil {
		return nil, err
	}
	return &projectOutput{Body: projectOut(p)}, nil
}

func (s *Server) projectHistory(ctx context.Context, in *codeInput) (*historyOutput, error) {
	list, err := s.cfg.Projects.ProjectHistory(ctx, in.Code)
	if err != nil {
		return nil, err
	}
	out := &historyOutput{}
	out.Body.Items = list
	if out.Body.Items == nil {
		out.Body.Items = []*zhaoyin.AuditEntry{}
	}
	return out, nil
}

func (s *Server) projectProgress(ctx context.Context, in *codeInput) (*progressOutput, error) {
	list, err := s.cfg.Progress.FindProgress(ctx, in.Code)
	if err != nil {
		return nil, err
	}
	out := &progressOutput{}
	out.Body.Items = list
	if out.Body.Items == nil {
		out.Body.Items = []*zhaoyin.Progress{}
	}
	return out, nil
}

package httpapi

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"zhaoyin"
)

type summaryInput struct {
	Region        string     `query:"region" doc:"区域代码；不填为您的全部管辖范围"`
	From          string     `query:"from" required:"true" doc:"起始日期 YYYY-MM-DD（含）"`
	To            string     `query:"to" required:"true" doc:"截止日期 YYYY-MM-DD（含）"`
	MinInvestment Opt[int64] `query:"min_investment_yuan" minimum:"0" doc:"只统计总投资不少于该金额（元）的项目，如 100000000 为过亿元项目"`
}

type groupInput struct {
	GroupBy GroupByValue `query:"group_by" required:"true"`
	Region  string       `query:"region" doc:"区域代码；group_by=region 时每个直接下级区域一行"`
	Batch   string       `query:"batch" doc:"批次名称"`
	Tag     string       `query:"tag" doc:"标签"`
}

type groupOutput struct {
	Body struct {
		Rows []zhaoyin.GroupRow `json:"rows" nullable:"false"`
	}
}

type bulletinInput struct {
	Region string `query:"region" doc:"区域代码；不填为您的全部管辖范围"`
	Year   int    `query:"year" required:"true" minimum:"1990" maximum:"2200" doc:"年份 YYYY"`
}

type bulletinOutput struct {
	ContentType string `header:"Content-Type"`
	Body        []byte
}

var (
	errNoStats    = &Error{Status: http.StatusServiceUnavailable, Message: "统计服务尚未启用"}
	errNoBulletin = &Error{Status: http.StatusServiceUnavailable, Message: "工作通报服务尚未启用"}
)

func (s *Server) registerStats() {
	tags := []string{"统计"}
	huma.Register(s.api, huma.Operation{
		OperationID: "stats-summary", Method: http.MethodGet, Path: "/stats/summary", Tags: tags,
		Summary:     "统计概要",
		Description: "期间内新签约、新立项、新开工、新投产、到位资金（含上年同期与同比）、完成投资，口径见 DOMAIN.md。yoy_pct 为百分数（10.2 即 10.2%），上年同期为零时为 null。",
		Errors:      []int{401, 422, 503},
	}, func(ctx context.Context, in *summaryInput) (*struct{ Body *zhaoyin.Summary }, error) {
		f := zhaoyin.SummaryFilter{Region: in.Region, From: in.From, To: in.To, MinInvestment: in.MinInvestment.Value}
		if _, err := zhaoyin.ParseDate(in.From); err != nil {
			return nil, zhaoyin.FieldError("from", "参数 from 无效：%v", err)
		}
		if _, err := zhaoyin.ParseDate(in.To); err != nil {
			return nil, zhaoyin.FieldError("to", "参数 to 无效：%v", err)
		}
		if in.To < in.From {
			return nil, zhaoyin.FieldError("to", "截止日期 %s 早于起始日期 %s", in.To, in.From)
		}
		if s.cfg.Stats == nil {
			return nil, errNoStats
		}
		sum, err := s.cfg.Stats.Summary(ctx, f)
		if err != nil {
			return nil, err
		}
		return &struct{ Body *zhaoyin.Summary }{Body: sum}, nil
	})
	huma.Register(s.api, huma.Operation{
		OperationID: "stats-projects", Method: http.MethodGet, Path: "/stats/projects", Tags: tags,
		Summary:     "项目分组统计",
		Description: "按区域、类型、产业链、阶段或资金来源分组的项目个数、总投资、年度计划投资。group_by=region 时每个直接下级区域一行。",
		Errors:      []int{401, 422, 503},
	}, func(ctx context.Context, in *groupInput) (*groupOutput, error) {
		if s.cfg.Stats == nil {
			return nil, errNoStats
		}
		rows, err := s.cfg.Stats.GroupProjects(ctx, zhaoyin.GroupFilter{GroupBy: string(in.GroupBy), Region: in.Region, Batch: in.Batch, Tag: in.Tag})
		if err != nil {
			return nil, err
		}
		out := &groupOutput{}
		out.Body.Rows = rows
		if out.Body.Rows == nil {
			out.Body.Rows = []zhaoyin.GroupRow{}
		}
		return out, nil
	})
}

// registerBulletin adds the Markdown bulletin of API.md unless a package wired through
// Config.Extra has registered a richer one (quarters, months, .docx, print view) on the
// same path.
func (s *Server) registerBulletin() {
	if pi := s.api.OpenAPI().Paths["/reports/bulletin"]; pi != nil && pi.Get != nil {
		return
	}
	huma.Register(s.api, huma.Operation{
		OperationID: "bulletin", Method: http.MethodGet, Path: "/reports/bulletin", Tags: []string{"通报"},
		Summary:     "年度招商引资工作通报",
		Description: "返回 text/markdown; charset=utf-8：由数据写成的年度工作通报（中文）。",
		Responses: map[string]*huma.Response{"200": {
			Description: "Markdown 通报",
			Content:     map[string]*huma.MediaType{"text/markdown": {Schema: &huma.Schema{Type: huma.TypeString}}},
		}},
		Errors: []int{401, 422, 503},
	}, func(ctx context.Context, in *bulletinInput) (*bulletinOutput, error) {
		if s.cfg.Bulletin == nil {
			return nil, errNoBulletin
		}
		md, err := s.cfg.Bulletin(ctx, in.Region, in.Year)
		if err != nil {
			return nil, err
		}
		return &bulletinOutput{ContentType: "text/markdown; charset=utf-8", Body: []byte(md)}, nil
	})
}

func (s *Server) register() {
	s.registerAuth()
	s.registerRegions()
	s.registerProjects()
	s.registerImports()
	s.registerDicts()
	s.registerDictionaries()
	s.registerUsers()
	s.registerAudit()
	s.registerStats()
}

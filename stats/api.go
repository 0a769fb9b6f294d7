package stats

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"zhaoyin"
	"zhaoyin/httpapi"
	"zhaoyin/store"
)

// The statistics routes beyond API.md's two (/stats/summary and /stats/projects, served by
// httpapi through zhaoyin.StatsService), and the bulletin in every format.
//
// Register expects api rooted at /api/v1 with authentication in front, as httpapi.Config.Extra
// hands it over: operations there refuse anonymous callers (401) and turn the zhaoyin errors
// that handlers return into {"error": "…"} with the status of their code. Handlers therefore
// return zhaoyin errors as they are; the caller's scope comes from the context and is applied
// by the store.

// Option adjusts Register.
type Option func(*options)

type options struct{ bulletin bool }

// WithoutBulletin leaves GET /reports/bulletin to another registration.
func WithoutBulletin() Option { return func(o *options) { o.bulletin = false } }

// Register adds the routes:
//
//	GET /stats/monthly?region&year
//	GET /stats/cycle-times?region&from&to&group_by=region|chain
//	GET /stats/warnings?region&as_of&months=6
//	GET /stats/ranking?region&from&to
//	GET /reports/bulletin?region&year[&quarter|&month][&format=md|docx|html]
//
// The bulletin route is skipped when api already has one (httpapi registers an md-only one
// when its Config.Bulletin is set), so that both can be wired without a duplicate-route panic.
func Register(api huma.API, svc *store.StatsService, opts ...Option) {
	o := options{bulletin: true}
	for _, opt := range opts {
		opt(&o)
	}
	tags := []string{"统计"}
	errs := []int{401, 403, 422}

	huma.Register(api, huma.Operation{
		OperationID: "stats-monthly", Method: http.MethodGet, Path: "/stats/monthly", Tags: tags,
		Summary:     "逐月统计",
		Description: "当年与上年 12 个月的到位资金、完成投资、新签约与新开工个数（驾驶舱图表）。",
		Errors:      errs,
	}, func(ctx context.Context, in *monthlyInput) (*struct{ Body *store.Monthly }, error) {
		m, err := svc.Monthly(ctx, in.Region, in.Year)
		if err != nil {
			return nil, err
		}
		return &struct{ Body *store.Monthly }{m}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "stats-cycle-times", Method: http.MethodGet, Path: "/stats/cycle-times", Tags: tags,
		Summary: "项目周期",
		Description: "洽谈→签约、签约→开工、开工→投产所用天数：个数、中位数、四分位数与分布（0-30、31-60、61-90、91-180、181-365、365 天以上）。" +
			"某一步的后一日期落在期间内即计入该期间。group_by=region 按直接下级区域、chain 按产业链分组，不填为合计。",
		Errors: errs,
	}, func(ctx context.Context, in *cycleInput) (*struct{ Body *store.CycleTimes }, error) {
		c, err := svc.CycleTimes(ctx, in.Region, in.From, in.To, in.GroupBy)
		if err != nil {
			return nil, err
		}
		return &struct{ Body *store.CycleTimes }{c}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "stats-warnings", Method: http.MethodGet, Path: "/stats/warnings", Tags: tags,
		Summary: "预警",
		Description: "截至 as_of 的三类预警：签约满 months 个月未开工；在建项目前两个月未报送调度；" +
			"本年到位资金低于年度计划序时进度的 50%。每类最多列 1000 个项目（最严重的在前），*_total 为总数。",
		Errors: errs,
	}, func(ctx context.Context, in *warningsInput) (*struct{ Body *store.Warnings }, error) {
		w, err := svc.Warnings(ctx, in.Region, in.AsOf, in.Months)
		if err != nil {
			return nil, err
		}
		return &struct{ Body *store.Warnings }{w}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "stats-ranking", Method: http.MethodGet, Path: "/stats/ranking", Tags: tags,
		Summary: "区域排名",
		Description: "region 的每个直接下级区域在期间内的新签约个数与金额、新开工、到位资金、完成投资、过亿元项目个数、制造业签约金额占比，" +
			"及各项排名（并列同名次）。region 不填为您的管辖区域。",
		Errors: errs,
	}, func(ctx context.Context, in *rankingInput) (*struct{ Body *store.Ranking }, error) {
		r, err := svc.Ranking(ctx, in.Region, in.From, in.To)
		if err != nil {
			return nil, err
		}
		return &struct{ Body *store.Ranking }{r}, nil
	})

	if pi := api.OpenAPI().Paths["/reports/bulletin"]; !o.bulletin || (pi != nil && pi.Get != nil) {
		return
	}
	huma.Register(api, huma.Operation{
		OperationID: "bulletin", Method: http.MethodGet, Path: "/reports/bulletin", Tags: []string{"通报"},
		Summary: "招商引资工作通报",
		Description: "由数据写成的工作通报（中文）：一年（year），或其中一个季度（quarter）或月份（month）。" +
			"format=md（默认）返回 text/markdown; charset=utf-8，docx 返回 Word 文档，html 返回可直接打印的网页。",
		Responses: map[string]*huma.Response{"200": {
			Description: "通报",
			Content: map[string]*huma.MediaType{
				"text/markdown": {Schema: &huma.Schema{Type: huma.TypeString}},
				"text/html":     {Schema: &huma.Schema{Type: huma.TypeString}},
				docxType:        {Schema: &huma.Schema{Type: huma.TypeString, Format: "binary"}},
			},
		}},
		Errors: errs,
	}, func(ctx context.Context, in *bulletinInput) (*bulletinOutput, error) {
		r, err := svc.StatsRegion(ctx, in.Region)
		if err != nil {
			return nil, err
		}
		md, err := BulletinFor(ctx, svc, r.Name, r.Code, in.Year, in.Quarter, in.Month)
		if err != nil {
			return nil, err
		}
		out := &bulletinOutput{CacheControl: "no-store"}
		switch in.Format {
		case "", "md":
			out.ContentType, out.Body = "text/markdown; charset=utf-8", []byte(md)
		case "html":
			out.ContentType, out.Body = "text/html; charset=utf-8", []byte(BulletinHTML(md))
		case "docx":
			b, err := BulletinDocx(md)
			if err != nil {
				return nil, err
			}
			from, to, _ := Period(in.Year, in.Quarter, in.Month)
			label, _ := PeriodLabel(from, to)
			name := r.Name + label + "招商引资工作通报.docx"
			out.ContentType, out.Body = docxType, b
			out.ContentDisposition = httpapi.Attachment(name, "bulletin-"+r.Code+"-"+from[:7]+".docx")
		default:
			return nil, zhaoyin.FieldError("format", "格式“%s”无效，应为 md、docx 或 html", in.Format)
		}
		return out, nil
	})
}

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

type monthlyInput struct {
	Region string `query:"region" doc:"区域代码（含下级区域）；不填为您的全部管辖范围"`
	Year   int    `query:"year" required:"true" minimum:"1990" maximum:"2200" doc:"年份 YYYY"`
}

type cycleInput struct {
	Region  string `query:"region" doc:"区域代码；不填为您的全部管辖范围（group_by=region 时为您的管辖区域）"`
	From    string `query:"from" required:"true" doc:"起始日期 YYYY-MM-DD（含）"`
	To      string `query:"to" required:"true" doc:"截止日期 YYYY-MM-DD（含）"`
	GroupBy string `query:"group_by" enum:"region,chain" doc:"region 按直接下级区域，chain 按产业链；不填为合计"`
}

type warningsInput struct {
	Region string `query:"region" doc:"区域代码；不填为您的全部管辖范围"`
	AsOf   string `query:"as_of" required:"true" doc:"截止日期 YYYY-MM-DD"`
	Months int    `query:"months" default:"6" minimum:"1" maximum:"120" doc:"签约满多少个月未开工即预警，默认 6"`
}

type rankingInput struct {
	Region string `query:"region" doc:"上级区域代码；不填为您的管辖区域"`
	From   string `query:"from" required:"true" doc:"起始日期 YYYY-MM-DD（含）"`
	To     string `query:"to" required:"true" doc:"截止日期 YYYY-MM-DD（含）"`
}

type bulletinInput struct {
	Region  string `query:"region" doc:"区域代码；不填为您的管辖区域"`
	Year    int    `query:"year" required:"true" minimum:"1990" maximum:"2200" doc:"年份 YYYY"`
	Quarter int    `query:"quarter" minimum:"0" maximum:"4" doc:"季度 1–4；不填为全年"`
	Month   int    `query:"month" minimum:"0" maximum:"12" doc:"月份 1–12；不填为全年（不能与 quarter 同时指定）"`
	Format  string `query:"format" enum:"md,docx,html" doc:"md（默认，text/markdown）、docx（Word）或 html（打印页）"`
}

type bulletinOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	Body               []byte
}

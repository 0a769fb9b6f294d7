// Package dispatch serves the monthly dispatch (调度), the three lists (新签约、新立项、新开工)
// and the district assessment (考核 · 比拼) over HTTP, and writes their .xlsx files.
//
// Register adds its operations to the huma API of package httpapi through Config.Extra:
//
//	httpapi.Config{…, Extra: func(api huma.API, mux *http.ServeMux) {
//		dispatch.Register(api, dispatch.Services{
//			Dispatch: store.NewDispatchService(db), Lists: store.NewDispatchService(db),
//			Assessment: store.NewAssessmentService(db), Reports: store.NewProjectService(db),
//		})
//	}}
//
// Paths are relative to the API's prefix (/api/v1). Handlers hold no rules: the services
// scope every query by the user in the context and refuse what a role may not do; errors are
// returned as they are and httpapi turns them into {"error": "…"}.
package dispatch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"zhaoyin"
	"zhaoyin/httpapi"
)

// Services are what the handlers need (the store implements each).
type Services struct {
	Dispatch   zhaoyin.DispatchService
	Lists      zhaoyin.ListService
	Assessment zhaoyin.AssessmentService
	// Reports stores the monthly reports districts submit (ImportProgress: the same rules,
	// the closed-period rule included, as the progress import).
	Reports zhaoyin.ImportService
	// Now is the clock for default periods and file names (nil: time.Now).
	Now func() time.Time
}

type handlers struct{ Services }

func (h *handlers) now() time.Time {
	if h.Now != nil {
		return h.Now()
	}
	return time.Now()
}

// Register adds the dispatch, list and assessment operations to api.
func Register(api huma.API, svc Services) {
	h := &handlers{svc}
	dispatchTags, listTags, assessTags := []string{"调度"}, []string{"三类项目清单"}, []string{"考核比拼"}
	huma.Register(api, huma.Operation{
		OperationID: "list-dispatch-periods", Method: http.MethodGet, Path: "/dispatch/periods", Tags: dispatchTags,
		Summary: "调度期列表", Description: "您所在城市（市级用户：全部城市）的月度调度期，月份新的在前。",
		Errors: []int{401, 422},
	}, h.listPeriods)
	huma.Register(api, huma.Operation{
		OperationID: "open-dispatch-period", Method: http.MethodPost, Path: "/dispatch/periods", Tags: dispatchTags,
		Summary:       "开启调度期",
		Description:   "市级招商部门或管理员开启某月的调度期：region_code 默认为本人所在城市；deadline 默认为次月 5 日。同一月份、同一城市只能开启一次。",
		DefaultStatus: http.StatusCreated, Errors: []int{401, 403, 409, 422},
	}, h.openPeriod)
	huma.Register(api, huma.Operation{
		OperationID: "get-dispatch-period", Method: http.MethodGet, Path: "/dispatch/periods/{month}", Tags: dispatchTags,
		Summary: "调度期详情", Errors: []int{401, 404, 422},
	}, h.getPeriod)
	huma.Register(api, huma.Operation{
		OperationID: "close-dispatch-period", Method: http.MethodPost, Path: "/dispatch/periods/{month}/close", Tags: dispatchTags,
		Summary:     "关闭调度期",
		Description: "关闭后该月份的调度数据只读：任何导入或修改都会被拒绝，直至重新开启。记入操作日志。",
		Errors:      []int{401, 403, 404, 409, 422},
	}, h.closePeriod)
	huma.Register(api, huma.Operation{
		OperationID: "reopen-dispatch-period", Method: http.MethodPost, Path: "/dispatch/periods/{month}/reopen", Tags: dispatchTags,
		Summary:     "重新开启调度期",
		Description: "市级招商部门或管理员重新开启已关闭的调度期以便更正，原因记入操作日志。",
		Errors:      []int{401, 403, 404, 409, 422},
	}, h.reopenPeriod)
	huma.Register(api, huma.Operation{
		OperationID: "dispatch-period-status", Method: http.MethodGet, Path: "/dispatch/periods/{month}/status", Tags: dispatchTags,
		Summary: "报送情况",
		Description: "城市下辖每个区域的应报项目数、已报送数、未报送数（及未报送项目）、最近报送时间、是否逾期、最近催报时间，以及催报记录。" +
			"应报项目：月底前已立项、且月初前未达效、未终止的项目（即当月处于立项、开工、投产阶段），以及当月已报送的项目。区县用户只看到本区域。",
		Errors: []int{401, 404, 422},
	}, h.periodStatus)
	huma.Register(api, huma.Operation{
		OperationID: "remind-dispatch-period", Method: http.MethodPost, Path: "/dispatch/periods/{month}/remind", Tags: dispatchTags,
		Summary:       "催报",
		Description:   "记录一次催报（谁、何时、哪些区域）并记入操作日志；不发送邮件，页面显示。region_codes 为空时催报所有有未报送项目的区域。",
		DefaultStatus: http.StatusCreated, Errors: []int{401, 403, 404, 422},
	}, h.remind)
	huma.Register(api, huma.Operation{
		OperationID: "dispatch-table", Method: http.MethodGet, Path: "/dispatch/periods/{month}/table", Tags: dispatchTags,
		Summary:     "调度表",
		Description: "该月应报项目逐项的到位资金、完成投资（本月与本年累计）、形象进度和存在问题，按区域分组并有小计和合计。未开启调度期的月份（历史数据）也可查看。",
		Errors:      []int{401, 404, 422},
	}, h.table)
	huma.Register(api, huma.Operation{
		OperationID: "dispatch-table-xlsx", Method: http.MethodGet, Path: "/dispatch/periods/{month}/table.xlsx", Tags: dispatchTags,
		Summary: "导出调度表（Excel）", Description: "与调度表相同的内容：每个项目一行，按区域分组，区域小计、全市合计，金额单位万元。",
		Responses: httpapi.XLSXResponse("调度表 .xlsx 文件"), Errors: []int{401, 404, 422},
	}, h.tableXLSX)
	huma.Register(api, huma.Operation{
		OperationID: "submit-dispatch-reports", Method: http.MethodPost, Path: "/dispatch/periods/{month}/reports", Tags: dispatchTags,
		Summary: "报送调度情况",
		Description: "区县逐项报送本月到位资金、完成投资、形象进度和存在问题；已报送的再次提交即更新。全部正确才保存，" +
			"出错时 errors 的 row 为 items 中的序号（从 1 开始）。调度期已关闭的月份拒绝报送。",
		Errors: []int{401, 403, 422},
	}, h.submit)
	huma.Register(api, huma.Operation{
		OperationID: "project-lists", Method: http.MethodGet, Path: "/lists", Tags: listTags,
		Summary: "三类项目清单",
		Description: "某区域某期间的新签约（签约日期在期间内）、新立项（立项日期）、新开工（开工日期）项目清单及合计。" +
			"期间用 from、to（YYYY-MM-DD，含两端）或 month（YYYY-MM）指定，都不填为本月。",
		Errors: []int{401, 422},
	}, h.lists)
	huma.Register(api, huma.Operation{
		OperationID: "project-lists-xlsx", Method: http.MethodGet, Path: "/lists.xlsx", Tags: listTags,
		Summary: "导出三类项目清单（Excel）", Description: "每类清单一个工作表，中文表头，金额单位万元，末行合计。参数同 /lists。",
		Responses: httpapi.XLSXResponse("三类项目清单 .xlsx 文件"), Errors: []int{401, 422},
	}, h.listsXLSX)
	huma.Register(api, huma.Operation{
		OperationID: "assessment-indicators", Method: http.MethodGet, Path: "/assessment/indicators", Tags: assessTags,
		Summary: "考核指标库", Description: "可用的指标及其单位：yuan（元）、count（个）、0.01%（万分之一，7533 表示 75.33%）。目标值按指标单位填写。",
		Errors: []int{401},
	}, h.indicators)
	huma.Register(api, huma.Operation{
		OperationID: "list-assessment-schemes", Method: http.MethodGet, Path: "/assessment/schemes", Tags: assessTags,
		Summary: "考核方案列表", Errors: []int{401},
	}, h.listSchemes)
	huma.Register(api, huma.Operation{
		OperationID: "create-assessment-scheme", Method: http.MethodPost, Path: "/assessment/schemes", Tags: assessTags,
		Summary: "新建考核方案",
		Description: "市级招商部门或管理员为某城市某年度配置考核方案：指标（见指标库）、目标（统一目标 target，或 targets 按区域）、权重和计分方法。" +
			"ratio：min(完成 ÷ 目标, cap) × 权重（cap 默认 1.2）；rank：权重 ×（n − 名次 + 1）÷ n。",
		DefaultStatus: http.StatusCreated, Errors: []int{401, 403, 409, 422},
	}, h.createScheme)
	huma.Register(api, huma.Operation{
		OperationID: "get-assessment-scheme", Method: http.MethodGet, Path: "/assessment/schemes/{id}", Tags: assessTags,
		Summary: "考核方案详情", Errors: []int{401, 404},
	}, h.getScheme)
	huma.Register(api, huma.Operation{
		OperationID: "update-assessment-scheme", Method: http.MethodPut, Path: "/assessment/schemes/{id}", Tags: assessTags,
		Summary: "修改考核方案", Description: "整体替换方案的年度、名称和指标（所属城市不变）；带上最近读取的 version，过期返回 409。",
		Errors: []int{401, 403, 404, 409, 422},
	}, h.updateScheme)
	huma.Register(api, huma.Operation{
		OperationID: "delete-assessment-scheme", Method: http.MethodDelete, Path: "/assessment/schemes/{id}", Tags: assessTags,
		Summary: "删除考核方案", DefaultStatus: http.StatusNoContent, Errors: []int{401, 403, 404},
	}, h.deleteScheme)
	huma.Register(api, huma.Operation{
		OperationID: "assessment-scores", Method: http.MethodGet, Path: "/assessment/schemes/{id}/scores", Tags: assessTags,
		Summary: "考核得分与排名",
		Description: "按方案年度的数据计算城市下辖每个区域各指标的完成值、得分、总分和名次（同分同名次）。" +
			"区县用户只看到本区域一行（名次为在全部区域中的名次）。",
		Errors: []int{401, 404},
	}, h.scores)
	huma.Register(api, huma.Operation{
		OperationID: "assessment-scores-xlsx", Method: http.MethodGet, Path: "/assessment/schemes/{id}/scores.xlsx", Tags: assessTags,
		Summary: "导出考核排名（Excel）", Responses: httpapi.XLSXResponse("考核排名 .xlsx 文件"), Errors: []int{401, 404},
	}, h.scoresXLSX)
}

// needUser refuses anonymous calls even if the API in front forgot to (the store would take
// a missing user for the system itself).
func needUser(ctx context.Context) error {
	if zhaoyin.UserFromContext(ctx) == nil {
		return zhaoyin.Errorf(zhaoyin.EUNAUTHORIZED, "请先登录")
	}
	return nil
}

// Inputs and outputs.

type monthInput struct {
	Month  string `path:"month" doc:"月份 YYYY-MM" example:"2024-03"`
	Region string `query:"region" doc:"区域代码：默认为本人所在城市；市级用户在多城市部署中用它指定城市，也可指定下辖区域只看该区域"`
}

type periodOutput struct {
	Body *zhaoyin.DispatchPeriod
}

type dispatchPeriodsOutput struct {
	Body struct {
		Items []*zhaoyin.DispatchPeriod `json:"items" nullable:"false"`
	}
}

type listPeriodsInput struct {
	Year   int    `query:"year" minimum:"0" doc:"年度，不填为全部"`
	Region string `query:"region" doc:"只列覆盖该区域的调度期"`
}

func (h *handlers) listPeriods(ctx context.Context, in *listPeriodsInput) (*dispatchPeriodsOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	list, err := h.Dispatch.FindPeriods(ctx, zhaoyin.DispatchPeriodFilter{Year: in.Year, Region: in.Region})
	if err != nil {
		return nil, err
	}
	out := &dispatchPeriodsOutput{}
	out.Body.Items = list
	if out.Body.Items == nil {
		out.Body.Items = []*zhaoyin.DispatchPeriod{}
	}
	return out, nil
}

type dispatchOpenInput struct {
	Body struct {
		Month      string `json:"month" doc:"月份 YYYY-MM" example:"2024-03"`
		Deadline   string `json:"deadline,omitempty" doc:"报送截止日期 YYYY-MM-DD，默认次月 5 日" example:"2024-04-05"`
		RegionCode string `json:"region_code,omitempty" doc:"城市代码，默认本人所在城市"`
	}
}

func (h *handlers) openPeriod(ctx context.Context, in *dispatchOpenInput) (*periodOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	p, err := h.Dispatch.OpenPeriod(ctx, zhaoyin.DispatchOpening{Month: in.Body.Month, Deadline: in.Body.Deadline, RegionCode: in.Body.RegionCode})
	if err != nil {
		return nil, err
	}
	return &periodOutput{Body: p}, nil
}

func (h *handlers) getPeriod(ctx context.Context, in *monthInput) (*periodOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	p, err := h.Dispatch.FindPeriod(ctx, in.Month, in.Region)
	if err != nil {
		return nil, err
	}
	return &periodOutput{Body: p}, nil
}

func (h *handlers) closePeriod(ctx context.Context, in *monthInput) (*periodOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	p, err := h.Dispatch.ClosePeriod(ctx, in.Month, in.Region)
	if err != nil {
		return nil, err
	}
	return &periodOutput{Body: p}, nil
}

type dispatchReopenInput struct {
	Month  string `path:"month" doc:"月份 YYYY-MM" example:"2024-03"`
	Region string `query:"region" doc:"区域代码：默认为本人所在城市；市级用户在多城市部署中用它指定城市，也可指定下辖区域只看该区域"`
	Body   *struct {
		Reason string `json:"reason,omitempty" maxLength:"500" doc:"重新开启的原因（记入操作日志）"`
	}
}

func (h *handlers) reopenPeriod(ctx context.Context, in *dispatchReopenInput) (*periodOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	reason := ""
	if in.Body != nil {
		reason = in.Body.Reason
	}
	p, err := h.Dispatch.ReopenPeriod(ctx, in.Month, in.Region, reason)
	if err != nil {
		return nil, err
	}
	return &periodOutput{Body: p}, nil
}

type statusOutput struct {
	Body *zhaoyin.DispatchStatus
}

func (h *handlers) periodStatus(ctx context.Context, in *monthInput) (*statusOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	st, err := h.Dispatch.PeriodStatus(ctx, in.Month, in.Region)
	if err != nil {
		return nil, err
	}
	return &statusOutput{Body: st}, nil
}

type dispatchRemindInput struct {
	Month  string `path:"month" doc:"月份 YYYY-MM" example:"2024-03"`
	Region string `query:"region" doc:"区域代码：默认为本人所在城市；市级用户在多城市部署中用它指定城市，也可指定下辖区域只看该区域"`
	Body   *struct {
		RegionCodes []string `json:"region_codes,omitempty" doc:"要催报的区域代码；为空则催报所有有未报送项目的区域"`
		Message     string   `json:"message,omitempty" maxLength:"500" doc:"提醒内容，默认“请于截止日期前报送…”"`
	}
}

type reminderOutput struct {
	Body *zhaoyin.DispatchReminder
}

func (h *handlers) remind(ctx context.Context, in *dispatchRemindInput) (*reminderOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	var req zhaoyin.DispatchReminderRequest
	if in.Body != nil {
		req.RegionCodes, req.Message = in.Body.RegionCodes, in.Body.Message
	}
	r, err := h.Dispatch.Remind(ctx, in.Month, in.Region, req)
	if err != nil {
		return nil, err
	}
	return &reminderOutput{Body: r}, nil
}

type tableOutput struct {
	Body *zhaoyin.DispatchTable
}

func (h *handlers) table(ctx context.Context, in *monthInput) (*tableOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	t, err := h.Dispatch.DispatchTable(ctx, in.Month, in.Region)
	if err != nil {
		return nil, err
	}
	return &tableOutput{Body: t}, nil
}

type fileOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	Body               []byte
}

// xlsxFile answers a spreadsheet download, not to be cached.
func xlsxFile(name, fallback string, write func(*bytes.Buffer) error) (*fileOutput, error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return nil, err
	}
	return &fileOutput{
		ContentType:        httpapi.XLSXType,
		ContentDisposition: httpapi.Attachment(name, fallback),
		CacheControl:       "no-store",
		Body:               buf.Bytes(),
	}, nil
}

func (h *handlers) tableXLSX(ctx context.Context, in *monthInput) (*fileOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	t, err := h.Dispatch.DispatchTable(ctx, in.Month, in.Region)
	if err != nil {
		return nil, err
	}
	return xlsxFile(fmt.Sprintf("调度表_%s_%s.xlsx", t.RegionName, t.Month), fmt.Sprintf("dispatch_%s_%s.xlsx", t.RegionCode, t.Month),
		func(b *bytes.Buffer) error { return WriteDispatchTable(b, t) })
}

// DispatchReportItem is one project's report of the month.
type DispatchReportItem struct {
	ProjectCode      string `json:"project_code" minLength:"1" doc:"项目编码"`
	FundsArrivedYuan int64  `json:"funds_arrived_yuan,omitempty" minimum:"0" doc:"本月到位资金（元）"`
	InvestedYuan     int64  `json:"invested_yuan,omitempty" minimum:"0" doc:"本月完成固定资产投资（元）"`
	ProgressText     string `json:"progress_text,omitempty" maxLength:"2000" doc:"形象进度"`
	Problems         string `json:"problems,omitempty" maxLength:"2000" doc:"存在问题"`
}

type dispatchSubmitInput struct {
	Month string `path:"month" doc:"月份 YYYY-MM" example:"2024-03"`
	Body  struct {
		Items []DispatchReportItem `json:"items" minItems:"1" maxItems:"10000" doc:"逐项目报送"`
	}
}

// DispatchSubmitResult is what a submission stored.
type DispatchSubmitResult struct {
	Created int `json:"created" doc:"新报送的项目数"`
	Updated int `json:"updated" doc:"更新已有报送的项目数"`
}

type importOutput struct {
	Body DispatchSubmitResult
}

func (h *handlers) submit(ctx context.Context, in *dispatchSubmitInput) (*importOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	if !zhaoyin.ValidMonth(in.Month) {
		return nil, zhaoyin.FieldError("month", "月份“%s”无效，应写作 2024-03", in.Month)
	}
	rows := make([]*zhaoyin.Progress, len(in.Body.Items))
	for i, it := range in.Body.Items {
		rows[i] = &zhaoyin.Progress{ProjectCode: it.ProjectCode, Month: in.Month, FundsArrivedYuan: it.FundsArrivedYuan,
			InvestedYuan: it.InvestedYuan, ProgressText: it.ProgressText, Problems: it.Problems}
	}
	res, err := h.Reports.ImportProgress(ctx, rows, false)
	if err != nil {
		return nil, itemErrors(err)
	}
	return &importOutput{Body: DispatchSubmitResult{Created: res.Created, Updated: res.Updated}}, nil
}

// itemErrors numbers the bad rows of a submission from 1 and leads with the first reason, so
// that "2024-03 调度期已关闭…" is what a person reads.
func itemErrors(err error) error {
	var e *zhaoyin.Error
	if !errors.As(err, &e) || len(e.Cells) == 0 {
		return err
	}
	out := &zhaoyin.Error{Code: e.Code, Message: "提交失败：" + e.Cells[0].Message, Cells: make([]zhaoyin.CellError, len(e.Cells))}
	if len(e.Cells) > 1 {
		out.Message += fmt.Sprintf("（共 %d 处错误，未保存任何数据）", len(e.Cells))
	}
	for i, c := range e.Cells {
		c.Row++
		out.Cells[i] = c
	}
	return out
}

type listsInput struct {
	Region string `query:"region" doc:"区域代码（含下级区域），默认本人管辖范围"`
	From   string `query:"from" doc:"起始日期 YYYY-MM-DD（含）"`
	To     string `query:"to" doc:"截止日期 YYYY-MM-DD（含）"`
	Month  string `query:"month" doc:"月份 YYYY-MM，代替 from 和 to"`
}

func (in *listsInput) filter(now time.Time) (zhaoyin.ProjectListFilter, error) {
	f := zhaoyin.ProjectListFilter{Region: in.Region, From: in.From, To: in.To}
	month := in.Month
	if month == "" && f.From == "" && f.To == "" {
		month = now.In(zhaoyin.ChinaTime).Format("2006-01")
	}
	switch {
	case month != "":
		t, err := time.Parse("2006-01", month)
		if err != nil || !zhaoyin.ValidMonth(month) {
			return f, zhaoyin.FieldError("month", "月份“%s”无效，应写作 2024-03", month)
		}
		f.From, f.To = t.Format("2006-01-02"), t.AddDate(0, 1, -1).Format("2006-01-02")
	case f.From == "":
		return f, zhaoyin.FieldError("from", "请填写起始日期 from（或用 month 指定月份）")
	case f.To == "":
		return f, zhaoyin.FieldError("to", "请填写截止日期 to（或用 month 指定月份）")
	}
	return f, nil
}

type listsOutput struct {
	Body *zhaoyin.ProjectLists
}

func (h *handlers) lists(ctx context.Context, in *listsInput) (*listsOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	f, err := in.filter(h.now())
	if err != nil {
		return nil, err
	}
	l, err := h.Lists.ProjectLists(ctx, f)
	if err != nil {
		return nil, err
	}
	return &listsOutput{Body: l}, nil
}

func (h *handlers) listsXLSX(ctx context.Context, in *listsInput) (*fileOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	f, err := in.filter(h.now())
	if err != nil {
		return nil, err
	}
	l, err := h.Lists.ProjectLists(ctx, f)
	if err != nil {
		return nil, err
	}
	code := l.RegionCode
	if code == "" {
		code = "all"
	}
	return xlsxFile(fmt.Sprintf("三类项目清单_%s_%s_%s.xlsx", l.RegionName, l.From, l.To), fmt.Sprintf("lists_%s_%s_%s.xlsx", code, l.From, l.To),
		func(b *bytes.Buffer) error { return WriteLists(b, l) })
}

type assessmentIndicatorsOutput struct {
	Body struct {
		Items []zhaoyin.AssessmentIndicatorDef `json:"items" nullable:"false"`
	}
}

func (h *handlers) indicators(ctx context.Context, _ *struct{}) (*assessmentIndicatorsOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	out := &assessmentIndicatorsOutput{}
	out.Body.Items = zhaoyin.AssessmentIndicators
	return out, nil
}

type schemesInput struct {
	Year int `query:"year" minimum:"0" doc:"年度，不填为全部"`
}

type assessmentSchemesOutput struct {
	Body struct {
		Items []*zhaoyin.AssessmentScheme `json:"items" nullable:"false"`
	}
}

func (h *handlers) listSchemes(ctx context.Context, in *schemesInput) (*assessmentSchemesOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	list, err := h.Assessment.FindSchemes(ctx, in.Year)
	if err != nil {
		return nil, err
	}
	out := &assessmentSchemesOutput{}
	out.Body.Items = list
	if out.Body.Items == nil {
		out.Body.Items = []*zhaoyin.AssessmentScheme{}
	}
	return out, nil
}

// AssessmentSchemeInput is the body of POST and PUT /assessment/schemes.
type AssessmentSchemeInput struct {
	Year       int                        `json:"year" doc:"考核年度" example:"2024"`
	RegionCode string                     `json:"region_code,omitempty" doc:"城市代码，默认本人所在城市；修改时不可变"`
	Name       string                     `json:"name,omitempty" doc:"方案名称，默认“某年度招商引资考核”"`
	Indicators []AssessmentIndicatorInput `json:"indicators" minItems:"1" maxItems:"50" doc:"指标，按显示顺序"`
	Version    int                        `json:"version,omitempty" doc:"修改时带上最近读取的版本号；不带则不检查"`
	// Read-only fields a client may send back as it read them.
	ID         int64     `json:"id,omitempty" doc:"只读，提交时忽略"`
	RegionName string    `json:"region_name,omitempty" doc:"只读，提交时忽略"`
	UpdatedBy  string    `json:"updated_by,omitempty" doc:"只读，提交时忽略"`
	UpdatedAt  time.Time `json:"updated_at,omitzero" doc:"只读，提交时忽略"`
}

// AssessmentIndicatorInput is one indicator of a scheme as submitted.
type AssessmentIndicatorInput struct {
	Key     string           `json:"key" doc:"指标（见 /assessment/indicators）：funds_arrived、invested、signed_count、signed_amount、started_count、over_yi_count、manufacturing_share"`
	Label   string           `json:"label,omitempty" doc:"显示名称，默认取指标库名称"`
	Weight  float64          `json:"weight" doc:"权重（分）：完成目标时得满分"`
	Method  string           `json:"method" enum:"ratio,rank" doc:"计分方法：ratio 按完成率，rank 按排名"`
	Cap     float64          `json:"cap,omitempty" doc:"ratio 的封顶系数，默认 1.2（最多计 120%）"`
	Target  int64            `json:"target,omitempty" doc:"统一目标，按指标单位（元、个、0.01%）"`
	Targets map[string]int64 `json:"targets,omitempty" doc:"按区域的目标：区域代码 → 目标值，未列出的区域用统一目标"`
}

func (in *AssessmentSchemeInput) scheme() *zhaoyin.AssessmentScheme {
	sc := &zhaoyin.AssessmentScheme{Year: in.Year, RegionCode: in.RegionCode, Name: in.Name, Version: in.Version}
	for _, i := range in.Indicators {
		sc.Indicators = append(sc.Indicators, zhaoyin.AssessmentIndicator{Key: i.Key, Label: i.Label, Weight: i.Weight, Method: i.Method, Cap: i.Cap, Target: i.Target, Targets: i.Targets})
	}
	return sc
}

type schemeBody struct {
	Body AssessmentSchemeInput
}

type schemeOutput struct {
	Body *zhaoyin.AssessmentScheme
}

func (h *handlers) createScheme(ctx context.Context, in *schemeBody) (*schemeOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	sc := in.Body.scheme()
	if err := h.Assessment.CreateScheme(ctx, sc); err != nil {
		return nil, err
	}
	return &schemeOutput{Body: sc}, nil
}

type idInput struct {
	ID int64 `path:"id" doc:"考核方案编号"`
}

func (h *handlers) getScheme(ctx context.Context, in *idInput) (*schemeOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	sc, err := h.Assessment.FindScheme(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &schemeOutput{Body: sc}, nil
}

type updateSchemeInput struct {
	ID   int64 `path:"id" doc:"考核方案编号"`
	Body AssessmentSchemeInput
}

func (h *handlers) updateScheme(ctx context.Context, in *updateSchemeInput) (*schemeOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	sc, err := h.Assessment.UpdateScheme(ctx, in.ID, in.Body.scheme())
	if err != nil {
		return nil, err
	}
	return &schemeOutput{Body: sc}, nil
}

func (h *handlers) deleteScheme(ctx context.Context, in *idInput) (*struct{}, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	return nil, h.Assessment.DeleteScheme(ctx, in.ID)
}

type scoresOutput struct {
	Body *zhaoyin.Assessment
}

func (h *handlers) scores(ctx context.Context, in *idInput) (*scoresOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	a, err := h.Assessment.Scores(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &scoresOutput{Body: a}, nil
}

func (h *handlers) scoresXLSX(ctx context.Context, in *idInput) (*fileOutput, error) {
	if err := needUser(ctx); err != nil {
		return nil, err
	}
	a, err := h.Assessment.Scores(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return xlsxFile(fmt.Sprintf("考核排名_%s%s.xlsx", a.Scheme.RegionName, a.Scheme.Name), fmt.Sprintf("assessment_%d_%d.xlsx", a.Scheme.ID, a.Scheme.Year),
		func(b *bytes.Buffer) error { return WriteAssessment(b, a) })
}

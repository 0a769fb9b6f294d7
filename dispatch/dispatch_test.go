package dispatch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/xuri/excelize/v2"

	"zhaoyin"
	"zhaoyin/dispatch"
	"zhaoyin/httpapi"
	"zhaoyin/store"
	"zhaoyin/store/storetest"
)

// env is the real API (package httpapi) with the dispatch operations registered through
// Config.Extra, over a fresh database holding Weifang's zones 高新区 and 滨海区, a user and a
// bearer token per role, and a few projects.
type env struct {
	t      *testing.T
	db     *store.DB
	srv    *httptest.Server
	tokens map[string]string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	db := storetest.Open(t)
	ctx := context.Background()
	regions := store.NewRegionService(db)
	for _, z := range []zhaoyin.Region{{Code: "370771", Name: "高新区", ParentCode: "370700", Kind: "zone"}, {Code: "370772", Name: "滨海区", ParentCode: "370700", Kind: "zone"}} {
		if err := regions.CreateRegion(ctx, &z); err != nil {
			t.Fatal(err)
		}
	}
	users := store.NewUserService(db)
	e := &env{t: t, db: db, tokens: map[string]string{}}
	for _, u := range []struct{ as, role, region string }{
		{"admin", "admin", ""}, {"city", "city", "370700"}, {"gx", "district", "370771"}, {"bh", "district", "370772"}, {"leader", "leader", "370700"},
	} {
		if err := users.CreateUser(ctx, &zhaoyin.User{Username: u.as, Role: u.role, RegionCode: u.region}, "correct-horse-42"); err != nil {
			t.Fatal(err)
		}
		tok, err := users.CreateToken(ctx, u.as, "test")
		if err != nil {
			t.Fatal(err)
		}
		e.tokens[u.as] = tok
	}
	projects := store.NewProjectService(db)
	for _, p := range []*zhaoyin.Project{
		project("GX-1", "370771", zhaoyin.StageApproved, 2*zhaoyin.Yi+1234, "2024-01-05", "2024-02-01", "2024-02-10"),
		project("GX-2", "370771", zhaoyin.StageStarted, 3*zhaoyin.Yi, "2024-01-05", "2024-03-02", "2024-03-03", "2024-03-05"),
		project("BH-1", "370772", zhaoyin.StageProducing, 5*zhaoyin.Yi+5678, "2023-01-05", "2023-02-01", "2023-03-01", "2023-05-01", "2024-01-15"),
		project("KW-1", "370705", zhaoyin.StageApproved, 8000*zhaoyin.Wan, "2024-02-05", "2024-03-01", "2024-03-20"),
	} {
		if err := projects.CreateProject(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	ds := store.NewDispatchService(db)
	cfg := httpapi.Config{
		Projects: projects, Regions: regions, Users: users, Progress: store.NewProgressService(db),
		Audit: store.NewAuditService(db), Sessions: store.NewSessionStore(db), Ping: db.Ping,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Extra: func(api huma.API, mux *http.ServeMux) {
			dispatch.Register(api, dispatch.Services{Dispatch: ds, Lists: ds, Assessment: store.NewAssessmentService(db), Reports: projects})
		},
	}
	e.srv = httptest.NewServer(httpapi.New(cfg).Handler())
	t.Cleanup(e.srv.Close)
	return e
}

func project(code, region string, stage zhaoyin.Stage, total int64, dates ...string) *zhaoyin.Project {
	p := &zhaoyin.Project{
		Code: code, Name: "项目" + code, RegionCode: region, Type: zhaoyin.TypeIndustrial, Chain: "高端装备",
		Manufacturing: true, TotalInvestmentYuan: total, AnnualPlanYuan: total / 3, Stage: stage,
		Investors: []zhaoyin.Investor{{Name: "投资方" + code}},
	}
	for i, d := range dates {
		p.SetStageDate(zhaoyin.Stages[i+1], d)
	}
	return p
}

// do makes a request as a user ("" = anonymous) and checks the status.
func (e *env) do(method, url, as string, body any, status int) []byte {
	e.t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			e.t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, e.srv.URL+url, r)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if as != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[as])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != status {
		e.t.Fatalf("%s %s as %q: status %d, want %d: %s", method, url, as, res.StatusCode, status, b)
	}
	return b
}

func contains(t *testing.T, body []byte, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(string(body), p) {
			t.Fatalf("body lacks %s: %s", p, body)
		}
	}
}

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return v
}

func TestDispatchAPI(t *testing.T) {
	e := newEnv(t)
	e.do("GET", "/api/v1/dispatch/periods", "", nil, 401)
	contains(t, e.do("POST", "/api/v1/dispatch/periods", "gx", map[string]any{"month": "2024-03"}, 403), `"error":"只有市级招商部门和管理员可以开启调度期"`)
	contains(t, e.do("POST", "/api/v1/dispatch/periods", "city", map[string]any{"month": "2024-3"}, 422), `"error":"月份“2024-3”无效，应写作 2024-03"`, `"fields":{"month"`)
	contains(t, e.do("POST", "/api/v1/dispatch/periods", "city", map[string]any{"month": "2024-03", "deadline": "2099-04-05"}, 201),
		`"month":"2024-03"`, `"region_code":"370700"`, `"region_name":"潍坊市"`, `"status":"open"`, `"deadline":"2099-04-05"`)
	contains(t, e.do("POST", "/api/v1/dispatch/periods", "city", map[string]any{"month": "2024-03"}, 409), `"error"`)
	contains(t, e.do("GET", "/api/v1/dispatch/periods?year=2024", "gx", nil, 200), `"items":[{`, `"month":"2024-03"`)
	contains(t, e.do("GET", "/api/v1/dispatch/periods/2024-03", "bh", nil, 200), `"status":"open"`)
	contains(t, e.do("GET", "/api/v1/dispatch/periods/2024-04", "bh", nil, 404), `"error":"2024年4月尚未开启调度期"`)

	// 高新区 reports GX-1; a project of 滨海区 in the same submission fails the whole of it.
	contains(t, e.do("POST", "/api/v1/dispatch/periods/2024-03/reports", "gx", map[string]any{"items": []map[string]any{
		{"project_code": "GX-1", "funds_arrived_yuan": 1234567, "invested_yuan": 7654321, "progress_text": "主体施工", "problems": "用电指标"},
		{"project_code": "BH-1", "funds_arrived_yuan": 1},
	}}, 422), `"row":2`, "不在您的管辖范围内")
	contains(t, e.do("POST", "/api/v1/dispatch/periods/2024-03/reports", "gx", map[string]any{"items": []map[string]any{
		{"project_code": "GX-1", "funds_arrived_yuan": 1234567, "invested_yuan": 7654321, "progress_text": "主体施工", "problems": "用电指标"},
	}}, 200), `"created":1`)

	st := decode[zhaoyin.DispatchStatus](t, e.do("GET", "/api/v1/dispatch/periods/2024-03/status", "city", nil, 200))
	missing := map[string]int{}
	for _, r := range st.Regions {
		missing[r.RegionName] = r.Missing
	}
	if st.Due != 4 || st.Reported != 1 || missing["高新区"] != 1 || missing["滨海区"] != 1 || missing["奎文区"] != 1 || missing["潍城区"] != 0 {
		t.Fatalf("status %+v", st)
	}
	mine := decode[zhaoyin.DispatchStatus](t, e.do("GET", "/api/v1/dispatch/periods/2024-03/status", "gx", nil, 200))
	if len(mine.Regions) != 1 || mine.Regions[0].RegionName != "高新区" || mine.Regions[0].MissingProjects[0].Code != "GX-2" {
		t.Fatalf("district status %+v", mine)
	}
	e.do("POST", "/api/v1/dispatch/periods/2024-03/remind", "gx", nil, 403)
	contains(t, e.do("POST", "/api/v1/dispatch/periods/2024-03/remind", "city", map[string]any{"region_codes": []string{"370771"}, "message": "请尽快报送"}, 201),
		`"region_codes":["370771"]`, `"region_names":["高新区"]`, `"created_by":"city"`)
	contains(t, e.do("GET", "/api/v1/dispatch/periods/2024-03/status", "gx", nil, 200), `"message":"请尽快报送"`, `"last_reminded_at":"`)

	// Closed: read-only, with the clear message; nothing changes.
	e.do("POST", "/api/v1/dispatch/periods/2024-03/close", "gx", nil, 403)
	contains(t, e.do("POST", "/api/v1/dispatch/periods/2024-03/close", "city", nil, 200), `"status":"closed"`, `"closed_by":"city"`)
	body := e.do("POST", "/api/v1/dispatch/periods/2024-03/reports", "gx", map[string]any{"items": []map[string]any{
		{"project_code": "GX-1", "funds_arrived_yuan": 1}, {"project_code": "GX-2", "funds_arrived_yuan": 2},
	}}, 422)
	contains(t, body, `"error":"提交失败：2024-03 调度期已关闭，不能修改；如需更正请联系市投资促进局重新开启（共 2 处错误，未保存任何数据）"`,
		`{"row":1,"column":"month","message":"2024-03 调度期已关闭，不能修改；如需更正请联系市投资促进局重新开启"}`, `"row":2`)
	contains(t, e.do("GET", "/api/v1/projects/GX-1/progress", "gx", nil, 200), `"funds_arrived_yuan":1234567`)
	e.do("POST", "/api/v1/dispatch/periods/2024-03/reopen", "gx", map[string]any{"reason": "补报"}, 403)
	contains(t, e.do("POST", "/api/v1/dispatch/periods/2024-03/reopen", "city", map[string]any{"reason": "高新区补报"}, 200), `"status":"open"`, `"reopen_reason":"高新区补报"`)
	audit, _, err := store.NewAuditService(e.db).FindAudit(context.Background(), zhaoyin.AuditFilter{Action: zhaoyin.ActionPeriodReopen})
	if err != nil || len(audit) != 1 || audit[0].Username != "city" {
		t.Fatalf("reopen audit %+v %v", audit, err)
	}
	contains(t, e.do("POST", "/api/v1/dispatch/periods/2024-03/reports", "gx", map[string]any{"items": []map[string]any{
		{"project_code": "GX-2", "funds_arrived_yuan": 50000, "progress_text": "补报"},
	}}, 200), `"created":1`)
	e.do("POST", "/api/v1/dispatch/periods/2024-03/reports", "bh", map[string]any{"items": []map[string]any{
		{"project_code": "BH-1", "funds_arrived_yuan": 98765, "invested_yuan": 43210},
	}}, 200)

	// The table, as JSON and as .xlsx.
	tb := decode[zhaoyin.DispatchTable](t, e.do("GET", "/api/v1/dispatch/periods/2024-03/table", "city", nil, 200))
	if tb.Total.Count != 4 || tb.Total.Reported != 3 || tb.Total.FundsArrivedYuan != 1234567+50000+98765 || len(tb.Groups) != 3 {
		t.Fatalf("table %+v", tb)
	}
	checkTableXLSX(t, e.do("GET", "/api/v1/dispatch/periods/2024-03/table.xlsx", "city", nil, 200), &tb)
	gxTable := e.do("GET", "/api/v1/dispatch/periods/2024-03/table.xlsx", "gx", nil, 200)
	checkTableXLSX(t, gxTable, nil)
	if strings.Contains(string(gxTable), "BH-1") {
		t.Fatal("district table holds another district's project")
	}
}

// checkTableXLSX reads a dispatch table back: every 小计 is the sum of its group's rows,
// 合计 the sum of every project row, in each money column; want, if given, matches.
func checkTableXLSX(t *testing.T, b []byte, want *zhaoyin.DispatchTable) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) != 1 || sheets[0] != "调度表" {
		t.Fatalf("sheets %v", sheets)
	}
	rows, err := f.GetRows("调度表", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[2], ",") != strings.Join(dispatch.DispatchColumns, ",") {
		t.Fatalf("header %v", rows[2])
	}
	if panes, err := f.GetPanes("调度表"); err != nil || !panes.Freeze || panes.YSplit != 3 {
		t.Fatalf("panes %+v %v", panes, err)
	}
	yuan := func(row []string, c int) int64 {
		if c >= len(row) || row[c] == "" {
			return 0
		}
		v, err := strconv.ParseFloat(row[c], 64)
		if err != nil {
			t.Fatalf("cell %d of %v: %v", c, row, err)
		}
		return int64(math.Round(v * float64(zhaoyin.Wan)))
	}
	var group, all [6]int64
	var projects, subtotals int
	sawTotal := false
	for i, row := range rows[3:] {
		if len(row) < 10 {
			t.Fatalf("short row %d: %v", i+4, row)
		}
		switch {
		case strings.HasSuffix(row[2], "小计"):
			subtotals++
			for c := range group {
				if got := yuan(row, 4+c); got != group[c] {
					t.Fatalf("row %d %s column %d: %d, rows add to %d", i+4, row[2], 5+c, got, group[c])
				}
			}
			if formula, _ := f.GetCellFormula("调度表", "E"+strconv.Itoa(i+4)); !strings.HasPrefix(formula, "SUBTOTAL(9,E") {
				t.Fatalf("subtotal formula %q", formula)
			}
			group = [6]int64{}
		case row[2] == "合计":
			sawTotal = true
			for c := range all {
				if got := yuan(row, 4+c); got != all[c] {
					t.Fatalf("合计 column %d: %d, rows add to %d", 5+c, got, all[c])
				}
			}
			if want != nil && (yuan(row, 6) != want.Total.FundsArrivedYuan || yuan(row, 4) != want.Total.TotalInvestmentYuan) {
				t.Fatalf("合计 %v, want %+v", row, want.Total)
			}
		default:
			projects++
			if n, _ := strconv.Atoi(row[0]); n != projects {
				t.Fatalf("序号 %q at row %d", row[0], i+4)
			}
			for c := range group {
				group[c] += yuan(row, 4+c)
				all[c] += yuan(row, 4+c)
			}
		}
	}
	if !sawTotal || subtotals == 0 {
		t.Fatalf("no 合计 or 小计 in %v", rows)
	}
	if want != nil && (projects != want.Total.Count || subtotals != len(want.Groups)) {
		t.Fatalf("%d projects in %d groups, want %d in %d", projects, subtotals, want.Total.Count, len(want.Groups))
	}
}

func TestListsAPI(t *testing.T) {
	e := newEnv(t)
	e.do("GET", "/api/v1/lists?month=2024-03", "", nil, 401)
	l := decode[zhaoyin.ProjectLists](t, e.do("GET", "/api/v1/lists?month=2024-03", "leader", nil, 200))
	codes := func(list zhaoyin.ProjectList) string {
		var out []string
		for _, it := range list.Items {
			out = append(out, it.Code)
		}
		return strings.Join(out, ",")
	}
	if l.From != "2024-03-01" || l.To != "2024-03-31" || codes(l.Lists[0]) != "KW-1,GX-2" || codes(l.Lists[1]) != "GX-2,KW-1" || codes(l.Lists[2]) != "GX-2" {
		t.Fatalf("lists %s | %s | %s", codes(l.Lists[0]), codes(l.Lists[1]), codes(l.Lists[2]))
	}
	mine := decode[zhaoyin.ProjectLists](t, e.do("GET", "/api/v1/lists?from=2024-01-01&to=2024-12-31", "gx", nil, 200))
	if codes(mine.Lists[0]) != "GX-1,GX-2" || mine.RegionName != "高新区" {
		t.Fatalf("district lists %+v", mine)
	}
	contains(t, e.do("GET", "/api/v1/lists?from=2024-01-01", "gx", nil, 422), `"error":"请填写截止日期 to（或用 month 指定月份）"`)

	b := e.do("GET", "/api/v1/lists.xlsx?region=370700&from=2024-01-01&to=2024-12-31", "city", nil, 200)
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "新签约项目,新立项项目,新开工项目" {
		t.Fatalf("sheets %s", got)
	}
	rows, _ := f.GetRows("新签约项目", excelize.Options{RawCellValue: true})
	if strings.Join(rows[0], ",") != "序号,项目编码,项目名称,所属区域,项目类型,所属产业链,总投资(万元),签约金额(万元),签约日期,投资方" {
		t.Fatalf("header %v", rows[0])
	}
	// GX-1 (2024-02-01), KW-1 (2024-03-01), GX-2 (2024-03-02), then 合计.
	if len(rows) != 5 || rows[1][1] != "GX-1" || rows[1][3] != "高新区" || rows[1][4] != "产业类" || rows[1][9] != "投资方GX-1" || rows[4][0] != "合计" {
		t.Fatalf("rows %v", rows)
	}
	var sum float64
	for _, r := range rows[1:4] {
		v, _ := strconv.ParseFloat(r[6], 64)
		sum += v
	}
	total, _ := strconv.ParseFloat(rows[4][6], 64)
	if math.Abs(total-sum) > 1e-6 || math.Abs(total-(20000.1234+30000+8000)) > 1e-6 {
		t.Fatalf("total %v, rows add to %v", total, sum)
	}
	if style, _ := f.GetCellStyle("新签约项目", "G2"); style == 0 {
		t.Fatal("amounts carry no number format")
	}
}

func TestAssessmentAPI(t *testing.T) {
	e := newEnv(t)
	contains(t, e.do("GET", "/api/v1/assessment/indicators", "gx", nil, 200), `"key":"manufacturing_share"`, `"unit":"0.01%"`)
	scheme := map[string]any{"year": 2024, "name": "2024年度五大比拼", "indicators": []map[string]any{
		{"key": "signed_count", "weight": 50, "method": "rank"},
		{"key": "started_count", "weight": 50, "method": "ratio", "target": 1, "targets": map[string]int{"370771": 2}},
	}}
	e.do("POST", "/api/v1/assessment/schemes", "gx", scheme, 403)
	contains(t, e.do("POST", "/api/v1/assessment/schemes", "city", map[string]any{"year": 2024, "indicators": []map[string]any{{"key": "gdp", "weight": 1, "method": "rank"}}}, 422), "不在指标库中")
	sc := decode[zhaoyin.AssessmentScheme](t, e.do("POST", "/api/v1/assessment/schemes", "city", scheme, 201))
	if sc.RegionCode != "370700" || sc.Indicators[1].Cap != 1.2 || sc.Indicators[1].Label != "新开工项目个数" {
		t.Fatalf("scheme %+v", sc)
	}
	id := strconv.FormatInt(sc.ID, 10)
	contains(t, e.do("GET", "/api/v1/assessment/schemes?year=2024", "leader", nil, 200), `"name":"2024年度五大比拼"`)

	// 2024: 高新区 signed 2 and started 1 (target 2), 奎文区 signed 1 and started 0; the other 12
	// regions nothing. signed_count ranks 高新区 1st, 奎文区 2nd, the rest 3rd of 14.
	a := decode[zhaoyin.Assessment](t, e.do("GET", "/api/v1/assessment/schemes/"+id+"/scores", "city", nil, 200))
	if a.Count != 14 || a.Regions[0].RegionName != "高新区" || a.Regions[0].Total != 75 || a.Regions[1].RegionName != "奎文区" ||
		a.Regions[1].Total != round2(50*13.0/14) || a.Regions[2].Rank != 3 || a.Regions[2].Total != round2(50*12.0/14) {
		t.Fatalf("scores %+v", a.Regions[:3])
	}
	mine := decode[zhaoyin.Assessment](t, e.do("GET", "/api/v1/assessment/schemes/"+id+"/scores", "bh", nil, 200))
	if len(mine.Regions) != 1 || mine.Regions[0].RegionName != "滨海区" || mine.Regions[0].Rank != 3 {
		t.Fatalf("district scores %+v", mine)
	}
	f, err := excelize.OpenReader(bytes.NewReader(e.do("GET", "/api/v1/assessment/schemes/"+id+"/scores.xlsx", "city", nil, 200)))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("考核排名", excelize.Options{RawCellValue: true})
	f.Close()
	if len(rows) != 4+14 || rows[4][0] != "1" || rows[4][1] != "高新区" || rows[4][2] != "75" || rows[2][3] != "新签约项目个数（50 分）" || rows[3][5] != "得分" {
		t.Fatalf("scores sheet %v", rows[:6])
	}

	// Update with the version read; a stale one is refused.
	scheme["version"] = 1
	scheme["name"] = "改名"
	contains(t, e.do("PUT", "/api/v1/assessment/schemes/"+id, "city", scheme, 200), `"version":2`, `"name":"改名"`)
	contains(t, e.do("PUT", "/api/v1/assessment/schemes/"+id, "city", scheme, 409), `"error"`)
	e.do("DELETE", "/api/v1/assessment/schemes/"+id, "gx", nil, 403)
	e.do("DELETE", "/api/v1/assessment/schemes/"+id, "city", nil, 204)
	e.do("GET", "/api/v1/assessment/schemes/"+id, "city", nil, 404)
	contains(t, e.do("GET", "/api/v1/openapi.json", "", nil, 200), `"/dispatch/periods/{month}/table.xlsx"`, `"/assessment/schemes/{id}/scores"`)
}

func round2(x float64) float64 { return math.Floor(x*100+0.5+1e-9) / 100 }

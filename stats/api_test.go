package stats_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/humatest"

	"zhaoyin"
	"zhaoyin/httpapi"
	"zhaoyin/stats"
	"zhaoyin/store"
	"zhaoyin/store/storetest"
)

// statsDB holds a few Weifang projects of 2023–2024 with their monthly progress.
func statsDB(t *testing.T) (*store.DB, *store.StatsService) {
	t.Helper()
	db := storetest.Open(t)
	ps := store.NewProjectService(db)
	ctx := context.Background()
	var projects []*zhaoyin.Project
	var progress []*zhaoyin.Progress
	for i, region := range []string{"370705", "370705", "370702", "370783", "370783"} {
		code := "T" + string(rune('A'+i))
		p := &zhaoyin.Project{
			Code: code, Name: "测试项目" + code, RegionCode: region, Type: zhaoyin.TypeIndustrial, Chain: "高端装备",
			Manufacturing: i%2 == 0, CapitalSource: zhaoyin.CapitalOutOfProvince, TotalInvestmentYuan: int64(i+1) * zhaoyin.Yi,
			AnnualPlanYuan: zhaoyin.Yi, Stage: zhaoyin.StageStarted,
			NegotiatingOn: "2023-12-01", SignedOn: "2024-01-1" + string(rune('0'+i)), ApprovedOn: "2024-02-01", StartedOn: "2024-03-01",
		}
		projects = append(projects, p)
		progress = append(progress,
			&zhaoyin.Progress{ProjectCode: code, Month: "2024-03", FundsArrivedYuan: 1000 * zhaoyin.Wan, InvestedYuan: 500 * zhaoyin.Wan},
			&zhaoyin.Progress{ProjectCode: code, Month: "2023-03", FundsArrivedYuan: 800 * zhaoyin.Wan})
	}
	if _, err := ps.ImportProjects(ctx, projects, false); err != nil {
		t.Fatal(err)
	}
	if _, err := ps.ImportProgress(ctx, progress, false); err != nil {
		t.Fatal(err)
	}
	return db, store.NewStatsService(db)
}

// TestRoutes calls the handlers through huma, as httpapi's Extra hook mounts them; the
// caller is put in the context from a test header.
func TestRoutes(t *testing.T) {
	_, svc := statsDB(t)
	_, api := humatest.New(t)
	api.UseMiddleware(func(ctx huma.Context, next func(huma.Context)) {
		if role, region, ok := strings.Cut(ctx.Header("X-Test-User"), ":"); ok {
			ctx = huma.WithContext(ctx, zhaoyin.NewContextWithUser(ctx.Context(), &zhaoyin.User{Username: "t", Role: role, RegionCode: region}))
		}
		next(ctx)
	})
	stats.Register(api, svc)
	city := "X-Test-User: city:"

	resp := api.Get("/stats/monthly?region=370700&year=2024", city)
	var m store.Monthly
	if resp.Code != 200 || json.Unmarshal(resp.Body.Bytes(), &m) != nil || len(m.Months) != 12 || m.Months[2].FundsArrivedYuan != 5000*zhaoyin.Wan || m.PrevYear[2].FundsArrivedYuan != 4000*zhaoyin.Wan {
		t.Errorf("monthly: %d %s", resp.Code, resp.Body)
	}
	resp = api.Get("/stats/monthly?year=2024", "X-Test-User: district:370783")
	if json.Unmarshal(resp.Body.Bytes(), &m) != nil || m.Months[2].FundsArrivedYuan != 2000*zhaoyin.Wan {
		t.Errorf("monthly, district: %d %s", resp.Code, resp.Body)
	}
	resp = api.Get("/stats/cycle-times?region=370700&from=2024-01-01&to=2024-12-31&group_by=region", city)
	var ct store.CycleTimes
	if resp.Code != 200 || json.Unmarshal(resp.Body.Bytes(), &ct) != nil || len(ct.Groups) != 12 {
		t.Errorf("cycle times: %d %s", resp.Code, resp.Body)
	}
	resp = api.Get("/stats/warnings?region=370700&as_of=2024-09-15", city)
	var w store.Warnings
	if resp.Code != 200 || json.Unmarshal(resp.Body.Bytes(), &w) != nil || w.Months != 6 || w.NoProgressTotal != 5 || len(w.NoProgress) != 5 {
		t.Errorf("warnings: %d %s", resp.Code, resp.Body)
	}
	resp = api.Get("/stats/ranking?region=370700&from=2024-01-01&to=2024-12-31", city)
	var rk store.Ranking
	if resp.Code != 200 || json.Unmarshal(resp.Body.Bytes(), &rk) != nil || len(rk.Rows) != 12 || rk.RegionName != "潍坊市" {
		t.Errorf("ranking: %d %s", resp.Code, resp.Body)
	}

	resp = api.Get("/reports/bulletin?region=370700&year=2024", city)
	if resp.Code != 200 || resp.Header().Get("Content-Type") != "text/markdown; charset=utf-8" || !strings.HasPrefix(resp.Body.String(), "# 潍坊市2024年招商引资工作通报") ||
		!strings.Contains(resp.Body.String(), "招商引资到位资金0.50亿元，同比增长25.0%") {
		t.Errorf("bulletin: %d %v\n%s", resp.Code, resp.Header(), resp.Body)
	}
	resp = api.Get("/reports/bulletin?year=2024&quarter=1&format=html", "X-Test-User: district:370783")
	if resp.Code != 200 || resp.Header().Get("Content-Type") != "text/html; charset=utf-8" || !strings.Contains(resp.Body.String(), "<h1>寿光市2024年第一季度招商引资工作通报</h1>") {
		t.Errorf("bulletin html: %d %v\n%s", resp.Code, resp.Header(), resp.Body)
	}
	resp = api.Get("/reports/bulletin?region=370700&year=2024&month=3&format=docx", city)
	if resp.Code != 200 || !strings.HasPrefix(resp.Header().Get("Content-Type"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document") ||
		!strings.HasPrefix(resp.Body.String(), "PK") || !strings.Contains(resp.Header().Get("Content-Disposition"), "attachment; filename=\"bulletin-370700-2024-03.docx\"") {
		t.Errorf("bulletin docx: %d %v", resp.Code, resp.Header())
	}
	for _, url := range []string{"/reports/bulletin?region=370700&year=2024&format=pdf", "/reports/bulletin?region=370700", "/stats/warnings?region=370700&as_of=2024-09-15&months=0"} {
		if resp := api.Get(url, city); resp.Code != 422 {
			t.Errorf("%s: %d %s", url, resp.Code, resp.Body)
		}
	}
}

// TestWiredIntoHTTPAPI mounts the routes on httpapi's server through Config.Extra, with
// httpapi's own /reports/bulletin fed by YearBulletin: authentication, the error shape and
// the statuses come from httpapi.
func TestWiredIntoHTTPAPI(t *testing.T) {
	db, svc := statsDB(t)
	ctx := context.Background()
	users := store.NewUserService(db)
	tokens := map[string]string{}
	for _, u := range []struct{ name, role, region string }{{"city", "city", "370700"}, {"admin", "admin", ""}, {"sg", "district", "370783"}} {
		if err := users.CreateUser(ctx, &zhaoyin.User{Username: u.name, Role: u.role, RegionCode: u.region}, "correct-horse-42"); err != nil {
			t.Fatal(err)
		}
		tok, err := users.CreateToken(ctx, u.name, "test")
		if err != nil {
			t.Fatal(err)
		}
		tokens[u.name] = tok
	}
	srv := httptest.NewServer(httpapi.New(httpapi.Config{
		Projects: store.NewProjectService(db), Regions: store.NewRegionService(db), Users: users,
		Progress: store.NewProgressService(db), Audit: store.NewAuditService(db), Sessions: store.NewSessionStore(db),
		Ping: db.Ping, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Stats: svc, Bulletin: stats.YearBulletin(svc),
		Extra: func(api huma.API, _ *http.ServeMux) { stats.Register(api, svc) },
	}).Handler())
	defer srv.Close()
	get := func(as, path string) (int, string, http.Header) {
		req, _ := http.NewRequest("GET", srv.URL+"/api/v1"+path, nil)
		if as != "" {
			req.Header.Set("Authorization", "Bearer "+tokens[as])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header
	}
	for _, c := range []struct {
		as, path string
		status   int
		body     string
	}{
		{"", "/stats/monthly?year=2024", 401, `{"error":`},
		{"city", "/stats/monthly?year=2024", 200, `"months":[{"month":"2024-01"`},
		{"sg", "/stats/ranking?from=2024-01-01&to=2024-12-31", 200, `"rows":[]`},
		{"admin", "/stats/ranking?from=2024-01-01&to=2024-12-31", 422, `{"error":"按区域分组时请指定上级区域`},
		{"admin", "/stats/ranking?region=370700&from=2024-12-01&to=2024-01-31", 422, `{"error":"统计截止日期`},
		{"sg", "/reports/bulletin?year=2024&region=370700", 403, `{"error":"您只能查看本辖区`},
		{"sg", "/reports/bulletin?year=2024", 200, "# 寿光市2024年招商引资工作通报"},
		{"admin", "/reports/bulletin?year=2024", 422, `{"error":"请指定区域`},
		{"city", "/stats/summary?region=370700&from=2024-01-01&to=2024-12-31&min_investment_yuan=300000000", 200, `"signed":{"count":3,`},
		{"city", "/stats/projects?group_by=region&region=370700", 200, `{"key":"370783","name":"寿光市","count":2,`},
	} {
		status, body, header := get(c.as, c.path)
		if status != c.status || !strings.Contains(body, c.body) {
			t.Errorf("%s %s: %d %s", c.as, c.path, status, body)
		}
		if status == 200 && strings.HasPrefix(c.path, "/reports/") && header.Get("Content-Type") != "text/markdown; charset=utf-8" {
			t.Errorf("%s: Content-Type %s", c.path, header.Get("Content-Type"))
		}
	}
}

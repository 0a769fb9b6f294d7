package httpapi_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"zhaoyin"
	"zhaoyin/httpapi"
)

func TestStaticSPA(t *testing.T) {
	dist := fstest.MapFS{
		"index.html":                {Data: []byte("<!doctype html><title>招引</title><div id=app></div>")},
		"assets/index-B3xk9Qz1.js":  {Data: []byte("console.log(1)")},
		"assets/index-C1a2b3c4.css": {Data: []byte("body{}")},
		"favicon.svg":               {Data: []byte("<svg/>")},
	}
	e := newEnv(t, withStatic(dist))
	for _, c := range []struct {
		url, frag, cache string
		status           int
	}{
		{"/", "<div id=app>", "no-cache", 200},
		{"/projects/GX-001", "<div id=app>", "no-cache", 200},
		{"/admin/users?x=1", "<div id=app>", "no-cache", 200},
		{"/assets/index-B3xk9Qz1.js", "console.log", "public, max-age=31536000, immutable", 200},
		{"/favicon.svg", "<svg/>", "no-cache", 200},
		{"/assets/index-OLDHASH1.js", "", "", 404},
		{"/assets/", "", "", 404},
		{"/../../etc/passwd", "<div id=app>", "no-cache", 200},
	} {
		res := e.do(request{method: "GET", url: c.url})
		if res.status != c.status || !strings.Contains(string(res.body), c.frag) || (c.cache != "" && res.header.Get("Cache-Control") != c.cache) {
			t.Errorf("%s: %d %q %s", c.url, res.status, res.header.Get("Cache-Control"), res.body)
		}
	}
	res := e.do(request{method: "GET", url: "/"})
	for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"} {
		if got := res.header.Get(h); got != want {
			t.Errorf("%s = %q", h, got)
		}
	}
	if csp := res.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
	// /api is never the SPA.
	if res := e.do(request{method: "GET", url: "/api"}); res.status != 404 || !strings.Contains(string(res.body), "接口不存在") {
		t.Errorf("/api: %d %s", res.status, res.body)
	}
	if res := e.do(request{method: "GET", url: "/api/unknown/thing"}); res.status != 404 || !strings.Contains(string(res.body), `{"error":"接口不存在"}`) {
		t.Errorf("/api/unknown: %d %s", res.status, res.body)
	}
}

func TestPlaceholderWithoutUI(t *testing.T) {
	e := newEnv(t)
	res := e.do(request{method: "GET", url: "/some/page"})
	if res.status != 200 || !strings.Contains(string(res.body), "cd web && npm ci && npm run build") && !strings.Contains(string(res.body), "cd web &amp;&amp; npm ci &amp;&amp; npm run build") {
		t.Fatalf("placeholder: %d %s", res.status, res.body)
	}
}

func TestHealthAndMetrics(t *testing.T) {
	e := newEnv(t)
	if res := e.do(request{method: "GET", url: "/healthz"}); res.status != 200 || string(res.body) != "ok" {
		t.Fatalf("healthz: %d %q", res.status, res.body)
	}
	e.do(request{method: "GET", url: "/api/v1/projects/GX-001", as: "city"})
	e.do(request{method: "GET", url: "/api/v1/projects/NOPE", as: "city"})
	res := e.do(request{method: "GET", url: "/metrics"})
	body := string(res.body)
	for _, want := range []string{
		`zhaoyin_http_requests_total{method="GET",route="/api/v1/projects/{code}",status="200"} 1`,
		`zhaoyin_http_requests_total{method="GET",route="/api/v1/projects/{code}",status="404"} 1`,
		`zhaoyin_http_request_duration_seconds_bucket{method="GET",route="/api/v1/projects/{code}"`,
		"go_goroutines",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	// Request logs carry the route and the user.
	logs := e.logText()
	if !strings.Contains(logs, "http.route=/api/v1/projects/{code}") || !strings.Contains(logs, "http.user=city") || !strings.Contains(logs, "http.status=404") {
		t.Errorf("request log:\n%s", logs)
	}

	down := newEnv(t, func(c *httpapi.Config) {
		c.Ping = func(context.Context) error { return errors.New("dial tcp 127.0.0.1:5432: connection refused") }
	})
	if res := down.do(request{method: "GET", url: "/healthz"}); res.status != 503 || strings.Contains(string(res.body), "5432") {
		t.Fatalf("healthz down: %d %q", res.status, res.body)
	}
}

// fakeStats records what it was asked.
type fakeStats struct {
	summary zhaoyin.SummaryFilter
	group   zhaoyin.GroupFilter
}

func (f *fakeStats) Summary(ctx context.Context, sf zhaoyin.SummaryFilter) (*zhaoyin.Summary, error) {
	f.summary = sf
	s := &zhaoyin.Summary{}
	s.Signed.Count, s.Signed.AmountYuan = 496, 252964000000
	return s, nil
}

func (f *fakeStats) GroupProjects(ctx context.Context, gf zhaoyin.GroupFilter) ([]zhaoyin.GroupRow, error) {
	f.group = gf
	if gf.GroupBy == "chain" {
		return nil, zhaoyin.FieldError("group_by", "测试：不支持")
	}
	return []zhaoyin.GroupRow{{Key: "370771", Name: "高新区", Count: 1, TotalInvestmentYuan: 15000000000}}, nil
}

func TestStatsAndBulletin(t *testing.T) {
	stats := &fakeStats{}
	var asked struct {
		region string
		year   int
		user   string
	}
	e := newEnv(t, func(c *httpapi.Config) {
		c.Stats = stats
		c.Bulletin = func(ctx context.Context, region string, year int) (string, error) {
			asked.region, asked.year, asked.user = region, year, httpapi.UserFrom(ctx).Username
			return "# 2024年全市招商引资工作通报\n\n新签约项目496个。\n", nil
		}
	})
	res := e.do(request{method: "GET", url: "/api/v1/stats/summary?region=370700&from=2024-01-01&to=2024-12-31&min_investment_yuan=100000000", as: "leader"})
	if res.status != 200 || !strings.Contains(string(res.body), `"signed":{"count":496,"amount_yuan":252964000000`) || !strings.Contains(string(res.body), `"yoy_pct":null`) {
		t.Fatalf("summary: %d %s", res.status, res.body)
	}
	if stats.summary != (zhaoyin.SummaryFilter{Region: "370700", From: "2024-01-01", To: "2024-12-31", MinInvestment: 100000000}) {
		t.Fatalf("summary filter %+v", stats.summary)
	}
	res = e.do(request{method: "GET", url: "/api/v1/stats/projects?group_by=region&region=370700&batch=B&tag=T", as: "leader"})
	if res.status != 200 || !strings.Contains(string(res.body), `{"rows":[{"key":"370771","name":"高新区","count":1,"total_investment_yuan":15000000000,"annual_plan_yuan":0}]}`) {
		t.Fatalf("group: %d %s", res.status, res.body)
	}
	if stats.group != (zhaoyin.GroupFilter{GroupBy: "region", Region: "370700", Batch: "B", Tag: "T"}) {
		t.Fatalf("group filter %+v", stats.group)
	}
	if res = e.do(request{method: "GET", url: "/api/v1/stats/projects?group_by=chain", as: "leader"}); res.status != 422 {
		t.Fatalf("stats error: %d %s", res.status, res.body)
	}
	res = e.do(request{method: "GET", url: "/api/v1/reports/bulletin?region=370700&year=2024", as: "leader"})
	if res.status != 200 || res.header.Get("Content-Type") != "text/markdown; charset=utf-8" || !strings.HasPrefix(string(res.body), "# 2024年全市招商引资工作通报") {
		t.Fatalf("bulletin: %d %v %s", res.status, res.header, res.body)
	}
	if asked.region != "370700" || asked.year != 2024 || asked.user != "leader" {
		t.Fatalf("bulletin asked %+v", asked)
	}
}

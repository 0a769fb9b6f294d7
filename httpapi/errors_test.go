package httpapi_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"

	"zhaoyin"
	"zhaoyin/httpapi"
	"zhaoyin/store"
)

// brokenProjects fails the way a database does: with raw errors full of internals.
type brokenProjects struct{ *store.ProjectService }

const rawFailure = `pq: syntax error at or near "SELECT" in SELECT * FROM projects (/work/main/store/projects.go:42) goroutine 7 [running]`

func (brokenProjects) FindProjects(context.Context, zhaoyin.ProjectFilter) ([]*zhaoyin.Project, int, error) {
	return nil, 0, errors.New(rawFailure)
}

func (brokenProjects) FindProject(context.Context, string) (*zhaoyin.Project, error) {
	return nil, fmt.Errorf("store: %w", sql.ErrConnDone)
}

func (brokenProjects) Distinct(context.Context, string) ([]string, error) {
	return nil, zhaoyin.Errorf(zhaoyin.EINTERNAL, "SELECT DISTINCT chain FROM projects failed")
}

func TestErrorsNeverLeak(t *testing.T) {
	var brokenStore httpapi.ProjectStore
	e := newEnv(t,
		func(c *httpapi.Config) {
			brokenStore = brokenProjects{c.Projects.(*store.ProjectService)}
			c.Projects = brokenStore
			// Without a dictionary service /dicts reads the values in use from the projects.
			c.Dictionaries = nil
		},
		withExtra(func(api huma.API, mux *http.ServeMux) {
			huma.Get(api, "/boom", func(ctx context.Context, _ *struct{}) (*struct{}, error) {
				panic("boom: SELECT secret FROM users at /work/main/x.go:1")
			})
			mux.HandleFunc("GET /api/v1/raw-boom", func(w http.ResponseWriter, r *http.Request) {
				panic(errors.New("raw boom /work/main/y.go:2"))
			})
			mux.HandleFunc("GET /api/v1/raw-error", func(w http.ResponseWriter, r *http.Request) {
				if _, err := httpapi.RequireUser(r.Context()); err != nil {
					httpapi.WriteError(w, err)
					return
				}
				httpapi.WriteError(w, errors.New("SELECT 1 /work/main/z.go:3"))
			})
		}),
	)
	cases := []struct {
		name   string
		rq     request
		status int
	}{
		{"raw store error", request{method: "GET", url: "/api/v1/projects", as: "city"}, 500},
		{"wrapped store error", request{method: "GET", url: "/api/v1/projects/GX-001", as: "city"}, 500},
		{"internal zhaoyin error", request{method: "GET", url: "/api/v1/dicts", as: "city"}, 500},
		{"export of a failing store", request{method: "GET", url: "/api/v1/projects/export", as: "city"}, 500},
		{"panic in an operation", request{method: "GET", url: "/api/v1/boom", as: "city"}, 500},
		{"panic in a raw handler", request{method: "GET", url: "/api/v1/raw-boom", as: "city"}, 500},
		{"raw handler error", request{method: "GET", url: "/api/v1/raw-error", as: "city"}, 500},
		{"raw handler anonymous", request{method: "GET", url: "/api/v1/raw-error"}, 401},
		{"malformed JSON", request{method: "POST", url: "/api/v1/regions", body: `{"code": "370779", "name": `, as: "city"}, 400},
		{"JSON of the wrong shape", request{method: "POST", url: "/api/v1/regions", body: `["not", "an", "object"]`, as: "city"}, 422},
		{"wrong JSON type", request{method: "POST", url: "/api/v1/regions", body: `{"code": 370779, "name": "x", "parent_code": "370700"}`, as: "city"}, 422},
		{"not JSON at all", request{method: "POST", url: "/api/v1/regions", body: `code=1`, contentType: "text/plain", as: "city"}, 415},
		{"bad query parameter", request{method: "GET", url: "/api/v1/audit?page=-1&page_size=x", as: "admin"}, 422},
		{"huge number", request{method: "PATCH", url: "/api/v1/projects/GX-001", body: `{"version": 1, "total_investment_yuan": 1e300}`, as: "city"}, 422},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := e.do(c.rq)
			if res.status != c.status {
				t.Fatalf("status %d, want %d: %s", res.status, c.status, res.body)
			}
			checkErrorBody(t, res)
			if strings.Contains(string(res.body), "SELECT") || strings.Contains(string(res.body), "conn") {
				t.Fatalf("leak: %s", res.body)
			}
		})
	}
	// What users do not see is in the log, for whoever runs the server.
	logs := e.logText()
	for _, want := range []string{"syntax error", "connection is already closed", "SELECT DISTINCT chain", "boom: SELECT secret", "stack="} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q", want)
		}
	}
}

func TestStatusOf(t *testing.T) {
	for code, want := range map[string]int{
		zhaoyin.EINVALID: 422, zhaoyin.ENOTFOUND: 404, zhaoyin.ECONFLICT: 409, zhaoyin.EUNAUTHORIZED: 401,
		zhaoyin.EFORBIDDEN: 403, zhaoyin.ETHROTTLED: 429, zhaoyin.EINTERNAL: 500, "": 500,
	} {
		if got := httpapi.StatusOf(code); got != want {
			t.Errorf("StatusOf(%q) = %d, want %d", code, got, want)
		}
	}
}

// Routes added through Extra get the same authentication: anonymous callers are refused
// unless the operation is marked public.
func TestExtraRoutes(t *testing.T) {
	type out struct {
		Body struct {
			User string `json:"user"`
		}
	}
	e := newEnv(t, withExtra(func(api huma.API, mux *http.ServeMux) {
		huma.Get(api, "/extra/whoami", func(ctx context.Context, _ *struct{}) (*out, error) {
			o := &out{}
			o.Body.User = httpapi.UserFrom(ctx).Username
			return o, nil
		})
		huma.Register(api, huma.Operation{Method: "GET", Path: "/extra/public", Metadata: map[string]any{httpapi.Public: true}},
			func(ctx context.Context, _ *struct{}) (*out, error) { return &out{}, nil })
		huma.Get(api, "/extra/admin-only", func(ctx context.Context, _ *struct{}) (*out, error) {
			if _, err := httpapi.RequireRole(ctx, zhaoyin.RoleAdmin); err != nil {
				return nil, err
			}
			return &out{}, nil
		})
		huma.Get(api, "/extra/huma-error", func(ctx context.Context, _ *struct{}) (*out, error) {
			return nil, huma.Error404NotFound("没有这个通报")
		})
	}))
	check := func(rq request, status int, frag string) {
		t.Helper()
		res := e.do(rq)
		if res.status != status || !strings.Contains(string(res.body), frag) {
			t.Fatalf("%s as %q: %d %s", rq.url, rq.as, res.status, res.body)
		}
	}
	check(request{method: "GET", url: "/api/v1/extra/whoami"}, 401, "请先登录")
	check(request{method: "GET", url: "/api/v1/extra/whoami", as: "leader"}, 200, `"user":"leader"`)
	check(request{method: "GET", url: "/api/v1/extra/public"}, 200, "")
	check(request{method: "GET", url: "/api/v1/extra/admin-only", as: "city"}, 403, "无权")
	check(request{method: "GET", url: "/api/v1/extra/admin-only", as: "admin"}, 200, "")
	check(request{method: "GET", url: "/api/v1/extra/huma-error", as: "admin"}, 404, `{"error":"没有这个通报"}`)
}

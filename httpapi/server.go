// Package httpapi serves the HTTP API of shared/API.md under /api/v1 (huma v2 on the
// standard library's ServeMux, OpenAPI 3.1 at /api/v1/openapi.json, a docs page at
// /api/docs), the metrics and health endpoints, and the embedded web UI.
//
// Handlers hold no rules of their own: the store scopes every query by the user that the
// auth middleware puts in the request context, and refuses what a role may not do.
package httpapi

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"zhaoyin"
)

// Prefix is where the API lives; huma operation paths are relative to it.
const Prefix = "/api/v1"

// ProjectStore is what the project handlers need: projects and whole-sheet imports
// (store.ProjectService is both).
type ProjectStore interface {
	zhaoyin.ProjectService
	zhaoyin.ImportService
}

// UserStore is zhaoyin.UserService plus the lookup by id that sessions need
// (store.UserService).
type UserStore interface {
	zhaoyin.UserService
	UserByID(ctx context.Context, id int64) (*zhaoyin.User, error)
}

// Config holds the services and settings of a Server.
type Config struct {
	Projects ProjectStore
	Regions  zhaoyin.RegionService
	Users    UserStore
	Progress zhaoyin.ProgressService
	Audit    zhaoyin.AuditService
	// Dictionaries may be nil: /dictionaries/* then answer 503 and /dicts lists the values in use.
	Dictionaries zhaoyin.DictionaryService
	// Stats may be nil: /stats/* then answer 503.
	Stats zhaoyin.StatsService
	// Bulletin writes the year's work bulletin as Markdown; nil: /reports/bulletin answers 503.
	Bulletin func(ctx context.Context, region string, year int) (string, error)

	Sessions scs.Store // store.NewSessionStore(db)
	Ping     func(context.Context) error
	// Static holds the built web UI (the contents of web/dist, index.html at its root);
	// nil or without index.html: a page saying how to build it.
	Static fs.FS
	Logger *slog.Logger
	// SecureCookies marks the session cookie Secure (serve over HTTPS).
	SecureCookies bool
	// SessionLifetime is how long a login lasts; 0 means 12 hours.
	SessionLifetime time.Duration
	// ClientIPHeader names a header set by a trusted reverse proxy holding the client's
	// address (e.g. X-Forwarded-For, whose rightmost entry is used); "" uses the peer address.
	// Login throttling counts failures per address.
	ClientIPHeader string
	// Extra lets later packages register their routes after ours: operations on api (paths
	// relative to /api/v1) get the same authentication (anonymous → 401 unless the operation's
	// Metadata has Public: true) and error handling; handlers on mux (patterns must start
	// with /api/) see the user in the context and should call RequireUser.
	Extra func(api huma.API, mux *http.ServeMux)
}

// Server is the HTTP front of the platform.
type Server struct {
	cfg      Config
	log      *slog.Logger
	sessions *scs.SessionManager
	metrics  *metrics
	api      huma.API
	apiMux   *http.ServeMux
	handler  http.Handler
	static   *static
}

const sessionUserKey = "user_id"

// New builds the server and registers every route.
func New(cfg Config) *Server {
	s := &Server{cfg: cfg, log: cfg.Logger, metrics: newMetrics()}
	if s.log == nil {
		s.log = slog.Default()
	}
	sm := scs.New()
	sm.Store = cfg.Sessions
	sm.Lifetime = cfg.SessionLifetime
	if sm.Lifetime <= 0 {
		sm.Lifetime = 12 * time.Hour
	}
	sm.Cookie.Name = "zhaoyin_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = cfg.SecureCookies
	sm.Cookie.Path = "/"
	sm.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		writeErrorCtx(r.Context(), w, err)
	}
	s.sessions = sm

	s.apiMux = http.NewServeMux()
	s.api = humago.NewWithPrefix(s.apiMux, Prefix, apiConfig())
	s.api.UseMiddleware(s.requireUser)
	s.register()
	if cfg.Extra != nil {
		cfg.Extra(s.api, s.apiMux)
	}
	s.registerBulletin()
	s.apiMux.HandleFunc("GET /api/docs", serveDocs)
	s.apiMux.Handle("GET /api/docs/", http.StripPrefix("/api/docs/", http.HandlerFunc(serveDocsFile)))
	s.apiMux.HandleFunc("/api/", s.apiNotFound)

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeErrorCtx(r.Context(), w, zhaoyin.Errorf(zhaoyin.EFORBIDDEN, "拒绝跨站请求：请从本系统页面操作，脚本请使用 Authorization: Bearer 令牌"))
	}))
	apiHandler := cop.Handler(sm.LoadAndSave(s.authenticate(routed(s.apiMux))))

	s.static = newStatic(cfg.Static)
	root := http.NewServeMux()
	root.Handle("/api/", apiHandler)
	root.HandleFunc("/api", s.apiNotFound)
	root.HandleFunc("GET /healthz", s.healthz)
	root.Handle("GET /metrics", promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{}))
	root.Handle("/", s.static)
	s.handler = s.observe(routed(root))
	return s
}

// Handler is the whole site: API, docs, metrics, health and UI.
func (s *Server) Handler() http.Handler { return s.handler }

// API is the huma API (for tests and tools that read the OpenAPI document).
func (s *Server) API() huma.API { return s.api }

func apiConfig() huma.Config {
	c := huma.DefaultConfig("招引 Zhaoyin 招商引资平台 API", "1.0.0")
	// No "$schema" members or Link headers in responses: bodies are exactly the contract's.
	c.CreateHooks = nil
	c.SchemasPath = ""
	c.DocsPath = ""
	c.OpenAPIPath = "/openapi" // under the prefix: /api/v1/openapi.json
	c.Info.Description = "招商引资平台的 HTTP 接口。认证：先 POST /auth/login 取得会话 Cookie，或在请求头带 `Authorization: Bearer 令牌`（令牌由 `zhaoyin token create 用户名` 生成）。" +
		"金额字段（*_yuan）均为整数元，日期为 YYYY-MM-DD。出错时返回 {\"error\": \"中文说明\"}，导入错误另有 errors（行、列、原因），字段错误另有 fields。"
	c.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer":  {Type: "http", Scheme: "bearer", Description: "API 令牌：zhaoyin token create 用户名"},
		"session": {Type: "apiKey", In: "cookie", Name: "zhaoyin_session", Description: "登录后设置的会话 Cookie"},
	}
	c.Security = []map[string][]string{{"bearer": {}}, {"session": {}}}
	c.Tags = []*huma.Tag{
		{Name: "认证", Description: "登录、退出、当前用户、修改密码"},
		{Name: "项目", Description: "项目库：查询、新建、修改、推进阶段、变更记录、月度调度、导出"},
		{Name: "导入", Description: "Excel 导入（全部正确才导入）与模板下载"},
		{Name: "区域", Description: "行政区划（GB/T 2260）与功能区"},
		{Name: "统计", Description: "统计口径见 DOMAIN.md"},
		{Name: "通报", Description: "年度招商引资工作通报"},
		{Name: "字典", Description: "表单与筛选的取值"},
		{Name: "用户", Description: "用户管理（管理员）"},
		{Name: "操作日志", Description: "谁在何时做了什么"},
	}
	return c
}

// Public marks an operation that anonymous callers may use.
const Public = "public"

// requireUser refuses anonymous callers (401) on every operation not marked Public.
func (s *Server) requireUser(ctx huma.Context, next func(huma.Context)) {
	if op := ctx.Operation(); op != nil && op.Metadata[Public] != true && zhaoyin.UserFromContext(ctx.Context()) == nil {
		huma.WriteErr(s.api, ctx, http.StatusUnauthorized, "请先登录")
		return
	}
	next(ctx)
}

// apiNotFound answers unknown API paths; a known path with another method is a 405.
func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.apiMux.Handler(probe); pattern != "" && pattern != "/api/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 && r.URL.Path != "/api" {
		for _, m := range allow {
			w.Header().Add("Allow", m)
		}
		writeJSON(w, http.StatusMethodNotAllowed, &Error{Message: "该接口不支持 " + r.Method + " 请求"})
		return
	}
	writeJSON(w, http.StatusNotFound, &Error{Message: "接口不存在"})
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if s.cfg.Ping != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		if err := s.cfg.Ping(ctx); err != nil {
			s.log.WarnContext(r.Context(), "health check failed", "err", err.Error())
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("database unavailable\n"))
			return
		}
	}
	w.Write([]byte("ok"))
}

package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"zhaoyin"
)

// requestInfo is filled in as a request goes down the stack (route, user) and read by the
// logging and metrics middleware on the way back up.
type requestInfo struct {
	route    string
	user     string
	addr     string
	logger   *slog.Logger
	internal bool
}

type infoKey struct{}

func infoFrom(ctx context.Context) *requestInfo {
	ri, _ := ctx.Value(infoKey{}).(*requestInfo)
	return ri
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
	info   *requestInfo
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// metrics are per Server (its own registry), so that several servers can live in one process.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "zhaoyin_http_requests_total",
			Help: "HTTP requests by method, route pattern and status.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "zhaoyin_http_request_duration_seconds",
			Help:    "HTTP request duration by method and route pattern.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"method", "route"}),
	}
	m.registry.MustRegister(m.requests, m.duration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// observe is the outermost middleware: recovery, security headers, logging and metrics.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ri := &requestInfo{logger: s.log, addr: s.clientAddr(r)}
		r = r.WithContext(context.WithValue(r.Context(), infoKey{}, ri))
		sw := &statusWriter{ResponseWriter: w, info: ri}
		securityHeaders(sw.Header())
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.ErrorContext(r.Context(), "panic", "panic", fmt.Sprint(p), "method", r.Method, "path", r.URL.Path, "stack", string(debug.Stack()))
				ri.internal = true
				if sw.status == 0 {
					writeJSON(sw, http.StatusInternalServerError, &Error{Message: zhaoyin.ErrorMessage(errors.New("panic"))})
				}
			}
			if sw.status == 0 {
				sw.status = http.StatusOK
			}
			route := ri.route
			if route == "" {
				route = "unmatched"
			}
			d := time.Since(start)
			s.metrics.requests.WithLabelValues(r.Method, route, strconv.Itoa(sw.status)).Inc()
			s.metrics.duration.WithLabelValues(r.Method, route).Observe(d.Seconds())
			level := slog.LevelInfo
			if !strings.HasPrefix(r.URL.Path, "/api/") {
				level = slog.LevelDebug
			}
			if sw.status >= 500 || ri.internal {
				level = slog.LevelError
			}
			s.log.LogAttrs(r.Context(), level, "request", slog.Group("http",
				slog.String("method", r.Method),
				slog.String("route", route),
				slog.String("path", r.URL.Path),
				slog.Int("status", sw.status),
				slog.Int64("bytes", sw.bytes),
				slog.Float64("duration_ms", float64(d.Microseconds())/1000),
				slog.String("user", ri.user),
				slog.String("addr", ri.addr),
			))
		}()
		next.ServeHTTP(sw, r)
	})
}

// csp allows our own origin only; element-plus and echarts set inline styles, so styles
// may be inline, scripts may not.
const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
	"font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

func securityHeaders(h http.Header) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", csp)
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
}

// routed records the pattern of mux that will serve r (the route label of logs and metrics,
// bounded by the number of routes), then serves it.
func routed(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ri := infoFrom(r.Context()); ri != nil {
			if _, pattern := mux.Handler(r); pattern != "" {
				ri.route = pattern
				if _, p, ok := strings.Cut(pattern, " "); ok {
					ri.route = p
				}
			}
		}
		mux.ServeHTTP(w, r)
	})
}

// clientAddr is the address login throttling counts failures for: the peer, or the
// rightmost entry of Config.ClientIPHeader when the server sits behind a proxy.
func (s *Server) clientAddr(r *http.Request) string {
	if h := s.cfg.ClientIPHeader; h != "" {
		vals := strings.Split(r.Header.Get(h), ",")
		for i := len(vals) - 1; i >= 0; i-- {
			if v := strings.TrimSpace(vals[i]); v != "" {
				return v
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// authenticate puts the caller, if any, in the request context: a bearer token wins over
// the session cookie. It refuses nothing by itself except bad tokens; operations that need
// a user are refused by requireUser (huma) or RequireUser.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// API answers are per user: no shared cache may keep them (downloads say otherwise).
		w.Header().Set("Cache-Control", "no-store")
		ctx := r.Context()
		var u *zhaoyin.User
		if h := r.Header.Get("Authorization"); h != "" {
			scheme, token, _ := strings.Cut(h, " ")
			token = strings.TrimSpace(token)
			if !strings.EqualFold(scheme, "Bearer") || token == "" {
				writeErrorCtx(ctx, w, zhaoyin.Errorf(zhaoyin.EUNAUTHORIZED, "Authorization 头格式应为：Bearer 令牌"))
				return
			}
			var err error
			if u, err = s.cfg.Users.UserByToken(ctx, token); err != nil {
				writeErrorCtx(ctx, w, err)
				return
			}
		} else if id := s.sessions.GetInt64(ctx, sessionUserKey); id != 0 {
			var err error
			u, err = s.cfg.Users.UserByID(ctx, id)
			switch {
			case zhaoyin.ErrorCode(err) == zhaoyin.EINTERNAL:
				writeErrorCtx(ctx, w, err)
				return
			case err != nil || u.Disabled:
				// The user is gone or disabled: the session is worth nothing now.
				s.sessions.Destroy(ctx)
				u = nil
			}
		}
		if u != nil {
			if ri := infoFrom(ctx); ri != nil {
				ri.user = u.Username
			}
			r = r.WithContext(zhaoyin.NewContextWithUser(ctx, u))
		}
		next.ServeHTTP(w, r)
	})
}

// UserFrom returns the user making the request, nil when anonymous.
func UserFrom(ctx context.Context) *zhaoyin.User { return zhaoyin.UserFromContext(ctx) }

// RequireUser returns the user making the request, or the EUNAUTHORIZED error (401
// {"error":"请先登录"}) to return or write with WriteError.
func RequireUser(ctx context.Context) (*zhaoyin.User, error) {
	if u := zhaoyin.UserFromContext(ctx); u != nil {
		return u, nil
	}
	return nil, errLogin
}

var errLogin = zhaoyin.Errorf(zhaoyin.EUNAUTHORIZED, "请先登录")

// RequireRole is RequireUser that also refuses (403) users whose role is not listed.
func RequireRole(ctx context.Context, roles ...string) (*zhaoyin.User, error) {
	u, err := RequireUser(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range roles {
		if u.Role == r {
			return u, nil
		}
	}
	return nil, zhaoyin.Errorf(zhaoyin.EFORBIDDEN, "您的角色（%s）无权执行此操作", zhaoyin.LabelOf(zhaoyin.RoleLabels, u.Role))
}

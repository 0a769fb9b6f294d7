package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/xuri/excelize/v2"

	"zhaoyin"
	"zhaoyin/httpapi"
	"zhaoyin/store"
	"zhaoyin/store/storetest"
)

// env is a running server over a fresh database holding the Weifang zones 高新区 (370771)
// and 滨海区 (370772), a user and a bearer token per role, and three projects.
type env struct {
	t        testing.TB
	db       *store.DB
	projects *store.ProjectService
	users    *store.UserService
	srv      *httptest.Server
	tokens   map[string]string // role name → bearer token
	logs     *bytes.Buffer
	logMu    *sync.Mutex
}

const password = "correct-horse-42"

// Fixture users: the key is what scenario rows name in "as".
var fixtureUsers = []struct {
	as, role, region string
}{
	{"admin", "admin", ""},
	{"city", "city", "370700"},
	{"district", "district", "370771"},  // 高新区
	{"district2", "district", "370772"}, // 滨海区
	{"leader", "leader", "370700"},
	{"department", "department", "370700"},
}

type envOption func(*httpapi.Config)

func newEnv(t testing.TB, opts ...envOption) *env {
	t.Helper()
	db := storetest.Open(t)
	e := &env{t: t, db: db, projects: store.NewProjectService(db), users: store.NewUserService(db), tokens: map[string]string{}, logs: &bytes.Buffer{}}
	ctx := context.Background()
	regions := store.NewRegionService(db)
	for _, z := range []zhaoyin.Region{{Code: "370771", Name: "高新区", ParentCode: "370700", Kind: "zone"}, {Code: "370772", Name: "滨海区", ParentCode: "370700", Kind: "zone"}} {
		if err := regions.CreateRegion(ctx, &z); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range fixtureUsers {
		if err := e.users.CreateUser(ctx, &zhaoyin.User{Username: u.as, DisplayName: u.as + " 用户", Role: u.role, RegionCode: u.region}, password); err != nil {
			t.Fatal(err)
		}
		tok, err := e.users.CreateToken(ctx, u.as, "test")
		if err != nil {
			t.Fatal(err)
		}
		e.tokens[u.as] = tok
	}
	for _, p := range []*zhaoyin.Project{newProject("GX-001", "370771"), newProject("BH-001", "370772"), newProject("SG-001", "370783")} {
		if err := e.projects.CreateProject(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	lw := &lockedWriter{w: e.logs}
	e.logMu = &lw.mu
	cfg := httpapi.Config{
		Projects:     e.projects,
		Regions:      regions,
		Users:        e.users,
		Progress:     store.NewProgressService(db),
		Audit:        store.NewAuditService(db),
		Dictionaries: store.NewDictionaryService(db),
		Sessions:     store.NewSessionStore(db),
		Ping:         db.Ping,
		Logger:       slog.New(slog.NewTextHandler(lw, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	for _, o := range opts {
		o(&cfg)
	}
	e.srv = httptest.NewServer(httpapi.New(cfg).Handler())
	t.Cleanup(e.srv.Close)
	return e
}

func withStatic(fsys fs.FS) envOption { return func(c *httpapi.Config) { c.Static = fsys } }

func withExtra(f func(api huma.API, mux *http.ServeMux)) envOption {
	return func(c *httpapi.Config) { c.Extra = f }
}

func newProject(code, region string) *zhaoyin.Project {
	return &zhaoyin.Project{
		Code: code, Name: "潍柴动力氢燃料电池发动机产业化项目 " + code, RegionCode: region, Type: "industrial",
		Chain: "氢能", Manufacturing: true, CapitalSource: "in_province", TotalInvestmentYuan: 150 * zhaoyin.Yi,
		AnnualPlanYuan: 30 * zhaoyin.Yi, Stage: zhaoyin.StageSigned, NegotiatingOn: "2024-01-05", SignedOn: "2024-02-12",
		Tags: []string{"市重点项目"}, Batches: []string{"2024年春季全市重大项目集中开工"},
		Investors: []zhaoyin.Investor{{Name: "潍柴动力股份有限公司"}},
	}
}

// lockedWriter lets the server's goroutines log into one buffer.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (e *env) logText() string {
	e.logMu.Lock()
	defer e.logMu.Unlock()
	return e.logs.String()
}

// request is one HTTP call of a test.
type request struct {
	method, url string
	body        any // string (sent as is), []byte, or anything JSON-encodable; nil = none
	as          string
	header      map[string]string
	contentType string
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r *response) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %v\n%s", err, r.body)
	}
	return m
}

func (e *env) do(rq request) *response {
	e.t.Helper()
	var body io.Reader
	ct := rq.contentType
	switch b := rq.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
		if ct == "" {
			ct = "application/json"
		}
	case []byte:
		body = bytes.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		body = bytes.NewReader(buf)
		if ct == "" {
			ct = "application/json"
		}
	}
	req, err := http.NewRequest(rq.method, e.srv.URL+rq.url, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if rq.as != "" {
		tok, ok := e.tokens[rq.as]
		if !ok {
			e.t.Fatalf("no fixture user %q", rq.as)
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	for k, v := range rq.header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return &response{status: res.StatusCode, header: res.Header, body: b}
}

// multipartFile builds a multipart body with one file field.
func multipartFile(t testing.TB, field, name string, data []byte) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile(field, name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

// xlsx builds a workbook whose first sheet holds rows.
func xlsx(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

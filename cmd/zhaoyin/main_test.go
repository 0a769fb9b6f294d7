package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhaoyin"
	"zhaoyin/demo"
	"zhaoyin/internal/benchdata"
	"zhaoyin/store"
	"zhaoyin/store/storetest"
)

// syncBuffer is a bytes.Buffer safe to read while Main writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb syncBuffer
	code := Main(context.Background(), args, strings.NewReader(stdin), &out, &errb, env(nil))
	return code, out.String(), errb.String()
}

var addrRE = regexp.MustCompile(`http://(\S+)`)

// startServe runs `zhaoyin serve` in-process on a free port and returns its base URL.
func startServe(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), &out, &errb, env(nil))
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d: %s", code, errb.String())
			}
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop on cancel")
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m := addrRE.FindStringSubmatch(out.String()); m != nil {
			return "http://" + m[1], &out
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s %s", code, out.String(), errb.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve printed no address: %s", out.String())
	return "", nil
}

func TestCommands(t *testing.T) {
	dsn := storetest.DSN(t)
	if code, _, errs := run(t, "secret-pw\n", "user", "add", "gx", "--role", "district", "--db", dsn, "--password-stdin"); code == 0 || !strings.Contains(errs, "--region") {
		t.Fatalf("district without region: %d %q", code, errs)
	}
	if code, out, errs := run(t, "secret-pw\n", "user", "add", "gx", "--role", "district", "--region", "370783", "--password-stdin", "--db", dsn); code != 0 {
		t.Fatalf("user add: %d %s %s", code, out, errs)
	}
	code, out, errs := run(t, "", "token", "create", "gx", "--db", dsn)
	if code != 0 || !regexp.MustCompile(`^zy_[A-Za-z0-9_-]{20,}\n$`).MatchString(out) {
		t.Fatalf("token create printed %q (%d %s); want the token alone", out, code, errs)
	}
	if code, _, errs := run(t, "", "token", "create", "nobody", "--db", dsn); code == 0 || !strings.Contains(errs, "不存在") {
		t.Fatalf("token for unknown user: %d %q", code, errs)
	}
	if code, _, errs := run(t, "", "serve", "--bogus"); code == 0 || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
		t.Fatalf("bad flag: %d %q (want one line)", code, errs)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if code, _, errs := run(t, "", "serve", "--addr", ln.Addr().String(), "--db", dsn); code == 0 || !strings.Contains(errs, "无法监听") || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
		t.Fatalf("port taken: %d %q", code, errs)
	}
	if code, _, errs := run(t, "", "serve", "--addr", "127.0.0.1:0", "--db", "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"); code == 0 || !strings.Contains(errs, "数据库") {
		t.Fatalf("database unreachable: %d %q", code, errs)
	}
	// ZHAOYIN_DB is the same setting as --db.
	var o, e syncBuffer
	if code := Main(context.Background(), []string{"token", "create", "gx"}, strings.NewReader(""), &o, &e, env(map[string]string{"ZHAOYIN_DB": dsn})); code != 0 {
		t.Fatalf("ZHAOYIN_DB: %d %s", code, e.String())
	}
}

// TestServeDemo boots the real server with the demo city and drives it over HTTP.
func TestServeDemo(t *testing.T) {
	base, out := startServe(t, "--demo", "--db", storetest.DSN(t))
	if !strings.Contains(out.String(), "admin") || !strings.Contains(out.String(), "gaoxin") {
		t.Fatalf("demo logins not printed: %s", out.String())
	}
	resp, err := http.Get(base + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, err = http.Get(base + "/api/v1/projects")
	if err != nil || resp.StatusCode != 401 {
		t.Fatalf("anonymous list: %v %v", resp, err)
	}
	resp.Body.Close()
	login := func(user, pw string) *http.Client {
		jar := &cookieJar{}
		c := &http.Client{Jar: jar}
		resp, err := c.Post(base+"/api/v1/auth/login", "application/json", strings.NewReader(fmt.Sprintf(`{"username":%q,"password":%q}`, user, pw)))
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("login %s: %v %v", user, resp, err)
		}
		resp.Body.Close()
		return c
	}
	total := func(c *http.Client, query string) int {
		resp, err := c.Get(base + "/api/v1/projects?" + query)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("list: %v %v", resp, err)
		}
		defer resp.Body.Close()
		var page struct{ Total int }
		json.NewDecoder(resp.Body).Decode(&page)
		return page.Total
	}
	city := login("city", "city123")
	all := total(city, "")
	if all < 1000 {
		t.Fatalf("demo city has %d projects", all)
	}
	gx := login("gaoxin", "gaoxin123")
	own := total(gx, "")
	if own == 0 || own >= all || own != total(city, "region=370771") {
		t.Fatalf("district sees %d of %d", own, all)
	}

	// This year's past dispatch periods are held and closed; last month's is left to open.
	get := func(c *http.Client, path string, v any) {
		t.Helper()
		resp, err := c.Get(base + "/api/v1" + path)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("GET %s: %v %v", path, resp, err)
		}
		defer resp.Body.Close()
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	var periods struct {
		Items []struct{ Month, Status string }
	}
	get(city, "/dispatch/periods", &periods)
	want := demo.ClosedMonths(time.Now())
	if len(periods.Items) != len(want) {
		t.Fatalf("demo periods %+v, want the months %v", periods.Items, want)
	}
	for _, p := range periods.Items {
		if p.Status != "closed" || !slices.Contains(want, p.Month) {
			t.Errorf("demo period %+v", p)
		}
	}
	// The year's assessment scheme scores every district.
	var schemes struct {
		Items []struct {
			ID   int64
			Year int
		}
	}
	get(city, "/assessment/schemes", &schemes)
	if len(schemes.Items) != 1 || schemes.Items[0].Year != time.Now().Year() {
		t.Fatalf("demo schemes %+v", schemes.Items)
	}
	var scores struct {
		Regions []struct {
			Rank  int
			Total float64
		}
	}
	get(city, fmt.Sprintf("/assessment/schemes/%d/scores", schemes.Items[0].ID), &scores)
	if len(scores.Regions) != 16 || scores.Regions[0].Rank != 1 || scores.Regions[0].Total <= 0 {
		t.Fatalf("demo scores %+v", scores.Regions)
	}
}

type cookieJar struct {
	mu sync.Mutex
	c  []*http.Cookie
}

func (j *cookieJar) SetCookies(_ *url.URL, cs []*http.Cookie) {
	j.mu.Lock()
	j.c = append(j.c, cs...)
	j.mu.Unlock()
}
func (j *cookieJar) Cookies(_ *url.URL) []*http.Cookie {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.c
}

// TestKillDuringImport kills (SIGKILL) a 100,000-row import in the middle of its transaction
// and checks that the database is as it was before.
func TestKillDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and a 100,000-row sheet")
	}
	bin := filepath.Join(t.TempDir(), "zhaoyin")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v %s", err, out)
	}
	dsn := storetest.DSN(t)
	small := filepath.Join(t.TempDir(), "small.xlsx")
	if err := benchdata.WriteSheet(small, 50); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "import", "projects", small, "--db", dsn).CombinedOutput(); err != nil {
		t.Fatalf("baseline import: %v %s", err, out)
	}
	big, err := benchdata.Sheet(100_000)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "import", "projects", big, "--db", dsn)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the import is writing inside its transaction, then kill it.
	inTx := func() bool {
		if strings.HasPrefix(dsn, "postgres") {
			db, err := sql.Open("pgx", dsn)
			if err != nil {
				return false
			}
			defer db.Close()
			var n int
			db.QueryRow("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND state IN ('active', 'idle in transaction') AND xact_start IS NOT NULL AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()").Scan(&n)
			return n > 0
		}
		st, err := os.Stat(dsn + "-wal")
		return err == nil && st.Size() > 8<<20
	}
	deadline := time.Now().Add(3 * time.Minute)
	for !inTx() {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the import never started writing")
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	state, _ := cmd.Process.Wait()
	if state.Success() {
		t.Fatal("the import finished before it could be killed; the test proves nothing")
	}
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer db.Close()
	_, total, err := store.NewProjectService(db).FindProjects(context.Background(), zhaoyin.ProjectFilter{Limit: 1})
	if err != nil || total != 50 {
		t.Fatalf("after the kill the database holds %d projects (want the 50 from before): %v", total, err)
	}
}

// A refused import names each bad cell at its spreadsheet row, whether the file shows it or
// the store finds it, and stores nothing.
func TestImportErrors(t *testing.T) {
	dsn := storetest.DSN(t)
	write := func(name string, rows ...[]any) string {
		t.Helper()
		f := excelize.NewFile()
		for i, r := range rows {
			if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
				t.Fatal(err)
			}
		}
		path := filepath.Join(t.TempDir(), name)
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		return path
	}
	head := []any{"项目编码", "月份", "到位资金(万元)"}
	bad := write("bad.xlsx", head, []any{"X-1", "2024-03", "5"}, []any{"X-2", "2024-13", "abc"})
	code, _, errs := run(t, "", "import", "progress", bad, "--db", dsn)
	if code == 0 || !strings.Contains(errs, "  第 3 行 月份：") || !strings.Contains(errs, "  第 3 行 到位资金(万元)：") {
		t.Fatalf("bad cells: %d %q", code, errs)
	}
	unknown := write("unknown.xlsx", head, []any{"X-1", "2024-03", "5"})
	code, _, errs = run(t, "", "import", "progress", unknown, "--db", dsn)
	if code == 0 || !strings.Contains(errs, "  第 2 行 项目编码：") {
		t.Fatalf("unknown project: %d %q", code, errs)
	}
	empty := write("empty.xlsx", head)
	if code, _, errs := run(t, "", "import", "progress", empty, "--db", dsn); code == 0 || !strings.Contains(errs, "没有数据行") {
		t.Fatalf("empty sheet: %d %q", code, errs)
	}
}

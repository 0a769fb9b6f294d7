package bench

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
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
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"zhaoyin"
	"zhaoyin/app"
	"zhaoyin/internal/benchdata"
	"zhaoyin/store"
	"zhaoyin/store/storetest"
)

const size = 100_000

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "zhaoyin-bench-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "zhaoyin")
	if out, err := exec.Command("go", "build", "-o", binary, "zhaoyin/cmd/zhaoyin").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// importSheet runs `zhaoyin import projects` as its own process and returns its wall time
// and peak resident memory.
func importSheet(tb testing.TB, dsn, path string) (time.Duration, int64) {
	cmd := exec.Command(binary, "import", "projects", path, "--db", dsn)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Run(); err != nil {
		tb.Fatalf("import: %v\n%s", err, out.String())
	}
	wall := time.Since(start)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return wall, ru.Maxrss / 1024
}

// BenchmarkImport100k imports a 100,000-project sheet into a fresh database.
func BenchmarkImport100k(b *testing.B) {
	path, err := benchdata.Sheet(size)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		dsn := storetest.DSN(b)
		db, err := store.Open(context.Background(), dsn) // migrate first: the import measures the import
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
		wall, peakMB := importSheet(b, dsn, path)
		b.ReportMetric(wall.Seconds(), "import-s")
		b.ReportMetric(float64(peakMB), "peak-MB")
	}
}

var (
	preparedMu sync.Mutex
	prepared   = map[string]string{}
)

// loaded returns the DSN of a database holding the 100,000 generated projects, made once per
// engine and kept between runs (SQLite file in the temp directory, PostgreSQL database
// zhaoyin_bench_100k).
func loaded(b *testing.B) string {
	preparedMu.Lock()
	defer preparedMu.Unlock()
	admin := os.Getenv(storetest.EnvPG)
	if dsn, ok := prepared[admin]; ok {
		return dsn
	}
	var dsn string
	if admin == "" {
		dsn = filepath.Join(os.TempDir(), "zhaoyin-bench-100k-v2.db")
	} else {
		u, _ := url.Parse(admin)
		adb, err := sql.Open("pgx", admin)
		if err != nil {
			b.Fatal(err)
		}
		adb.Exec("CREATE DATABASE zhaoyin_bench_100k TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'")
		adb.Close()
		u.Path = "/zhaoyin_bench_100k"
		dsn = u.String()
	}
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	_, total, err := store.NewProjectService(db).FindProjects(context.Background(), zhaoyin.ProjectFilter{Limit: 1})
	db.Close()
	if err != nil {
		b.Fatal(err)
	}
	if total != size {
		path, err := benchdata.Sheet(size)
		if err != nil {
			b.Fatal(err)
		}
		importSheet(b, dsn, path)
	}
	prepared[admin] = dsn
	return dsn
}

type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) add(d time.Duration) { l.mu.Lock(); l.d = append(l.d, d); l.mu.Unlock() }

func (l *latencies) pct(p float64) time.Duration {
	slices.Sort(l.d)
	return l.d[min(len(l.d)-1, int(float64(len(l.d))*p))]
}

// BenchmarkProjectList100k serves GET /api/v1/projects over loopback at 100,000 projects:
// filter by region and stage, sort by investment, page 20; 1 and 32 concurrent clients.
func BenchmarkProjectList100k(b *testing.B) {
	dsn := loaded(b)
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	users := store.NewUserService(db)
	name := fmt.Sprintf("bench%d", time.Now().UnixNano()%1e9)
	if err := users.CreateUser(ctx, &zhaoyin.User{Username: name, Role: zhaoyin.RoleCity, RegionCode: "370700"}, "bench-password"); err != nil {
		b.Fatal(err)
	}
	token, err := users.CreateToken(ctx, name, "bench")
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: app.NewHandler(db, slog.New(slog.NewTextHandler(io.Discard, nil)))}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	stages := []string{"signed", "started", "producing", "negotiating"}

	for _, clients := range []int{1, 32} {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
			requests := 1500 * clients
			if clients > 1 {
				requests = 20000
			}
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}}
			var next atomic.Int64
			var failed atomic.Int64
			lat := &latencies{}
			var wg sync.WaitGroup
			b.ResetTimer()
			start := time.Now()
			for c := 0; c < clients; c++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						i := next.Add(1)
						if i > int64(requests) {
							return
						}
						u := fmt.Sprintf("%s/api/v1/projects?region=%s&stage=%s&sort=-total_investment_yuan&page=%d&page_size=20",
							base, benchdata.Counties[i%int64(len(benchdata.Counties))], stages[i%4], i%5+1)
						req, _ := http.NewRequest("GET", u, nil)
						req.Header.Set("Authorization", "Bearer "+token)
						t0 := time.Now()
						resp, err := client.Do(req)
						if err != nil {
							failed.Add(1)
							continue
						}
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if resp.StatusCode != 200 {
							failed.Add(1)
						}
						lat.add(time.Since(t0))
					}
				}()
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			if failed.Load() > 0 {
				b.Fatalf("%d requests failed", failed.Load())
			}
			b.ReportMetric(float64(requests)/elapsed.Seconds(), "req/s")
			b.ReportMetric(float64(lat.pct(0.50).Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat.pct(0.99).Microseconds())/1000, "p99-ms")
		})
	}
}

// BenchmarkSearch100k measures Chinese name search in the store at 100,000 projects.
func BenchmarkSearch100k(b *testing.B) {
	dsn := loaded(b)
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ps := store.NewProjectService(db)
	// A district's user: its scope leaves most projects out, so the index is asked for the
	// district's token too (store/dialect.go, findBySearch).
	district := zhaoyin.NewContextWithUser(ctx, &zhaoyin.User{ID: 1, Username: "bench", Role: zhaoyin.RoleDistrict, RegionCode: benchdata.Counties[3]})
	for _, tc := range []struct {
		name, q string
		ctx     context.Context
	}{
		{"selective", "实业12345有限", ctx}, // one investor: what a person looking for a project types
		{"3+chars", "磁悬浮鼓风机", ctx},      // a product in 1 of 15 generated names: thousands of matches to sort
		{"3chars", "可降解", ctx},          // likewise
		{"2chars", "歌尔", ctx},           // below the trigram length
		{"code", "bn0012345", ctx},
		{"3chars-district", "可降解", district},
		{"2chars-district", "歌尔", district}} {
		b.Run(tc.name, func(b *testing.B) {
			lat := &latencies{}
			q := tc.q
			for i := 0; i < 200; i++ {
				t0 := time.Now()
				if _, _, err := ps.FindProjects(tc.ctx, zhaoyin.ProjectFilter{Query: &q, Limit: 20, Sort: "-total_investment_yuan"}); err != nil {
					b.Fatal(err)
				}
				lat.add(time.Since(t0))
			}
			b.ReportMetric(float64(lat.pct(0.5).Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat.pct(0.99).Microseconds())/1000, "p99-ms")
		})
	}
}

var listenRE = regexp.MustCompile(`http://(\S+)`)

// BenchmarkStartup measures server start to first answer on an existing 100,000-project database.
func BenchmarkStartup(b *testing.B) {
	dsn := loaded(b)
	var times []time.Duration
	for i := 0; i < 5; i++ {
		start := time.Now()
		cmd := exec.Command(binary, "serve", "--addr", "127.0.0.1:0", "--db", dsn)
		stdout, _ := cmd.StdoutPipe()
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		addr := ""
		for sc.Scan() {
			if m := listenRE.FindStringSubmatch(sc.Text()); m != nil {
				addr = m[1]
				break
			}
		}
		go io.Copy(io.Discard, stdout)
		for addr != "" {
			resp, err := http.Get("http://" + addr + "/healthz")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == 200 {
					break
				}
			}
			time.Sleep(2 * time.Millisecond)
		}
		times = append(times, time.Since(start))
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		if addr == "" {
			b.Fatal("server printed no address")
		}
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Milliseconds()), "start-ms")
}

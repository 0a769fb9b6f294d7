package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"zhaoyin"
	"zhaoyin/app"
	"zhaoyin/sheet"
	"zhaoyin/store"
)

const usage = `zhaoyin：招商引资全流程管理平台

用法：
  zhaoyin serve [--addr 127.0.0.1:8080] [--db ./zhaoyin.db | --db postgres://user@host/db] [--demo]
  zhaoyin user add NAME --role ROLE [--region CODE] --password-stdin
  zhaoyin token create NAME
  zhaoyin import projects|progress FILE.xlsx [--dry-run]

每个命令都接受 --db（或环境变量 ZHAOYIN_DB）：文件路径为内嵌 SQLite（默认 ./zhaoyin.db），
postgres:// 开头为 PostgreSQL。启动时自动执行数据库迁移。
角色：admin、city、district（须 --region）、department、leader。
`

// defaultMemoryLimit is the heap size the runtime aims to stay under (bytes).
const defaultMemoryLimit = 200 << 20

// Main runs one command and returns the process exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "zhaoyin: "+format+"\n", a...)
		return 1
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if getenv("GOMEMLIMIT") == "" {
		// A soft ceiling: the collector works harder near it instead of letting a large import
		// double its heap. GOMEMLIMIT overrides it.
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	defaultDB := getenv("ZHAOYIN_DB")
	if defaultDB == "" {
		defaultDB = "./zhaoyin.db"
	}
	switch {
	case args[0] == "serve":
		fs := newFlags("serve")
		addr := fs.String("addr", "127.0.0.1:8080", "监听地址")
		dsn := fs.String("db", defaultDB, "数据库")
		withDemo := fs.Bool("demo", false, "向空数据库填充演示城市")
		pos, err := parse(fs, args[1:])
		if err != nil {
			return fail("%v", err)
		}
		if len(pos) > 0 {
			return fail("serve 不接受参数 %q", pos[0])
		}
		if err := serve(ctx, *addr, *dsn, *withDemo, stdout); err != nil {
			return fail("%v", err)
		}
		return 0
	case args[0] == "user" && len(args) > 1 && args[1] == "add":
		fs := newFlags("user add")
		role := fs.String("role", "", "角色")
		region := fs.String("region", "", "所属区域代码")
		display := fs.String("display-name", "", "显示名称")
		fromStdin := fs.Bool("password-stdin", false, "从标准输入读取密码")
		dsn := fs.String("db", defaultDB, "数据库")
		pos, err := parse(fs, args[2:])
		if err != nil {
			return fail("%v", err)
		}
		if len(pos) != 1 {
			return fail("用法：zhaoyin user add NAME --role ROLE [--region CODE] --password-stdin")
		}
		if !*fromStdin {
			return fail("请用 --password-stdin 从标准输入提供密码（避免密码出现在命令历史中）")
		}
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fail("读取密码失败：%v", err)
		}
		password := strings.TrimRight(line, "\r\n")
		db, err := store.Open(ctx, *dsn)
		if err != nil {
			return fail("%v", err)
		}
		defer db.Close()
		u := &zhaoyin.User{Username: pos[0], DisplayName: *display, Role: *role, RegionCode: *region}
		if err := store.NewUserService(db).CreateUser(ctx, u, password); err != nil {
			return fail("%s", zhaoyin.ErrorMessage(err))
		}
		fmt.Fprintf(stdout, "已添加用户 %s（%s）\n", u.Username, zhaoyin.LabelOf(zhaoyin.RoleLabels, u.Role))
		return 0
	case args[0] == "token" && len(args) > 1 && args[1] == "create":
		fs := newFlags("token create")
		dsn := fs.String("db", defaultDB, "数据库")
		name := fs.String("name", "cli", "令牌用途")
		pos, err := parse(fs, args[2:])
		if err != nil {
			return fail("%v", err)
		}
		if len(pos) != 1 {
			return fail("用法：zhaoyin token create NAME")
		}
		db, err := store.Open(ctx, *dsn)
		if err != nil {
			return fail("%v", err)
		}
		defer db.Close()
		tok, err := store.NewUserService(db).CreateToken(ctx, pos[0], *name)
		if err != nil {
			return fail("%s", zhaoyin.ErrorMessage(err))
		}
		fmt.Fprintln(stdout, tok)
		return 0
	}
	if args[0] == "import" && len(args) > 1 && (args[1] == "projects" || args[1] == "progress") {
		fs := newFlags("import")
		dsn := fs.String("db", defaultDB, "数据库")
		dry := fs.Bool("dry-run", false, "只检查，不保存")
		pos, err := parse(fs, args[2:])
		if err != nil {
			return fail("%v", err)
		}
		if len(pos) != 1 {
			return fail("用法：zhaoyin import projects|progress FILE.xlsx [--dry-run]")
		}
		return importFile(ctx, *dsn, args[1], pos[0], *dry, stdout, stderr)
	}
	fmt.Fprint(stderr, usage)
	return fail("未知命令 %q", strings.Join(args[:min(2, len(args))], " "))
}

func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse lets flags and positional arguments come in any order (zhaoyin user add NAME --role …).
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("参数错误：%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func serve(ctx context.Context, addr, dsn string, withDemo bool, stdout io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("无法监听 %s：%v", addr, err)
	}
	defer ln.Close()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	logger := slog.New(slog.NewTextHandler(stdout, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if withDemo {
		if err := app.FillDemo(ctx, db, stdout); err != nil {
			return err
		}
	}
	srv := &http.Server{
		Handler:           app.NewHandler(db, logger),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(stdout, "Zhaoyin 招引 正在监听 http://%s （数据库：%s）\n", ln.Addr(), db.Engine())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "已停止")
	return nil
}

// importFile imports a project or progress sheet as the system (all or nothing), printing
// every bad cell when the sheet is refused.
func importFile(ctx context.Context, dsn, kind, path string, dryRun bool, stdout, stderr io.Writer) int {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "zhaoyin: 无法打开文件 %s\n", path)
		return 1
	}
	defer f.Close()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		fmt.Fprintf(stderr, "zhaoyin: %v\n", err)
		return 1
	}
	defer db.Close()
	ps := store.NewProjectService(db)
	var res zhaoyin.ImportResult
	if kind == "projects" {
		parse := func(r io.Reader) ([]*zhaoyin.Project, []int, error) {
			return sheet.ParseProjects(r, func(text string) (*zhaoyin.Region, error) {
				return store.NewRegionService(db).ResolveRegion(ctx, text)
			})
		}
		res, err = sheet.Import(f, parse, func(list []*zhaoyin.Project) (zhaoyin.ImportResult, error) {
			return ps.ImportProjects(ctx, list, dryRun)
		})
	} else {
		res, err = sheet.Import(f, sheet.ParseProgress, func(list []*zhaoyin.Progress) (zhaoyin.ImportResult, error) {
			return ps.ImportProgress(ctx, list, dryRun)
		})
	}
	if err != nil {
		fmt.Fprintf(stderr, "zhaoyin: %s\n", zhaoyin.ErrorMessage(err))
		var e *zhaoyin.Error
		if errors.As(err, &e) {
			for i, c := range e.Cells {
				if i == 200 {
					fmt.Fprintf(stderr, "  ……另有 %d 处错误\n", len(e.Cells)-200)
					break
				}
				fmt.Fprintf(stderr, "  第 %d 行 %s：%s\n", c.Row, c.Column, c.Message)
			}
		}
		return 1
	}
	verb := "已导入"
	if dryRun {
		verb = "检查通过（未保存）"
	}
	fmt.Fprintf(stdout, "%s：新增 %d 条，更新 %d 条\n", verb, res.Created, res.Updated)
	return 0
}

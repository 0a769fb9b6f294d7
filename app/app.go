// Package app wires the services of the store into the HTTP API and fills the demo city: the
// one place where the parts of the platform are put together (the command and the benchmarks
// share it).
package app

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"zhaoyin"
	"zhaoyin/demo"
	"zhaoyin/dispatch"
	"zhaoyin/httpapi"
	"zhaoyin/stats"
	"zhaoyin/store"
	"zhaoyin/web"
)

// FillDemo fills an empty database with the demo city and prints how to log in.
func FillDemo(ctx context.Context, db *store.DB, stdout io.Writer) error {
	users := store.NewUserService(db)
	existing, err := users.FindUsers(ctx)
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		fmt.Fprintln(stdout, "数据库中已有数据，未再填充演示城市。演示账号（若由 --demo 创建）：admin/admin123、city/city123、gaoxin/gaoxin123、leader/leader123")
		return nil
	}
	fmt.Fprintln(stdout, "正在填充演示城市（潍坊市）……")
	start := time.Now()
	logins, err := demo.Fill(ctx, demo.Services{Regions: store.NewRegionService(db), Users: users, Imports: store.NewProjectService(db), Attachments: store.NewAttachmentService(db),
		Dispatch: store.NewDispatchService(db), Assessment: store.NewAssessmentService(db)}, time.Now())
	if err != nil {
		return fmt.Errorf("填充演示数据失败：%s", zhaoyin.ErrorMessage(err))
	}
	fmt.Fprintf(stdout, "演示城市已就绪（用时 %.1f 秒）。登录账号：\n", time.Since(start).Seconds())
	for _, l := range logins {
		fmt.Fprintf(stdout, "  %-12s 密码 %-14s %s %s\n", l.Username, l.Password, zhaoyin.LabelOf(zhaoyin.RoleLabels, l.Role), l.Note)
	}
	return nil
}

// NewHandler wires the services into the HTTP API, with the embedded web UI.
func NewHandler(db *store.DB, logger *slog.Logger) http.Handler {
	static, err := fs.Sub(web.Dist, "dist")
	if err != nil {
		static = nil
	}
	projects := store.NewProjectService(db)
	st := store.NewStatsService(db)
	return httpapi.New(httpapi.Config{
		Projects:     projects,
		Regions:      store.NewRegionService(db),
		Users:        store.NewUserService(db),
		Progress:     store.NewProgressService(db),
		Audit:        store.NewAuditService(db),
		Dictionaries: store.NewDictionaryService(db),
		Stats:        st,
		Bulletin:     stats.YearBulletin(st),
		Sessions:     store.NewSessionStore(db),
		Ping:         db.Ping,
		Static:       static,
		Logger:       logger,
		Extra: func(api huma.API, _ *http.ServeMux) {
			ds := store.NewDispatchService(db)
			dispatch.Register(api, dispatch.Services{Dispatch: ds, Lists: ds, Assessment: store.NewAssessmentService(db), Reports: projects})
			stats.Register(api, st)
			httpapi.RegisterAttachments(api, store.NewAttachmentService(db))
		},
	}).Handler()
}

package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"zhaoyin"
	"zhaoyin/store"
	"zhaoyin/store/storetest"
)

// user returns a context acting as a user of role confined (for district roles) to region.
func user(role, region string) context.Context {
	return zhaoyin.NewContextWithUser(context.Background(), &zhaoyin.User{ID: 7, Username: role + "@" + region, Role: role, RegionCode: region})
}

// project builds a valid project at stage, reaching each stage on the dates given in order
// (negotiating, signed, approved, started, producing, achieved).
func project(code, region string, stage zhaoyin.Stage, total int64, dates ...string) *zhaoyin.Project {
	p := &zhaoyin.Project{
		Code: code, Name: "项目" + code, RegionCode: region, Type: zhaoyin.TypeIndustrial, Chain: "高端装备",
		Manufacturing: true, TotalInvestmentYuan: total, AnnualPlanYuan: total / 4, Stage: stage,
	}
	for i, d := range dates {
		p.SetStageDate(zhaoyin.Stages[i+1], d)
	}
	return p
}

// weifang opens a store with the zones 高新区 (370771) and 滨海区 (370772) below 潍坊市.
func weifang(t *testing.T) *store.DB {
	t.Helper()
	db := storetest.Open(t)
	regions := store.NewRegionService(db)
	for _, z := range []zhaoyin.Region{{Code: "370771", Name: "高新区", ParentCode: "370700", Kind: "zone"}, {Code: "370772", Name: "滨海区", ParentCode: "370700", Kind: "zone"}} {
		if err := regions.CreateRegion(context.Background(), &z); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func create(t *testing.T, db *store.DB, list ...*zhaoyin.Project) {
	t.Helper()
	ps := store.NewProjectService(db)
	for _, p := range list {
		if err := ps.CreateProject(context.Background(), p); err != nil {
			t.Fatalf("create %s: %v", p.Code, err)
		}
	}
}

func at(db *store.DB, day string) {
	t, _ := time.ParseInLocation("2006-01-02 15:04", day+" 10:00", zhaoyin.ChinaTime)
	db.SetNow(func() time.Time { return t })
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if zhaoyin.ErrorCode(err) != code {
		t.Fatalf("%s: got %v, want %s", what, err, code)
	}
}

func region(st *zhaoyin.DispatchStatus, code string) *zhaoyin.DispatchRegionStatus {
	for i := range st.Regions {
		if st.Regions[i].RegionCode == code {
			return &st.Regions[i]
		}
	}
	return nil
}

func auditCount(t *testing.T, db *store.DB, action string) []*zhaoyin.AuditEntry {
	t.Helper()
	list, _, err := store.NewAuditService(db).FindAudit(context.Background(), zhaoyin.AuditFilter{Action: action})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestDispatchPeriodLifecycle(t *testing.T) {
	db := weifang(t)
	create(t, db,
		project("GX-1", "370771", zhaoyin.StageApproved, 2*zhaoyin.Yi, "2024-01-05", "2024-02-01", "2024-02-10"),
		project("GX-2", "370771", zhaoyin.StageStarted, 3*zhaoyin.Yi, "2024-01-05", "2024-02-01", "2024-02-20", "2024-03-05"),
		project("BH-1", "370772", zhaoyin.StageProducing, 5*zhaoyin.Yi, "2023-01-05", "2023-02-01", "2023-03-01", "2023-05-01", "2024-01-15"),
		project("KW-1", "370705", zhaoyin.StageSigned, 1*zhaoyin.Yi, "2024-02-05", "2024-03-01"),
		project("GX-9", "370771", zhaoyin.StageAchieved, 1*zhaoyin.Yi, "2022-01-05", "2022-02-01", "2022-02-10", "2022-03-01", "2023-01-01", "2024-01-20"),
		// Another city: its periods are its own.
		project("JN-1", "370102", zhaoyin.StageStarted, 1*zhaoyin.Yi, "2024-01-05", "2024-02-01", "2024-02-10", "2024-02-11"),
	)
	ds := store.NewDispatchService(db)
	progress := store.NewProgressService(db)
	imports := store.NewProjectService(db)
	city := user(zhaoyin.RoleCity, "370700")
	gx := user(zhaoyin.RoleDistrict, "370771")
	at(db, "2024-04-03")

	_, err := ds.OpenPeriod(gx, zhaoyin.DispatchOpening{Month: "2024-03", Deadline: "2024-04-05"})
	wantCode(t, "district opens", err, zhaoyin.EFORBIDDEN)
	_, err = ds.OpenPeriod(city, zhaoyin.DispatchOpening{Month: "2024-13"})
	wantCode(t, "bad month", err, zhaoyin.EINVALID)
	_, err = ds.OpenPeriod(city, zhaoyin.DispatchOpening{Month: "2024-03", Deadline: "2024-02-28"})
	wantCode(t, "deadline before the month", err, zhaoyin.EINVALID)
	_, err = ds.OpenPeriod(city, zhaoyin.DispatchOpening{Month: "2024-03", RegionCode: "370771"})
	wantCode(t, "a zone opens", err, zhaoyin.EINVALID)

	p, err := ds.OpenPeriod(city, zhaoyin.DispatchOpening{Month: "2024-03", Deadline: "2024-04-05"})
	if err != nil {
		t.Fatal(err)
	}
	if p.RegionCode != "370700" || p.RegionName != "潍坊市" || p.Status != zhaoyin.PeriodOpen || p.Deadline != "2024-04-05" || p.OpenedBy != "city@370700" {
		t.Fatalf("opened %+v", p)
	}
	_, err = ds.OpenPeriod(city, zhaoyin.DispatchOpening{Month: "2024-03"})
	wantCode(t, "open twice", err, zhaoyin.ECONFLICT)
	_, err = ds.OpenPeriod(city, zhaoyin.DispatchOpening{Month: "2024-03", RegionCode: "370000"})
	wantCode(t, "the province over an open city", err, zhaoyin.ECONFLICT)
	if e := auditCount(t, db, zhaoyin.ActionPeriodOpen); len(e) != 1 || e[0].Object != "period:370700:2024-03" {
		t.Fatalf("open audit %+v", e)
	}
	// Jinan opens and closes its own March: Weifang's projects are not affected.
	if _, err := ds.OpenPeriod(user(zhaoyin.RoleAdmin, ""), zhaoyin.DispatchOpening{Month: "2024-03", RegionCode: "370100"}); err != nil {
		t.Fatal(err)
	}
	if _, err := ds.ClosePeriod(user(zhaoyin.RoleAdmin, ""), "2024-03", "370100"); err != nil {
		t.Fatal(err)
	}
	// The district sees its city's period, not Jinan's.
	if list, err := ds.FindPeriods(gx, zhaoyin.DispatchPeriodFilter{}); err != nil || len(list) != 1 || list[0].RegionCode != "370700" {
		t.Fatalf("district periods %+v %v", list, err)
	}
	if list, err := ds.FindPeriods(city, zhaoyin.DispatchPeriodFilter{Year: 2024}); err != nil || len(list) != 2 {
		t.Fatalf("city periods %+v %v", list, err)
	}

	// The district reports one of its two due projects.
	if err := progress.UpsertProgress(gx, &zhaoyin.Progress{ProjectCode: "GX-1", Month: "2024-03", FundsArrivedYuan: 1000 * zhaoyin.Wan, InvestedYuan: 800 * zhaoyin.Wan, ProgressText: "主体施工", Problems: "用电指标不足"}); err != nil {
		t.Fatal(err)
	}
	st, err := ds.PeriodStatus(city, "2024-03", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Regions) != 14 || st.Due != 3 || st.Reported != 1 || st.Missing != 2 {
		t.Fatalf("status: %d regions, due %d reported %d missing %d", len(st.Regions), st.Due, st.Reported, st.Missing)
	}
	g := region(st, "370771")
	if g == nil || g.Due != 2 || g.Reported != 1 || g.Missing != 1 || g.LastReportAt == nil || g.Overdue ||
		len(g.MissingProjects) != 1 || g.MissingProjects[0].Code != "GX-2" {
		t.Fatalf("高新区 %+v", g)
	}
	if b := region(st, "370772"); b == nil || b.Due != 1 || b.Missing != 1 || b.LastReportAt != nil {
		t.Fatalf("滨海区 %+v", b)
	}
	if k := region(st, "370705"); k == nil || k.Due != 0 || k.Missing != 0 {
		t.Fatalf("奎文区 (signed only, not due) %+v", k)
	}
	// A district sees its own line only.
	if mine, err := ds.PeriodStatus(gx, "2024-03", ""); err != nil || len(mine.Regions) != 1 || mine.Regions[0].RegionCode != "370771" || mine.Due != 2 {
		t.Fatalf("district status %+v %v", mine, err)
	}

	// After the deadline the regions with reports missing are overdue; the city reminds them.
	at(db, "2024-04-06")
	st, _ = ds.PeriodStatus(city, "2024-03", "")
	if !region(st, "370771").Overdue || !region(st, "370772").Overdue || region(st, "370705").Overdue {
		t.Fatalf("overdue flags %+v", st.Regions)
	}
	_, err = ds.Remind(gx, "2024-03", "", zhaoyin.DispatchReminderRequest{})
	wantCode(t, "district reminds", err, zhaoyin.EFORBIDDEN)
	_, err = ds.Remind(city, "2024-03", "", zhaoyin.DispatchReminderRequest{RegionCodes: []string{"370102"}})
	wantCode(t, "remind a region of another city", err, zhaoyin.EINVALID)
	rem, err := ds.Remind(city, "2024-03", "", zhaoyin.DispatchReminderRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rem.RegionCodes, ",") != "370771,370772" || strings.Join(rem.RegionNames, ",") != "高新区,滨海区" || rem.CreatedBy != "city@370700" || !strings.Contains(rem.Message, "2024-04-05") {
		t.Fatalf("reminder %+v", rem)
	}
	st, _ = ds.PeriodStatus(city, "2024-03", "")
	if len(st.Reminders) != 1 || region(st, "370771").LastRemindedAt == nil || region(st, "370705").LastRemindedAt != nil {
		t.Fatalf("reminders in status %+v", st)
	}
	if e := auditCount(t, db, zhaoyin.ActionPeriodRemind); len(e) != 1 {
		t.Fatalf("remind audit %+v", e)
	}

	// Close: only the city.
	_, err = ds.ClosePeriod(gx, "2024-03", "")
	wantCode(t, "district closes", err, zhaoyin.EFORBIDDEN)
	p, err = ds.ClosePeriod(city, "2024-03", "")
	if err != nil || p.Status != zhaoyin.PeriodClosed || p.ClosedBy != "city@370700" || p.ClosedAt == nil {
		t.Fatalf("close %+v %v", p, err)
	}
	_, err = ds.ClosePeriod(city, "2024-03", "")
	wantCode(t, "close twice", err, zhaoyin.ECONFLICT)
	_, err = ds.Remind(city, "2024-03", "", zhaoyin.DispatchReminderRequest{})
	wantCode(t, "remind a closed period", err, zhaoyin.EINVALID)

	// A closed period refuses changes with a clear message, by form and by import, for every
	// role, and nothing changes.
	closedMsg := "2024-03 调度期已关闭，不能修改；如需更正请联系市投资促进局重新开启"
	err = progress.UpsertProgress(gx, &zhaoyin.Progress{ProjectCode: "GX-2", Month: "2024-03", FundsArrivedYuan: 5 * zhaoyin.Wan})
	wantCode(t, "report into a closed month", err, zhaoyin.EINVALID)
	if zhaoyin.ErrorMessage(err) != closedMsg {
		t.Fatalf("message %q, want %q", zhaoyin.ErrorMessage(err), closedMsg)
	}
	_, err = imports.ImportProgress(city, []*zhaoyin.Progress{
		{ProjectCode: "GX-1", Month: "2024-03", FundsArrivedYuan: 1},
		{ProjectCode: "GX-2", Month: "2024-02", FundsArrivedYuan: 2}, // no period in February: history is open
		{ProjectCode: "BH-1", Month: "2024-03", FundsArrivedYuan: 3},
	}, false)
	wantCode(t, "import into a closed month", err, zhaoyin.EINVALID)
	var ze *zhaoyin.Error
	if !asError(err, &ze) || len(ze.Cells) != 2 || ze.Cells[0].Row != 0 || ze.Cells[1].Row != 2 || ze.Cells[0].Message != closedMsg || ze.Cells[0].Column != "month" {
		t.Fatalf("cells %+v", ze)
	}
	got, err := progress.FindProgress(gx, "GX-1")
	if err != nil || len(got) != 1 || got[0].FundsArrivedYuan != 1000*zhaoyin.Wan || got[0].Problems != "用电指标不足" {
		t.Fatalf("GX-1 changed: %+v %v", got, err)
	}
	if got, _ := progress.FindProgress(gx, "GX-2"); len(got) != 0 {
		t.Fatalf("GX-2 stored despite the failed import: %+v", got)
	}
	// Months without a period accept reports (history), and Jinan's closed March is Jinan's.
	if err := progress.UpsertProgress(gx, &zhaoyin.Progress{ProjectCode: "GX-2", Month: "2024-02", FundsArrivedYuan: 7 * zhaoyin.Wan}); err != nil {
		t.Fatal(err)
	}
	err = progress.UpsertProgress(context.Background(), &zhaoyin.Progress{ProjectCode: "JN-1", Month: "2024-03", FundsArrivedYuan: 1})
	wantCode(t, "Jinan's closed March", err, zhaoyin.EINVALID)

	// Reopening is the city's, audited with its reason; then the report is accepted.
	_, err = ds.ReopenPeriod(gx, "2024-03", "", "补报")
	wantCode(t, "district reopens", err, zhaoyin.EFORBIDDEN)
	p, err = ds.ReopenPeriod(city, "2024-03", "", "高新区补报 GX-2")
	if err != nil || p.Status != zhaoyin.PeriodOpen || p.ReopenedBy != "city@370700" || p.ReopenReason != "高新区补报 GX-2" {
		t.Fatalf("reopen %+v %v", p, err)
	}
	_, err = ds.ReopenPeriod(city, "2024-03", "", "")
	wantCode(t, "reopen an open period", err, zhaoyin.ECONFLICT)
	e := auditCount(t, db, zhaoyin.ActionPeriodReopen)
	if len(e) != 1 || e[0].Username != "city@370700" || e[0].Object != "period:370700:2024-03" || len(e[0].Changes) != 2 || e[0].Changes[1].After != "高新区补报 GX-2" {
		t.Fatalf("reopen audit %+v", e)
	}
	if e := auditCount(t, db, zhaoyin.ActionPeriodClose); len(e) != 2 {
		t.Fatalf("close audit %+v", e)
	}
	if err := progress.UpsertProgress(gx, &zhaoyin.Progress{ProjectCode: "GX-2", Month: "2024-03", FundsArrivedYuan: 5 * zhaoyin.Wan, ProgressText: "补报"}); err != nil {
		t.Fatal(err)
	}
	st, _ = ds.PeriodStatus(city, "2024-03", "370771")
	if len(st.Regions) != 1 || st.Regions[0].Reported != 2 || st.Regions[0].Missing != 0 || st.Regions[0].Overdue {
		t.Fatalf("after the late report %+v", st.Regions)
	}
	// A city user without a region of its own: the one city holding Weifang's... and Jinan's
	// projects is ambiguous, so the region must be named.
	_, err = ds.PeriodStatus(user(zhaoyin.RoleAdmin, ""), "2024-03", "")
	wantCode(t, "two cities, no region", err, zhaoyin.EINVALID)
	if st, err := ds.PeriodStatus(user(zhaoyin.RoleAdmin, ""), "2024-03", "370700"); err != nil || st.Period.RegionCode != "370700" {
		t.Fatalf("admin status %+v %v", st, err)
	}
	_, err = ds.PeriodStatus(city, "2024-05", "")
	wantCode(t, "no period", err, zhaoyin.ENOTFOUND)
}

func asError(err error, target **zhaoyin.Error) bool {
	e, ok := err.(*zhaoyin.Error)
	if ok {
		*target = e
	}
	return ok
}

func TestDefaultCity(t *testing.T) {
	db := weifang(t)
	create(t, db,
		project("GX-1", "370771", zhaoyin.StageApproved, 2*zhaoyin.Yi, "2024-01-05", "2024-02-01", "2024-02-10"),
		project("KW-1", "370705", zhaoyin.StageSigned, 1*zhaoyin.Yi, "2024-02-05", "2024-03-01"),
	)
	ds := store.NewDispatchService(db)
	admin := user(zhaoyin.RoleAdmin, "")
	p, err := ds.OpenPeriod(admin, zhaoyin.DispatchOpening{Month: "2024-06"})
	if err != nil || p.RegionCode != "370700" || p.Deadline != "2024-07-05" {
		t.Fatalf("default city and deadline: %+v %v", p, err)
	}
	if p, err := ds.FindPeriod(admin, "2024-06", ""); err != nil || p.RegionCode != "370700" {
		t.Fatalf("find the only period: %+v %v", p, err)
	}
}

func TestDispatchTableSums(t *testing.T) {
	db := weifang(t)
	create(t, db,
		project("GX-1", "370771", zhaoyin.StageApproved, 2*zhaoyin.Yi+1234, "2024-01-05", "2024-02-01", "2024-02-10"),
		project("GX-2", "370771", zhaoyin.StageStarted, 3*zhaoyin.Yi, "2024-01-05", "2024-02-01", "2024-02-20", "2024-03-05"),
		project("BH-1", "370772", zhaoyin.StageProducing, 5*zhaoyin.Yi, "2023-01-05", "2023-02-01", "2023-03-01", "2023-05-01", "2024-01-15"),
		project("WF-1", "370700", zhaoyin.StageApproved, 9*zhaoyin.Yi, "2024-01-05", "2024-02-01", "2024-02-10"),
		// Signed only, but it reported: it is on the table.
		project("KW-1", "370705", zhaoyin.StageSigned, 1*zhaoyin.Yi, "2024-02-05", "2024-03-01"),
	)
	rows := []*zhaoyin.Progress{
		{ProjectCode: "GX-1", Month: "2024-01", FundsArrivedYuan: 100 * zhaoyin.Wan, InvestedYuan: 50 * zhaoyin.Wan},
		{ProjectCode: "GX-1", Month: "2024-03", FundsArrivedYuan: 1234567, InvestedYuan: 7654321, ProgressText: "主体施工"},
		{ProjectCode: "GX-2", Month: "2024-02", FundsArrivedYuan: 3 * zhaoyin.Wan},
		{ProjectCode: "BH-1", Month: "2023-12", FundsArrivedYuan: 999 * zhaoyin.Wan}, // last year
		{ProjectCode: "BH-1", Month: "2024-03", FundsArrivedYuan: 10 * zhaoyin.Wan, InvestedYuan: 20 * zhaoyin.Wan, Problems: "环评"},
		{ProjectCode: "BH-1", Month: "2024-04", FundsArrivedYuan: 77 * zhaoyin.Wan}, // later month
		{ProjectCode: "KW-1", Month: "2024-03", FundsArrivedYuan: 5 * zhaoyin.Wan},
	}
	if _, err := store.NewProjectService(db).ImportProgress(context.Background(), rows, false); err != nil {
		t.Fatal(err)
	}
	ds := store.NewDispatchService(db)
	city := user(zhaoyin.RoleCity, "370700")
	tb, err := ds.DispatchTable(city, "2024-03", "")
	if err != nil {
		t.Fatal(err)
	}
	if tb.Period != nil || tb.RegionCode != "370700" {
		t.Fatalf("table head %+v", tb)
	}
	var groups []string
	for _, g := range tb.Groups {
		groups = append(groups, g.RegionName+":"+strconv.Itoa(len(g.Rows)))
	}
	if strings.Join(groups, ",") != "潍坊市本级:1,奎文区:1,高新区:2,滨海区:1" {
		t.Fatalf("groups %v", groups)
	}
	gx := tb.Groups[2]
	r := gx.Rows[0]
	if r.ProjectCode != "GX-1" || r.FundsArrivedYuan != 1234567 || r.FundsArrivedYTDYuan != 100*zhaoyin.Wan+1234567 ||
		r.InvestedYuan != 7654321 || r.InvestedYTDYuan != 50*zhaoyin.Wan+7654321 || r.ProgressText != "主体施工" || !r.Reported {
		t.Fatalf("GX-1 row %+v", r)
	}
	if r := gx.Rows[1]; r.ProjectCode != "GX-2" || r.Reported || r.FundsArrivedYuan != 0 || r.FundsArrivedYTDYuan != 3*zhaoyin.Wan {
		t.Fatalf("GX-2 row %+v", r)
	}
	if bh := tb.Groups[3].Rows[0]; bh.FundsArrivedYTDYuan != 10*zhaoyin.Wan || bh.Problems != "环评" {
		t.Fatalf("BH-1 row %+v", bh)
	}
	var total zhaoyin.DispatchSums
	for _, g := range tb.Groups {
		var sub zhaoyin.DispatchSums
		for _, r := range g.Rows {
			sub.Add(r)
			total.Add(r)
		}
		if sub != g.Subtotal {
			t.Fatalf("%s subtotal %+v, rows add to %+v", g.RegionName, g.Subtotal, sub)
		}
	}
	if total != tb.Total || total.Count != 5 || total.FundsArrivedYuan != 1234567+10*zhaoyin.Wan+5*zhaoyin.Wan {
		t.Fatalf("total %+v, rows add to %+v", tb.Total, total)
	}
	// A district's table holds its own projects only.
	mine, err := ds.DispatchTable(user(zhaoyin.RoleDistrict, "370771"), "2024-03", "")
	if err != nil || len(mine.Groups) != 1 || mine.Groups[0].RegionCode != "370771" || mine.Total.Count != 2 || mine.RegionName != "高新区" {
		t.Fatalf("district table %+v %v", mine, err)
	}
	// The region filter.
	if bh, err := ds.DispatchTable(city, "2024-03", "370772"); err != nil || len(bh.Groups) != 1 || bh.Total.Count != 1 || bh.RegionName != "滨海区" {
		t.Fatalf("region table %+v %v", bh, err)
	}
}

func TestProjectLists(t *testing.T) {
	db := weifang(t)
	a := project("GX-A", "370771", zhaoyin.StageStarted, 2*zhaoyin.Yi, "2024-03-01", "2024-03-10", "2024-03-20", "2024-04-02")
	a.SignedAmountYuan = 15000 * zhaoyin.Wan
	a.Investors = []zhaoyin.Investor{{Name: "潍柴动力股份有限公司"}}
	b := project("GX-B", "370771", zhaoyin.StageApproved, 5000*zhaoyin.Wan, "2024-01-01", "2024-02-01", "2024-03-05")
	b.Type = zhaoyin.TypePlatform
	c := project("BH-C", "370772", zhaoyin.StageSigned, 8000*zhaoyin.Wan, "2024-03-01", "2024-03-31")
	c.SignedAmountYuan = 6000 * zhaoyin.Wan
	c.Investors = []zhaoyin.Investor{{Name: "甲公司"}, {Name: "乙公司"}}
	d := project("KW-D", "370705", zhaoyin.StageSigned, 1*zhaoyin.Yi, "2024-03-01", "2024-04-01")
	create(t, db, a, b, c, d)
	ls := store.NewDispatchService(db)

	codes := func(l zhaoyin.ProjectList) string {
		var out []string
		for _, it := range l.Items {
			out = append(out, it.Code+"@"+it.On)
		}
		return strings.Join(out, ",")
	}
	got, err := ls.ProjectLists(user(zhaoyin.RoleCity, "370700"), zhaoyin.ProjectListFilter{From: "2024-03-01", To: "2024-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Lists) != 3 || got.Lists[0].Label != "新签约项目" || codes(got.Lists[0]) != "GX-A@2024-03-10,BH-C@2024-03-31" ||
		codes(got.Lists[1]) != "GX-B@2024-03-05,GX-A@2024-03-20" || codes(got.Lists[2]) != "" {
		t.Fatalf("lists %s | %s | %s", codes(got.Lists[0]), codes(got.Lists[1]), codes(got.Lists[2]))
	}
	signed := got.Lists[0]
	if tt := signed.Totals; tt.Count != 2 || tt.TotalInvestmentYuan != 2*zhaoyin.Yi+8000*zhaoyin.Wan || tt.SignedAmountYuan != 21000*zhaoyin.Wan || tt.AmountYuan != 21000*zhaoyin.Wan {
		t.Fatalf("signed totals %+v", tt)
	}
	// 立项 list: GX-B has no signed amount, so the 签约金额 figure falls back to its total.
	if tt := got.Lists[1].Totals; tt.SignedAmountYuan != 15000*zhaoyin.Wan || tt.AmountYuan != 20000*zhaoyin.Wan {
		t.Fatalf("approved totals %+v", tt)
	}
	bc := signed.Items[1]
	if bc.RegionName != "滨海区" || bc.TypeLabel != "产业类" || bc.Chain != "高端装备" || len(bc.Investors) != 2 || bc.Investors[1].Name != "乙公司" {
		t.Fatalf("item %+v", bc)
	}
	if got.Lists[1].Items[0].TypeLabel != "平台类" {
		t.Fatalf("type label %+v", got.Lists[1].Items[0])
	}
	// A district sees its own projects only, whatever region it asks for.
	gx := user(zhaoyin.RoleDistrict, "370771")
	mine, err := ls.ProjectLists(gx, zhaoyin.ProjectListFilter{From: "2024-03-01", To: "2024-03-31"})
	if err != nil || mine.RegionName != "高新区" || codes(mine.Lists[0]) != "GX-A@2024-03-10" || codes(mine.Lists[1]) != "GX-B@2024-03-05,GX-A@2024-03-20" {
		t.Fatalf("district lists %+v %v", mine, err)
	}
	other, err := ls.ProjectLists(gx, zhaoyin.ProjectListFilter{Region: "370772", From: "2024-03-01", To: "2024-03-31"})
	if err != nil || len(other.Lists[0].Items) != 0 || len(other.Lists[1].Items) != 0 {
		t.Fatalf("district asking for another region %+v %v", other, err)
	}
	// A region and another period.
	apr, err := ls.ProjectLists(user(zhaoyin.RoleLeader, "370700"), zhaoyin.ProjectListFilter{Region: "370700", From: "2024-04-01", To: "2024-04-30"})
	if err != nil || codes(apr.Lists[0]) != "KW-D@2024-04-01" || codes(apr.Lists[2]) != "GX-A@2024-04-02" || apr.RegionName != "潍坊市" {
		t.Fatalf("april lists %+v %v", apr, err)
	}
	_, err = ls.ProjectLists(gx, zhaoyin.ProjectListFilter{From: "2024-03-31", To: "2024-03-01"})
	wantCode(t, "to before from", err, zhaoyin.EINVALID)
	_, err = ls.ProjectLists(gx, zhaoyin.ProjectListFilter{From: "2024-02-30", To: "2024-03-01"})
	wantCode(t, "bad date", err, zhaoyin.EINVALID)
}

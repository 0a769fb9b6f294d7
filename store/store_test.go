package store_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"zhaoyin"
	"zhaoyin/store"
	"zhaoyin/store/storetest"
)

func sys() context.Context { return context.Background() }

func as(role, region string) context.Context {
	return zhaoyin.NewContextWithUser(context.Background(), &zhaoyin.User{ID: 1, Username: role + "-user", Role: role, RegionCode: region})
}

func code(err error) string { return zhaoyin.ErrorCode(err) }

func validUSCC(t testing.TB, first17 string) string {
	c, err := zhaoyin.USCCCheckChar(first17)
	if err != nil {
		t.Fatal(err)
	}
	return first17 + string(c)
}

// setup opens a store with the Weifang zones 高新区 (370771) and 滨海区 (370772).
func setup(t *testing.T) (*store.DB, *store.ProjectService) {
	db := storetest.Open(t)
	regions := store.NewRegionService(db)
	for _, z := range []zhaoyin.Region{{Code: "370771", Name: "高新区", ParentCode: "370700", Kind: "zone"}, {Code: "370772", Name: "滨海区", ParentCode: "370700", Kind: "zone"}} {
		if err := regions.CreateRegion(sys(), &z); err != nil {
			t.Fatal(err)
		}
	}
	return db, store.NewProjectService(db)
}

func newProject(code, region string) *zhaoyin.Project {
	return &zhaoyin.Project{
		Code: code, Name: "潍柴动力氢燃料电池发动机产业化项目 " + code, RegionCode: region, Type: "industrial",
		Chain: "氢能", Manufacturing: true, CapitalSource: "in_province", TotalInvestmentYuan: 150 * zhaoyin.Yi,
		AnnualPlanYuan: 30 * zhaoyin.Yi, Stage: zhaoyin.StageSigned, NegotiatingOn: "2024-01-05", SignedOn: "2024-02-12",
		Tags: []string{"市重点项目"}, Batches: []string{"2024年春季全市重大项目集中开工"},
		Investors: []zhaoyin.Investor{{Name: "潍柴动力股份有限公司", USCC: ""}},
	}
}

func TestProjectLifecycle(t *testing.T) {
	_, ps := setup(t)
	ctx := as("district", "370771")
	p := newProject("WF-001", "370771")
	if err := ps.CreateProject(ctx, p); err != nil {
		t.Fatal(err)
	}
	if p.Version != 1 || p.RegionName != "高新区" || len(p.Tags) != 1 || p.Investors[0].Name != "潍柴动力股份有限公司" {
		t.Fatalf("created project = %+v", p)
	}
	if err := ps.CreateProject(ctx, newProject("WF-001", "370771")); code(err) != zhaoyin.ECONFLICT {
		t.Fatalf("duplicate code: %v", err)
	}
	// Skipping a stage and going back in time are refused, and nothing changes.
	if _, err := ps.AdvanceStage(ctx, "WF-001", zhaoyin.StageStarted, "2024-03-01", ""); code(err) != zhaoyin.EINVALID {
		t.Fatalf("skip: %v", err)
	}
	if _, err := ps.AdvanceStage(ctx, "WF-001", zhaoyin.StageApproved, "2024-02-01", ""); code(err) != zhaoyin.EINVALID {
		t.Fatalf("backwards: %v", err)
	}
	got, err := ps.AdvanceStage(ctx, "WF-001", zhaoyin.StageApproved, "2024-02-12", "")
	if err != nil || got.Stage != zhaoyin.StageApproved || got.ApprovedOn != "2024-02-12" || got.Version != 2 {
		t.Fatalf("advance: %+v %v", got, err)
	}
	name := "新名称项目"
	if _, err := ps.UpdateProject(ctx, "WF-001", zhaoyin.ProjectUpdate{Version: 1, Name: &name}); code(err) != zhaoyin.ECONFLICT {
		t.Fatalf("stale version: %v", err)
	}
	if cur, _ := ps.FindProject(ctx, "WF-001"); cur.Name == name {
		t.Fatal("stale update changed the project")
	}
	got, err = ps.UpdateProject(ctx, "WF-001", zhaoyin.ProjectUpdate{Version: 2, Name: &name})
	if err != nil || got.Name != name || got.Version != 3 {
		t.Fatalf("update: %+v %v", got, err)
	}
	hist, err := ps.ProjectHistory(ctx, "WF-001")
	if err != nil || len(hist) != 3 {
		t.Fatalf("history: %d %v", len(hist), err)
	}
	last := hist[2]
	if last.Action != zhaoyin.ActionProjectUpdate || last.Username != "district-user" || len(last.Changes) != 1 || last.Changes[0].Field != "name" || last.Changes[0].After != name {
		t.Fatalf("last history entry = %+v", last)
	}
	if hist[1].Action != zhaoyin.ActionProjectStage {
		t.Fatalf("stage entry = %+v", hist[1])
	}
	// Dropping needs a reason.
	if _, err := ps.AdvanceStage(ctx, "WF-001", zhaoyin.StageDropped, "2024-03-01", ""); code(err) != zhaoyin.EINVALID {
		t.Fatalf("drop without reason: %v", err)
	}
	got, err = ps.AdvanceStage(ctx, "WF-001", zhaoyin.StageDropped, "2024-03-01", "企业战略调整")
	if err != nil || got.Stage != zhaoyin.StageDropped || got.DropReason != "企业战略调整" || got.ApprovedOn != "2024-02-12" {
		t.Fatalf("drop: %+v %v", got, err)
	}
}

func TestScope(t *testing.T) {
	_, ps := setup(t)
	if err := ps.CreateProject(sys(), newProject("GX-1", "370771")); err != nil {
		t.Fatal(err)
	}
	if err := ps.CreateProject(sys(), newProject("BH-1", "370772")); err != nil {
		t.Fatal(err)
	}
	if err := ps.CreateProject(sys(), newProject("SG-1", "370783")); err != nil {
		t.Fatal(err)
	}
	gx := as("district", "370771")
	list, total, err := ps.FindProjects(gx, zhaoyin.ProjectFilter{})
	if err != nil || total != 1 || list[0].Code != "GX-1" {
		t.Fatalf("district sees %d: %v", total, err)
	}
	// Even a filter naming another region cannot widen the scope.
	other := "370772"
	if _, total, _ := ps.FindProjects(gx, zhaoyin.ProjectFilter{Region: &other}); total != 0 {
		t.Fatalf("district filtered to another region sees %d", total)
	}
	if _, err := ps.FindProject(gx, "BH-1"); code(err) != zhaoyin.ENOTFOUND {
		t.Fatalf("other district's project: %v", err)
	}
	name := "x"
	if _, err := ps.UpdateProject(gx, "BH-1", zhaoyin.ProjectUpdate{Version: 1, Name: &name}); code(err) != zhaoyin.ENOTFOUND {
		t.Fatalf("update other district's project: %v", err)
	}
	if err := ps.CreateProject(gx, newProject("GX-2", "370772")); code(err) != zhaoyin.EINVALID {
		t.Fatalf("create in another district: %v", err)
	}
	if _, err := ps.UpdateProject(gx, "GX-1", zhaoyin.ProjectUpdate{Version: 1, RegionCode: &other}); code(err) != zhaoyin.EINVALID {
		t.Fatalf("move out of own district: %v", err)
	}
	city := as("city", "370700")
	if _, total, _ := ps.FindProjects(city, zhaoyin.ProjectFilter{}); total != 3 {
		t.Fatalf("city sees %d", total)
	}
	weifang := "370700"
	if _, total, _ := ps.FindProjects(city, zhaoyin.ProjectFilter{Region: &weifang}); total != 3 {
		t.Fatalf("region filter includes regions below: %d", total)
	}
	leader := as("leader", "370700")
	if _, total, _ := ps.FindProjects(leader, zhaoyin.ProjectFilter{}); total != 3 {
		t.Fatalf("leader sees %d", total)
	}
	if _, err := ps.UpdateProject(leader, "GX-1", zhaoyin.ProjectUpdate{Version: 1, Name: &name}); code(err) != zhaoyin.EFORBIDDEN {
		t.Fatalf("leader writes: %v", err)
	}
}

func TestSearchAndSort(t *testing.T) {
	db, ps := setup(t)
	names := []string{"天瑞重工磁悬浮鼓风机扩产项目", "联盟石油化工PBAT可降解塑料项目", "歌尔声学智能穿戴产业园", "50%_特殊字符项目"}
	for i, n := range names {
		p := newProject(fmt.Sprintf("S-%d", i), "370771")
		p.Name = n
		p.TotalInvestmentYuan = int64(i+1) * zhaoyin.Yi
		p.Investors = []zhaoyin.Investor{{Name: fmt.Sprintf("投资企业%d有限公司", i)}}
		if err := ps.CreateProject(sys(), p); err != nil {
			t.Fatal(err)
		}
	}
	for q, want := range map[string]int{"磁悬浮": 1, "磁": 1, "项目": 3, "声学智能": 1, "pbat": 1, "s-2": 1, "投资企业3": 1, "50%": 1, "%": 1, "_": 1, "不存在的": 0, "企业": 4} {
		q := q
		_, total, err := ps.FindProjects(sys(), zhaoyin.ProjectFilter{Query: &q})
		if err != nil || total != want {
			t.Errorf("search %q: %d (want %d) %v", q, total, want, err)
		}
	}
	// The index follows edits and re-imports: the old name is no longer found, the new one is.
	name := "潍坊港散货码头扩建项目"
	cur, err := ps.FindProject(sys(), "S-0")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ps.UpdateProject(sys(), "S-0", zhaoyin.ProjectUpdate{Version: cur.Version, Name: &name}); err != nil {
		t.Fatal(err)
	}
	again := newProject("S-1", "370771")
	again.Name, again.TotalInvestmentYuan = "联盟化工绿色甲醇项目", 2*zhaoyin.Yi
	if _, err := ps.ImportProjects(sys(), []*zhaoyin.Project{again}, false); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int{"磁悬浮": 0, "散货码头": 1, "pbat": 0, "绿色甲醇": 1, "项目": 3} {
		q := q
		_, total, err := ps.FindProjects(sys(), zhaoyin.ProjectFilter{Query: &q})
		if err != nil || total != want {
			t.Errorf("search %q after edits: %d (want %d) %v", q, total, want, err)
		}
	}
	if err := db.CheckSearchIndex(sys()); err != nil {
		t.Errorf("search index: %v", err)
	}

	list, _, err := ps.FindProjects(sys(), zhaoyin.ProjectFilter{Sort: "-total_investment_yuan", Limit: 2})
	if err != nil || len(list) != 2 || list[0].Code != "S-3" || list[1].Code != "S-2" {
		t.Fatalf("sort: %v", err)
	}
	if _, _, err := ps.FindProjects(sys(), zhaoyin.ProjectFilter{Sort: "password"}); code(err) != zhaoyin.EINVALID {
		t.Fatalf("bad sort: %v", err)
	}
}

func TestImportAllOrNothing(t *testing.T) {
	db, ps := setup(t)
	good := newProject("I-1", "370771")
	good.Investors = []zhaoyin.Investor{{Name: "山东天瑞重工有限公司", USCC: validUSCC(t, "91370700MA3C5LXY2")}}
	bad := newProject("I-2", "370771")
	bad.SignedOn = "2023-12-01" // before talks
	_, err := ps.ImportProjects(sys(), []*zhaoyin.Project{good, bad}, false)
	var e *zhaoyin.Error
	if !errors.As(err, &e) || len(e.Cells) != 1 || e.Cells[0].Row != 1 || e.Cells[0].Column != "signed_on" {
		t.Fatalf("bad import: %v", err)
	}
	if _, total, _ := ps.FindProjects(sys(), zhaoyin.ProjectFilter{}); total != 0 {
		t.Fatalf("a failed import stored %d projects", total)
	}
	// A row outside the importer's district fails the whole import.
	out := newProject("I-3", "370772")
	if _, err := ps.ImportProjects(as("district", "370771"), []*zhaoyin.Project{good, out}, false); code(err) != zhaoyin.EINVALID {
		t.Fatalf("out-of-scope row: %v", err)
	}
	if _, total, _ := ps.FindProjects(sys(), zhaoyin.ProjectFilter{}); total != 0 {
		t.Fatal("out-of-scope import stored rows")
	}
	res, err := ps.ImportProjects(sys(), []*zhaoyin.Project{good}, true)
	if err != nil || res.Created != 1 || !res.DryRun {
		t.Fatalf("dry run: %+v %v", res, err)
	}
	if _, total, _ := ps.FindProjects(sys(), zhaoyin.ProjectFilter{}); total != 0 {
		t.Fatal("dry run stored rows")
	}
	res, err = ps.ImportProjects(sys(), []*zhaoyin.Project{good}, false)
	if err != nil || res.Created != 1 || res.Updated != 0 {
		t.Fatalf("import: %+v %v", res, err)
	}
	good.Name = "改名后的项目"
	res, err = ps.ImportProjects(sys(), []*zhaoyin.Project{good}, false)
	if err != nil || res.Created != 0 || res.Updated != 1 {
		t.Fatalf("re-import: %+v %v", res, err)
	}
	p, err := ps.FindProject(sys(), "I-1")
	if err != nil || p.Name != "改名后的项目" || p.Version != 2 || len(p.Investors) != 1 || p.Investors[0].USCC != good.Investors[0].USCC {
		t.Fatalf("after re-import: %+v %v", p, err)
	}
	// Progress: unknown project and bad month are reported per row; a good row is stored.
	progress := store.NewProgressService(db)
	_, err = ps.ImportProgress(sys(), []*zhaoyin.Progress{{ProjectCode: "I-1", Month: "2024-03", FundsArrivedYuan: 100}, {ProjectCode: "NOPE", Month: "2024-03"}, {ProjectCode: "I-1", Month: "2024-13"}}, false)
	if !errors.As(err, &e) || len(e.Cells) != 2 {
		t.Fatalf("bad progress: %v", err)
	}
	if res, err := ps.ImportProgress(sys(), []*zhaoyin.Progress{{ProjectCode: "I-1", Month: "2024-03", FundsArrivedYuan: 100, ProgressText: "主体施工"}}, false); err != nil || res.Created != 1 {
		t.Fatalf("progress: %+v %v", res, err)
	}
	if res, err := ps.ImportProgress(sys(), []*zhaoyin.Progress{{ProjectCode: "I-1", Month: "2024-03", FundsArrivedYuan: 200}}, false); err != nil || res.Updated != 1 {
		t.Fatalf("progress update: %+v %v", res, err)
	}
	list, err := progress.FindProgress(sys(), "I-1")
	if err != nil || len(list) != 1 || list[0].FundsArrivedYuan != 200 {
		t.Fatalf("progress list: %v %v", list, err)
	}
}

func TestRegions(t *testing.T) {
	db, _ := setup(t)
	rs := store.NewRegionService(db)
	kids, err := rs.FindRegions(sys(), "370700")
	if err != nil || len(kids) != 14 {
		t.Fatalf("潍坊 children: %d %v", len(kids), err)
	}
	for text, want := range map[string]string{"370771": "370771", "高新区": "370771", "潍坊市/高新区": "370771", "寿光市": "370783", "山东省/潍坊市/奎文区": "370705"} {
		r, err := rs.ResolveRegion(sys(), text)
		if err != nil || r.Code != want {
			t.Errorf("resolve %q: %v %v", text, r, err)
		}
	}
	// 市中区 exists in several cities: the error lists them.
	_, err = rs.ResolveRegion(sys(), "市中区")
	if code(err) != zhaoyin.EINVALID || !strings.Contains(zhaoyin.ErrorMessage(err), "不唯一") || !strings.Contains(zhaoyin.ErrorMessage(err), "济南市") {
		t.Fatalf("ambiguous: %v", err)
	}
	if _, err := rs.ResolveRegion(sys(), "不存在区"); code(err) != zhaoyin.EINVALID {
		t.Fatalf("unknown: %v", err)
	}
	if err := rs.CreateRegion(sys(), &zhaoyin.Region{Code: "370771", Name: "重复", ParentCode: "370700", Kind: "zone"}); code(err) != zhaoyin.ECONFLICT {
		t.Fatalf("duplicate zone: %v", err)
	}
	if err := rs.CreateRegion(as("district", "370771"), &zhaoyin.Region{Code: "370799", Name: "某区", ParentCode: "370700", Kind: "zone"}); code(err) != zhaoyin.EFORBIDDEN {
		t.Fatalf("district adds zone: %v", err)
	}
}

func TestUsers(t *testing.T) {
	db, _ := setup(t)
	us := store.NewUserService(db)
	if err := us.CreateUser(sys(), &zhaoyin.User{Username: "gaoxin", Role: "district"}, "password1"); code(err) != zhaoyin.EINVALID {
		t.Fatalf("district without region: %v", err)
	}
	if err := us.CreateUser(sys(), &zhaoyin.User{Username: "gaoxin", Role: "district", RegionCode: "370771"}, "password1"); err != nil {
		t.Fatal(err)
	}
	u, err := us.Authenticate(sys(), "gaoxin", "password1", "127.0.0.1")
	if err != nil || u.RegionName != "高新区" {
		t.Fatalf("login: %+v %v", u, err)
	}
	for i := 0; i < 5; i++ {
		if _, err := us.Authenticate(sys(), "gaoxin", "wrong", "127.0.0.1"); code(err) != zhaoyin.EUNAUTHORIZED {
			t.Fatalf("wrong password %d: %v", i, err)
		}
	}
	if _, err := us.Authenticate(sys(), "gaoxin", "password1", "127.0.0.1"); code(err) != zhaoyin.ETHROTTLED {
		t.Fatalf("throttle: %v", err)
	}
	tok, err := us.CreateToken(sys(), "gaoxin", "sync")
	if err != nil {
		t.Fatal(err)
	}
	if u, err := us.UserByToken(sys(), tok); err != nil || u.Username != "gaoxin" {
		t.Fatalf("token: %v", err)
	}
	if _, err := us.UserByToken(sys(), tok+"x"); code(err) != zhaoyin.EUNAUTHORIZED {
		t.Fatalf("bad token: %v", err)
	}
	disabled := true
	if _, err := us.UpdateUser(sys(), "gaoxin", zhaoyin.UserUpdate{Disabled: &disabled}); err != nil {
		t.Fatal(err)
	}
	if _, err := us.UserByToken(sys(), tok); code(err) != zhaoyin.EUNAUTHORIZED {
		t.Fatalf("token of disabled user: %v", err)
	}
}

// A zone added below a region with nothing below it joins that region's lists at once on the
// server that added it (the leaf answer regionCond keeps is forgotten).
func TestZoneBelowLeaf(t *testing.T) {
	db, ps := setup(t)
	region := "370702"
	count := func() int {
		t.Helper()
		_, total, err := ps.FindProjects(sys(), zhaoyin.ProjectFilter{Region: &region})
		if err != nil {
			t.Fatal(err)
		}
		return total
	}
	if err := ps.CreateProject(sys(), newProject("LEAF-1", "370702")); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 1 {
		t.Fatalf("潍城区 lists %d projects", n)
	}
	zone := zhaoyin.Region{Code: "37070201", Name: "潍城经济开发区", ParentCode: "370702", Kind: "zone"}
	if err := store.NewRegionService(db).CreateRegion(sys(), &zone); err != nil {
		t.Fatal(err)
	}
	if err := ps.CreateProject(sys(), newProject("LEAF-2", "37070201")); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 2 {
		t.Fatalf("潍城区 lists %d projects after a zone was added below it", n)
	}
}

// A page of projects reads tags, batches and investors from the row's details; they must say
// what the tables say, also after an import renames an investor another project shares.
func TestProjectDetails(t *testing.T) {
	db, ps := setup(t)
	uscc := validUSCC(t, "91370700MA3C00001")
	a := newProject("DT-A", "370771")
	a.Tags, a.Batches = []string{"市重点项目", " 纳入省集中开工 ", "市重点项目"}, []string{"2024年春季全市重大项目集中开工"}
	a.Investors = []zhaoyin.Investor{{Name: "潍坊新材料有限公司", USCC: uscc}, {Name: "山东港口集团"}}
	b := newProject("DT-B", "370772")
	b.Tags, b.Batches = nil, nil
	b.Investors = []zhaoyin.Investor{{Name: "山东港口集团"}}
	if _, err := ps.ImportProjects(sys(), []*zhaoyin.Project{a, b}, false); err != nil {
		t.Fatal(err)
	}
	// The same USCC under a new name, by another project: the enterprise is renamed.
	c := newProject("DT-C", "370771")
	c.Investors = []zhaoyin.Investor{{Name: "潍坊新材料集团有限公司", USCC: uscc}}
	if _, err := ps.ImportProjects(sys(), []*zhaoyin.Project{c}, false); err != nil {
		t.Fatal(err)
	}
	list := func() []*zhaoyin.Project {
		t.Helper()
		out, _, err := ps.FindProjects(sys(), zhaoyin.ProjectFilter{Sort: "code"})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	kept := list()
	got := kept[0]
	if !reflect.DeepEqual(got.Tags, []string{"市重点项目", "纳入省集中开工"}) || !reflect.DeepEqual(got.Batches, []string{"2024年春季全市重大项目集中开工"}) {
		t.Errorf("labels %q %q", got.Tags, got.Batches)
	}
	want := []zhaoyin.Investor{{Name: "潍坊新材料集团有限公司", USCC: uscc}, {Name: "山东港口集团"}}
	if !reflect.DeepEqual(got.Investors, want) {
		t.Errorf("investors of DT-A after the rename: %+v", got.Investors)
	}
	if len(kept[1].Tags) != 0 || kept[1].Tags == nil || len(kept[1].Investors) != 1 {
		t.Errorf("DT-B: %+v %+v", kept[1].Tags, kept[1].Investors)
	}
	same := func(how string, read []*zhaoyin.Project) {
		t.Helper()
		for i := range kept {
			k, r := kept[i], read[i]
			if !reflect.DeepEqual(k.Tags, r.Tags) || !reflect.DeepEqual(k.Batches, r.Batches) || !reflect.DeepEqual(k.Investors, r.Investors) {
				t.Errorf("%s: from details %q %q %+v; %s %q %q %+v", k.Code, k.Tags, k.Batches, k.Investors, how, r.Tags, r.Batches, r.Investors)
			}
		}
	}
	if err := db.ClearDetails(sys()); err != nil {
		t.Fatal(err)
	}
	same("from the tables", list())
	// Rows from before migration 00011 get their details from its backfill.
	if err := db.RerunDetailsBackfill(sys()); err != nil {
		t.Fatal(err)
	}
	if n := db.ProjectsWithoutDetails(sys()); n != 0 {
		t.Errorf("%d projects without details after the backfill", n)
	}
	same("from the backfill", list())
}

// TestSearchFindsEverySubstring checks search against its definition: a project matches when
// its code, name or an investor's name (joined by spaces, case ignored) contains the query.
// Names drawn from a small alphabet make every query length (1, 2 and 3+ characters, across
// field boundaries, with LIKE wildcards and quotes) match many projects and miss others. Each
// query runs unscoped, for a city and for a district, sorted and paged several ways; the
// expected page is the unsearched list of the same sort, filtered. It runs twice: while every
// project lies in the city (its scope leaves nothing out, which SQLite answers from the index
// alone) and after projects elsewhere join.
func TestSearchFindsEverySubstring(t *testing.T) {
	db, ps := setup(t)
	rng := rand.New(rand.NewPCG(7, 11))
	alphabet := []rune(`歌尔声学磁悬浮AbB%_"`)
	word := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(r)
	}
	texts := map[string]string{} // code → the text search looks in
	regionOf := map[string]string{}
	add := func(i int, region string) {
		p := newProject(fmt.Sprintf("Q-%03d", i), region)
		p.Name = word(2 + rng.IntN(7))
		p.TotalInvestmentYuan = int64(1+rng.IntN(4)) * zhaoyin.Yi // ties, broken by id
		p.Investors = []zhaoyin.Investor{{Name: word(1+rng.IntN(4)) + "公司"}}
		if i%5 == 0 {
			p.Investors = append(p.Investors, zhaoyin.Investor{Name: word(3)})
		}
		if err := ps.CreateProject(sys(), p); err != nil {
			t.Fatal(err)
		}
		parts := []string{p.Code, p.Name}
		for _, inv := range p.Investors {
			parts = append(parts, inv.Name)
		}
		texts[p.Code] = strings.ToLower(strings.Join(parts, " "))
		regionOf[p.Code] = p.RegionCode
	}
	for i := 0; i < 80; i++ {
		add(i, []string{"370771", "370772"}[i%2])
	}
	var queries []string
	for i := 0; i < 60; i++ {
		codes := slices.Sorted(maps.Keys(texts))
		text := []rune(texts[codes[rng.IntN(len(codes))]])
		n := 1 + rng.IntN(6)
		start := rng.IntN(max(len(text)-n, 0) + 1)
		queries = append(queries, string(text[start:min(start+n, len(text))]))
		queries = append(queries, word(1+rng.IntN(4)))
	}
	queries = append(queries, "q-0", "Q-1", "q-", "ab", "公司", "司", "B%", `"`, `_"`)
	scopes := []struct {
		name string
		ctx  context.Context
		in   func(region string) bool
	}{
		{"all", sys(), func(string) bool { return true }},
		{"city", as("leader", "370700"), func(r string) bool { return r == "370771" || r == "370772" }},
		{"district", as("district", "370771"), func(r string) bool { return r == "370771" }},
	}
	pages := []zhaoyin.ProjectFilter{{Sort: "code"}, {Sort: "-total_investment_yuan", Limit: 7}, {Sort: "-total_investment_yuan", Limit: 5, Offset: 5}, {Limit: 4, Offset: 2}, {Sort: "total_investment_yuan", Limit: 6}, {Sort: "name", Limit: 3, Offset: 30}}
	check := func(phase string) {
		for _, sc := range scopes {
			for pi, page := range pages {
				all, _, err := ps.FindProjects(sc.ctx, zhaoyin.ProjectFilter{Sort: page.Sort})
				if err != nil {
					t.Fatal(err)
				}
				for qi, q := range queries {
					if (qi+pi)%2 == 1 {
						continue // half the queries for each page is enough
					}
					needle := strings.ToLower(strings.TrimSpace(q))
					if needle == "" {
						continue
					}
					var want []string
					for _, p := range all {
						if strings.Contains(texts[p.Code], needle) && sc.in(regionOf[p.Code]) {
							want = append(want, p.Code)
						}
					}
					total := len(want)
					want = want[min(page.Offset, len(want)):]
					if page.Limit > 0 {
						want = want[:min(page.Limit, len(want))]
					}
					f := page
					f.Query = &q
					list, n, err := ps.FindProjects(sc.ctx, f)
					if err != nil {
						t.Fatalf("%s %s search %q: %v", phase, sc.name, q, err)
					}
					var got []string
					for _, p := range list {
						got = append(got, p.Code)
					}
					if n != total || !slices.Equal(got, want) {
						t.Errorf("%s %s search %q, sort %q offset %d: %d %v, want %d %v", phase, sc.name, q, page.Sort, page.Offset, n, got, total, want)
					}
				}
			}
		}
	}
	check("one city")
	restore := store.SetMaxPrefixTerms(2) // 1–2 character queries mostly scan instead
	check("scans")
	restore()
	for i := 80; i < 90; i++ {
		add(i, "370102") // another city: the city's scope now leaves projects out
	}
	check("two cities")
	// Projects that move keep being found where they now lie, and no longer where they were.
	for _, code := range []string{"Q-000", "Q-002", "Q-004", "Q-081"} {
		cur, err := ps.FindProject(sys(), code)
		if err != nil {
			t.Fatal(err)
		}
		to := map[string]string{"370771": "370772", "370772": "370771", "370102": "370771"}[cur.RegionCode]
		if _, err := ps.UpdateProject(sys(), code, zhaoyin.ProjectUpdate{Version: cur.Version, RegionCode: &to}); err != nil {
			t.Fatal(err)
		}
		regionOf[code] = to
	}
	check("moved")
	if err := db.CheckSearchIndex(sys()); err != nil {
		t.Error(err)
	}
	// Migration 00013 indexed the projects written before it with SQL of its own: that SQL
	// must index them as the writer does.
	if err := db.RerunSearchBackfill(sys()); err != nil {
		t.Fatal(err)
	}
	if err := db.CheckSearchIndex(sys()); err != nil {
		t.Errorf("after the migration's backfill: %v", err)
	}
	check("backfilled")
}

// TestSearchesDoNotWaitForEachOther runs more searches at once than there are readers, each
// finding a project of a county the store has not read yet. A search reads a page inside a
// read transaction; were it to ask for a second connection (for the county's name), searches
// holding every connection would wait for each other for ever.
func TestSearchesDoNotWaitForEachOther(t *testing.T) {
	dsn := storetest.DSN(t)
	open := func() *store.DB { return storetest.OpenDSN(t, dsn) }
	counties := []string{"370702", "370703", "370704", "370705", "370724", "370725", "370781", "370782", "370783", "370784", "370785", "370786"}
	ps := store.NewProjectService(open())
	for _, c := range counties {
		p := newProject("C-"+c, c)
		p.Name = "并发检索" + c + "项目"
		if err := ps.CreateProject(sys(), p); err != nil {
			t.Fatal(err)
		}
	}
	cold := store.NewProjectService(open()) // knows no county yet
	ctx, cancel := context.WithTimeout(sys(), 20*time.Second)
	defer cancel()
	errs := make(chan error, 4*len(counties))
	for i := 0; i < 4*len(counties); i++ {
		go func() {
			q := "检索" + counties[i%len(counties)]
			list, total, err := cold.FindProjects(ctx, zhaoyin.ProjectFilter{Query: &q, Limit: 20})
			if err == nil && (total != 1 || len(list) != 1 || list[0].RegionName == "") {
				err = fmt.Errorf("search %q: %d projects, %+v", q, total, list)
			}
			errs <- err
		}()
	}
	for i := 0; i < 4*len(counties); i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

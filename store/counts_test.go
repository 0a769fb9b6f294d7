package store_test

import (
	"context"
	"testing"

	"zhaoyin"
	"zhaoyin/store"
	"zhaoyin/store/storetest"
)

// TestListTotalIsExact pages through lists between writes of every kind and checks each total
// against the projects listed. The totals come from the cache of counts.go, which must notice
// commits through this store and through another one on the same database (another process,
// such as `zhaoyin import` on SQLite, or another app server on PostgreSQL), and must not mix
// up scopes or filters.
func TestListTotalIsExact(t *testing.T) {
	dsn := storetest.DSN(t)
	open := func() *store.DB { return storetest.OpenDSN(t, dsn) }
	db := open()
	regions := store.NewRegionService(db)
	for _, z := range []zhaoyin.Region{{Code: "370771", Name: "高新区", ParentCode: "370700", Kind: "zone"}, {Code: "370772", Name: "滨海区", ParentCode: "370700", Kind: "zone"}} {
		if err := regions.CreateRegion(sys(), &z); err != nil {
			t.Fatal(err)
		}
	}
	ps := store.NewProjectService(db)
	other := store.NewProjectService(open()) // opened after the zones, which it caches

	signed, started := zhaoyin.StageSigned, zhaoyin.StageStarted
	city, zone1, zone2 := as("city", "370700"), as("district", "370771"), as("district", "370772")
	type list struct {
		name string
		ctx  context.Context
		f    zhaoyin.ProjectFilter
	}
	lists := []list{
		{"all", city, zhaoyin.ProjectFilter{}},
		{"signed", city, zhaoyin.ProjectFilter{Stage: &signed}},
		{"started", city, zhaoyin.ProjectFilter{Stage: &started}},
		{"zone1", zone1, zhaoyin.ProjectFilter{}},
		{"zone2", zone2, zhaoyin.ProjectFilter{}},
		{"zone1 signed", zone1, zhaoyin.ProjectFilter{Stage: &signed}},
		{"zone2 signed", zone2, zhaoyin.ProjectFilter{Stage: &signed}},
	}
	// check pages through each list twice, two projects a page, and compares every total with
	// the projects the list holds.
	check := func(when string, want map[string]int) {
		t.Helper()
		for _, l := range lists {
			all, _, err := ps.FindProjects(l.ctx, zhaoyin.ProjectFilter{Stage: l.f.Stage, NoTotal: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(all) != want[l.name] {
				t.Fatalf("%s: list %q holds %d projects, want %d", when, l.name, len(all), want[l.name])
			}
			for range 2 {
				for page := 0; page*2 <= len(all); page++ {
					f := l.f
					f.Limit, f.Offset = 2, page*2
					_, total, err := ps.FindProjects(l.ctx, f)
					if err != nil {
						t.Fatal(err)
					}
					if total != len(all) {
						t.Fatalf("%s: list %q, page %d: total %d, want %d", when, l.name, page+1, total, len(all))
					}
				}
			}
		}
	}
	counts := func(zone1Signed, zone1Started, zone2Signed, zone2Started int) map[string]int {
		return map[string]int{
			"all": zone1Signed + zone1Started + zone2Signed + zone2Started, "signed": zone1Signed + zone2Signed,
			"started": zone1Started + zone2Started, "zone1": zone1Signed + zone1Started, "zone2": zone2Signed + zone2Started,
			"zone1 signed": zone1Signed, "zone2 signed": zone2Signed,
		}
	}

	check("empty", counts(0, 0, 0, 0))
	for _, c := range []string{"A-1", "A-2", "A-3"} {
		if err := ps.CreateProject(sys(), newProject(c, "370771")); err != nil {
			t.Fatal(err)
		}
	}
	if err := ps.CreateProject(sys(), newProject("B-1", "370772")); err != nil {
		t.Fatal(err)
	}
	check("after creating through this store", counts(3, 0, 1, 0))

	if _, err := ps.AdvanceStage(sys(), "A-1", zhaoyin.StageApproved, "2024-03-01", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := ps.AdvanceStage(sys(), "A-1", zhaoyin.StageStarted, "2024-04-01", ""); err != nil {
		t.Fatal(err)
	}
	check("after a change of stage through this store", counts(2, 1, 1, 0))

	if err := other.CreateProject(sys(), newProject("B-2", "370772")); err != nil {
		t.Fatal(err)
	}
	check("after creating through another store", counts(2, 1, 2, 0))
	moved := newProject("A-2", "370772") // an import moves A-2 to the other zone
	if _, err := other.ImportProjects(sys(), []*zhaoyin.Project{moved}, false); err != nil {
		t.Fatal(err)
	}
	check("after an import through another store", counts(1, 1, 3, 0))

	// Writes rolled back change nothing, and the totals stay right.
	if _, err := ps.ImportProjects(sys(), []*zhaoyin.Project{newProject("C-1", "370771")}, true); err != nil {
		t.Fatal(err)
	}
	if _, err := other.ImportProjects(zone1, []*zhaoyin.Project{newProject("C-2", "370771"), newProject("C-3", "370772")}, false); code(err) != zhaoyin.EINVALID {
		t.Fatalf("import of a row out of scope: %v", err)
	}
	check("after a dry run and a failed import", counts(1, 1, 3, 0))

	if _, err := other.AdvanceStage(sys(), "B-1", zhaoyin.StageApproved, "2024-03-01", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := other.AdvanceStage(sys(), "B-1", zhaoyin.StageStarted, "2024-04-01", ""); err != nil {
		t.Fatal(err)
	}
	check("after a change of stage through another store", counts(1, 1, 2, 1))
}

package store_test

import (
	"slices"
	"testing"

	"zhaoyin"
	"zhaoyin/store"
)

func entryNames(list []*zhaoyin.DictEntry) []string {
	out := []string{}
	for _, e := range list {
		out = append(out, e.Name)
	}
	return out
}

func entryOf(t *testing.T, list []*zhaoyin.DictEntry, name string) *zhaoyin.DictEntry {
	t.Helper()
	for _, e := range list {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("no entry %q in %v", name, entryNames(list))
	return nil
}

// dictSetup: GX-1 and GX-2 in 高新区, BH-1 in 滨海区, with chains and tags in use.
func dictSetup(t *testing.T) (*store.DB, *store.ProjectService, *store.DictionaryService) {
	db, ps := setup(t)
	for _, p := range []struct{ code, region, chain string }{{"GX-1", "370771", "氢能"}, {"GX-2", "370771", "新材料"}, {"BH-1", "370772", "氢能"}} {
		np := newProject(p.code, p.region)
		np.Chain = p.chain
		np.Tags = []string{"市重点项目", "潍商回归"}
		if p.code == "BH-1" {
			np.Tags = []string{"市重点项目", "省重大项目"}
		}
		if err := ps.CreateProject(sys(), np); err != nil {
			t.Fatal(err)
		}
	}
	return db, ps, store.NewDictionaryService(db)
}

func TestDictionaryListMergesValuesInUse(t *testing.T) {
	_, _, ds := dictSetup(t)
	city := as("city", "370700")
	if err := ds.CreateDictEntry(city, &zhaoyin.DictEntry{Kind: "chain", Name: "生物医药", Description: "十五条重点产业链之一", SortOrder: -1}); err != nil {
		t.Fatal(err)
	}
	list, err := ds.FindDictEntries(city, "chain", "")
	if err != nil {
		t.Fatal(err)
	}
	// Registered first by sort order, then the values in use by name.
	if got := entryNames(list); !slices.Equal(got, []string{"生物医药", "新材料", "氢能"}) {
		t.Fatalf("chains = %v", got)
	}
	bio, h2 := entryOf(t, list, "生物医药"), entryOf(t, list, "氢能")
	if !bio.Registered || bio.ProjectCount != 0 || bio.Description != "十五条重点产业链之一" || bio.CreatedAt == nil {
		t.Fatalf("registered entry = %+v", bio)
	}
	if h2.Registered || h2.ProjectCount != 2 || h2.CreatedAt != nil {
		t.Fatalf("value in use = %+v", h2)
	}
	// Counts follow the caller's scope: 高新区 sees one project with 氢能 and nothing of 滨海区.
	tags, err := ds.FindDictEntries(as("district", "370771"), "tag", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := entryNames(tags); !slices.Equal(got, []string{"市重点项目", "潍商回归"}) {
		t.Fatalf("district tags = %v", got)
	}
	if n := entryOf(t, tags, "市重点项目").ProjectCount; n != 2 {
		t.Fatalf("district count = %d", n)
	}
	all, _ := ds.FindDictEntries(city, "tag", "")
	if n := entryOf(t, all, "市重点项目").ProjectCount; n != 3 {
		t.Fatalf("city count = %d", n)
	}
	// Search by name or description.
	found, _ := ds.FindDictEntries(city, "chain", "重点产业")
	if got := entryNames(found); !slices.Equal(got, []string{"生物医药"}) {
		t.Fatalf("search = %v", got)
	}
	if _, err := ds.FindDictEntries(city, "colour", ""); code(err) != zhaoyin.EINVALID {
		t.Fatalf("unknown kind: %v", err)
	}
}

func TestDictionaryWritesNeedAdminOrCity(t *testing.T) {
	_, _, ds := dictSetup(t)
	for _, role := range []string{"district", "leader", "department"} {
		ctx := as(role, "370771")
		if err := ds.CreateDictEntry(ctx, &zhaoyin.DictEntry{Kind: "tag", Name: "新标签"}); code(err) != zhaoyin.EFORBIDDEN {
			t.Errorf("%s create: %v", role, err)
		}
		if _, _, err := ds.RenameDictEntry(ctx, "tag", "市重点项目", "市级重点项目", false); code(err) != zhaoyin.EFORBIDDEN {
			t.Errorf("%s rename: %v", role, err)
		}
		retired := true
		if _, err := ds.UpdateDictEntry(ctx, "tag", "市重点项目", zhaoyin.DictEntryUpdate{Retired: &retired}); code(err) != zhaoyin.EFORBIDDEN {
			t.Errorf("%s retire: %v", role, err)
		}
		if err := ds.DeleteDictEntry(ctx, "tag", "市重点项目"); code(err) != zhaoyin.EFORBIDDEN {
			t.Errorf("%s delete: %v", role, err)
		}
	}
	if err := ds.CreateDictEntry(as("admin", ""), &zhaoyin.DictEntry{Kind: "tag", Name: "新标签"}); err != nil {
		t.Fatalf("admin create: %v", err)
	}
}

func TestDictionaryCreateValidates(t *testing.T) {
	_, _, ds := dictSetup(t)
	city := as("city", "370700")
	for _, c := range []struct {
		e    zhaoyin.DictEntry
		want string
	}{
		{zhaoyin.DictEntry{Kind: "tag", Name: "  "}, zhaoyin.EINVALID},
		{zhaoyin.DictEntry{Kind: "tag", Name: "甲、乙"}, zhaoyin.EINVALID},
		{zhaoyin.DictEntry{Kind: "batch", Name: "春季,秋季"}, zhaoyin.EINVALID},
		{zhaoyin.DictEntry{Kind: "tag", Name: "换\n行"}, zhaoyin.EINVALID},
		{zhaoyin.DictEntry{Kind: "type", Name: "产业类"}, zhaoyin.EINVALID},
		{zhaoyin.DictEntry{Kind: "tag", Name: "市重点项目"}, zhaoyin.ECONFLICT}, // in use, not registered
		{zhaoyin.DictEntry{Kind: "chain", Name: " 氢能 "}, zhaoyin.ECONFLICT},
	} {
		e := c.e
		if err := ds.CreateDictEntry(city, &e); code(err) != c.want {
			t.Errorf("create %+v: %v, want %s", c.e, err, c.want)
		}
	}
	e := &zhaoyin.DictEntry{Kind: "chain", Name: " 汽车/零部件 "}
	if err := ds.CreateDictEntry(city, e); err != nil || e.Name != "汽车/零部件" || !e.Registered {
		t.Fatalf("create: %+v %v", e, err)
	}
	if err := ds.CreateDictEntry(city, &zhaoyin.DictEntry{Kind: "chain", Name: "汽车/零部件"}); code(err) != zhaoyin.ECONFLICT {
		t.Fatalf("duplicate: %v", err)
	}
}

func TestDictionaryRenameRewritesProjects(t *testing.T) {
	db, ps, ds := dictSetup(t)
	city := as("city", "370700")
	desc := "省级重点"
	if _, err := ds.UpdateDictEntry(city, "tag", "市重点项目", zhaoyin.DictEntryUpdate{Description: &desc}); err != nil {
		t.Fatal(err)
	}
	before, _ := ps.FindProject(sys(), "GX-1")
	e, n, err := ds.RenameDictEntry(city, "tag", "市重点项目", "市级重点项目", false)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 || e.Name != "市级重点项目" || e.Description != "省级重点" || e.ProjectCount != 3 {
		t.Fatalf("rename: %+v n=%d", e, n)
	}
	for _, c := range []string{"GX-1", "GX-2", "BH-1"} {
		p, err := ps.FindProject(sys(), c)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(p.Tags, "市级重点项目") || slices.Contains(p.Tags, "市重点项目") {
			t.Errorf("%s tags = %v", c, p.Tags)
		}
	}
	after, _ := ps.FindProject(sys(), "GX-1")
	if after.Version != before.Version+1 || !slices.Equal(after.Tags, []string{"市级重点项目", "潍商回归"}) {
		t.Fatalf("GX-1 after rename: v%d tags %v (was v%d %v)", after.Version, after.Tags, before.Version, before.Tags)
	}
	// One audit entry per project, with the tags before and after, by the city user.
	hist, err := ps.ProjectHistory(sys(), "GX-1")
	if err != nil {
		t.Fatal(err)
	}
	last := hist[len(hist)-1]
	if last.Action != zhaoyin.ActionProjectUpdate || last.Username != "city-user" || len(last.Changes) != 1 || last.Changes[0].Field != "tags" {
		t.Fatalf("project audit = %+v", last)
	}
	audit := store.NewAuditService(db)
	entries, total, err := audit.FindAudit(sys(), zhaoyin.AuditFilter{Action: zhaoyin.ActionDictRename})
	if err != nil || total != 1 || entries[0].Object != "dictionary:tag" {
		t.Fatalf("rename audit: %v %d %v", entries, total, err)
	}
	list, _ := ds.FindDictEntries(city, "tag", "")
	if got := entryNames(list); slices.Contains(got, "市重点项目") || !slices.Contains(got, "市级重点项目") {
		t.Fatalf("tags after rename = %v", got)
	}
	// Filters find the projects by the new name.
	tag := "市级重点项目"
	if _, total, _ := ps.FindProjects(city, zhaoyin.ProjectFilter{Tag: &tag}); total != 3 {
		t.Fatalf("filter by new tag: %d", total)
	}

	// Chains are a column of their own.
	if _, n, err := ds.RenameDictEntry(city, "chain", "氢能", "氢能源", false); err != nil || n != 2 {
		t.Fatalf("rename chain: n=%d %v", n, err)
	}
	if p, _ := ps.FindProject(sys(), "BH-1"); p.Chain != "氢能源" {
		t.Fatalf("BH-1 chain = %q", p.Chain)
	}

	// Unknown, unchanged and invalid names.
	if _, _, err := ds.RenameDictEntry(city, "tag", "不存在", "新名", false); code(err) != zhaoyin.ENOTFOUND {
		t.Fatalf("rename missing: %v", err)
	}
	if _, _, err := ds.RenameDictEntry(city, "tag", "潍商回归", "潍商回归", false); code(err) != zhaoyin.EINVALID {
		t.Fatalf("rename to itself: %v", err)
	}
	if _, _, err := ds.RenameDictEntry(city, "tag", "潍商回归", "甲、乙", false); code(err) != zhaoyin.EINVALID {
		t.Fatalf("rename to a list: %v", err)
	}
}

func TestDictionaryRenameRefusesExistingUnlessMerging(t *testing.T) {
	_, ps, ds := dictSetup(t)
	city := as("city", "370700")
	// BH-1 has 市重点项目 and 省重大项目; GX-1 and GX-2 have 市重点项目 and 潍商回归.
	if _, _, err := ds.RenameDictEntry(city, "tag", "省重大项目", "市重点项目", false); code(err) != zhaoyin.ECONFLICT {
		t.Fatalf("rename onto an existing name: %v", err)
	}
	if p, _ := ps.FindProject(sys(), "BH-1"); !slices.Equal(p.Tags, []string{"市重点项目", "省重大项目"}) || p.Version != 1 {
		t.Fatalf("refused rename changed BH-1: %+v", p)
	}
	// Registered target: merging keeps the target's row and drops the source's.
	target := "重点"
	if _, err := ds.UpdateDictEntry(city, "tag", "市重点项目", zhaoyin.DictEntryUpdate{Description: &target}); err != nil {
		t.Fatal(err)
	}
	order := 9
	if _, err := ds.UpdateDictEntry(city, "tag", "省重大项目", zhaoyin.DictEntryUpdate{SortOrder: &order}); err != nil {
		t.Fatal(err)
	}
	e, n, err := ds.RenameDictEntry(city, "tag", "省重大项目", "市重点项目", true)
	if err != nil || n != 1 || e.Description != "重点" || e.SortOrder != 0 || e.ProjectCount != 3 {
		t.Fatalf("merge: %+v n=%d %v", e, n, err)
	}
	// A project that had both now has the target once.
	if p, _ := ps.FindProject(sys(), "BH-1"); !slices.Equal(p.Tags, []string{"市重点项目"}) {
		t.Fatalf("BH-1 tags after merge = %v", p.Tags)
	}
	list, _ := ds.FindDictEntries(city, "tag", "")
	if got := entryNames(list); !slices.Equal(got, []string{"市重点项目", "潍商回归"}) {
		t.Fatalf("tags after merge = %v", got)
	}
}

func TestDictionaryRetireAndDelete(t *testing.T) {
	_, _, ds := dictSetup(t)
	city := as("city", "370700")
	yes, no := true, false
	e, err := ds.UpdateDictEntry(city, "batch", "2024年春季全市重大项目集中开工", zhaoyin.DictEntryUpdate{Retired: &yes})
	if err != nil || !e.Retired || !e.Registered || e.ProjectCount != 3 {
		t.Fatalf("retire a value in use: %+v %v", e, err)
	}
	if e, err = ds.UpdateDictEntry(city, "batch", "2024年春季全市重大项目集中开工", zhaoyin.DictEntryUpdate{Retired: &no}); err != nil || e.Retired {
		t.Fatalf("unretire: %+v %v", e, err)
	}
	if _, err := ds.UpdateDictEntry(city, "batch", "没有的批次", zhaoyin.DictEntryUpdate{Retired: &yes}); code(err) != zhaoyin.ENOTFOUND {
		t.Fatalf("retire missing: %v", err)
	}
	// In use: cannot be deleted, whether registered or not.
	if err := ds.DeleteDictEntry(city, "batch", "2024年春季全市重大项目集中开工"); code(err) != zhaoyin.ECONFLICT {
		t.Fatalf("delete in use: %v", err)
	}
	if err := ds.DeleteDictEntry(city, "tag", "潍商回归"); code(err) != zhaoyin.ECONFLICT {
		t.Fatalf("delete unregistered in use: %v", err)
	}
	if err := ds.CreateDictEntry(city, &zhaoyin.DictEntry{Kind: "batch", Name: "2025年秋季集中签约"}); err != nil {
		t.Fatal(err)
	}
	if err := ds.DeleteDictEntry(city, "batch", "2025年秋季集中签约"); err != nil {
		t.Fatalf("delete unused: %v", err)
	}
	if err := ds.DeleteDictEntry(city, "batch", "2025年秋季集中签约"); code(err) != zhaoyin.ENOTFOUND {
		t.Fatalf("delete twice: %v", err)
	}
	list, _ := ds.FindDictEntries(city, "batch", "")
	if got := entryNames(list); !slices.Equal(got, []string{"2024年春季全市重大项目集中开工"}) {
		t.Fatalf("batches = %v", got)
	}
}

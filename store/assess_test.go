package store_test

import (
	"slices"
	"strconv"
	"testing"

	"zhaoyin"
	"zhaoyin/store"
	"zhaoyin/store/storetest"
)

// dongying holds a small hand-computed competition among 东营市's five county-level units
// (东营区 370502, 河口区 370503, 垦利区 370505, 利津县 370522, 广饶县 370523).
func dongying(t *testing.T) *store.DB {
	t.Helper()
	db := storetest.Open(t)
	e1 := project("DY-1", "370502", zhaoyin.StageStarted, 2*zhaoyin.Yi, "2024-02-01", "2024-03-01", "2024-03-15", "2024-04-01")
	e1.SignedAmountYuan = 15000 * zhaoyin.Wan
	e2 := project("DY-2", "370502", zhaoyin.StageSigned, 5000*zhaoyin.Wan, "2024-04-01", "2024-05-01")
	e2.Manufacturing = false
	h1 := project("HK-1", "370503", zhaoyin.StageSigned, 1*zhaoyin.Yi, "2024-01-01", "2024-02-01")
	h1.SignedAmountYuan = 1 * zhaoyin.Yi
	k1 := project("KL-1", "370505", zhaoyin.StageStarted, 3*zhaoyin.Yi, "2023-11-01", "2023-12-01", "2023-12-20", "2024-01-10")
	g1 := project("GR-1", "370523", zhaoyin.StageSigned, 12000*zhaoyin.Wan, "2024-06-01", "2024-07-01")
	g1.SignedAmountYuan = 12000 * zhaoyin.Wan
	g2 := project("GR-2", "370523", zhaoyin.StageSigned, 3000*zhaoyin.Wan, "2024-07-01", "2024-08-01")
	g2.SignedAmountYuan = 3000 * zhaoyin.Wan
	create(t, db, e1, e2, h1, k1, g1, g2)
	_, err := store.NewProjectService(db).ImportProgress(user(zhaoyin.RoleCity, ""), []*zhaoyin.Progress{
		{ProjectCode: "DY-1", Month: "2023-12", FundsArrivedYuan: 9999 * zhaoyin.Wan}, // last year
		{ProjectCode: "DY-1", Month: "2024-03", FundsArrivedYuan: 3000 * zhaoyin.Wan},
		{ProjectCode: "DY-1", Month: "2024-04", FundsArrivedYuan: 2000 * zhaoyin.Wan, InvestedYuan: 4000 * zhaoyin.Wan},
		{ProjectCode: "HK-1", Month: "2024-02", FundsArrivedYuan: 6000 * zhaoyin.Wan},
		{ProjectCode: "KL-1", Month: "2024-01", FundsArrivedYuan: 1000 * zhaoyin.Wan, InvestedYuan: 1500 * zhaoyin.Wan},
		{ProjectCode: "GR-1", Month: "2024-08", FundsArrivedYuan: 5000 * zhaoyin.Wan},
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// scheme: funds arrived by ratio (40 points, target 5000万元, 河口区 4000万元, capped at
// 120%), new signed projects by rank (30 points), manufacturing share by ratio (30 points,
// target 80%, capped at 100%).
func scheme() *zhaoyin.AssessmentScheme {
	return &zhaoyin.AssessmentScheme{Year: 2024, RegionCode: "370500", Name: "2024年度招商引资五大比拼", Indicators: []zhaoyin.AssessmentIndicator{
		{Key: zhaoyin.IndicatorFundsArrived, Weight: 40, Method: zhaoyin.ScoreRatio, Target: 5000 * zhaoyin.Wan, Targets: map[string]int64{"370503": 4000 * zhaoyin.Wan}},
		{Key: zhaoyin.IndicatorSignedCount, Label: "新签约项目数", Weight: 30, Method: zhaoyin.ScoreRank},
		{Key: zhaoyin.IndicatorManufacturingShare, Weight: 30, Method: zhaoyin.ScoreRatio, Target: 8000, Cap: 1},
	}}
}

func TestAssessmentScores(t *testing.T) {
	db := dongying(t)
	as := store.NewAssessmentService(db)
	city := user(zhaoyin.RoleCity, "")

	err := as.CreateScheme(user(zhaoyin.RoleDistrict, "370502"), scheme())
	wantCode(t, "district configures", err, zhaoyin.EFORBIDDEN)
	bad := scheme()
	bad.Indicators[0].Key = "gdp"
	wantCode(t, "unknown key", as.CreateScheme(city, bad), zhaoyin.EINVALID)
	bad = scheme()
	bad.Indicators[0].Targets = map[string]int64{"370702": 1}
	wantCode(t, "target for a region of another city", as.CreateScheme(city, bad), zhaoyin.EINVALID)
	bad = scheme()
	bad.Indicators[2].Target = 0
	wantCode(t, "ratio without a target", as.CreateScheme(city, bad), zhaoyin.EINVALID)

	sc := scheme()
	if err := as.CreateScheme(city, sc); err != nil {
		t.Fatal(err)
	}
	if sc.ID == 0 || sc.RegionName != "东营市" || sc.Version != 1 || sc.Indicators[0].Label != "到位资金" || sc.Indicators[0].Cap != 1.2 ||
		sc.Indicators[1].Label != "新签约项目数" || sc.Indicators[0].Targets["370503"] != 4000*zhaoyin.Wan {
		t.Fatalf("created %+v", sc)
	}
	wantCode(t, "same name twice", as.CreateScheme(city, scheme()), zhaoyin.ECONFLICT)

	a, err := as.Scores(city, sc.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Worked by hand:
	//            funds (ratio 40)        signed (rank 30)   share (ratio 30, cap 1)   total
	//  东营区    5000/5000 → 40.00       2 → rank 1 → 30    7500/8000 → 28.125→28.13  98.13
	//  河口区    6000/4000 → cap → 48.00  1 → rank 3 → 18   10000/8000 → cap → 30     96.00
	//  垦利区    1000/5000 → 8.00        0 → rank 4 → 12    0 → 0                     20.00
	//  利津县    0 → 0                   0 → rank 4 → 12    0 → 0                     12.00
	//  广饶县    5000/5000 → 40.00       2 → rank 1 → 30    15000/15000 → cap → 30    100.00
	want := []struct {
		code   string
		total  float64
		rank   int
		scores [3]float64
	}{
		{"370523", 100, 1, [3]float64{40, 30, 30}},
		{"370502", 98.13, 2, [3]float64{40, 30, 28.13}},
		{"370503", 96, 3, [3]float64{48, 18, 30}},
		{"370505", 20, 4, [3]float64{8, 12, 0}},
		{"370522", 12, 5, [3]float64{0, 12, 0}},
	}
	if a.Count != 5 || len(a.Regions) != 5 || a.From != "2024-01-01" || a.To != "2024-12-31" {
		t.Fatalf("assessment %+v", a)
	}
	for i, w := range want {
		r := a.Regions[i]
		if r.RegionCode != w.code || r.Total != w.total || r.Rank != w.rank {
			t.Errorf("line %d: %s total %v rank %d, want %s %v %d", i+1, r.RegionCode, r.Total, r.Rank, w.code, w.total, w.rank)
		}
		for j, s := range w.scores {
			if r.Items[j].Score != s {
				t.Errorf("%s %s: score %v, want %v", r.RegionName, r.Items[j].Key, r.Items[j].Score, s)
			}
		}
	}
	hk := a.Regions[2]
	if hk.RegionName != "河口区" || hk.Items[0].Actual != 6000*zhaoyin.Wan || hk.Items[0].Target != 4000*zhaoyin.Wan || *hk.Items[0].Rate != 150 ||
		hk.Items[1].Rank != 3 || hk.Items[2].Actual != 10000 || hk.Items[2].Unit != "0.01%" {
		t.Fatalf("河口区 %+v", hk)
	}

	// A district reads its own line, ranked among all five.
	mine, err := as.Scores(user(zhaoyin.RoleDistrict, "370502"), sc.ID)
	if err != nil || mine.Count != 5 || len(mine.Regions) != 1 || mine.Regions[0].Rank != 2 || mine.Regions[0].Total != 98.13 {
		t.Fatalf("district scores %+v %v", mine, err)
	}
	// Another city's district does not see the scheme at all.
	_, err = as.Scores(user(zhaoyin.RoleDistrict, "370702"), sc.ID)
	wantCode(t, "other city", err, zhaoyin.ENOTFOUND)
	if list, err := as.FindSchemes(user(zhaoyin.RoleLeader, "370500"), 2024); err != nil || len(list) != 1 || len(list[0].Indicators) != 3 {
		t.Fatalf("leader schemes %+v %v", list, err)
	}
	if list, _ := as.FindSchemes(user(zhaoyin.RoleDistrict, "370702"), 0); len(list) != 0 {
		t.Fatalf("other city's district sees %+v", list)
	}

	// Every indicator's figure, by DOMAIN.md's definitions.
	all := &zhaoyin.AssessmentScheme{Year: 2024, RegionCode: "370500", Name: "全部指标"}
	for _, d := range zhaoyin.AssessmentIndicators {
		all.Indicators = append(all.Indicators, zhaoyin.AssessmentIndicator{Key: d.Key, Weight: 10, Method: zhaoyin.ScoreRank})
	}
	if err := as.CreateScheme(city, all); err != nil {
		t.Fatal(err)
	}
	b, err := as.Scores(city, all.ID)
	if err != nil {
		t.Fatal(err)
	}
	figures := map[string][]int64{} // region → figures in the order of zhaoyin.AssessmentIndicators
	for _, r := range b.Regions {
		for _, it := range r.Items {
			figures[r.RegionCode] = append(figures[r.RegionCode], it.Actual)
		}
	}
	wantFigures := map[string][]int64{
		//          funds             invested          signed  signed amount      started over-1亿 share
		"370502": {5000 * zhaoyin.Wan, 4000 * zhaoyin.Wan, 2, 20000 * zhaoyin.Wan, 1, 1, 7500},
		"370503": {6000 * zhaoyin.Wan, 0, 1, 10000 * zhaoyin.Wan, 0, 1, 10000},
		"370505": {1000 * zhaoyin.Wan, 1500 * zhaoyin.Wan, 0, 0, 1, 0, 0},
		"370522": {0, 0, 0, 0, 0, 0, 0},
		"370523": {5000 * zhaoyin.Wan, 0, 2, 15000 * zhaoyin.Wan, 0, 1, 10000},
	}
	for code, w := range wantFigures {
		if got := figures[code]; len(got) != len(w) || !slices.Equal(got, w) {
			t.Errorf("%s figures %v, want %v", code, got, w)
		}
	}

	// Update: a stale version is refused; the change is audited.
	upd := scheme()
	upd.Version = 99
	_, err = as.UpdateScheme(city, sc.ID, upd)
	wantCode(t, "stale version", err, zhaoyin.ECONFLICT)
	upd.Version = 1
	upd.Indicators = upd.Indicators[:2]
	upd.Indicators[1].Weight = 60
	got, err := as.UpdateScheme(city, sc.ID, upd)
	if err != nil || got.Version != 2 || len(got.Indicators) != 2 || got.Indicators[1].Weight != 60 {
		t.Fatalf("update %+v %v", got, err)
	}
	if e := auditCount(t, db, zhaoyin.ActionSchemeUpdate); len(e) != 1 || e[0].Object != "assessment:"+strconv.FormatInt(sc.ID, 10) {
		t.Fatalf("update audit %+v", e)
	}
	_, err = as.UpdateScheme(user(zhaoyin.RoleDistrict, "370502"), sc.ID, scheme())
	wantCode(t, "district updates", err, zhaoyin.EFORBIDDEN)
	if err := as.DeleteScheme(city, all.ID); err != nil {
		t.Fatal(err)
	}
	_, err = as.FindScheme(city, all.ID)
	wantCode(t, "deleted", err, zhaoyin.ENOTFOUND)
}

package store_test

import (
	"fmt"
	"testing"

	"zhaoyin"
	"zhaoyin/store"
)

// The monthly totals behind the summary are kept by every write: imports of progress (new
// months and corrected ones), and project edits that move a project's months to other totals
// (region, manufacturing, capital source, crossing 1亿元). After each step the kept totals must
// equal the totals summed afresh, and the summary read from them must equal the one joined
// from the projects' own months (a floor of 1亿元 − 1 yuan takes that path, and no project
// here has a total between the two).
func TestProgressTotalsKept(t *testing.T) {
	db, svc := setup(t)
	stats := store.NewStatsService(db)
	ctx := as(zhaoyin.RoleCity, "370700")

	projects := []*zhaoyin.Project{
		newProject("TT-A", "370702"),
		newProject("TT-B", "370771"),
		newProject("TT-C", "370705"),
		newProject("TT-D", "370705"),
	}
	projects[2].TotalInvestmentYuan, projects[2].AnnualPlanYuan = 5000*zhaoyin.Wan, 1000*zhaoyin.Wan
	projects[3].Manufacturing, projects[3].CapitalSource, projects[3].Type = false, zhaoyin.CapitalOutOfProvince, zhaoyin.TypeInfrastructure
	if _, err := svc.ImportProjects(ctx, projects, false); err != nil {
		t.Fatal(err)
	}

	// want holds every stored month, to compute the expected figures independently.
	want := map[string]*zhaoyin.Progress{}
	var rows []*zhaoyin.Progress
	for i, p := range projects {
		for m := 0; m < 15; m++ {
			month := fmt.Sprintf("%04d-%02d", 2023+m/12, m%12+1)
			r := &zhaoyin.Progress{ProjectCode: p.Code, Month: month,
				FundsArrivedYuan: int64(100+i*10+m) * zhaoyin.Wan, InvestedYuan: int64(50+i+m) * zhaoyin.Wan, ProgressText: "主体施工"}
			rows = append(rows, r)
			want[p.Code+"|"+month] = r
		}
	}
	if _, err := svc.ImportProgress(ctx, rows, false); err != nil {
		t.Fatal(err)
	}
	attrs := map[string]*zhaoyin.Project{}
	for _, p := range projects {
		attrs[p.Code] = p
	}

	check := func(step string) {
		t.Helper()
		if err := db.CheckTotals(sys()); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		for _, region := range []string{"", "370705", "370771"} {
			for _, min := range []int64{0, zhaoyin.Yi} {
				var arrived, prev, mfg, out, invested int64
				for _, r := range want {
					p := attrs[r.ProjectCode]
					if p.TotalInvestmentYuan < min || (region != "" && p.RegionCode != region) {
						continue
					}
					switch {
					case r.Month >= "2024-01" && r.Month <= "2024-03":
						arrived += r.FundsArrivedYuan
						invested += r.InvestedYuan
						if p.Manufacturing {
							mfg += r.FundsArrivedYuan
						}
						if p.CapitalSource == zhaoyin.CapitalOutOfProvince {
							out += r.FundsArrivedYuan
						}
					case r.Month >= "2023-01" && r.Month <= "2023-03":
						prev += r.FundsArrivedYuan
					}
				}
				f := zhaoyin.SummaryFilter{Region: region, From: "2024-01-01", To: "2024-03-31", MinInvestment: min}
				kept, err := stats.Summary(ctx, f)
				if err != nil {
					t.Fatalf("%s: %v", step, err)
				}
				got := kept.Funds
				if got.ArrivedYuan != arrived || got.PrevYearArrivedYuan != prev || got.ManufacturingArrivedYuan != mfg ||
					got.OutOfProvinceArrivedYuan != out || kept.FixedAssetInvestedYuan != invested {
					t.Errorf("%s, region %q, floor %d: funds %+v invested %d; want arrived %d prev %d mfg %d out %d invested %d",
						step, region, min, got, kept.FixedAssetInvestedYuan, arrived, prev, mfg, out, invested)
				}
				if min == zhaoyin.Yi {
					f.MinInvestment = zhaoyin.Yi - 1 // the join over the projects' months
					joined, err := stats.Summary(ctx, f)
					if err != nil {
						t.Fatal(err)
					}
					if joined.Funds.ArrivedYuan != got.ArrivedYuan || joined.Funds.PrevYearArrivedYuan != got.PrevYearArrivedYuan ||
						joined.FixedAssetInvestedYuan != kept.FixedAssetInvestedYuan {
						t.Errorf("%s, region %q: totals give %+v, the join %+v", step, region, got, joined.Funds)
					}
				}
			}
		}
	}
	check("first import")

	// Corrected months and new ones, in one import.
	fix := []*zhaoyin.Progress{
		{ProjectCode: "TT-A", Month: "2024-02", FundsArrivedYuan: 9999 * zhaoyin.Wan, InvestedYuan: 1},
		{ProjectCode: "TT-C", Month: "2024-04", FundsArrivedYuan: 7 * zhaoyin.Wan},
		{ProjectCode: "TT-D", Month: "2023-02", FundsArrivedYuan: 0, InvestedYuan: 0},
	}
	if _, err := svc.ImportProgress(ctx, fix, false); err != nil {
		t.Fatal(err)
	}
	for _, r := range fix {
		want[r.ProjectCode+"|"+r.Month] = r
	}
	check("corrections")

	// A dry run and a refused import change nothing.
	if _, err := svc.ImportProgress(ctx, []*zhaoyin.Progress{{ProjectCode: "TT-B", Month: "2024-01", FundsArrivedYuan: 1}}, true); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ImportProgress(ctx, []*zhaoyin.Progress{
		{ProjectCode: "TT-B", Month: "2024-01", FundsArrivedYuan: 1},
		{ProjectCode: "TT-B", Month: "2024-13", FundsArrivedYuan: 1},
	}, false); code(err) != zhaoyin.EINVALID {
		t.Fatalf("bad month: %v", err)
	}
	check("dry run and refused import")

	// Edits that move months between totals, one at a time and then a re-import of all.
	update := func(code string, u zhaoyin.ProjectUpdate, apply func(p *zhaoyin.Project)) {
		t.Helper()
		cur, err := svc.FindProject(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		u.Version = cur.Version
		if _, err := svc.UpdateProject(ctx, code, u); err != nil {
			t.Fatal(err)
		}
		apply(attrs[code])
	}
	region, yes, source, big, small := "370771", true, zhaoyin.CapitalOutOfProvince, int64(3*zhaoyin.Yi), int64(9000*zhaoyin.Wan)
	update("TT-A", zhaoyin.ProjectUpdate{RegionCode: &region}, func(p *zhaoyin.Project) { p.RegionCode = region })
	check("region moved")
	update("TT-C", zhaoyin.ProjectUpdate{TotalInvestmentYuan: &big}, func(p *zhaoyin.Project) { p.TotalInvestmentYuan = big })
	check("over 1亿元")
	update("TT-D", zhaoyin.ProjectUpdate{Manufacturing: &yes}, func(p *zhaoyin.Project) { p.Manufacturing = true })
	check("manufacturing")
	update("TT-B", zhaoyin.ProjectUpdate{CapitalSource: &source, TotalInvestmentYuan: &small}, func(p *zhaoyin.Project) {
		p.CapitalSource, p.TotalInvestmentYuan = source, small
	})
	check("capital source and under 1亿元")
	if _, err := svc.AdvanceStage(ctx, "TT-A", zhaoyin.StageApproved, "2024-03-01", ""); err != nil {
		t.Fatal(err)
	}
	check("stage moved")

	// A re-import of the original sheet puts every project back.
	again := []*zhaoyin.Project{newProject("TT-A", "370702"), newProject("TT-B", "370771"), newProject("TT-C", "370705"), newProject("TT-D", "370705")}
	again[2].TotalInvestmentYuan, again[2].AnnualPlanYuan = 5000*zhaoyin.Wan, 1000*zhaoyin.Wan
	again[3].Manufacturing, again[3].CapitalSource, again[3].Type = false, zhaoyin.CapitalOutOfProvince, zhaoyin.TypeInfrastructure
	again[0].Stage, again[0].ApprovedOn = zhaoyin.StageApproved, "2024-03-01"
	if _, err := svc.ImportProjects(ctx, again, false); err != nil {
		t.Fatal(err)
	}
	for _, p := range again {
		attrs[p.Code] = p
	}
	check("re-import")
}

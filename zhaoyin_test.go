package zhaoyin_test

import (
	"strings"
	"testing"

	"zhaoyin"
)

func TestUSCC(t *testing.T) {
	// 91350100M000100Y43 is a published example code with a correct check character.
	if err := zhaoyin.CheckUSCC("91350100M000100Y43"); err != nil {
		t.Fatalf("valid code refused: %v", err)
	}
	for _, bad := range []string{"91350100M000100Y44", "91350100M000100Y4", "91350100M000100YI3", ""} {
		if zhaoyin.CheckUSCC(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestParseWan(t *testing.T) {
	for in, want := range map[string]int64{"12345.6789": 123456789, "1": 10000, "0.0001": 1, "1,000": 10000000, "": 0, " 2.5 ": 25000} {
		got, err := zhaoyin.ParseWan(in)
		if err != nil || got != want {
			t.Errorf("ParseWan(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"1.23456", "-5", "abc", "1.2.3", "1e5", "."} {
		if _, err := zhaoyin.ParseWan(bad); err == nil {
			t.Errorf("ParseWan(%q) accepted", bad)
		}
	}
}

func TestFiguresFormat(t *testing.T) {
	if got := zhaoyin.Share(369, 496); got != "74.40%" {
		t.Errorf("369/496 = %s", got)
	}
	if got := zhaoyin.Share(190568, 252964); got != "75.33%" {
		t.Errorf("1905.68/2529.64 = %s", got)
	}
	if got := zhaoyin.Share(1, 8); got != "12.50%" { // exactly half a hundredth rounds up
		t.Errorf("1/8 = %s", got)
	}
	if got := zhaoyin.Share(1, 0); got != "—" {
		t.Errorf("share of zero = %s", got)
	}
	if got := zhaoyin.FormatYi(252964000000); got != "2529.64" {
		t.Errorf("FormatYi = %s", got)
	}
	if got := zhaoyin.FormatYi(49999999); got != "0.50" {
		t.Errorf("FormatYi rounding = %s", got)
	}
	if g, ok := zhaoyin.GrowthTenths(471, 427); !ok || g != 103 {
		t.Errorf("growth 471 over 427 = %d", g)
	}
	if g, ok := zhaoyin.GrowthTenths(90, 100); !ok || g != -100 {
		t.Errorf("decline = %d", g)
	}
	if _, ok := zhaoyin.GrowthTenths(5, 0); ok {
		t.Error("growth over zero must be undefined")
	}
}

func project() *zhaoyin.Project {
	return &zhaoyin.Project{Code: "P1", Name: "测试项目", RegionCode: "370702", Type: "industrial", TotalInvestmentYuan: zhaoyin.Yi,
		Stage: zhaoyin.StageStarted, NegotiatingOn: "2024-01-01", SignedOn: "2024-01-01", ApprovedOn: "2024-02-01", StartedOn: "2024-03-01"}
}

func TestLifecycleRules(t *testing.T) {
	if err := project().Validate(); err != nil {
		t.Fatalf("valid project: %v", err)
	}
	cases := map[string]func(p *zhaoyin.Project){
		"approved_on":    func(p *zhaoyin.Project) { p.ApprovedOn = "" },            // a missing earlier stage date
		"started_on":     func(p *zhaoyin.Project) { p.StartedOn = "2024-01-15" },   // before approval
		"signed_on":      func(p *zhaoyin.Project) { p.SignedOn = "2024-02-30" },    // impossible date
		"producing_on":   func(p *zhaoyin.Project) { p.ProducingOn = "2024-05-01" }, // a later stage's date
		"type":           func(p *zhaoyin.Project) { p.Type = "军工类" },
		"stage":          func(p *zhaoyin.Project) { p.Stage = "finished" },
		"name":           func(p *zhaoyin.Project) { p.Name = "  " },
		"code":           func(p *zhaoyin.Project) { p.Code = "export" },
		"capital_source": func(p *zhaoyin.Project) { p.CapitalSource = "天上" },
		"drop_reason":    func(p *zhaoyin.Project) { p.Stage = zhaoyin.StageDropped; p.DroppedOn = "2024-04-01" },
		"investors": func(p *zhaoyin.Project) {
			p.Investors = []zhaoyin.Investor{{Name: "某公司", USCC: "91350100M000100Y44"}}
		},
		"total_investment_yuan": func(p *zhaoyin.Project) { p.TotalInvestmentYuan = -1 },
	}
	for field, breakIt := range cases {
		p := project()
		breakIt(p)
		err := p.Validate()
		e, ok := err.(*zhaoyin.Error)
		if !ok || e.Fields[field] == "" {
			t.Errorf("%s: got %v", field, err)
		}
	}
}

func TestMoves(t *testing.T) {
	p := project()
	if err := p.CheckMove(zhaoyin.StageAchieved, "2024-06-01", ""); err == nil || !strings.Contains(zhaoyin.ErrorMessage(err), "跳过") {
		t.Errorf("skip: %v", err)
	}
	if err := p.CheckMove(zhaoyin.StageProducing, "2024-02-28", ""); err == nil {
		t.Error("a date before the previous stage's was accepted")
	}
	if err := p.CheckMove(zhaoyin.StageSigned, "2024-06-01", ""); err == nil {
		t.Error("moving back was accepted")
	}
	if err := p.Move(zhaoyin.StageProducing, "2024-03-01", ""); err != nil || p.ProducingOn != "2024-03-01" {
		t.Errorf("same-day move: %v", err)
	}
	if err := p.Move(zhaoyin.StageDropped, "2024-04-01", "企业战略调整"); err != nil || p.Validate() != nil {
		t.Errorf("drop: %v / %v", err, p.Validate())
	}
	if err := p.CheckMove(zhaoyin.StageAchieved, "2024-05-01", ""); err == nil {
		t.Error("a dropped project moved on")
	}
}

package store_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"zhaoyin"
	"zhaoyin/stats"
	"zhaoyin/store"
	"zhaoyin/store/storetest"
)

// The data sets below are built in Go, deterministically, so that every figure the seeds
// publish comes out exactly: Liaocheng 2023 (seed 003) and the Weifang 2024 spring list
// (seed 001). Amounts are whole 万元, as sheets hold them.

const (
	stYi  = zhaoyin.Yi
	stWan = zhaoyin.Wan
)

// stSplit divides total (a multiple of unit) into n multiples of unit, in deterministic
// proportions between 5 and 17; the parts add up to total exactly.
func stSplit(total, unit int64, n, seed int) []int64 {
	w := make([]int64, n)
	var sum int64
	for i := range w {
		w[i] = int64(5 + (i*7+seed*3)%13)
		sum += w[i]
	}
	units := total / unit
	out := make([]int64, n)
	var acc int64
	for i := range out {
		out[i] = units * w[i] / sum
		acc += out[i]
	}
	out[n-1] += units - acc
	for i := range out {
		out[i] *= unit
	}
	return out
}

// stDate is the day n days after first (YYYY-MM-DD).
func stDate(first string, n int) string {
	t, err := time.Parse("2006-01-02", first)
	if err != nil {
		panic(err)
	}
	return t.AddDate(0, 0, n).Format("2006-01-02")
}

// stLifecycle sets a project's stage and the dates of every stage up to it (negotiating,
// signed, approved, started, producing, in that order).
func stLifecycle(p *zhaoyin.Project, stage zhaoyin.Stage, dates ...string) *zhaoyin.Project {
	p.Stage = stage
	for i, d := range dates {
		p.SetStageDate(zhaoyin.Stages[i+1], d)
	}
	return p
}

// stDropped drops p on a date, keeping the dates it reached.
func stDropped(p *zhaoyin.Project, on string) *zhaoyin.Project {
	p.Stage, p.DroppedOn, p.DropReason = zhaoyin.StageDropped, on, "投资方战略调整"
	return p
}

var stCapitals = []string{zhaoyin.CapitalOutOfProvince, zhaoyin.CapitalInProvince, zhaoyin.CapitalInProvince, zhaoyin.CapitalForeign, zhaoyin.CapitalOutOfProvince, zhaoyin.CapitalHKMacaoTaiwan}

func stProject(code, name, region string, mfg bool, total int64, k int) *zhaoyin.Project {
	typ := zhaoyin.TypeIndustrial
	if !mfg {
		typ = []string{zhaoyin.TypeIndustrial, zhaoyin.TypePlatform, zhaoyin.TypeInfrastructure, zhaoyin.TypeSocial}[k%4]
	}
	return &zhaoyin.Project{
		Code: code, Name: name, RegionCode: region, Type: typ, Manufacturing: mfg,
		Chain: []string{"轴承", "高端化工", "新材料", "生物医药", "现代农业", ""}[k%6], CapitalSource: stCapitals[k%len(stCapitals)],
		TotalInvestmentYuan: total, Tags: []string{}, Batches: []string{},
	}
}

type stDataset struct {
	projects []*zhaoyin.Project
	progress []*zhaoyin.Progress
}

func (d *stDataset) load(t testing.TB, ps *store.ProjectService) {
	t.Helper()
	if _, err := ps.ImportProjects(sys(), d.projects, false); err != nil {
		t.Fatalf("import projects: %v %+v", err, err)
	}
	if len(d.progress) > 0 {
		if _, err := ps.ImportProgress(sys(), d.progress, false); err != nil {
			t.Fatalf("import progress: %v", err)
		}
	}
}

// stMonthsFrom lists the months from the month of date d to last (YYYY-MM), first at least from.
func stMonthsFrom(d, from, last string) []string {
	m := max(d[:7], from)
	var out []string
	for m <= last {
		out = append(out, m)
		t, _ := time.Parse("2006-01", m)
		m = t.AddDate(0, 1, 0).Format("2006-01")
	}
	return out
}

// stSlot is one project-month that receives a share of some funds.
type stSlot struct {
	code, month string
}

// spread shares total over slots and appends the progress rows (investment completed is one
// and a half times the funds).
func (d *stDataset) spread(total int64, slots []stSlot, seed int) {
	parts := stSplit(total, stWan, len(slots), seed)
	for i, s := range slots {
		d.progress = append(d.progress, &zhaoyin.Progress{ProjectCode: s.code, Month: s.month, FundsArrivedYuan: parts[i], InvestedYuan: parts[i] * 3 / 2})
	}
}

// Liaocheng's county-level units (GB/T 2260, built in).
var stLiaochengCounties = []string{"371502", "371503", "371521", "371522", "371524", "371525", "371526", "371581"}

// stLiaocheng2023 reproduces seed 003: in 2023, 496 new projects of at least 1亿元 with a planned
// (= signed) investment of 2529.64亿元, of which 369 manufacturing with 1905.68亿元 (74.40%,
// 75.33%); 460 newly started, 319 manufacturing (69.35%); funds arrived 471亿元, up 10.2% on
// 427.40亿元 in 2022, manufacturing 282.40亿元 (59.96%). Around them: 30 projects under 1亿元
// signed in 2023 (one at 99,999,999 yuan), one of exactly 1亿元 among the 496, projects signed
// in 2022 and started in 2023, older projects still building or starting production, dropped
// projects, and 2024 rows that must stay out of 2023.
func stLiaocheng2023() *stDataset {
	d := &stDataset{}
	county := func(k int) string { return stLiaochengCounties[k%len(stLiaochengCounties)] }
	var mfgSlots, otherSlots, slots2022 []stSlot
	addSlots := func(dst *[]stSlot, p *zhaoyin.Project, from, last string) {
		for _, m := range stMonthsFrom(p.StartedOn, from, last) {
			*dst = append(*dst, stSlot{p.Code, m})
		}
	}

	// A: signed in 2023, at least 1亿元. Manufacturing: four of 50亿元 and more, 365 others.
	bigs := []struct {
		name   string
		region string
		yi     int64
	}{
		{"中化集团己内酰胺·尼龙6项目", "371503", 58},
		{"山东长江智能科技有限公司年产320万吨海洋装备高端管材项目", "371581", 55},
		{"中化集团100万吨有机硅项目", "371503", 52},
		{"哈尔滨轴承集团有限公司生产基地项目", "371581", 50},
	}
	mfgAmounts := stSplit(190_568_000_000-215*stYi-365*stYi, stWan, 365, 1)
	for k := range 369 {
		var p *zhaoyin.Project
		if k < len(bigs) {
			p = stProject(fmt.Sprintf("LC23M%03d", k), bigs[k].name, bigs[k].region, true, bigs[k].yi*stYi, k)
		} else {
			p = stProject(fmt.Sprintf("LC23M%03d", k), fmt.Sprintf("聊城制造业项目%03d", k), county(k), true, stYi+mfgAmounts[k-len(bigs)], k)
		}
		if k%2 == 0 {
			p.SignedAmountYuan = p.TotalInvestmentYuan // else the signed amount falls back on the total
		}
		signed := stDate("2023-01-01", k*3%240)
		neg := stDate(signed, -(15 + k%90))
		switch {
		case k < 300: // started in 2023; every seventh also producing (some in 2023, some in 2024)
			started := stDate(signed, 20+k%60)
			if k%7 == 0 {
				stLifecycle(p, zhaoyin.StageProducing, neg, signed, stDate(signed, 10), started, stDate(started, 40+k%30))
			} else {
				stLifecycle(p, zhaoyin.StageStarted, neg, signed, stDate(signed, 10), started)
			}
			addSlots(&mfgSlots, p, "2023-01", "2023-12")
		case k < 320: // started in 2024
			stLifecycle(p, zhaoyin.StageStarted, neg, signed, stDate(signed, 30), stDate("2024-03-01", k-300))
		case k < 360: // signed, or approved in 2023
			if k%2 == 0 {
				stLifecycle(p, zhaoyin.StageSigned, neg, signed)
			} else {
				stLifecycle(p, zhaoyin.StageApproved, neg, signed, stDate(signed, 12))
			}
		default: // signed in 2023 and dropped later: still signed in 2023
			stLifecycle(p, zhaoyin.StageSigned, neg, signed)
			stDropped(p, "2024-01-15")
		}
		d.projects = append(d.projects, p)
	}
	// A, not manufacturing: 冠州国际陆港 (60亿元), one of exactly 1亿元, 125 others.
	otherAmounts := stSplit(62_396_000_000-60*stYi-stYi-125*stYi, stWan, 125, 2)
	for k := range 127 {
		var p *zhaoyin.Project
		switch k {
		case 0:
			p = stProject("LC23N000", "冠州国际陆港项目", "371525", false, 60*stYi, k)
		case 1:
			p = stProject("LC23N001", "聊城恰好一亿元项目", "371502", false, stYi, k)
		default:
			p = stProject(fmt.Sprintf("LC23N%03d", k), fmt.Sprintf("聊城服务业项目%03d", k), county(k), false, stYi+otherAmounts[k-2], k)
		}
		if k%3 == 0 {
			p.SignedAmountYuan = p.TotalInvestmentYuan
		}
		signed := stDate("2023-01-01", k*5%240)
		neg := stDate(signed, -(20 + k%60))
		switch {
		case k < 120:
			stLifecycle(p, zhaoyin.StageStarted, neg, signed, stDate(signed, 8), stDate(signed, 25+k%50))
			addSlots(&otherSlots, p, "2023-01", "2023-12")
		case k < 126:
			stLifecycle(p, zhaoyin.StageSigned, neg, signed)
		default: // dropped within 2023 itself
			stLifecycle(p, zhaoyin.StageSigned, neg, signed)
			stDropped(p, "2023-12-20")
		}
		d.projects = append(d.projects, p)
	}

	// B: signed in 2022, started in 2023: 19 manufacturing, 21 not.
	for k := range 40 {
		mfg := k < 19
		p := stProject(fmt.Sprintf("LC22B%03d", k), fmt.Sprintf("聊城续建项目%03d", k), county(k+3), mfg, 3*stYi+int64(k)*1000*stWan, k)
		signed := stDate("2022-01-01", k*8)
		stLifecycle(p, zhaoyin.StageStarted, stDate(signed, -30), signed, stDate(signed, 30), stDate("2023-01-10", k*7))
		if mfg {
			addSlots(&mfgSlots, p, "2023-01", "2023-12")
		} else {
			addSlots(&otherSlots, p, "2023-01", "2023-12")
		}
		d.projects = append(d.projects, p)
	}

	// D: signed in 2021, started in 2021–2022, building through 2023; every fourth starts
	// production in 2023. Their 2022 rows make the previous year.
	for k := range 60 {
		mfg := k%2 == 0
		p := stProject(fmt.Sprintf("LC21D%03d", k), fmt.Sprintf("聊城在建项目%03d", k), county(k+5), mfg, 5*stYi+int64(k)*2000*stWan, k)
		signed := stDate("2021-01-01", k*5)
		started := stDate("2021-06-01", k*9)
		if k%4 == 0 {
			stLifecycle(p, zhaoyin.StageProducing, stDate(signed, -40), signed, stDate(signed, 20), started, stDate("2023-01-15", k*3))
		} else {
			stLifecycle(p, zhaoyin.StageStarted, stDate(signed, -40), signed, stDate(signed, 20), started)
		}
		if mfg {
			addSlots(&mfgSlots, p, "2023-01", "2023-12")
		} else {
			addSlots(&otherSlots, p, "2023-01", "2023-12")
		}
		addSlots(&slots2022, p, "2022-01", "2022-12")
		d.projects = append(d.projects, p)
	}

	// C: under 1亿元, signed in 2023; a third start in 2024.
	for k := range 30 {
		total := 2000*stWan + int64(k)*250*stWan
		if k == 0 {
			total = stYi - 1
		}
		p := stProject(fmt.Sprintf("LC23S%03d", k), fmt.Sprintf("聊城小型项目%03d", k), county(k), k%2 == 0, total, k)
		signed := stDate("2023-02-01", k*9)
		if k%3 == 0 {
			stLifecycle(p, zhaoyin.StageStarted, stDate(signed, -10), signed, "2024-03-01", stDate("2024-04-01", k))
		} else {
			stLifecycle(p, zhaoyin.StageSigned, stDate(signed, -10), signed)
		}
		d.projects = append(d.projects, p)
	}

	d.spread(28_240_000_000, mfgSlots, 3)
	d.spread(47_100_000_000-28_240_000_000, otherSlots, 4)
	d.spread(42_740_000_000, slots2022, 5)
	for k := range 60 { // January 2024: outside 2023
		d.progress = append(d.progress, &zhaoyin.Progress{ProjectCode: fmt.Sprintf("LC21D%03d", k), Month: "2024-01", FundsArrivedYuan: 1000 * stWan, InvestedYuan: 800 * stWan})
	}
	return d
}

// reference computes a summary from the data set in Go, by DOMAIN.md's definitions, for the
// projects whose region passes in.
func (d *stDataset) reference(in func(region string) bool, from, to string, min int64) *zhaoyin.Summary {
	s := &zhaoyin.Summary{}
	between := func(x string) bool { return x != "" && x >= from && x <= to }
	byCode := map[string]*zhaoyin.Project{}
	for _, p := range d.projects {
		if !in(p.RegionCode) || p.TotalInvestmentYuan < min {
			continue
		}
		byCode[p.Code] = p
		amount := p.SignedAmountYuan
		if amount == 0 {
			amount = p.TotalInvestmentYuan
		}
		if between(p.SignedOn) {
			s.Signed.Count++
			s.Signed.AmountYuan += amount
			if p.Manufacturing {
				s.Signed.ManufacturingCount++
				s.Signed.ManufacturingAmountYuan += amount
			}
		}
		if between(p.ApprovedOn) {
			s.Approved.Count++
		}
		if between(p.StartedOn) {
			s.Started.Count++
			if p.Manufacturing {
				s.Started.ManufacturingCount++
			}
		}
		if between(p.ProducingOn) {
			s.Producing.Count++
		}
	}
	prevMonth := func(m string) string { return fmt.Sprintf("%04d%s", stAtoi(m[:4])-1, m[4:]) }
	for _, r := range d.progress {
		p := byCode[r.ProjectCode]
		if p == nil {
			continue
		}
		if r.Month >= from[:7] && r.Month <= to[:7] {
			s.Funds.ArrivedYuan += r.FundsArrivedYuan
			s.FixedAssetInvestedYuan += r.InvestedYuan
			if p.Manufacturing {
				s.Funds.ManufacturingArrivedYuan += r.FundsArrivedYuan
			}
			if p.CapitalSource == zhaoyin.CapitalOutOfProvince {
				s.Funds.OutOfProvinceArrivedYuan += r.FundsArrivedYuan
			}
		}
		if r.Month >= prevMonth(from[:7]) && r.Month <= prevMonth(to[:7]) {
			s.Funds.PrevYearArrivedYuan += r.FundsArrivedYuan
		}
	}
	if g, ok := zhaoyin.GrowthTenths(s.Funds.ArrivedYuan, s.Funds.PrevYearArrivedYuan); ok {
		v := float64(g) / 10
		s.Funds.YoYPct = &v
	}
	return s
}

func stAtoi(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}

func stSameSummary(t *testing.T, what string, got, want *zhaoyin.Summary) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %s\n want %s", what, stShow(got), stShow(want))
	}
}

func stShow(s *zhaoyin.Summary) string {
	yoy := "null"
	if s.Funds.YoYPct != nil {
		yoy = fmt.Sprint(*s.Funds.YoYPct)
	}
	c := *s
	c.Funds.YoYPct = nil
	return fmt.Sprintf("%+v yoy=%s", c, yoy)
}

func TestStatsLiaocheng2023(t *testing.T) {
	db := storetest.Open(t)
	ps := store.NewProjectService(db)
	d := stLiaocheng2023()
	d.load(t, ps)
	st := store.NewStatsService(db)
	year := zhaoyin.SummaryFilter{Region: "371500", From: "2023-01-01", To: "2023-12-31", MinInvestment: stYi}

	s, err := st.Summary(sys(), year)
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	check("signed count (过亿元)", s.Signed.Count, int64(496))
	check("signed amount", zhaoyin.FormatYi(s.Signed.AmountYuan), "2529.64")
	check("manufacturing count", s.Signed.ManufacturingCount, int64(369))
	check("manufacturing amount", zhaoyin.FormatYi(s.Signed.ManufacturingAmountYuan), "1905.68")
	check("manufacturing count share", zhaoyin.Share(s.Signed.ManufacturingCount, s.Signed.Count), "74.40%")
	check("manufacturing amount share", zhaoyin.Share(s.Signed.ManufacturingAmountYuan, s.Signed.AmountYuan), "75.33%")
	check("started", s.Started.Count, int64(460))
	check("started manufacturing", s.Started.ManufacturingCount, int64(319))
	check("started share", zhaoyin.Share(s.Started.ManufacturingCount, s.Started.Count), "69.35%")
	check("funds", s.Funds.ArrivedYuan, int64(47_100_000_000))
	check("previous year", s.Funds.PrevYearArrivedYuan, int64(42_740_000_000))
	if s.Funds.YoYPct == nil || *s.Funds.YoYPct != 10.2 {
		t.Errorf("yoy_pct = %v, want 10.2", s.Funds.YoYPct)
	}
	check("manufacturing funds", zhaoyin.FormatYi(s.Funds.ManufacturingArrivedYuan), "282.40")
	check("manufacturing funds share", zhaoyin.Share(s.Funds.ManufacturingArrivedYuan, s.Funds.ArrivedYuan), "59.96%")

	// Every figure against the definitions computed in Go, with and without the floor.
	city := func(string) bool { return true }
	stSameSummary(t, "过亿元 summary", s, d.reference(city, "2023-01-01", "2023-12-31", stYi))
	all := year
	all.MinInvestment = 0
	sAll, err := st.Summary(sys(), all)
	if err != nil {
		t.Fatal(err)
	}
	stSameSummary(t, "summary", sAll, d.reference(city, "2023-01-01", "2023-12-31", 0))
	check("signed count (all)", sAll.Signed.Count, int64(526))

	// Exactly 1亿元 counts as 过亿元; one yuan more leaves it out.
	above := year
	above.MinInvestment = stYi + 1
	if s, err := st.Summary(sys(), above); err != nil || s.Signed.Count != 495 {
		t.Errorf("min 1亿+1: %v %v", s.Signed.Count, err)
	}

	// A district user sees only its county, whatever region it asks for within its scope;
	// another county's figures are empty for it.
	lq := as(zhaoyin.RoleDistrict, "371581")
	want := d.reference(func(r string) bool { return r == "371581" }, "2023-01-01", "2023-12-31", 0)
	if want.Signed.Count == 0 || want.Funds.ArrivedYuan == 0 {
		t.Fatal("the data set has nothing in 临清市")
	}
	for _, region := range []string{"", "371500", "371581"} {
		got, err := st.Summary(lq, zhaoyin.SummaryFilter{Region: region, From: "2023-01-01", To: "2023-12-31"})
		if err != nil {
			t.Fatal(err)
		}
		stSameSummary(t, "district summary, region "+region, got, want)
	}
	got, err := st.Summary(lq, zhaoyin.SummaryFilter{Region: "371502", From: "2023-01-01", To: "2023-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	stSameSummary(t, "district asking for another county", got, &zhaoyin.Summary{})

	// The ranking adds up to the city.
	rk, err := st.Ranking(sys(), "371500", "2023-01-01", "2023-12-31")
	if err != nil {
		t.Fatal(err)
	}
	if len(rk.Rows) != 8 || rk.Rows[0].Name != "东昌府区" || rk.Rows[7].Name != "临清市" {
		t.Fatalf("ranking rows: %+v", rk.Rows)
	}
	var signed, funds, over int64
	for _, r := range rk.Rows {
		signed += r.SignedCount
		funds += r.FundsArrivedYuan
		over += r.OverYiCount
		if r.Ranks.FundsArrived < 1 || r.Ranks.FundsArrived > 8 {
			t.Errorf("rank %+v", r)
		}
	}
	if signed != 526 || funds != 47_100_000_000 || over != 496 {
		t.Errorf("ranking totals: signed %d funds %d over %d", signed, funds, over)
	}

	// The bulletin, in the seed's words and figures.
	md, err := stats.Bulletin(sys(), st, "聊城市", "371500", "2023-01-01", "2023-12-31", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{
		"# 聊城市2023年招商引资工作通报", "2023年，全市新签约项目526个",
		"新引进过亿元项目496个，计划投资额2529.64亿元，其中，制造业项目369个，签约金额1905.68亿元，占比分别为74.40%、75.33%。",
		"新开工项目460个，其中制造业项目319个，占比69.35%。",
		"招商引资到位资金471.00亿元，同比增长10.2%，其中，制造业到位资金282.40亿元，占比59.96%",
		"496个", "2529.64亿元", "74.40%", "75.33%", "460个", "69.35%", "增长10.2%", "282.40亿元", "59.96%",
		"## 二、各县市区（开发区）情况", "| 区域 | 新签约个数 | 签约金额(亿元) | 新开工 | 到位资金(亿元) | 排名 |",
		"## 三、重大项目", "1. 冠州国际陆港项目（冠县），签约金额60.00亿元。", "2. 中化集团己内酰胺·尼龙6项目（茌平区），签约金额58.00亿元，制造业项目。",
		"## 四、下步工作",
	} {
		if !strings.Contains(md, frag) {
			t.Errorf("bulletin lacks %q", frag)
		}
	}
	if strings.Count(md, "\n| ") != 1+8 {
		t.Errorf("bulletin table should have 8 rows:\n%s", md)
	}
	if t.Failed() {
		t.Log(md)
	}
	if again, err := stats.BulletinFor(sys(), st, "聊城市", "371500", 2023, 0, 0); err != nil || again != md {
		t.Errorf("BulletinFor(2023) differs: %v", err)
	}
}

// ---------------------------------------------------------------------------------------------
// Weifang, spring 2024 (seed 001)

const (
	stSpringBatch   = "2024年春季全市重大项目集中开工"
	stProvincialTag = "纳入省集中开工"
)

// stWeifangZones are the functional zones of seed 001, added under 潍坊市.
var stWeifangZones = []zhaoyin.Region{
	{Code: "370771", Name: "高新区", ParentCode: "370700", Kind: "zone"},
	{Code: "370772", Name: "滨海区", ParentCode: "370700", Kind: "zone"},
	{Code: "370773", Name: "保税区", ParentCode: "370700", Kind: "zone"},
	{Code: "370774", Name: "峡山区", ParentCode: "370700", Kind: "zone"},
}

// stSpringRegions are seed 001's districts with their count and total investment (0.1亿元).
var stSpringRegions = []struct {
	code, name string
	count      int
	tenths     int64
}{
	{"370705", "奎文区", 16, 818}, {"370702", "潍城区", 15, 845}, {"370704", "坊子区", 15, 744}, {"370703", "寒亭区", 16, 642},
	{"370781", "青州市", 20, 786}, {"370782", "诸城市", 20, 1511}, {"370783", "寿光市", 20, 1166}, {"370784", "安丘市", 18, 851},
	{"370785", "高密市", 20, 780}, {"370786", "昌邑市", 18, 1224}, {"370724", "临朐县", 20, 976}, {"370725", "昌乐县", 18, 789},
	{"370771", "高新区", 20, 1967}, {"370772", "滨海区", 20, 1445}, {"370773", "保税区", 3, 193}, {"370774", "峡山区", 5, 69},
}

// stSpringTypes are seed 001's figures by type: count and total investment (0.1亿元).
var stSpringTypes = []struct {
	typ    string
	count  int
	tenths int64
}{{"industrial", 219, 11430}, {"platform", 11, 992}, {"social", 21, 805}, {"infrastructure", 13, 1576}}

// stWeifangSpring2024 reproduces seed 001: 264 projects of the spring batch, 1480亿元, plan
// 552亿元; by type 219/1143, 11/99.2, 21/80.5, 13/157.6; by district 奎文区 16/81.8 … 峡山区
// 5/6.9; 70 in the provincial concentrated start, 615亿元, plan 214亿元.
//
// The seed's figures are rounded and do not add up (by type 1480.3, by district 1480.6). The
// amounts are chosen so that each published figure is the rounding of the data: by type
// exactly as published (1480.30亿元 in all, which rounds to 1480), the first ten districts
// 0.03亿元 below their figure (81.77 → 81.8) so that the districts add up to the same 1480.30.
func stWeifangSpring2024(t testing.TB) *stDataset {
	d := &stDataset{}
	// Non-industrial projects, in 亿元 hundredths: the last of each kind takes the remainder.
	type nonInd struct {
		typ    string
		amount int64
	}
	var others []nonInd
	for i := range 13 {
		others = append(others, nonInd{"infrastructure", map[bool]int64{true: 1360, false: 1200}[i == 12]})
	}
	for i := range 11 {
		others = append(others, nonInd{"platform", map[bool]int64{true: 920, false: 900}[i == 10]})
	}
	for i := range 21 {
		others = append(others, nonInd{"social", map[bool]int64{true: 450, false: 380}[i == 20]})
	}
	// Round-robin over the fourteen larger districts (保税区 and 峡山区 hold industry only).
	perRegion := make([][]nonInd, len(stSpringRegions))
	for k, o := range others {
		perRegion[k%14] = append(perRegion[k%14], o)
	}
	n := 0
	for ri, r := range stSpringRegions {
		target := r.tenths * 10 * (stYi / 100) // hundredths of 亿元 → yuan
		if ri < 10 {
			target -= 3 * (stYi / 100)
		}
		rest := target
		for _, o := range perRegion[ri] {
			rest -= o.amount * (stYi / 100)
		}
		industrial := r.count - len(perRegion[ri])
		amounts := stSplit(rest, stWan, industrial, ri)
		for i := range r.count {
			n++
			var p *zhaoyin.Project
			if i < industrial {
				p = stProject(fmt.Sprintf("WF24C%03d", n), fmt.Sprintf("%s重点产业项目%03d", r.name, n), r.code, n%3 != 0, amounts[i], n)
				p.Type = zhaoyin.TypeIndustrial
			} else {
				o := perRegion[ri][i-industrial]
				p = stProject(fmt.Sprintf("WF24C%03d", n), fmt.Sprintf("%s%s项目%03d", r.name, zhaoyin.LabelOf(zhaoyin.TypeLabels, o.typ), n), r.code, false, o.amount*(stYi/100), n)
				p.Type = o.typ
			}
			signed := stDate("2023-06-01", n%150)
			stLifecycle(p, zhaoyin.StageStarted, stDate(signed, -30), signed, stDate(signed, 40), "2024-02-26")
			p.Batches = []string{stSpringBatch}
			d.projects = append(d.projects, p)
		}
	}

	// The 70 of the provincial concentrated start: a deterministic set whose total is within
	// 0.2亿元 of 615亿元, found by swapping members with outsiders.
	in := make([]bool, len(d.projects))
	var sum int64
	for k := 0; k < 70; k++ {
		i := k * 97 % len(d.projects)
		for in[i] {
			i = (i + 1) % len(d.projects)
		}
		in[i] = true
		sum += d.projects[i].TotalInvestmentYuan
	}
	const target = 615 * stYi
	abs := func(x int64) int64 { return max(x, -x) }
	for iter := 0; abs(sum-target) > 20*(stYi/100); iter++ {
		if iter > 100 {
			t.Fatalf("cannot pick the 70 provincial projects: %d", sum)
		}
		bi, bj, best := -1, -1, abs(sum-target)
		for i, a := range d.projects {
			if !in[i] {
				continue
			}
			for j, b := range d.projects {
				if in[j] {
					continue
				}
				if e := abs(sum - a.TotalInvestmentYuan + b.TotalInvestmentYuan - target); e < best {
					bi, bj, best = i, j, e
				}
			}
		}
		if bi < 0 {
			t.Fatalf("no swap improves %d", sum)
		}
		in[bi], in[bj] = false, true
		sum += d.projects[bj].TotalInvestmentYuan - d.projects[bi].TotalInvestmentYuan
	}
	// Annual plans: 214亿元 over the 70, 338亿元 over the others, in proportion to investment.
	plan := func(member bool, total int64) {
		var members []*zhaoyin.Project
		var inv int64
		for i, p := range d.projects {
			if in[i] == member {
				members = append(members, p)
				inv += p.TotalInvestmentYuan
			}
		}
		var acc int64
		for i, p := range members {
			p.AnnualPlanYuan = total * (p.TotalInvestmentYuan / stWan) / (inv / stWan) / stWan * stWan
			if i == len(members)-1 {
				p.AnnualPlanYuan = total - acc
			}
			acc += p.AnnualPlanYuan
		}
	}
	plan(true, 214*stYi)
	plan(false, 338*stYi)
	for i, p := range d.projects {
		if in[i] {
			p.Tags = []string{stProvincialTag}
		}
	}

	// Around the batch: Weifang projects of no batch, and one of the batch in another city.
	for k := range 6 {
		p := stProject(fmt.Sprintf("WF24X%03d", k), fmt.Sprintf("潍坊其他项目%03d", k), stSpringRegions[k].code, true, int64(k+1)*10*stYi, k)
		stLifecycle(p, zhaoyin.StageSigned, "2024-01-02", "2024-03-10")
		p.AnnualPlanYuan = stYi
		d.projects = append(d.projects, p)
	}
	jn := stProject("JN24X000", "济南同名批次项目", "370102", true, 88*stYi, 0)
	stLifecycle(jn, zhaoyin.StageStarted, "2023-12-01", "2024-01-02", "2024-01-20", "2024-02-26")
	jn.Batches, jn.Tags = []string{stSpringBatch}, []string{stProvincialTag}
	d.projects = append(d.projects, jn)
	// Funds in 2024 only: no previous year to compare with.
	for _, p := range d.projects[:30] {
		d.progress = append(d.progress, &zhaoyin.Progress{ProjectCode: p.Code, Month: "2024-03", FundsArrivedYuan: 5000 * stWan, InvestedYuan: 6000 * stWan})
	}
	return d
}

// stTenthsOfYi rounds yuan to 0.1亿元, half up, as the seed writes its figures: "81.8".
func stTenthsOfYi(yuan int64) string {
	t := (2*yuan + stYi/10) / (2 * stYi / 10)
	return fmt.Sprintf("%d.%d", t/10, t%10)
}

// stWholeYi rounds yuan to 亿元, half up: "1480".
func stWholeYi(yuan int64) string { return fmt.Sprint((2*yuan + stYi) / (2 * stYi)) }

func stOpenWeifang(t *testing.T) (*store.DB, *stDataset) {
	db := storetest.Open(t)
	regions := store.NewRegionService(db)
	for _, z := range stWeifangZones {
		if err := regions.CreateRegion(sys(), &z); err != nil {
			t.Fatal(err)
		}
	}
	d := stWeifangSpring2024(t)
	d.load(t, store.NewProjectService(db))
	return db, d
}

func TestStatsWeifangSpring2024(t *testing.T) {
	db, d := stOpenWeifang(t)
	st := store.NewStatsService(db)
	ctx := sys()

	byType, err := st.GroupProjects(ctx, zhaoyin.GroupFilter{GroupBy: "type", Region: "370700", Batch: stSpringBatch})
	if err != nil {
		t.Fatal(err)
	}
	var count, total, annual int64
	for _, r := range byType {
		count += r.Count
		total += r.TotalInvestmentYuan
		annual += r.AnnualPlanYuan
	}
	if count != 264 || stWholeYi(total) != "1480" || stWholeYi(annual) != "552" {
		t.Errorf("batch: %d projects, %s亿元, plan %s亿元", count, stWholeYi(total), stWholeYi(annual))
	}
	if len(byType) != 4 {
		t.Fatalf("by type: %+v", byType)
	}
	// Largest first: 产业类 1143, 基础设施类 157.6, 平台类 99.2, 社会事业类 80.5.
	order := []string{"industrial", "infrastructure", "platform", "social"}
	for i, r := range byType {
		var want struct {
			typ    string
			count  int
			tenths int64
		}
		for _, x := range stSpringTypes {
			if x.typ == r.Key {
				want = x
			}
		}
		if r.Key != order[i] || r.Name != zhaoyin.LabelOf(zhaoyin.TypeLabels, r.Key) || int(r.Count) != want.count ||
			stTenthsOfYi(r.TotalInvestmentYuan) != fmt.Sprintf("%d.%d", want.tenths/10, want.tenths%10) {
			t.Errorf("type row %d = %+v (%s亿元), want %+v", i, r, stTenthsOfYi(r.TotalInvestmentYuan), want)
		}
	}

	byRegion, err := st.GroupProjects(ctx, zhaoyin.GroupFilter{GroupBy: "region", Region: "370700", Batch: stSpringBatch})
	if err != nil {
		t.Fatal(err)
	}
	if len(byRegion) != 16 {
		t.Fatalf("by region: %d rows %+v", len(byRegion), byRegion)
	}
	// Counties by code, then zones by code (the order of FindRegions).
	var wantOrder []string
	for _, r := range stSpringRegions {
		if !strings.HasPrefix(r.code, "37077") {
			wantOrder = append(wantOrder, r.code)
		}
	}
	slices.Sort(wantOrder)
	wantOrder = append(wantOrder, "370771", "370772", "370773", "370774")
	for i, row := range byRegion {
		if row.Key != wantOrder[i] {
			t.Errorf("region row %d is %s, want %s", i, row.Key, wantOrder[i])
		}
		for _, r := range stSpringRegions {
			if r.code == row.Key && (row.Name != r.name || int(row.Count) != r.count || stTenthsOfYi(row.TotalInvestmentYuan) != fmt.Sprintf("%d.%d", r.tenths/10, r.tenths%10)) {
				t.Errorf("%s: %d projects %s亿元, the seed says %d %d.%d", row.Name, row.Count, stTenthsOfYi(row.TotalInvestmentYuan), r.count, r.tenths/10, r.tenths%10)
			}
		}
	}

	// The provincial concentrated start: 70 projects, 615亿元, plan 214亿元.
	prov, err := st.GroupProjects(ctx, zhaoyin.GroupFilter{GroupBy: "stage", Region: "370700", Batch: stSpringBatch, Tag: stProvincialTag})
	if err != nil {
		t.Fatal(err)
	}
	count, total, annual = 0, 0, 0
	for _, r := range prov {
		count += r.Count
		total += r.TotalInvestmentYuan
		annual += r.AnnualPlanYuan
	}
	if count != 70 || stWholeYi(total) != "615" || stWholeYi(annual) != "214" {
		t.Errorf("provincial: %d projects, %s亿元, plan %s亿元", count, stWholeYi(total), stWholeYi(annual))
	}
	if prov[0].Key != "started" || prov[0].Count != 70 || len(prov) != len(zhaoyin.StageLabels) || prov[1].Count != 0 {
		t.Errorf("by stage: %+v", prov)
	}
	// Without the batch, the other Weifang projects count; Jinan's never does.
	allRegion, err := st.GroupProjects(ctx, zhaoyin.GroupFilter{GroupBy: "chain", Region: "370700"})
	if err != nil {
		t.Fatal(err)
	}
	count = 0
	for _, r := range allRegion {
		count += r.Count
		if r.Key == "" && r.Name != "未归入产业链" {
			t.Errorf("empty chain row: %+v", r)
		}
	}
	if count != 270 {
		t.Errorf("Weifang has %d projects, want 270", count)
	}

	// No funds in 2023: the growth is undefined, and the bulletin leaves it out.
	s, err := st.Summary(ctx, zhaoyin.SummaryFilter{Region: "370700", From: "2024-01-01", To: "2024-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Funds.ArrivedYuan != 30*5000*stWan || s.Funds.PrevYearArrivedYuan != 0 || s.Funds.YoYPct != nil {
		t.Errorf("funds: %+v", s.Funds)
	}
	if s.Started.Count != 264 || s.Signed.Count != 6 {
		t.Errorf("started %d signed %d", s.Started.Count, s.Signed.Count)
	}
	stSameSummary(t, "Weifang 2024", s, d.reference(func(r string) bool { return strings.HasPrefix(r, "3707") }, "2024-01-01", "2024-12-31", 0))
	md, err := stats.BulletinFor(ctx, st, "潍坊市", "370700", 2024, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(md, "同比") || !strings.Contains(md, "招商引资到位资金15.00亿元，其中，制造业到位资金") || !strings.Contains(md, "新开工项目264个") {
		t.Errorf("bulletin without a previous year:\n%s", md)
	}
	if strings.Count(md, "\n| ") != 1+16 {
		t.Errorf("bulletin table should have 16 rows:\n%s", md)
	}
}

// ---------------------------------------------------------------------------------------------
// Edge cases, on a handful of projects whose figures can be checked by hand.

func stEdgeData() *stDataset {
	d := &stDataset{}
	add := func(p *zhaoyin.Project) *zhaoyin.Project { d.projects = append(d.projects, p); return p }
	kw, wc := "370705", "370702"
	// E1: 0.5亿元, manufacturing, out of province: every stage in Jan–Feb 2024.
	e1 := add(stLifecycle(stProject("E1", "小于一亿元的项目", kw, true, stYi/2, 0), zhaoyin.StageProducing, "2023-12-01", "2024-01-10", "2024-01-20", "2024-02-01", "2024-02-20"))
	e1.CapitalSource = zhaoyin.CapitalOutOfProvince
	// E2: exactly 1亿元, the same dates.
	e2 := add(stLifecycle(stProject("E2", "恰好一亿元的项目", kw, false, stYi, 1), zhaoyin.StageProducing, "2023-11-01", "2024-01-10", "2024-01-20", "2024-02-01", "2024-02-20"))
	e2.CapitalSource = zhaoyin.CapitalInProvince
	// E3: 2亿元, signed for 1.5亿元 on 29 February, dropped in March: still signed in February.
	e3 := add(stDropped(stLifecycle(stProject("E3", "签约后终止的项目", kw, true, 2*stYi, 2), zhaoyin.StageSigned, "2024-02-01", "2024-02-29"), "2024-03-05"))
	e3.SignedAmountYuan = 3 * stYi / 2
	// E4: signed on 1 March, outside January–February.
	add(stLifecycle(stProject("E4", "三月签约的项目", kw, false, 3*stYi, 3), zhaoyin.StageSigned, "2024-01-01", "2024-03-01"))
	// E5: 潍城区, 5亿元, signed in January, never started.
	e5 := add(stLifecycle(stProject("E5", "潍城区签约项目", wc, false, 5*stYi, 4), zhaoyin.StageSigned, "2023-10-01", "2024-01-05"))
	e5.CapitalSource = zhaoyin.CapitalInProvince
	// E6–E9: signed in June 2023, started in 2024, for the warnings.
	e6 := add(stLifecycle(stProject("E6", "五月后未报送的项目", kw, true, 2*stYi, 5), zhaoyin.StageStarted, "2023-05-01", "2023-06-10", "2023-07-01", "2024-04-01"))
	e6.AnnualPlanYuan = 12 * stYi / 10
	e7 := add(stLifecycle(stProject("E7", "从未报送的项目", kw, true, 2*stYi, 6), zhaoyin.StageStarted, "2023-05-01", "2023-06-10", "2023-07-01", "2024-06-01"))
	e7.AnnualPlanYuan = 6 * stYi / 10
	e8 := add(stLifecycle(stProject("E8", "按时报送的项目", kw, true, 2*stYi, 7), zhaoyin.StageStarted, "2023-05-01", "2023-06-10", "2023-07-01", "2024-05-01"))
	e8.AnnualPlanYuan = 12 * stYi / 10
	add(stLifecycle(stProject("E9", "八月新开工的项目", kw, true, 2*stYi, 8), zhaoyin.StageStarted, "2023-05-01", "2023-06-10", "2023-07-01", "2024-08-10"))
	d.progress = []*zhaoyin.Progress{
		{ProjectCode: "E1", Month: "2024-02", FundsArrivedYuan: 100 * stWan, InvestedYuan: 200 * stWan},
		{ProjectCode: "E1", Month: "2023-02", FundsArrivedYuan: 50 * stWan},
		{ProjectCode: "E2", Month: "2024-02", FundsArrivedYuan: 1000 * stWan, InvestedYuan: 500 * stWan},
		{ProjectCode: "E2", Month: "2023-02", FundsArrivedYuan: 800 * stWan},
		{ProjectCode: "E2", Month: "2023-03", FundsArrivedYuan: 999 * stWan}, // not in the year before Jan–Feb 2024
		{ProjectCode: "E5", Month: "2024-01", FundsArrivedYuan: 300 * stWan},
		{ProjectCode: "E6", Month: "2024-05", FundsArrivedYuan: 1000 * stWan},
		{ProjectCode: "E8", Month: "2024-08", FundsArrivedYuan: 5000 * stWan},
	}
	return d
}

func TestStatsEdges(t *testing.T) {
	db := storetest.Open(t)
	d := stEdgeData()
	d.load(t, store.NewProjectService(db))
	st := store.NewStatsService(db)
	ctx := sys()
	janFeb := zhaoyin.SummaryFilter{Region: "370700", From: "2024-01-01", To: "2024-02-29"}

	want := &zhaoyin.Summary{}
	want.Signed.Count, want.Signed.AmountYuan, want.Signed.ManufacturingCount, want.Signed.ManufacturingAmountYuan = 4, 8*stYi, 2, 2*stYi
	want.Approved.Count, want.Started.Count, want.Started.ManufacturingCount, want.Producing.Count = 2, 2, 1, 2
	want.Funds.ArrivedYuan, want.Funds.PrevYearArrivedYuan = 1400*stWan, 850*stWan
	yoy := 64.7
	want.Funds.YoYPct = &yoy
	want.Funds.ManufacturingArrivedYuan, want.Funds.OutOfProvinceArrivedYuan = 100*stWan, 100*stWan
	want.FixedAssetInvestedYuan = 700 * stWan
	got, err := st.Summary(ctx, janFeb)
	if err != nil {
		t.Fatal(err)
	}
	stSameSummary(t, "Jan–Feb 2024", got, want)

	// At least 1亿元: E1 drops out of every figure; E2 (exactly 1亿元) stays.
	big := janFeb
	big.MinInvestment = stYi
	want = &zhaoyin.Summary{}
	want.Signed.Count, want.Signed.AmountYuan, want.Signed.ManufacturingCount, want.Signed.ManufacturingAmountYuan = 3, 75*stYi/10, 1, 15*stYi/10
	want.Approved.Count, want.Started.Count, want.Producing.Count = 1, 1, 1
	want.Funds.ArrivedYuan, want.Funds.PrevYearArrivedYuan = 1300*stWan, 800*stWan
	yoy2 := 62.5
	want.Funds.YoYPct = &yoy2
	want.FixedAssetInvestedYuan = 500 * stWan
	got, err = st.Summary(ctx, big)
	if err != nil {
		t.Fatal(err)
	}
	stSameSummary(t, "Jan–Feb 2024, at least 1亿元", got, want)

	// 2023 has funds, 2022 none: yoy_pct is null.
	got, err = st.Summary(ctx, zhaoyin.SummaryFilter{Region: "370700", From: "2023-01-01", To: "2023-12-31"})
	if err != nil || got.Funds.ArrivedYuan != 1849*stWan || got.Funds.YoYPct != nil {
		t.Errorf("2023: %+v %v", got.Funds, err)
	}

	// A district user: its own region only.
	kw := as(zhaoyin.RoleDistrict, "370705")
	got, err = st.Summary(kw, zhaoyin.SummaryFilter{From: "2024-01-01", To: "2024-02-29"})
	if err != nil || got.Signed.Count != 3 || got.Funds.ArrivedYuan != 1100*stWan {
		t.Errorf("district: %+v %v", got, err)
	}
	got, err = st.Summary(kw, zhaoyin.SummaryFilter{Region: "370702", From: "2024-01-01", To: "2024-02-29"})
	if err != nil || got.Signed.Count != 0 || got.Funds.ArrivedYuan != 0 {
		t.Errorf("district asking for another: %+v %v", got, err)
	}

	// Bad input is the caller's to fix (422), never a database error.
	for _, f := range []zhaoyin.SummaryFilter{{From: "2024-02-30", To: "2024-03-01"}, {From: "2024-03-01", To: "2024-02-01"}, {From: "", To: "2024-02-01"}, {From: "2024-01-01", To: "2024-02-01", MinInvestment: -1}, {Region: "999999", From: "2024-01-01", To: "2024-02-01"}} {
		if _, err := st.Summary(ctx, f); code(err) != zhaoyin.EINVALID {
			t.Errorf("summary %+v: %v", f, err)
		}
	}

	// Breakdowns by region: a parent is needed; a district user's default is its own region
	// (no children); asking for the city shows only its own row.
	if _, err := st.GroupProjects(ctx, zhaoyin.GroupFilter{GroupBy: "region"}); code(err) != zhaoyin.EINVALID {
		t.Errorf("group by region without region: %v", err)
	}
	if _, err := st.GroupProjects(ctx, zhaoyin.GroupFilter{GroupBy: "colour", Region: "370700"}); code(err) != zhaoyin.EINVALID {
		t.Errorf("bad group_by: %v", err)
	}
	if rows, err := st.GroupProjects(kw, zhaoyin.GroupFilter{GroupBy: "region"}); err != nil || rows == nil || len(rows) != 0 {
		t.Errorf("district default: %+v %v", rows, err)
	}
	rows, err := st.GroupProjects(kw, zhaoyin.GroupFilter{GroupBy: "region", Region: "370700"})
	if err != nil || len(rows) != 1 || rows[0].Key != "370705" || rows[0].Count != 8 {
		t.Errorf("district asking for the city: %+v %v", rows, err)
	}
	rows, err = st.GroupProjects(ctx, zhaoyin.GroupFilter{GroupBy: "region", Region: "370700"})
	if err != nil || len(rows) != 12 || rows[0].Key != "370702" || rows[0].Count != 1 || rows[3].Key != "370705" || rows[3].Count != 8 || rows[4].Count != 0 {
		t.Errorf("by region: %+v %v", rows, err)
	}
	caps, err := st.GroupProjects(ctx, zhaoyin.GroupFilter{GroupBy: "capital_source", Region: "370700"})
	if err != nil || caps[0].Name == "" || len(caps) < 4 {
		t.Errorf("by capital source: %+v %v", caps, err)
	}

	// Month by month.
	m, err := st.Monthly(ctx, "370700", 2024)
	if err != nil {
		t.Fatal(err)
	}
	wantMonths := map[string]store.MonthFigures{
		"2024-01": {Month: "2024-01", FundsArrivedYuan: 300 * stWan, SignedCount: 3},
		"2024-02": {Month: "2024-02", FundsArrivedYuan: 1100 * stWan, InvestedYuan: 700 * stWan, SignedCount: 1, StartedCount: 2},
		"2024-03": {Month: "2024-03", SignedCount: 1},
		"2024-04": {Month: "2024-04", StartedCount: 1},
		"2024-05": {Month: "2024-05", FundsArrivedYuan: 1000 * stWan, StartedCount: 1},
		"2023-02": {Month: "2023-02", FundsArrivedYuan: 850 * stWan},
		"2023-03": {Month: "2023-03", FundsArrivedYuan: 999 * stWan},
		"2023-06": {Month: "2023-06", SignedCount: 4},
	}
	if len(m.Months) != 12 || len(m.PrevYear) != 12 || m.Months[0].Month != "2024-01" || m.PrevYear[11].Month != "2023-12" {
		t.Fatalf("monthly shape: %+v", m)
	}
	for _, x := range append(slices.Clone(m.Months), m.PrevYear...) {
		if w, ok := wantMonths[x.Month]; ok && x != w {
			t.Errorf("month %s = %+v, want %+v", x.Month, x, w)
		}
	}
	if m2, err := st.Monthly(as(zhaoyin.RoleDistrict, "370702"), "", 2024); err != nil || m2.Months[0].FundsArrivedYuan != 300*stWan || m2.Months[1].FundsArrivedYuan != 0 {
		t.Errorf("monthly, district: %+v %v", m2, err)
	}

	// Cycle times: talks→signing of 28, 40, 70 and 96 days.
	ct, err := st.CycleTimes(ctx, "370700", "2024-01-01", "2024-02-29", "")
	if err != nil {
		t.Fatal(err)
	}
	g := ct.Groups[0]
	ts := g.TalksToSigning
	if len(ct.Groups) != 1 || g.Count != 4 || ts.Count != 4 || *ts.MedianDays != 55 || *ts.P25Days != 37 || *ts.P75Days != 76.5 {
		t.Errorf("cycle times: %+v %+v", g, ts)
	}
	if h := ts.Histogram; h[0].Count != 1 || h[1].Count != 1 || h[2].Count != 1 || h[3].Count != 1 || h[5].MaxDays != nil || *h[0].MaxDays != 30 {
		t.Errorf("histogram: %+v", h)
	}
	if s := g.SigningToStart; s.Count != 2 || *s.MedianDays != 22 {
		t.Errorf("signing to start: %+v", s)
	}
	if s := g.StartToProduction; s.Count != 2 || *s.MedianDays != 19 {
		t.Errorf("start to production: %+v", s)
	}
	ct, err = st.CycleTimes(ctx, "370700", "2024-01-01", "2024-02-29", "region")
	if err != nil || len(ct.Groups) != 12 || ct.Groups[0].Count != 1 || ct.Groups[3].Count != 3 || ct.Groups[5].TalksToSigning.MedianDays != nil {
		t.Errorf("cycle times by region: %+v %v", ct, err)
	}
	if _, err := st.CycleTimes(ctx, "370700", "2024-01-01", "2024-02-29", "colour"); code(err) != zhaoyin.EINVALID {
		t.Errorf("bad group: %v", err)
	}

	// Warnings as of 15 September 2024.
	w, err := st.Warnings(ctx, "370700", "2024-09-15", 6)
	if err != nil {
		t.Fatal(err)
	}
	codes := func(n int, f func(i int) string) []string {
		var out []string
		for i := range n {
			out = append(out, f(i))
		}
		return out
	}
	if c := codes(len(w.SignedNotStarted), func(i int) string { return w.SignedNotStarted[i].Code }); !slices.Equal(c, []string{"E5", "E4"}) || w.SignedNotStartedTotal != 2 ||
		w.SignedNotStarted[0].MonthsSinceSign != 8 || w.SignedNotStarted[1].MonthsSinceSign != 6 || w.SignedNotStarted[0].RegionName != "潍城区" {
		t.Errorf("signed not started: %+v", w.SignedNotStarted)
	}
	if c := codes(len(w.NoProgress), func(i int) string { return w.NoProgress[i].Code }); !slices.Equal(c, []string{"E7", "E6"}) ||
		w.NoProgress[0].LastReportMonth != "" || w.NoProgress[1].LastReportMonth != "2024-05" {
		t.Errorf("no progress: %+v", w.NoProgress)
	}
	if c := codes(len(w.FundsBehindPlan), func(i int) string { return w.FundsBehindPlan[i].Code }); !slices.Equal(c, []string{"E7", "E6"}) || w.ElapsedMonths != 8 ||
		w.FundsBehindPlan[1].ExpectedYuan != 8*stYi/10 || w.FundsBehindPlan[1].ProgressPct != 12.5 || w.FundsBehindPlan[1].ArrivedYuan != 1000*stWan {
		t.Errorf("funds behind plan: %+v", w.FundsBehindPlan)
	}
	if w, err := st.Warnings(as(zhaoyin.RoleDistrict, "370702"), "", "2024-09-15", 6); err != nil || len(w.SignedNotStarted) != 1 || len(w.NoProgress) != 0 {
		t.Errorf("warnings, district: %+v %v", w, err)
	}
	if _, err := st.Warnings(ctx, "", "2024-09-31", 6); code(err) != zhaoyin.EINVALID {
		t.Errorf("bad as_of: %v", err)
	}

	// Ranking of Weifang's counties in January–February.
	rk, err := st.Ranking(ctx, "370700", "2024-01-01", "2024-02-29")
	if err != nil {
		t.Fatal(err)
	}
	var kwr, wcr store.RankingRow
	for _, r := range rk.Rows {
		switch r.Key {
		case "370705":
			kwr = r
		case "370702":
			wcr = r
		}
	}
	if kwr.SignedCount != 3 || kwr.SignedAmountYuan != 3*stYi || kwr.StartedCount != 2 || kwr.FundsArrivedYuan != 1100*stWan || kwr.OverYiCount != 2 || kwr.ManufacturingShare != 66.67 ||
		kwr.Ranks != (store.Ranks{SignedCount: 1, SignedAmount: 2, StartedCount: 1, FundsArrived: 1, Invested: 1, OverYiCount: 1, ManufacturingShare: 1}) {
		t.Errorf("奎文区: %+v", kwr)
	}
	if wcr.SignedCount != 1 || wcr.SignedAmountYuan != 5*stYi || wcr.OverYiCount != 1 || wcr.ManufacturingShare != 0 ||
		wcr.Ranks != (store.Ranks{SignedCount: 2, SignedAmount: 1, StartedCount: 2, FundsArrived: 2, Invested: 2, OverYiCount: 2, ManufacturingShare: 2}) {
		t.Errorf("潍城区: %+v", wcr)
	}
	if r := rk.Rows[1]; r.Ranks.SignedCount != 3 || r.Ranks.ManufacturingShare != 3 {
		t.Errorf("a county with nothing: %+v", r)
	}

	top, err := st.TopSigned(ctx, "370700", "2024-01-01", "2024-02-29", 10)
	if err != nil || len(top) != 4 || top[0].Code != "E5" || top[1].Code != "E3" || top[1].AmountYuan != 15*stYi/10 || top[3].Code != "E1" || top[0].RegionName != "潍城区" {
		t.Errorf("top signed: %+v %v", top, err)
	}

	// The bulletin of a period with a decline, and the statistics region of a district user.
	md, err := stats.Bulletin(ctx, st, "潍坊市", "370700", "2024-01-01", "2024-02-29", "")
	if err != nil || !strings.Contains(md, "# 潍坊市2024年1—2月招商引资工作通报") || !strings.Contains(md, "到位资金0.14亿元，同比增长64.7%") {
		t.Errorf("bulletin: %v\n%s", err, md)
	}
	if r, err := st.StatsRegion(kw, ""); err != nil || r.Code != "370705" {
		t.Errorf("district region: %+v %v", r, err)
	}
	if _, err := st.StatsRegion(kw, "370700"); code(err) != zhaoyin.EFORBIDDEN {
		t.Errorf("district asking for the city's bulletin: %v", err)
	}
	if _, err := st.StatsRegion(ctx, ""); code(err) != zhaoyin.EINVALID {
		t.Errorf("no region: %v", err)
	}
}

// BenchmarkStatsBulletin writes the bulletin of a city-year at 100,000 projects and 1,200,000
// progress rows (the data of store.StatsBenchDB, see stats_bench_test.go): Weifang, the heavy
// city with 40% of the projects, and Jinan, a typical one.
func BenchmarkStatsBulletin(b *testing.B) {
	db := store.StatsBenchDB(b)
	st := store.NewStatsService(db)
	for _, c := range []struct{ name, region, regionName string }{{"city-year", "370700", "潍坊市"}, {"typical-city-year", "370100", "济南市"}} {
		b.Run(c.name, func(b *testing.B) {
			run := func() error {
				_, err := stats.BulletinFor(sys(), st, c.regionName, c.region, 2023, 0, 0)
				return err
			}
			if err := run(); err != nil {
				b.Fatal(err)
			}
			var ds []time.Duration
			b.ResetTimer()
			for range max(b.N, 20) {
				t0 := time.Now()
				if err := run(); err != nil {
					b.Fatal(err)
				}
				ds = append(ds, time.Since(t0))
			}
			b.StopTimer()
			slices.Sort(ds)
			b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "p50-ms")
		})
	}
}

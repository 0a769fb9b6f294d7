package demo

import (
	"context"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"zhaoyin"
)

// days the tests build the city on: mid-2025, and a later day with more batches behind it.
var testDays = []time.Time{
	time.Date(2025, 6, 30, 15, 4, 5, 0, time.Local),
	time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC),
}

var built = map[time.Time]*Data{}

func build(t *testing.T, now time.Time) *Data {
	t.Helper()
	if d, ok := built[now]; ok {
		return d
	}
	d := Build(now)
	built[now] = d
	return d
}

func today(now time.Time) string { return now.Format("2006-01-02") }

func TestProjects(t *testing.T) {
	codeRE := regexp.MustCompile(`^WF20\d\d-\d{4}$`)
	unitCodes := map[string]bool{}
	for _, u := range units {
		unitCodes[u.Code] = true
	}
	allowedTags := []string{TagProvincialMajor, TagProvincialStart, TagCityKey, TagNewEconomy, TagReturn, TagOverYi}
	for _, now := range testDays {
		t.Run(today(now), func(t *testing.T) {
			d := build(t, now)
			if n := len(d.Projects); n < 1400 || n > 1600 {
				t.Fatalf("%d projects, want about 1500", n)
			}
			codes, names := map[string]bool{}, map[string]bool{}
			stages := map[zhaoyin.Stage]int{}
			perUnit := map[string]int{}
			usccOf, nameOf := map[string]string{}, map[string]string{}
			for _, p := range d.Projects {
				if !unitCodes[p.RegionCode] {
					t.Errorf("%s: region %q is not one of the 16 units", p.Code, p.RegionCode)
				}
				if err := p.Validate(); err != nil {
					t.Errorf("%s %s: %v %v", p.Code, p.Name, err, err.(*zhaoyin.Error).Fields)
				}
				if !codeRE.MatchString(p.Code) || codes[p.Code] {
					t.Errorf("code %q malformed or repeated", p.Code)
				}
				codes[p.Code] = true
				if names[p.Name] {
					t.Errorf("name %q repeated", p.Name)
				}
				names[p.Name] = true
				stages[p.Stage]++
				perUnit[p.RegionCode]++

				for _, inv := range p.Investors {
					if err := zhaoyin.CheckUSCC(inv.USCC); err != nil {
						t.Errorf("%s: investor %s: %v", p.Code, inv.Name, err)
					}
					if c, ok := usccOf[inv.Name]; ok && c != inv.USCC {
						t.Errorf("investor %s has codes %s and %s", inv.Name, c, inv.USCC)
					}
					if n, ok := nameOf[inv.USCC]; ok && n != inv.Name {
						t.Errorf("code %s belongs to %s and %s", inv.USCC, n, inv.Name)
					}
					usccOf[inv.Name], nameOf[inv.USCC] = inv.USCC, inv.Name
				}
				if len(p.Investors) < 1 || len(p.Investors) > 2 {
					t.Errorf("%s: %d investors", p.Code, len(p.Investors))
				}
				checkDates(t, p, now)
				checkMoney(t, p)
				for _, tag := range p.Tags {
					if !slices.Contains(allowedTags, tag) {
						t.Errorf("%s: unknown tag %q", p.Code, tag)
					}
				}
				if over := p.TotalInvestmentYuan >= zhaoyin.Yi; over != slices.Contains(p.Tags, TagOverYi) {
					t.Errorf("%s: total %d yuan, tags %v", p.Code, p.TotalInvestmentYuan, p.Tags)
				}
				if p.Type == zhaoyin.TypeIndustrial && p.Chain == "" {
					t.Errorf("%s: industrial project without a chain", p.Code)
				}
				if p.ResponsiblePerson == "" || p.LeadingOfficial == "" || p.ServiceTeam == "" {
					t.Errorf("%s: missing people", p.Code)
				}
			}
			var industrial, mfg int
			for _, p := range d.Projects {
				if p.Type == zhaoyin.TypeIndustrial {
					industrial++
					if p.Manufacturing {
						mfg++
					}
				} else if p.Manufacturing {
					t.Errorf("%s: a %s project flagged manufacturing", p.Code, p.Type)
				}
			}
			if industrial*10 < len(d.Projects)*7 || mfg*100 < industrial*75 || mfg == industrial {
				t.Errorf("%d industrial projects of %d, %d of them manufacturing", industrial, len(d.Projects), mfg)
			}
			for _, s := range append(slices.Clone(zhaoyin.Stages), zhaoyin.StageDropped) {
				if stages[s] == 0 {
					t.Errorf("no project at stage %s", s)
				}
			}
			if share := stages[zhaoyin.StageDropped] * 100 / len(d.Projects); share < 3 || share > 7 {
				t.Errorf("%d%% dropped, want about 5%%", share)
			}
			if stages[zhaoyin.StageAchieved] >= stages[zhaoyin.StageNegotiating] {
				t.Errorf("funnel upside down: %v", stages)
			}
			for _, u := range units {
				if perUnit[u.Code] < 20 {
					t.Errorf("%s %s has %d projects", u.Code, u.Name, perUnit[u.Code])
				}
			}
			t.Logf("stages %v; %d industrial, %d manufacturing", stages, industrial, mfg)
		})
	}
}

// checkDates: every date real, within 2023-01-01 … today, in order, with the usual gaps.
func checkDates(t *testing.T, p *zhaoyin.Project, now time.Time) {
	t.Helper()
	var prev time.Time
	for i := iNeg; i <= iAchieved; i++ {
		s := p.StageDate(zhaoyin.Stages[i])
		if s == "" {
			break
		}
		d := mustDate(s)
		if s < "2023-01-01" || s > today(now) {
			t.Errorf("%s: %s date %s outside 2023-01-01 … %s", p.Code, zhaoyin.Stages[i], s, today(now))
		}
		if !prev.IsZero() {
			if g := daysBetween(prev, d); g < gapDays[i-1][0] || g > gapDays[i-1][1] {
				// Projects of the batches may have their talks cut at the window's start.
				if !(i-1 == iNeg && p.NegotiatingOn == "2023-01-01") {
					t.Errorf("%s: %d days from %s to %s", p.Code, g, zhaoyin.Stages[i-1], zhaoyin.Stages[i])
				}
			}
		}
		prev = d
	}
	if p.Stage == zhaoyin.StageDropped {
		if p.DroppedOn > today(now) || p.DropReason == "" {
			t.Errorf("%s: dropped on %s (%q)", p.Code, p.DroppedOn, p.DropReason)
		}
	}
	for _, b := range p.Batches {
		if p.StartedOn == "" || p.StartedOn > today(now) {
			t.Errorf("%s in %s but started on %q", p.Code, b, p.StartedOn)
		}
	}
}

func checkMoney(t *testing.T, p *zhaoyin.Project) {
	t.Helper()
	total := p.TotalInvestmentYuan
	if total < 2000*zhaoyin.Wan || total > 200*zhaoyin.Yi || total%zhaoyin.Wan != 0 {
		t.Errorf("%s: total %d yuan", p.Code, total)
	}
	if p.AnnualPlanYuan > total || p.SignedAmountYuan > total {
		t.Errorf("%s: plan %d or signed %d above total %d", p.Code, p.AnnualPlanYuan, p.SignedAmountYuan, total)
	}
	if signed := p.SignedOn != ""; signed != (p.SignedAmountYuan > 0) {
		t.Errorf("%s: signed on %q, amount %d", p.Code, p.SignedOn, p.SignedAmountYuan)
	}
	if p.SignedAmountYuan > 0 && p.SignedAmountYuan < total*8/10 {
		t.Errorf("%s: signed %d of %d", p.Code, p.SignedAmountYuan, total)
	}
	foreign := p.CapitalSource == zhaoyin.CapitalForeign || p.CapitalSource == zhaoyin.CapitalHKMacaoTaiwan
	if foreign != (p.ForeignInvestUSD > 0) {
		t.Errorf("%s: capital %s, foreign investment %d USD", p.Code, p.CapitalSource, p.ForeignInvestUSD)
	}
}

func TestDeterministic(t *testing.T) {
	for _, now := range testDays {
		a, b := Build(now), Build(now)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: two builds differ", today(now))
		}
	}
	// The time of day and the zone do not matter, only the day.
	a := Build(time.Date(2025, 6, 30, 0, 0, 1, 0, time.UTC))
	b := Build(time.Date(2025, 6, 30, 23, 59, 0, 0, time.UTC))
	if !reflect.DeepEqual(a, b) {
		t.Error("builds on the same day differ")
	}
}

func TestProgress(t *testing.T) {
	for _, now := range testDays {
		t.Run(today(now), func(t *testing.T) {
			d := build(t, now)
			byCode := map[string]*zhaoyin.Project{}
			for _, p := range d.Projects {
				byCode[p.Code] = p
			}
			last := monthText(monthIndex(now) - 1)
			first := monthText(firstProgressMonth(now))
			months := map[string][]string{}
			invested := map[string]int64{}
			for _, r := range d.Progress {
				p := byCode[r.ProjectCode]
				if p == nil {
					t.Fatalf("progress for unknown project %s", r.ProjectCode)
				}
				if p.Stage == zhaoyin.StageDropped || zhaoyin.StageIndex(p.Stage) < iStarted {
					t.Errorf("%s at stage %s has progress", p.Code, p.Stage)
				}
				if r.Month < first || r.Month > last || r.Month < p.StartedOn[:7] {
					t.Errorf("%s: month %s outside %s … %s (started %s)", p.Code, r.Month, first, last, p.StartedOn)
				}
				if r.FundsArrivedYuan < 0 || r.InvestedYuan < 0 || r.InvestedYuan%zhaoyin.Wan != 0 {
					t.Errorf("%s %s: funds %d, invested %d", p.Code, r.Month, r.FundsArrivedYuan, r.InvestedYuan)
				}
				if r.ProgressText == "" {
					t.Errorf("%s %s: no progress text", p.Code, r.Month)
				}
				done := false
				for _, w := range []string{"投产", "投入使用", "达产", "试生产运行"} {
					done = done || strings.Contains(r.ProgressText, w)
				}
				if done && (p.ProducingOn == "" || r.Month < p.ProducingOn[:7]) {
					t.Errorf("%s %s: %q before output (%q)", p.Code, r.Month, r.ProgressText, p.ProducingOn)
				}
				if !done && p.ProducingOn != "" && r.Month > p.ProducingOn[:7] {
					t.Errorf("%s %s: %q after output on %s", p.Code, r.Month, r.ProgressText, p.ProducingOn)
				}
				months[p.Code] = append(months[p.Code], r.Month)
				invested[p.Code] += r.InvestedYuan
			}
			// Every started project reports every month from its start (or the window's first
			// month) to last month, once.
			silent := 0
			for _, p := range d.Projects {
				if p.Stage == zhaoyin.StageDropped || zhaoyin.StageIndex(p.Stage) < iStarted {
					continue
				}
				from := max(monthIndex(mustDate(p.StartedOn)), firstProgressMonth(now))
				to := monthIndex(now)
				// Silent sites under construction stopped reporting for the last two months.
				if p.ProducingOn == "" && monthIndex(mustDate(p.StartedOn)) <= monthIndex(now)-3 && Silent(p.Code) {
					to -= 2
					silent++
				}
				var want []string
				for m := from; m < to; m++ {
					want = append(want, monthText(m))
				}
				if !slices.Equal(months[p.Code], want) {
					t.Errorf("%s started %s: months %v, want %v", p.Code, p.StartedOn, months[p.Code], want)
				}
				if invested[p.Code] > p.TotalInvestmentYuan {
					t.Errorf("%s: %d invested of %d", p.Code, invested[p.Code], p.TotalInvestmentYuan)
				}
			}
			if silent == 0 {
				t.Error("no site under construction has stopped reporting: the warning of projects without dispatch would be empty")
			}
			// Over two years the works add up to a fair share of what the started projects cost.
			var inv, total int64
			for code, v := range invested {
				inv += v
				total += byCode[code].TotalInvestmentYuan
			}
			if share := inv * 100 / total; share < 20 || share > 80 {
				t.Errorf("progress covers %d%% of the started projects' investment", share)
			}
			t.Logf("%d rows, %s亿元 invested of %s亿元", len(d.Progress), zhaoyin.FormatYi(inv), zhaoyin.FormatYi(total))
		})
	}
}

// TestSpringBatch checks the figures of seed 001 that DOMAIN.md asks the platform to reproduce.
func TestSpringBatch(t *testing.T) {
	d := build(t, testDays[0])
	var n int
	var total, plan, provTotal, provPlan int64
	var provN int
	byType := map[string][2]int64{}
	byUnit := map[string][2]int64{}
	for _, p := range d.Projects {
		if !slices.Contains(p.Batches, springName) {
			continue
		}
		n++
		total += p.TotalInvestmentYuan
		plan += p.AnnualPlanYuan
		x := byType[p.Type]
		byType[p.Type] = [2]int64{x[0] + 1, x[1] + p.TotalInvestmentYuan}
		x = byUnit[p.RegionCode]
		byUnit[p.RegionCode] = [2]int64{x[0] + 1, x[1] + p.TotalInvestmentYuan}
		if slices.Contains(p.Tags, TagProvincialStart) {
			provN++
			provTotal += p.TotalInvestmentYuan
			provPlan += p.AnnualPlanYuan
		}
		if p.StartedOn > "2024-02-26" || p.StartedOn < springStartedFrom {
			t.Errorf("%s started on %s", p.Code, p.StartedOn)
		}
	}
	yi := func(y int64) string { return zhaoyin.FormatYi(y) }
	if n != 264 || yi(total) != "1480.30" || yi(plan) != "552.00" {
		t.Errorf("batch: %d projects, %s亿元, plan %s亿元; want 264, 1480.30, 552.00", n, yi(total), yi(plan))
	}
	if provN != 70 || yi(provTotal) != "615.00" || yi(provPlan) != "214.00" {
		t.Errorf("provincial: %d projects, %s亿元, plan %s亿元; want 70, 615.00, 214.00", provN, yi(provTotal), yi(provPlan))
	}
	wantType := map[string]string{zhaoyin.TypeIndustrial: "219/1143.00", zhaoyin.TypePlatform: "11/99.20", zhaoyin.TypeSocial: "21/80.50", zhaoyin.TypeInfrastructure: "13/157.60"}
	for typ, want := range wantType {
		x := byType[typ]
		if got := strings.Join([]string{itoa(x[0]), yi(x[1])}, "/"); got != want {
			t.Errorf("type %s: %s, want %s", typ, got, want)
		}
	}
	wantUnit := map[string]string{
		"370705": "16/81.80", "370702": "15/84.50", "370704": "15/74.40", "370703": "16/64.20",
		"370781": "20/78.60", "370782": "20/151.10", "370783": "20/116.60", "370784": "18/85.10",
		"370785": "20/78.00", "370786": "18/122.40", "370724": "20/97.60", "370725": "18/78.90",
		"370771": "20/196.40", // the seed says 196.7: its units add up to 0.3亿元 more than its types
		"370772": "20/144.50", "370773": "3/19.30", "370774": "5/6.90",
	}
	for code, want := range wantUnit {
		x := byUnit[code]
		if got := itoa(x[0]) + "/" + yi(x[1]); got != want {
			t.Errorf("unit %s: %s, want %s", code, got, want)
		}
	}
}

func itoa(n int64) string { return strings.TrimSuffix(zhaoyin.WanText(n*zhaoyin.Wan), ".") }

func TestEarlyDay(t *testing.T) {
	// Before the first concentrated start the demo still builds, with two years of history.
	now := time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC)
	d := Build(now)
	for _, p := range d.Projects {
		if err := p.Validate(); err != nil {
			t.Fatalf("%s: %v", p.Code, err)
		}
		if len(p.Batches) > 0 {
			t.Fatalf("%s in batch %v before any was held", p.Code, p.Batches)
		}
		for _, s := range zhaoyin.Stages[1:] {
			if v := p.StageDate(s); v > "2024-01-15" || (v != "" && v < "2022-01-15") {
				t.Fatalf("%s: %s on %s", p.Code, s, v)
			}
		}
	}
}

func TestAccounts(t *testing.T) {
	d := build(t, testDays[0])
	want := map[string]string{"admin": "admin123", "city": "city123", "gaoxin": "gaoxin123", "shouguang": "shouguang123", "leader": "leader123", "dept": "dept123"}
	logins := d.Logins()
	if len(logins) != len(want) {
		t.Fatalf("%d logins", len(logins))
	}
	for _, l := range logins {
		if want[l.Username] != l.Password || !zhaoyin.ValidRole(l.Role) || l.Note == "" {
			t.Errorf("login %+v", l)
		}
	}
	for _, a := range d.Accounts {
		if a.User.Role != zhaoyin.RoleAdmin && a.User.RegionCode == "" {
			t.Errorf("%s has no region", a.User.Username)
		}
	}
	if len(d.Zones) != 4 {
		t.Fatalf("%d zones", len(d.Zones))
	}
	for _, z := range d.Zones {
		if z.ParentCode != CityCode || z.Kind != zhaoyin.RegionZone || !strings.HasPrefix(z.Code, "37077") {
			t.Errorf("zone %+v", z)
		}
	}
}

// fakes record what Fill does; they check nothing but what the services would refuse outright.
type fakeStore struct {
	regions  map[string]*zhaoyin.Region
	users    map[string]*zhaoyin.User
	projects int
	progress int
	imports  int
}

func (f *fakeStore) FindRegion(_ context.Context, code string) (*zhaoyin.Region, error) {
	if r, ok := f.regions[code]; ok {
		return r, nil
	}
	return nil, zhaoyin.Errorf(zhaoyin.ENOTFOUND, "no region %s", code)
}
func (f *fakeStore) FindRegions(context.Context, string) ([]*zhaoyin.Region, error) { return nil, nil }
func (f *fakeStore) CreateRegion(_ context.Context, r *zhaoyin.Region) error {
	if _, ok := f.regions[r.ParentCode]; !ok {
		return zhaoyin.Errorf(zhaoyin.EINVALID, "no parent %s", r.ParentCode)
	}
	f.regions[r.Code] = r
	return nil
}
func (f *fakeStore) ResolveRegion(context.Context, string) (*zhaoyin.Region, error) { return nil, nil }

func (f *fakeStore) CreateUser(_ context.Context, u *zhaoyin.User, password string) error {
	if _, ok := f.users[u.Username]; ok {
		return zhaoyin.Errorf(zhaoyin.ECONFLICT, "exists")
	}
	if u.RegionCode != "" && f.regions[u.RegionCode] == nil {
		return zhaoyin.Errorf(zhaoyin.EINVALID, "no region %s", u.RegionCode)
	}
	f.users[u.Username] = u
	return nil
}
func (f *fakeStore) FindUser(_ context.Context, name string) (*zhaoyin.User, error) {
	if u, ok := f.users[name]; ok {
		return u, nil
	}
	return nil, zhaoyin.Errorf(zhaoyin.ENOTFOUND, "no user %s", name)
}
func (f *fakeStore) FindUsers(context.Context) ([]*zhaoyin.User, error) { return nil, nil }
func (f *fakeStore) UpdateUser(context.Context, string, zhaoyin.UserUpdate) (*zhaoyin.User, error) {
	return nil, nil
}
func (f *fakeStore) Authenticate(context.Context, string, string, string) (*zhaoyin.User, error) {
	return nil, nil
}
func (f *fakeStore) ChangePassword(context.Context, string, string, string) error { return nil }
func (f *fakeStore) CreateToken(context.Context, string, string) (string, error)  { return "", nil }
func (f *fakeStore) UserByToken(context.Context, string) (*zhaoyin.User, error)   { return nil, nil }

func (f *fakeStore) ImportProjects(_ context.Context, rows []*zhaoyin.Project, dry bool) (zhaoyin.ImportResult, error) {
	for _, p := range rows {
		if f.regions[p.RegionCode] == nil {
			return zhaoyin.ImportResult{}, zhaoyin.Errorf(zhaoyin.EINVALID, "no region %s", p.RegionCode)
		}
	}
	f.imports++
	f.projects += len(rows)
	return zhaoyin.ImportResult{Created: len(rows)}, nil
}
func (f *fakeStore) ImportProgress(_ context.Context, rows []*zhaoyin.Progress, dry bool) (zhaoyin.ImportResult, error) {
	f.imports++
	f.progress += len(rows)
	return zhaoyin.ImportResult{Created: len(rows)}, nil
}

func newFake() *fakeStore {
	f := &fakeStore{regions: map[string]*zhaoyin.Region{}, users: map[string]*zhaoyin.User{}}
	f.regions["370000"] = &zhaoyin.Region{Code: "370000", Name: "山东省", Kind: zhaoyin.RegionProvince}
	f.regions[CityCode] = &zhaoyin.Region{Code: CityCode, Name: "潍坊市", ParentCode: "370000", Kind: zhaoyin.RegionCity}
	for _, u := range units {
		if u.Kind != "zone" {
			f.regions[u.Code] = &zhaoyin.Region{Code: u.Code, Name: u.Name, ParentCode: CityCode, Kind: zhaoyin.RegionCounty}
		}
	}
	return f
}

func TestFill(t *testing.T) {
	f := newFake()
	s := Services{Regions: f, Users: f, Imports: f}
	logins, err := Fill(context.Background(), s, testDays[0])
	if err != nil {
		t.Fatal(err)
	}
	d := build(t, testDays[0])
	if len(logins) != 6 || len(f.users) != 6 || f.imports != 2 || f.projects != len(d.Projects) || f.progress != len(d.Progress) {
		t.Errorf("logins %d, users %d, imports %d, projects %d, progress %d", len(logins), len(f.users), f.imports, f.projects, f.progress)
	}
	for _, z := range zones {
		if f.regions[z.Code] == nil {
			t.Errorf("zone %s not created", z.Code)
		}
	}
	// A second run refuses before writing anything.
	before := f.imports
	if _, err := Fill(context.Background(), s, testDays[0]); zhaoyin.ErrorCode(err) != zhaoyin.ECONFLICT {
		t.Errorf("second fill: %v", err)
	}
	if f.imports != before {
		t.Error("second fill imported")
	}
}

func TestCreditCodes(t *testing.T) {
	// GB 11714's own examples: D2143569-X, and the organisation code inside the often quoted
	// credit code 91350100M000100Y43.
	if c := orgCheck("D2143569"); c != 'X' {
		t.Errorf("D2143569: check %c, want X", c)
	}
	if c := orgCheck("M000100Y"); c != '4' {
		t.Errorf("M000100Y: check %c, want 4", c)
	}
	if err := zhaoyin.CheckUSCC("91350100M000100Y43"); err != nil {
		t.Errorf("the quoted example fails: %v", err)
	}
	d := build(t, testDays[1])
	seen := map[string]bool{}
	for _, p := range d.Projects {
		for _, inv := range p.Investors {
			c := inv.USCC
			if seen[c] {
				continue
			}
			seen[c] = true
			if !strings.HasPrefix(c, "91") || orgCheck(c[8:16]) != c[16] {
				t.Errorf("%s %s: not a company's code with a valid organisation code", inv.Name, c)
			}
		}
	}
	t.Logf("%d enterprises", len(seen))
}

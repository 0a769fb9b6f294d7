package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"zhaoyin"
)

// Seed fixes the demo data: the same seed and the same day give the same rows.
const Seed uint64 = 370700

// projectCount is how many projects the demo city holds (the seeds' city runs 1,527 key projects).
const projectCount = 1500

// gapDays are the days between a stage and the next, by the earlier stage's index in
// zhaoyin.Stages: talks → signing 20–120 (the seeds quote 38), signing → approval 10–60,
// approval → start 20–150, start → first output 180–500, first output → full output 300–900.
var gapDays = [6][2]int{1: {20, 120}, 2: {10, 60}, 3: {20, 150}, 4: {180, 500}, 5: {300, 900}}

// stageShares is the funnel the whole pipeline should show, per mille.
var stageShares = []struct {
	Stage zhaoyin.Stage
	Share int
}{
	{zhaoyin.StageLead, 120}, {zhaoyin.StageNegotiating, 200}, {zhaoyin.StageSigned, 110},
	{zhaoyin.StageApproved, 80}, {zhaoyin.StageStarted, 170}, {zhaoyin.StageProducing, 170},
	{zhaoyin.StageAchieved, 100}, {zhaoyin.StageDropped, 50},
}

const (
	iNeg = 1 + iota
	iSigned
	iApproved
	iStarted
	iProducing
	iAchieved
)

// item is a project being built, with the facts the generator needs beyond the record.
type item struct {
	p       *zhaoyin.Project
	u       *unit
	chain   *chainDef // nil for social and infrastructure projects
	node    *nodeDef  // nil for platform, social and infrastructure projects
	product string
	ent     *enterprise
	flag    *flagship
	seq     int

	dates      [7]time.Time // by stage index; zero = not reached
	dropped    time.Time
	stage      zhaoyin.Stage
	entry      time.Time // when the record was opened (the first talks, or the tip)
	expectProd time.Time // for started projects not yet producing: when they should

	key        bool // a key project (in a concentrated start)
	provincial bool // in the province's concentrated start
	batch      string
	planSet    bool
}

type staff struct {
	officials []string // "王建军（副区长）"
	persons   []string
}

type gen struct {
	today, start time.Time
	r            *rand.Rand
	ents         *registry
	names        map[string]bool
	items        []*item
	staff        map[string]*staff
}

func newRand(stream uint64) *rand.Rand { return rand.New(rand.NewPCG(Seed, stream)) }

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func mustDate(s string) time.Time {
	t, err := zhaoyin.ParseDate(s)
	if err != nil {
		panic("demo: " + err.Error())
	}
	return t
}

func dayString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func addDays(t time.Time, n int) time.Time { return t.AddDate(0, 0, n) }

func daysBetween(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }

func between(r *rand.Rand, lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// dayIn draws a day in [lo, hi].
func dayIn(r *rand.Rand, lo, hi time.Time) time.Time {
	if !hi.After(lo) {
		return lo
	}
	return addDays(lo, r.IntN(daysBetween(lo, hi)+1))
}

func pickWeighted(r *rand.Rand, weights []int) int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	x := r.IntN(sum)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

func gap(r *rand.Rand, i int) int { return between(r, gapDays[i][0], gapDays[i][1]) }

func newGen(now time.Time) *gen {
	y, m, d := now.Date()
	today := date(y, m, d)
	start := date(2023, 1, 1)
	if two := today.AddDate(-2, 0, 0); two.Before(start) {
		start = two
	}
	return &gen{today: today, start: start, r: newRand(1), ents: newRegistry(newRand(2)), names: map[string]bool{}, staff: map[string]*staff{}}
}

// --- what a project is -------------------------------------------------------------------

func (g *gen) pickUnit(r *rand.Rand) *unit {
	w := make([]int, len(units))
	for i, u := range units {
		w[i] = u.Weight
	}
	return units[pickWeighted(r, w)]
}

// unitDeck deals n projects to the units in proportion to their weights, in random order, so
// that even the small zones get their share.
func unitDeck(r *rand.Rand, n int) []*unit {
	sum := 0
	for _, u := range units {
		sum += u.Weight
	}
	deck := make([]*unit, 0, n)
	rest := make([]int, len(units))
	for i, u := range units {
		k := n * u.Weight / sum
		rest[i] = n*u.Weight - k*sum
		for j := 0; j < k; j++ {
			deck = append(deck, u)
		}
	}
	for len(deck) < n {
		i := slices.Index(rest, slices.Max(rest))
		deck = append(deck, units[i])
		rest[i] = -1
	}
	r.Shuffle(len(deck), func(i, j int) { deck[i], deck[j] = deck[j], deck[i] })
	return deck
}

func pickChain(r *rand.Rand, u *unit) *chainDef {
	w := make([]int, len(u.Chains))
	for i, c := range u.Chains {
		w[i] = c.Weight
	}
	return chainByName(u.Chains[pickWeighted(r, w)].Chain)
}

var typeNames = []string{zhaoyin.TypeIndustrial, zhaoyin.TypePlatform, zhaoyin.TypeSocial, zhaoyin.TypeInfrastructure}

func pickType(r *rand.Rand, weights []int) string { return typeNames[pickWeighted(r, weights)] }

var capitalNames = []string{zhaoyin.CapitalInProvince, zhaoyin.CapitalOutOfProvince, zhaoyin.CapitalForeign, zhaoyin.CapitalHKMacaoTaiwan}

// short is how names write a county-level unit without its 市/县/区.
func (u *unit) short() string {
	if u.Kind == "zone" {
		return strings.TrimSuffix(u.Title, "区")
	}
	return strings.TrimRight(u.Name, "市县区")
}

// claim reserves a project name; false when another project has it.
func (g *gen) claim(name string) bool {
	if g.names[name] {
		return false
	}
	g.names[name] = true
	return true
}

// newItem draws a project of type typ in unit u investing total yuan: its chain, investor and
// name (whose output figures grow with the total).
func (g *gen) newItem(r *rand.Rand, u *unit, typ string, total int64) *item {
	it := &item{u: u, seq: len(g.items), p: &zhaoyin.Project{RegionCode: u.Code, RegionName: u.Name, Type: typ, TotalInvestmentYuan: total}}
	switch typ {
	case zhaoyin.TypeIndustrial:
		it.p.CapitalSource = capitalNames[pickWeighted(r, []int{55, 33, 7, 5})]
		for {
			it.chain = pickChain(r, u)
			it.node = &it.chain.Nodes[r.IntN(len(it.chain.Nodes))]
			it.product = it.node.Products[r.IntN(len(it.node.Products))]
			it.ent = g.ents.pick(it.chain.Name, it.p.CapitalSource, u)
			if name := g.industrialName(r, it); g.claim(name) {
				it.p.Name = name
				break
			}
		}
	case zhaoyin.TypePlatform:
		it.p.CapitalSource = capitalNames[pickWeighted(r, []int{65, 30, 0, 5})]
		for {
			th := parkThemes[r.IntN(len(parkThemes))]
			it.chain = chainByName(th.Chain)
			var name string
			switch r.IntN(10) {
			case 0, 1, 2, 3:
				name = u.Title + th.Theme + "项目"
			case 4, 5, 6:
				name = brandWords[r.IntN(len(brandWords))] + th.Theme + "项目"
			default:
				p := outPlaces[r.IntN(len(outPlaces))]
				name = p.Name + "（" + u.short() + "）" + th.Theme + "项目"
				if it.p.CapitalSource == zhaoyin.CapitalInProvince {
					it.p.CapitalSource = zhaoyin.CapitalOutOfProvince
				}
			}
			if g.claim(name) {
				it.p.Name = name
				break
			}
		}
		if it.p.CapitalSource == zhaoyin.CapitalInProvince {
			it.ent = g.ents.stateOwned(u, r.IntN(3))
		} else {
			it.ent = g.ents.pick(it.chain.Name, it.p.CapitalSource, u)
		}
	default:
		it.p.CapitalSource = zhaoyin.CapitalInProvince
		templates := socialTemplates
		if typ == zhaoyin.TypeInfrastructure {
			templates = infraTemplates
		}
		for try := 0; ; try++ {
			t := templates[r.IntN(len(templates))]
			t = strings.NewReplacer(
				"{n}", numerals[1+r.IntN(len(numerals)-1)],
				"{street}", streets[r.IntN(len(streets))],
				"{road}", roads[r.IntN(len(roads))],
				"{river}", rivers[r.IntN(len(rivers))],
			).Replace(t)
			name := u.Title + t
			if try > 40 {
				name = u.Title + strings.Replace(t, "项目", "二期项目", 1)
			}
			if g.claim(name) {
				it.p.Name = name
				break
			}
		}
		it.ent = g.ents.stateOwned(u, r.IntN(3))
	}
	if it.chain != nil {
		it.p.Chain = it.chain.Name
	}
	if it.node != nil {
		it.p.ChainNode = it.node.Name
	}
	g.items = append(g.items, it)
	return it
}

var suffixWeights = func() []int {
	w := make([]int, len(industrialSuffixes))
	for i, s := range industrialSuffixes {
		w[i] = s.Weight
	}
	return w
}()

// industrialName writes names the way bureaus do: 华瑞重工精密轴承扩产项目,
// 鲁丰化工年产20万吨溴系阻燃剂项目, 山东鲁丰化工有限公司年产20万吨溴系阻燃剂项目.
func (g *gen) industrialName(r *rand.Rand, it *item) string {
	n := it.node
	form := pickWeighted(r, []int{60, 25, 15})
	if n.Unit == "" && form > 0 {
		form = 0
		if r.IntN(3) == 0 {
			return it.ent.Name + it.product + "项目"
		}
	}
	switch form {
	case 1:
		return it.ent.Short + "年产" + quantity(r, n, it.p.TotalInvestmentYuan) + it.product + "项目"
	case 2:
		return it.ent.Name + "年产" + quantity(r, n, it.p.TotalInvestmentYuan) + it.product + "项目"
	}
	for {
		sfx := industrialSuffixes[pickWeighted(r, suffixWeights)].Text
		// Data centres and farms are not "plants": no 技改, no 生产基地.
		if n.NonMfg && sfx != "项目" && sfx != "二期项目" && sfx != "扩建项目" {
			continue
		}
		if strings.Contains(it.product, "研发") && strings.Contains(sfx, "研发") {
			continue
		}
		return it.ent.Short + it.product + sfx
	}
}

// quantity writes a round annual output that grows with the investment: 55万吨, 2万辆,
// 300台（套）.
func quantity(r *rand.Rand, n *nodeDef, total int64) string {
	// Where the total stands between 2000万 and 200亿, on a log scale, give or take.
	x := math.Log10(float64(total)/float64(2000*zhaoyin.Wan))/3 + 0.12*r.NormFloat64()
	x = min(max(x, 0), 1)
	lo, hi := float64(n.Qty[0]), float64(n.Qty[1])
	q := int(math.Round(lo * math.Pow(hi/lo, x)))
	// two significant digits
	m := 1
	for q/m >= 100 {
		m *= 10
	}
	q = q / m * m
	if q >= 10000 && !strings.HasPrefix(n.Unit, "万") && !strings.HasPrefix(n.Unit, "亿") {
		return fmt.Sprintf("%d万%s", q/10000, n.Unit)
	}
	return fmt.Sprintf("%d%s", q, n.Unit)
}

// drawTotal draws a total investment, log-normal around median (万元) and kept within
// 2000万 … 200亿, rounded the way people round it: 3500万, 2.3亿, 35亿, 105亿.
func drawTotal(r *rand.Rand, medianWan, sigma float64) int64 {
	var w float64
	for {
		w = math.Exp(math.Log(medianWan) + sigma*r.NormFloat64())
		if w >= 2000 && w <= 2_000_000 {
			break
		}
	}
	step := 100.0
	switch {
	case w >= 500_000:
		step = 50_000
	case w >= 100_000:
		step = 10_000
	case w >= 10_000:
		step = 1_000
	}
	wan := int64(math.Round(w/step) * step)
	return max(wan, 2000) * zhaoyin.Wan
}

var typeMedians = map[string][2]float64{
	zhaoyin.TypeIndustrial:     {15_000, 1.3},
	zhaoyin.TypePlatform:       {60_000, 0.8},
	zhaoyin.TypeSocial:         {18_000, 0.7},
	zhaoyin.TypeInfrastructure: {50_000, 1.0},
}

// --- lifecycle -----------------------------------------------------------------------------

// forward dates a project around its start: the earlier stages before it, output and full
// output after it when they fall before today.
func (g *gen) forward(r *rand.Rand, it *item, started time.Time) {
	d := &it.dates
	d[iStarted] = started
	for i := iApproved; i >= iNeg; i-- {
		d[i] = addDays(d[i+1], -gap(r, i))
	}
	for i := iNeg; i <= iApproved; i++ {
		if d[i].Before(g.start) {
			d[i] = g.start
		}
	}
	it.stage = zhaoyin.StageStarted
	// Bigger projects take longer to build.
	q := 0.35 + 0.2*math.Log10(float64(it.p.TotalInvestmentYuan)/float64(zhaoyin.Yi)) + 0.2*r.NormFloat64()
	q = min(max(q, 0), 1)
	build := gapDays[iStarted][0] + int(q*float64(gapDays[iStarted][1]-gapDays[iStarted][0]))
	prod := addDays(started, build)
	if prod.After(g.today) {
		it.expectProd = prod
		return
	}
	if r.Float64() > 0.08 {
		d[iProducing] = prod
		it.stage = zhaoyin.StageProducing
		if ach := addDays(prod, gap(r, iProducing)); !ach.After(g.today) && r.Float64() > 0.25 {
			d[iAchieved] = ach
			it.stage = zhaoyin.StageAchieved
		}
	}
	g.setExpected(r, it)
}

// setExpected fixes when a started project that has not produced yet should: delayed ones
// some months from now.
func (g *gen) setExpected(r *rand.Rand, it *item) {
	if it.stage != zhaoyin.StageStarted {
		return
	}
	e := addDays(it.dates[iStarted], gap(r, iStarted))
	if !e.After(g.today) {
		e = addDays(g.today, between(r, 30, 240))
	}
	it.expectProd = e
}

// stall is how often a project waits at a stage far longer than the usual gap: talks that drag
// on, signed projects waiting for land, plants ramping up for years.
var stall = [7]float64{iNeg: 0.5, iSigned: 0.3, iApproved: 0.2, iStarted: 0.1, iProducing: 0.25}

// backward dates a project that has reached stage k (index into zhaoyin.Stages, ≥ 1) and,
// mostly, not yet the next one.
func (g *gen) backward(r *rand.Rand, it *item, k int) {
	var gs [7]int
	span := 0
	for try := 0; ; try++ {
		span = 0
		for i := iNeg; i < k; i++ {
			gs[i] = gap(r, i)
			if try > 50 {
				gs[i] = gapDays[i][0]
			}
			span += gs[i]
		}
		if !addDays(g.start, span).After(g.today) {
			break
		}
	}
	lo := addDays(g.start, span)
	if k < iAchieved {
		if r.Float64() >= stall[k] {
			// Reached recently enough that the next stage is still to come.
			if recent := addDays(g.today, 1-gap(r, k)); recent.After(lo) {
				lo = recent
			}
		} else if k == iNeg {
			if recent := g.today.AddDate(0, -18, 0); recent.After(lo) {
				lo = recent
			}
		}
	}
	d := &it.dates
	d[k] = dayIn(r, lo, g.today)
	for i := k - 1; i >= iNeg; i-- {
		d[i] = addDays(d[i+1], -gs[i])
	}
	it.stage = zhaoyin.Stages[k]
	g.setExpected(r, it)
}

// drop ends a project: mostly during talks, sometimes after signing or approval.
func (g *gen) drop(r *rand.Rand, it *item) {
	reached := pickWeighted(r, []int{10, 55, 25, 10})
	end := addDays(g.today, -15)
	if reached == 0 {
		it.entry = dayIn(r, g.start, addDays(end, -30))
		it.dropped = addDays(it.entry, between(r, 15, 120))
	} else {
		span := 0
		var gs [7]int
		for i := iNeg; i < reached; i++ {
			gs[i] = gap(r, i)
			span += gs[i]
		}
		d := &it.dates
		d[reached] = dayIn(r, addDays(g.start, span), end)
		for i := reached - 1; i >= iNeg; i-- {
			d[i] = addDays(d[i+1], -gs[i])
		}
		it.dropped = addDays(d[reached], between(r, 15, 240))
	}
	if it.dropped.After(g.today) {
		it.dropped = g.today
	}
	it.stage = zhaoyin.StageDropped
	it.p.DropReason = dropReasons[r.IntN(len(dropReasons))]
}

// lastIndex is the index of the furthest stage a project reached (dropped ones: before the drop).
func (it *item) lastIndex() int {
	for i := iAchieved; i >= iNeg; i-- {
		if !it.dates[i].IsZero() {
			return i
		}
	}
	return 0
}

// --- the projects ----------------------------------------------------------------------------

// addFlagships adds the seeds' own projects (those of the 2024 spring start come with it).
func (g *gen) addFlagships() {
	r := newRand(3)
	for i := range flagships {
		f := &flagships[i]
		if f.Spring || mustDate(f.Dates[iNeg]).After(g.today) {
			continue
		}
		it := g.flagItem(f)
		it.p.TotalInvestmentYuan = int64(f.TotalYi * float64(zhaoyin.Yi))
		for k := iNeg; k <= iAchieved; k++ {
			if f.Dates[k] == "" {
				break
			}
			d := mustDate(f.Dates[k])
			if d.After(g.today) {
				break
			}
			it.dates[k] = d
			it.stage = zhaoyin.Stages[k]
		}
		g.setExpected(r, it)
	}
}

// flagItem makes the item of a seed project (its amounts and dates are set by the caller).
func (g *gen) flagItem(f *flagship) *item {
	u := unitByCode(f.Unit)
	it := &item{u: u, seq: len(g.items), flag: f, product: f.Product, p: &zhaoyin.Project{
		Name: f.Name, RegionCode: u.Code, RegionName: u.Name, Type: f.Type, Chain: f.Chain, ChainNode: f.Node,
		CapitalSource: f.Capital, LandMu: f.LandMu, FloorAreaM2: f.FloorAreaM2, Jobs: f.Jobs, Channel: f.Channel, Description: f.Description,
	}}
	if it.p.CapitalSource == "" {
		it.p.CapitalSource = zhaoyin.CapitalInProvince
	}
	if f.Chain != "" {
		it.chain = chainByName(f.Chain)
		if f.Node != "" {
			it.node = it.chain.node(f.Node)
		}
	}
	if f.Investor.Division == "soe" {
		it.ent = g.ents.stateOwned(u, 2)
	} else {
		div := f.Investor.Division
		if div == "" {
			div = u.Code
			if u.Kind == "zone" {
				div = "370700"
			}
		}
		it.ent = g.ents.add(f.Investor.Name, f.Investor.Short, div, it.p.CapitalSource, f.Chain, u.Code)
	}
	g.claim(f.Name)
	g.items = append(g.items, it)
	return it
}

// batch is a concentrated start (集中开工) the city holds each spring and autumn.
type batch struct {
	Name string
	On   time.Time
	N    int
}

// batches lists the concentrated starts held before today. The 2024 spring one is the seeds'
// (26 February 2024, 264 projects); the days of the others are the demo's.
func batches(today time.Time) []batch {
	days := map[int][2]int{2024: {26, 26}, 2025: {18, 24}, 2026: {25, 23}}
	var out []batch
	for y := 2024; y <= today.Year(); y++ {
		d, ok := days[y]
		if !ok {
			d = [2]int{20, 25}
		}
		spring, autumn := 80, 50
		if y == 2024 {
			spring, autumn = springCount(), 60
		}
		if on := date(y, 2, d[0]); on.Before(today) {
			out = append(out, batch{fmt.Sprintf("%d年春季全市重大项目集中开工", y), on, spring})
		}
		if on := date(y, 9, d[1]); on.Before(today) {
			out = append(out, batch{fmt.Sprintf("%d年秋季全市重大项目集中开工", y), on, autumn})
		}
	}
	return out
}

// seedTypeWeights are the seeds' shares of project types among key projects (219/11/21/13).
var seedTypeWeights = []int{219, 11, 21, 13}

func (g *gen) addBatches() {
	r := newRand(5)
	for _, b := range batches(g.today) {
		if b.Name == springName {
			g.addSpring(r, b)
			continue
		}
		var its []*item
		for i := 0; i < b.N; i++ {
			it := g.newItem(r, g.pickUnit(r), pickType(r, seedTypeWeights), drawTotal(r, 30_000, 1.0))
			on := b.On
			if r.IntN(10) >= 7 {
				on = addDays(on, -between(r, 1, 45))
			}
			g.forward(r, it, on)
			it.key, it.batch = true, b.Name
			its = append(its, it)
		}
		slices.SortStableFunc(its, func(a, b *item) int { return cmpInt64(b.p.TotalInvestmentYuan, a.p.TotalInvestmentYuan) })
		for i, it := range its {
			it.provincial = i < len(its)/4 && r.Float64() < 0.85
		}
	}
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// addFree fills the pipeline up to projectCount, choosing stages so that the whole funnel has
// stageShares.
func (g *gen) addFree() {
	r := g.r
	have := map[zhaoyin.Stage]int{}
	for _, it := range g.items {
		have[it.stage]++
	}
	n := projectCount - len(g.items)
	quota := map[zhaoyin.Stage]int{}
	sum := 0
	for _, s := range stageShares {
		q := max(0, (s.Share*projectCount+500)/1000-have[s.Stage])
		quota[s.Stage] = q
		sum += q
	}
	// Early stages absorb what the batches took beyond their share, or leave.
	// (Dropped projects keep their share: about one in twenty.)
	order := []zhaoyin.Stage{zhaoyin.StageNegotiating, zhaoyin.StageLead, zhaoyin.StageSigned, zhaoyin.StageApproved, zhaoyin.StageStarted, zhaoyin.StageProducing, zhaoyin.StageAchieved}
	for sum != n {
		moved := false
		for _, s := range order {
			if sum < n {
				quota[s]++
				sum++
				moved = true
			} else if sum > n && quota[s] > 0 {
				quota[s]--
				sum--
				moved = true
			}
			if sum == n {
				break
			}
		}
		if !moved {
			break
		}
	}
	var todo []zhaoyin.Stage
	for _, s := range stageShares {
		for i := 0; i < quota[s.Stage]; i++ {
			todo = append(todo, s.Stage)
		}
	}
	r.Shuffle(len(todo), func(i, j int) { todo[i], todo[j] = todo[j], todo[i] })
	deck := unitDeck(r, len(todo))
	for i, s := range todo {
		k := zhaoyin.StageIndex(s)
		weights := []int{78, 7, 8, 7}
		if k < iSigned {
			// Tips and talks come from enterprises, not from the government's own works.
			weights = []int{90, 10, 0, 0}
		}
		typ := pickType(r, weights)
		m := typeMedians[typ]
		it := g.newItem(r, deck[i], typ, drawTotal(r, m[0], m[1]))
		switch {
		case s == zhaoyin.StageDropped:
			g.drop(r, it)
		case s == zhaoyin.StageLead:
			it.stage = zhaoyin.StageLead
			it.entry = dayIn(r, maxTime(g.start, addDays(g.today, -180)), g.today)
		default:
			g.backward(r, it, k)
		}
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

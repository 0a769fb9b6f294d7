package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"zhaoyin"
)

// Tags (标签), in the order a project lists them.
const (
	TagProvincialMajor = "省重大项目"
	TagProvincialStart = "纳入省集中开工"
	TagCityKey         = "市重点项目"
	TagNewEconomy      = "新经济新产业"
	TagReturn          = "潍商回归"
	TagOverYi          = "过亿元项目"
)

// usdRate converts yuan to US dollars for foreign investment (a round rate; the demo needs
// plausible figures, not the day's rate).
const usdRate = 7.1

func roundTo(x float64, step int64) int64 {
	return max(int64(math.Round(x/float64(step))), 1) * step
}

// moneyText writes an amount the way the seeds do: 35亿元, 2.3亿元, 8000万元.
func moneyText(yuan int64) string {
	if yuan >= zhaoyin.Yi {
		s := strings.TrimRight(zhaoyin.FormatYi(yuan), "0")
		return strings.TrimSuffix(s, ".") + "亿元"
	}
	return fmt.Sprintf("%d万元", yuan/zhaoyin.Wan)
}

func muText(mu float64) string {
	if mu == math.Trunc(mu) {
		return fmt.Sprintf("%.0f", mu)
	}
	return fmt.Sprintf("%.1f", mu)
}

func (g *gen) staffOf(r *rand.Rand, u *unit) *staff {
	if s, ok := g.staff[u.Code]; ok {
		return s
	}
	s := &staff{}
	used := map[string]bool{}
	name := func() string {
		for {
			n := surnames[r.IntN(len(surnames))] + givenNames[r.IntN(len(givenNames))]
			if !used[n] {
				used[n] = true
				return n
			}
		}
	}
	for _, t := range officialTitles[u.Kind] {
		s.officials = append(s.officials, name()+"（"+t+"）")
	}
	for i := 0; i < 10; i++ {
		s.persons = append(s.persons, name())
	}
	g.staff[u.Code] = s
	return s
}

// finish writes each item's dates into its record and fills the fields that follow from what
// the project is: amounts, land, people, channel, tags, investors, description.
func (g *gen) finish() {
	r := newRand(6)
	for _, it := range g.items {
		g.finishItem(r, it)
	}
}

func (g *gen) finishItem(r *rand.Rand, it *item) {
	p, f := it.p, it.flag
	p.Stage = it.stage
	for k := iNeg; k <= iAchieved; k++ {
		p.SetStageDate(zhaoyin.Stages[k], dayString(it.dates[k]))
	}
	if it.stage == zhaoyin.StageDropped {
		p.DroppedOn = dayString(it.dropped)
	}
	if !it.dates[iNeg].IsZero() {
		it.entry = it.dates[iNeg]
	}
	// Manufacturing (制造业): industrial projects, except software, data centres, farming and
	// power generation.
	p.Manufacturing = p.Type == zhaoyin.TypeIndustrial && it.node != nil && !it.node.NonMfg
	total := p.TotalInvestmentYuan
	totalWan := float64(total / zhaoyin.Wan)
	k := it.lastIndex()
	live := it.stage != zhaoyin.StageDropped

	// Money.
	if k >= iSigned {
		p.SignedAmountYuan = total
		if r.Float64() < 0.35 {
			p.SignedAmountYuan = min(total, roundTo(float64(total)*uniform(r, 0.85, 1), zhaoyin.Wan*100))
		}
	}
	if !it.planSet && live && k >= iSigned && k < iAchieved {
		p.AnnualPlanYuan = min(total, roundTo(float64(total)*uniform(r, 0.2, 0.4), zhaoyin.Wan*100))
	}
	if p.CapitalSource == zhaoyin.CapitalForeign || p.CapitalSource == zhaoyin.CapitalHKMacaoTaiwan {
		p.ForeignInvestUSD = roundTo(float64(total)*uniform(r, 0.3, 1)/usdRate, 100_000)
	}

	// Land, floor area and jobs.
	renovation := strings.Contains(p.Name, "技改") || strings.Contains(p.Name, "智能化改造")
	farming := it.chain != nil && it.chain.Name == "现代农业"
	if p.LandMu == 0 {
		var mu float64
		switch p.Type {
		case zhaoyin.TypeIndustrial:
			switch {
			case renovation:
			case farming:
				mu = totalWan / uniform(r, 20, 80)
			default:
				mu = totalWan / uniform(r, 250, 600)
			}
		case zhaoyin.TypePlatform:
			mu = totalWan / uniform(r, 150, 400)
		case zhaoyin.TypeSocial:
			mu = totalWan / uniform(r, 100, 400)
		}
		if mu >= 10 {
			mu = math.Round(mu)
		} else {
			mu = math.Round(mu*10) / 10
		}
		p.LandMu = mu
	}
	if p.FloorAreaM2 == 0 && p.LandMu > 0 {
		ratio := uniform(r, 0.7, 1.4)
		if farming {
			ratio = uniform(r, 0.1, 0.3)
		}
		p.FloorAreaM2 = float64(roundTo(p.LandMu*666.67*ratio, 100))
	}
	if p.Jobs == 0 {
		switch p.Type {
		case zhaoyin.TypeIndustrial:
			p.Jobs = int(max(20, roundTo(totalWan/uniform(r, 80, 300), 10)))
		case zhaoyin.TypePlatform:
			p.Jobs = int(max(50, roundTo(totalWan/uniform(r, 200, 600), 10)))
		case zhaoyin.TypeSocial:
			p.Jobs = between(r, 5, 40) * 10
		}
	}

	// People.
	st := g.staffOf(r, it.u)
	p.ResponsiblePerson = st.persons[r.IntN(len(st.persons))]
	if total >= 10*zhaoyin.Yi {
		p.LeadingOfficial = st.officials[r.IntN(3)]
	} else {
		p.LeadingOfficial = st.officials[r.IntN(len(st.officials))]
	}
	switch {
	case p.Type == zhaoyin.TypeSocial || p.Type == zhaoyin.TypeInfrastructure:
		p.ServiceTeam = it.u.Name + "重点项目推进专班"
	case p.Type == zhaoyin.TypePlatform:
		p.ServiceTeam = it.u.Name + "园区建设专班"
	case total >= 10*zhaoyin.Yi:
		p.ServiceTeam = it.ent.Short + "项目服务专班"
	default:
		p.ServiceTeam = it.u.Name + p.Chain + "产业链专班"
	}
	if p.Channel == "" && it.ent.Chain != "" && f == nil {
		w := make([]int, len(channels))
		for i, c := range channels {
			w[i] = c.Weight
		}
		p.Channel = channels[pickWeighted(r, w)].Name
	}

	// Investors: the lead investor, sometimes with a partner.
	p.Investors = []zhaoyin.Investor{{Name: it.ent.Name, USCC: it.ent.USCC}}
	if f == nil && p.Type == zhaoyin.TypeIndustrial && r.Float64() < 0.22 {
		var co *enterprise
		switch x := r.Float64(); {
		case x < 0.5:
			co = g.ents.stateOwned(it.u, 2)
		case x < 0.8:
			co = g.ents.cityStateOwned()
		default:
			co = g.ents.pick(it.chain.Name, zhaoyin.CapitalInProvince, it.u)
		}
		if co.Name != it.ent.Name {
			p.Investors = append(p.Investors, zhaoyin.Investor{Name: co.Name, USCC: co.USCC})
		}
	}

	// Tags and batches.
	has := func(tag string) bool { return f != nil && slices.Contains(f.Tags, tag) }
	var tags []string
	if has(TagProvincialMajor) || (f == nil && live && (it.provincial && total >= 10*zhaoyin.Yi && r.Float64() < 0.7 ||
		total >= 20*zhaoyin.Yi && k >= iSigned && r.Float64() < 0.5)) {
		tags = append(tags, TagProvincialMajor)
	}
	if it.provincial {
		tags = append(tags, TagProvincialStart)
	}
	if live && (it.key || k >= iSigned && (total >= 10*zhaoyin.Yi || total >= 5*zhaoyin.Yi && r.Float64() < 0.3)) {
		tags = append(tags, TagCityKey)
	}
	if has(TagNewEconomy) || f == nil && it.chain != nil && r.Float64() < it.chain.NewEcon {
		tags = append(tags, TagNewEconomy)
	}
	if has(TagReturn) || f == nil && p.CapitalSource == zhaoyin.CapitalOutOfProvince &&
		slices.Contains([]string{"在外知名人士", "城市合伙人", "商协会"}, p.Channel) && r.Float64() < 0.5 {
		tags = append(tags, TagReturn)
	}
	if total >= zhaoyin.Yi {
		tags = append(tags, TagOverYi)
	}
	p.Tags = tags
	if p.Tags == nil {
		p.Tags = []string{}
	}
	p.Batches = []string{}
	if it.batch != "" {
		p.Batches = []string{it.batch}
	}

	if p.Description == "" {
		p.Description = describe(r, it)
	}
}

// describe writes the one-paragraph description of a project.
func describe(r *rand.Rand, it *item) string {
	p := it.p
	money := "项目总投资" + moneyText(p.TotalInvestmentYuan)
	land := ""
	if p.LandMu > 0 {
		land = "，占地" + muText(p.LandMu) + "亩"
	}
	out := int64(float64(p.TotalInvestmentYuan) * uniform(r, 0.8, 2.2))
	tax := int64(float64(out) * uniform(r, 0.05, 0.12))
	out, tax = roundTo(float64(out), zhaoyin.Wan*100), roundTo(float64(tax), zhaoyin.Wan*100)
	switch p.Type {
	case zhaoyin.TypeIndustrial:
		switch {
		case it.node != nil && it.node.NonMfg:
			return fmt.Sprintf("%s%s，主要建设%s项目，建成后可实现年营业收入%s。", money, land, it.product, moneyText(out))
		case land == "":
			return fmt.Sprintf("%s，利用现有厂房，购置先进生产设备，实施%s生产线智能化改造，达产后可新增年产值%s、利税%s。", money, it.product, moneyText(out), moneyText(tax))
		default:
			return fmt.Sprintf("%s%s，主要建设%s生产线及配套设施，达产后可实现年产值%s、利税%s。", money, land, it.product, moneyText(out), moneyText(tax))
		}
	case zhaoyin.TypePlatform:
		return fmt.Sprintf("%s%s，建设标准化厂房、研发办公楼及配套设施，重点引进%s产业链上下游企业。", money, land, p.Chain)
	case zhaoyin.TypeSocial:
		return fmt.Sprintf("%s%s，建成后将进一步完善%s公共服务配套。", money, land, it.u.Name)
	}
	return fmt.Sprintf("%s，建成后将提升%s基础设施承载能力。", money, it.u.Name)
}

// assignCodes numbers the projects by the year their record was opened: WF2024-0001 ….
func (g *gen) assignCodes() {
	sorted := slices.Clone(g.items)
	slices.SortStableFunc(sorted, func(a, b *item) int {
		if c := a.entry.Compare(b.entry); c != 0 {
			return c
		}
		return a.seq - b.seq
	})
	seq := map[int]int{}
	for _, it := range sorted {
		y := it.entry.Year()
		seq[y]++
		it.p.Code = fmt.Sprintf("WF%d-%04d", y, seq[y])
	}
	g.items = sorted
}

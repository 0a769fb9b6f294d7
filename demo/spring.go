package demo

import (
	"math"
	"math/rand/v2"
	"slices"

	"zhaoyin"
)

// The 2024 spring concentrated start, as seed 001 reports it: 264 projects, 1480亿元, annual
// plan 552亿元; by type 219/1143, 11/99.2, 21/80.5, 13/157.6 (count/亿元); by unit 奎文区
// 16/81.8 … 峡山区 5/6.9; 70 of them in the province's concentrated start, 615亿元, plan 214亿元.
// The demo reproduces every one of these figures, with one exception: the seed's units add up
// to 1480.6亿元 and its types to 1480.3亿元, so one unit must give way. 高新区 (196.7亿元 in
// the seed) gets 196.4亿元, and the batch totals 1480.3亿元.
const springName = "2024年春季全市重大项目集中开工"

// Amounts of the batch are in units of 0.1亿元.
const tenthYi = zhaoyin.Yi / 10

var (
	springTypeN = [4]int{219, 11, 21, 13}
	springTypeT = [4]int64{11430, 992, 805, 1576}
)

const (
	springProvN        = 70
	springProvT        = 6150             // 615亿元
	springProvPlanYuan = 214 * zhaoyin.Yi // 214亿元
	springPlanYuan     = 552 * zhaoyin.Yi // 552亿元
	springGaoxinCut    = 3                // 0.3亿元, see above
	springMinUnits     = 2                // 2000万元, the smallest project
	planStep           = zhaoyin.Yi / 100 // plans are rounded to 100万元
	springStartedFrom  = "2024-01-08"     // the earliest start among the batch
	springGaoxin       = "370771"
)

func springCount() int {
	n := 0
	for _, u := range units {
		n += u.SpringN
	}
	return n
}

// slot is one project of the batch: where, what type, how much.
type slot struct {
	u, t  int   // unit index, type index (typeNames)
	amt   int64 // 0.1亿元
	fixed bool  // a seed amount, not to be moved
	prov  bool
	plan  int64 // yuan
	flag  *flagship
}

// springSlots lays out the batch so that every figure of the seed holds.
func springSlots(r *rand.Rand) []*slot {
	nu := len(units)
	rows := make([]int64, nu)
	for d, u := range units {
		rows[d] = u.SpringT
		if u.Code == springGaoxin {
			rows[d] -= springGaoxinCut
		}
	}

	// 1. How many projects of each type each unit presents. The seed's own projects come first;
	// a unit keeps at least three quarters of its projects industrial.
	count := make([][4]int, nu)
	var slots []*slot
	fixedAmt := make([][4]int64, nu)
	fixedN := make([][4]int, nu)
	for i := range flagships {
		f := &flagships[i]
		if !f.Spring {
			continue
		}
		d := slices.IndexFunc(units, func(u *unit) bool { return u.Code == f.Unit })
		t := slices.Index(typeNames, f.Type)
		s := &slot{u: d, t: t, flag: f, prov: f.Provincial}
		if f.TotalYi > 0 {
			s.amt, s.fixed = int64(math.Round(f.TotalYi*10)), true
			fixedAmt[d][t] += s.amt
			fixedN[d][t]++
		}
		slots = append(slots, s)
		count[d][t]++
	}
	for t := 1; t < 4; t++ {
		need := springTypeN[t]
		for d := range units {
			need -= count[d][t]
		}
		for ; need > 0; need-- {
			w := make([]int, nu)
			for d, u := range units {
				w[d] = max(0, u.SpringN/4-(count[d][1]+count[d][2]+count[d][3]))
			}
			d := pickWeighted(r, w)
			count[d][t]++
		}
	}
	for d, u := range units {
		count[d][0] = u.SpringN - count[d][1] - count[d][2] - count[d][3]
	}
	minCell := func(d, t int) int64 {
		return fixedAmt[d][t] + springMinUnits*int64(count[d][t]-fixedN[d][t])
	}

	// 2. How much each (unit, type) cell invests: iterative proportional fitting to the seed's
	// row and column totals, then an integer rounding that keeps both.
	a := make([][4]float64, nu)
	for d := range units {
		for t := 0; t < 4; t++ {
			a[d][t] = float64(count[d][t]) * float64(springTypeT[t]) / float64(springTypeN[t])
		}
	}
	for it := 0; it < 500; it++ {
		for d := range units {
			s := a[d][0] + a[d][1] + a[d][2] + a[d][3]
			for t := 0; t < 4; t++ {
				a[d][t] *= float64(rows[d]) / s
			}
		}
		for t := 0; t < 4; t++ {
			s := 0.0
			for d := range units {
				s += a[d][t]
			}
			for d := range units {
				a[d][t] *= float64(springTypeT[t]) / s
			}
		}
	}
	cell := make([][4]int64, nu)
	for d := range units {
		for t := 0; t < 4; t++ {
			if count[d][t] > 0 {
				cell[d][t] = max(int64(math.Round(a[d][t])), minCell(d, t))
			}
		}
	}
	for t := 1; t < 4; t++ {
		diff := springTypeT[t]
		for d := range units {
			diff -= cell[d][t]
		}
		for diff != 0 {
			moved := false
			for d := range units {
				if count[d][t] == 0 || diff == 0 {
					continue
				}
				if diff > 0 {
					cell[d][t]++
					cell[d][0]--
					diff--
					moved = true
				} else if cell[d][t] > minCell(d, t) {
					cell[d][t]--
					cell[d][0]++
					diff++
					moved = true
				}
			}
			if !moved {
				panic("demo: cannot lay out the 2024 spring batch by type")
			}
		}
	}
	for d := range units {
		cell[d][0] += rows[d] - (cell[d][0] + cell[d][1] + cell[d][2] + cell[d][3])
		if cell[d][0] < minCell(d, 0) {
			panic("demo: cannot lay out the 2024 spring batch by unit")
		}
	}

	// 3. Split each cell among its projects, log-normally.
	for d := range units {
		for t := 0; t < 4; t++ {
			var free []*slot
			for _, s := range slots {
				if s.u == d && s.t == t && !s.fixed {
					free = append(free, s)
				}
			}
			for len(free) < count[d][t]-fixedN[d][t] {
				s := &slot{u: d, t: t}
				slots = append(slots, s)
				free = append(free, s)
			}
			if len(free) == 0 {
				continue
			}
			rest := cell[d][t] - fixedAmt[d][t] - springMinUnits*int64(len(free))
			w := make([]float64, len(free))
			sum := 0.0
			for i := range w {
				w[i] = math.Exp(0.9 * r.NormFloat64())
				sum += w[i]
			}
			given := int64(0)
			for i, s := range free {
				s.amt = springMinUnits + int64(float64(rest)*w[i]/sum)
				given += s.amt - springMinUnits
			}
			for i := 0; given < rest; i = (i + 1) % len(free) {
				free[i].amt++
				given++
			}
		}
	}

	// 4. The province's concentrated start: 70 projects, 615亿元. Draw subsets among the larger
	// projects and keep the closest, then move amounts between projects of the same cell (which
	// keeps every unit and type total) until it is exact.
	var forced []*slot
	var cands []*slot
	forcedAmt := int64(0)
	for _, s := range slots {
		if s.prov {
			forced = append(forced, s)
			forcedAmt += s.amt
		} else {
			cands = append(cands, s)
		}
	}
	slices.SortStableFunc(cands, func(x, y *slot) int { return cmpInt64(y.amt, x.amt) })
	top := cands[:min(len(cands), 150)]
	need := springProvN - len(forced)
	var best []int
	bestDiff := int64(math.MaxInt64)
	for attempt := 0; attempt < 400; attempt++ {
		perm := r.Perm(len(top))[:need]
		sum := forcedAmt
		for _, i := range perm {
			sum += top[i].amt
		}
		if diff := abs64(springProvT - sum); diff < bestDiff {
			best, bestDiff = perm, diff
		}
	}
	for _, i := range best {
		top[i].prov = true
	}
	provSum := func() int64 {
		s := int64(0)
		for _, x := range slots {
			if x.prov {
				s += x.amt
			}
		}
		return s
	}
	for diff := springProvT - provSum(); diff != 0; {
		moved := false
		for d := range units {
			for t := 0; t < 4 && diff != 0; t++ {
				var in, out []*slot
				for _, s := range slots {
					if s.u == d && s.t == t && !s.fixed {
						if s.prov {
							in = append(in, s)
						} else {
							out = append(out, s)
						}
					}
				}
				if len(in) == 0 || len(out) == 0 {
					continue
				}
				from, to := out, in
				if diff < 0 {
					from, to = in, out
				}
				src := slices.MaxFunc(from, func(x, y *slot) int { return cmpInt64(x.amt, y.amt) })
				dst := slices.MinFunc(to, func(x, y *slot) int { return cmpInt64(x.amt, y.amt) })
				m := min(abs64(diff), (src.amt-springMinUnits)/2)
				if m <= 0 {
					continue
				}
				src.amt -= m
				dst.amt += m
				if diff > 0 {
					diff -= m
				} else {
					diff += m
				}
				moved = true
			}
		}
		if !moved {
			panic("demo: cannot make the province's concentrated start add up")
		}
	}

	// 5. Annual plans: 214亿元 for the province's 70, 338亿元 for the others.
	for _, prov := range []bool{true, false} {
		target := springPlanYuan - springProvPlanYuan
		if prov {
			target = springProvPlanYuan
		}
		var group []*slot
		ratios := []float64{}
		raw := 0.0
		for _, s := range slots {
			if s.prov == prov {
				group = append(group, s)
				x := uniform(r, 0.25, 0.5)
				ratios = append(ratios, x)
				raw += float64(s.amt) * x
			}
		}
		steps := target / planStep
		got := int64(0)
		for i, s := range group {
			p := int64(math.Round(float64(s.amt) * ratios[i] / raw * float64(steps)))
			p = min(p, s.amt*(tenthYi/planStep))
			s.plan = p
			got += p
		}
		for got != steps {
			biggest := slices.MaxFunc(group, func(x, y *slot) int { return cmpInt64(x.plan, y.plan) })
			if got < steps {
				biggest.plan++
				got++
			} else {
				biggest.plan--
				got--
			}
		}
		for _, s := range group {
			s.plan *= planStep
		}
	}
	return slots
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// addSpring adds the 2024 spring batch: key projects started on the day of the meeting, or in
// the weeks before it.
func (g *gen) addSpring(r *rand.Rand, b batch) {
	from := mustDate(springStartedFrom)
	for _, s := range springSlots(r) {
		u := units[s.u]
		var it *item
		if s.flag != nil {
			it = g.flagItem(s.flag)
		} else {
			it = g.newItem(r, u, typeNames[s.t], s.amt*tenthYi)
		}
		it.p.TotalInvestmentYuan = s.amt * tenthYi
		it.p.AnnualPlanYuan, it.planSet = s.plan, true
		on := b.On
		if r.IntN(100) >= 85 {
			on = dayIn(r, from, addDays(b.On, -1))
		}
		g.forward(r, it, on)
		it.key, it.provincial, it.batch = true, s.prov, b.Name
	}
}

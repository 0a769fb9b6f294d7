package demo

import (
	"fmt"
	"hash/fnv"
	"math"
	"time"

	"zhaoyin"
)

// firstProgressMonth is where the monthly dispatch starts: January two years back, so that
// the current year and the one before it are both whole and year-on-year growth is fair.
func firstProgressMonth(today time.Time) int { return (today.Year() - 2) * 12 }

func monthIndex(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }

func monthStart(i int) time.Time { return date(i/12, time.Month(i%12+1), 1) }

func monthText(i int) string { return fmt.Sprintf("%04d-%02d", i/12, i%12+1) }

// progress writes the monthly dispatch of every project that has started: for each month from
// its start (at most back to January two years ago) to the month before today, the funds that arrived and
// the fixed-asset investment completed, and how far the works are. Both follow the usual
// S-curve of a construction site: slow at first, heaviest mid-way, tailing off; funds arrive a
// little ahead of the works. Over the whole build they come to 72–90% of the total investment
// (the rest is working capital and the like), with a small tail after first output.
//
// A few sites under construction have stopped reporting for the last two months (Silent), as
// happens in any city, so that the warning of projects without dispatch has something to show.
func (g *gen) progress() []*zhaoyin.Progress {
	r := newRand(7)
	last := monthIndex(g.today) - 1
	first := firstProgressMonth(g.today)
	var out []*zhaoyin.Progress
	for _, it := range g.items {
		if it.stage == zhaoyin.StageDropped || zhaoyin.StageIndex(it.stage) < iStarted {
			continue
		}
		s := it.dates[iStarted]
		produced := !it.dates[iProducing].IsZero()
		end := it.expectProd
		if produced {
			end = it.dates[iProducing]
		}
		m0, mEnd := monthIndex(s), monthIndex(end)
		total := float64(it.p.TotalInvestmentYuan)
		invested := total * uniform(r, 0.72, 0.9)
		funds := min(invested*uniform(r, 1, 1.12), total*0.98)
		tail := 0.0
		if produced {
			tail = total * uniform(r, 0.02, 0.06)
		}
		// S-curve weights of the construction months, the funds' a little ahead.
		build := end.Sub(s).Hours() / 24
		w := map[int]float64{}
		wf := map[int]float64{}
		sw, swf := 0.0, 0.0
		for m := m0; m <= mEnd; m++ {
			a, b := maxTime(s, monthStart(m)), monthStart(m+1)
			if end.Before(b) {
				b = end
			}
			days := b.Sub(a).Hours() / 24
			if days <= 0 {
				continue
			}
			f := 0.5
			if build > 0 {
				f = (a.Sub(s).Hours()/24 + days/2) / build
			}
			w[m] = days * (0.35 + math.Sin(math.Pi*min(f, 1)))
			wf[m] = days * (0.35 + math.Sin(math.Pi*min(f+0.1, 1)))
			sw += w[m]
			swf += wf[m]
		}
		var cumInv, cumFunds float64
		silent := !produced && m0 <= last-2 && Silent(it.p.Code)
		for m := max(m0, first); m <= last; m++ {
			var inv, fund float64
			switch {
			case m <= mEnd && sw > 0:
				inv = invested * w[m] / sw * uniform(r, 0.9, 1.1)
				fund = funds * wf[m] / swf * uniform(r, 0.85, 1.15)
			case produced && m-mEnd <= 6:
				share := float64(7-(m-mEnd)) / 21
				inv = tail * share
				fund = inv * uniform(r, 0.9, 1.2)
			}
			inv = min(inv, total*0.97-cumInv)
			fund = min(fund, total-cumFunds)
			row := &zhaoyin.Progress{
				ProjectCode:      it.p.Code,
				Month:            monthText(m),
				InvestedYuan:     roundWan(inv),
				FundsArrivedYuan: roundWan(fund),
				ProgressText:     progressText(it, m, mEnd, produced),
			}
			cumInv += float64(row.InvestedYuan)
			cumFunds += float64(row.FundsArrivedYuan)
			if m < mEnd && r.Float64() < 0.06 {
				row.Problems = problems[r.IntN(len(problems))]
			}
			// The row is drawn all the same, so that every other figure stays as it was.
			if silent && m >= last-1 {
				continue
			}
			out = append(out, row)
		}
	}
	return out
}

// Silent reports whether a project under construction (started at least two months before
// last month and not yet producing) has stopped reporting its monthly dispatch: about one in
// 25, chosen by its code.
func Silent(code string) bool {
	h := fnv.New32a()
	h.Write([]byte(code))
	return h.Sum32()%25 == 0
}

func roundWan(yuan float64) int64 {
	if yuan <= 0 {
		return 0
	}
	return int64(math.Floor(yuan/float64(zhaoyin.Wan))) * zhaoyin.Wan
}

// progressText says how far the works are in month m (形象进度), never ahead of the project's
// stage: a project that has not produced is still being built.
func progressText(it *item, m, mEnd int, produced bool) string {
	typ := it.p.Type
	if produced && m >= mEnd {
		if ach := it.dates[iAchieved]; !ach.IsZero() && m >= monthIndex(ach) {
			if typ == zhaoyin.TypeIndustrial {
				return "已达产达效，运行平稳"
			}
			return "已全面投入使用，运行平稳"
		}
		switch {
		case m == mEnd && typ == zhaoyin.TypeIndustrial:
			return "已竣工投产"
		case m == mEnd:
			return "已竣工，投入使用"
		case typ == zhaoyin.TypeIndustrial && m-mEnd <= 2:
			return "试生产运行中"
		case typ == zhaoyin.TypeIndustrial:
			return "已投产，产能逐步释放"
		case typ == zhaoyin.TypePlatform:
			return "已投入使用，企业陆续入驻"
		}
		return "已投入使用"
	}
	s := it.dates[iStarted]
	end := it.expectProd
	if produced {
		end = it.dates[iProducing]
	}
	f := 0.0
	if build := end.Sub(s).Hours(); build > 0 {
		f = monthStart(m+1).Sub(s).Hours() / build
	}
	phase := min(int(f*5), 4)
	if phase < 0 {
		phase = 0
	}
	kind := "building"
	switch typ {
	case zhaoyin.TypeSocial:
		kind = "social"
	case zhaoyin.TypeInfrastructure:
		kind = "infrastructure"
	}
	// One wording per project and phase: a district repeats last month's words until the works
	// move on.
	texts := progressTexts[kind][phase]
	return texts[(it.seq+phase)%len(texts)]
}

package demo

import (
	"context"
	"fmt"
	"time"

	"zhaoyin"
)

// Dispatcher is what the demo needs of the monthly dispatch.
type Dispatcher interface {
	OpenPeriod(ctx context.Context, o zhaoyin.DispatchOpening) (*zhaoyin.DispatchPeriod, error)
	ClosePeriod(ctx context.Context, month, region string) (*zhaoyin.DispatchPeriod, error)
}

// SchemeCreator is what the demo needs of the assessment.
type SchemeCreator interface {
	CreateScheme(ctx context.Context, sc *zhaoyin.AssessmentScheme) error
}

// ClosedMonths are the dispatch periods the demo city has held and closed this year: January
// to the month before last. Last month's period is left for the user to open (it is what a
// bureau does in the first days of a month), so the monthly dispatch page starts with a
// history and a next step.
func ClosedMonths(now time.Time) []string {
	var out []string
	last := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -2, 0)
	for m := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.UTC); !m.After(last); m = m.AddDate(0, 1, 0) {
		out = append(out, m.Format("2006-01"))
	}
	return out
}

// holdDispatch opens and closes this year's past dispatch periods of the city.
func (d *Data) holdDispatch(ctx context.Context, s Dispatcher, now time.Time) error {
	for _, m := range ClosedMonths(now) {
		if _, err := s.OpenPeriod(ctx, zhaoyin.DispatchOpening{Month: m, RegionCode: CityCode}); err != nil {
			return fmt.Errorf("demo: open dispatch period %s: %w", m, err)
		}
		if _, err := s.ClosePeriod(ctx, m, CityCode); err != nil {
			return fmt.Errorf("demo: close dispatch period %s: %w", m, err)
		}
	}
	return nil
}

// Scheme is the demo city's assessment scheme for the year of now: the five contests
// (五大比拼) the bureau runs. Funds and investment are scored by completion of a target set
// per district at last year's figure plus 10% (rounded up to 1000万元), new signed and
// new started projects by rank, the manufacturing share against 60%.
func (d *Data) Scheme(now time.Time) *zhaoyin.AssessmentScheme {
	prev := fmt.Sprintf("%04d-", now.Year()-1)
	region := map[string]string{}
	for _, p := range d.Projects {
		region[p.Code] = p.RegionCode
	}
	funds, invested := map[string]int64{}, map[string]int64{}
	for _, g := range d.Progress {
		if len(g.Month) == 7 && g.Month[:5] == prev {
			funds[region[g.ProjectCode]] += g.FundsArrivedYuan
			invested[region[g.ProjectCode]] += g.InvestedYuan
		}
	}
	target := func(m map[string]int64) map[string]int64 {
		const step = 1000 * zhaoyin.Wan
		out := map[string]int64{}
		for code, v := range m {
			t := v + v/10
			out[code] = max(step, (t+step-1)/step*step)
		}
		return out
	}
	return &zhaoyin.AssessmentScheme{
		Year:       now.Year(),
		RegionCode: CityCode,
		Name:       fmt.Sprintf("%d年度招商引资“五大比拼”考核", now.Year()),
		Indicators: []zhaoyin.AssessmentIndicator{
			{Key: zhaoyin.IndicatorFundsArrived, Weight: 30, Method: zhaoyin.ScoreRatio, Cap: 1.2, Target: 10 * zhaoyin.Yi, Targets: target(funds)},
			{Key: zhaoyin.IndicatorInvested, Weight: 25, Method: zhaoyin.ScoreRatio, Cap: 1.2, Target: 10 * zhaoyin.Yi, Targets: target(invested)},
			{Key: zhaoyin.IndicatorSignedCount, Weight: 20, Method: zhaoyin.ScoreRank},
			{Key: zhaoyin.IndicatorStartedCount, Weight: 15, Method: zhaoyin.ScoreRank},
			{Key: zhaoyin.IndicatorManufacturingShare, Weight: 10, Method: zhaoyin.ScoreRatio, Cap: 1.2, Target: 6000},
		},
	}
}

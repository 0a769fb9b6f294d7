package zhaoyin

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Monthly dispatch (调度), the three lists (三类项目清单) and the yearly assessment (考核 · 比拼).
//
// Rules that the store and the handlers share:
//
//   - A dispatch period is opened for one month by a city (or a municipality, whose districts sit
//     directly below the province-level region) and covers every project below it. Periods of
//     one month never overlap, so a project has at most one period per month.
//   - A month with a CLOSED period refuses every progress change of the projects it covers, by
//     import or by form. A month with no period accepts reports (history, the demo); an open
//     period accepts them, late ones too (they are only flagged). Closing and reopening are for
//     the city bureau and administrators only, and both are audited.
//   - A project is due (应报) for a month when it was approved (立项) by the month's end and had
//     neither reached 达效 nor been dropped before the month began, i.e. it is in the stages
//     approved, started or producing during the month; a project that reported anyway counts
//     as due as well, so that no reported figure is left out of a table or a count.

// Period statuses.
const (
	PeriodOpen   = "open"
	PeriodClosed = "closed"
)

// ChinaTime is the zone in which deadlines fall (a deadline is a whole day, Beijing time).
var ChinaTime = time.FixedZone("CST", 8*3600)

// ClosedMonthMessage is what a change into a closed period is refused with.
func ClosedMonthMessage(month string) string {
	return fmt.Sprintf("%s 调度期已关闭，不能修改；如需更正请联系市投资促进局重新开启", month)
}

// ValidMonth reports whether s is a month written YYYY-MM.
func ValidMonth(s string) bool {
	t, err := time.Parse("2006-01", s)
	return err == nil && t.Format("2006-01") == s
}

// MonthLabel writes 2024-03 as 2024年3月.
func MonthLabel(month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	return fmt.Sprintf("%d年%d月", t.Year(), int(t.Month()))
}

// DefaultDeadline is the deadline of a period opened without one: the 5th of the next month.
func DefaultDeadline(month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 1, 4).Format("2006-01-02")
}

// DispatchPeriod is one month's reporting period of a city.
type DispatchPeriod struct {
	ID           int64      `json:"id"`
	Month        string     `json:"month"` // YYYY-MM
	RegionCode   string     `json:"region_code"`
	RegionName   string     `json:"region_name"`
	Deadline     string     `json:"deadline"` // YYYY-MM-DD, the last day to report
	Status       string     `json:"status"`   // open | closed
	OpenedBy     string     `json:"opened_by"`
	OpenedAt     time.Time  `json:"opened_at"`
	ClosedBy     string     `json:"closed_by,omitempty"`
	ClosedAt     *time.Time `json:"closed_at,omitempty"`
	ReopenedBy   string     `json:"reopened_by,omitempty"`
	ReopenedAt   *time.Time `json:"reopened_at,omitempty"`
	ReopenReason string     `json:"reopen_reason,omitempty"`
}

// DispatchOpening is what the city gives to open a period.
type DispatchOpening struct {
	Month      string `json:"month"`
	Deadline   string `json:"deadline,omitempty"`    // default: the 5th of the next month
	RegionCode string `json:"region_code,omitempty"` // default: the caller's city
}

// DispatchPeriodFilter selects periods; the caller's scope applies whatever it says.
type DispatchPeriodFilter struct {
	Year   int    // 0 = every year
	Region string // periods covering this region (or below it)
}

// DispatchRegionStatus is how one region directly below the city stands in a period.
type DispatchRegionStatus struct {
	RegionCode      string               `json:"region_code"`
	RegionName      string               `json:"region_name"`
	Due             int                  `json:"due"`
	Reported        int                  `json:"reported"`
	Missing         int                  `json:"missing"`
	LastReportAt    *time.Time           `json:"last_report_at"`
	Overdue         bool                 `json:"overdue"` // the deadline has passed with reports missing
	LastRemindedAt  *time.Time           `json:"last_reminded_at"`
	MissingProjects []DispatchProjectRef `json:"missing_projects"`
}

// DispatchProjectRef names a project.
type DispatchProjectRef struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// DispatchStatus is the reporting state of a period, region by region.
type DispatchStatus struct {
	Period    *DispatchPeriod        `json:"period"`
	Today     string                 `json:"today"`
	Regions   []DispatchRegionStatus `json:"regions"`
	Due       int                    `json:"due"`
	Reported  int                    `json:"reported"`
	Missing   int                    `json:"missing"`
	Reminders []*DispatchReminder    `json:"reminders"`
}

// DispatchReminder records that the city reminded regions to report (the UI shows it; no mail).
type DispatchReminder struct {
	ID          int64     `json:"id"`
	Month       string    `json:"month"`
	RegionCodes []string  `json:"region_codes"`
	RegionNames []string  `json:"region_names"`
	Message     string    `json:"message"`
	CreatedBy   string    `json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// DispatchReminderRequest names the regions to remind; none = every region with reports missing.
type DispatchReminderRequest struct {
	RegionCodes []string `json:"region_codes,omitempty"`
	Message     string   `json:"message,omitempty"`
}

// DispatchRow is one project of the dispatch table (调度表), amounts in yuan.
type DispatchRow struct {
	ProjectCode         string     `json:"project_code"`
	ProjectName         string     `json:"project_name"`
	RegionCode          string     `json:"region_code"`
	RegionName          string     `json:"region_name"`
	Stage               Stage      `json:"stage"`
	TotalInvestmentYuan int64      `json:"total_investment_yuan"`
	AnnualPlanYuan      int64      `json:"annual_plan_yuan"`
	FundsArrivedYuan    int64      `json:"funds_arrived_yuan"`     // this month
	FundsArrivedYTDYuan int64      `json:"funds_arrived_ytd_yuan"` // January to this month
	InvestedYuan        int64      `json:"invested_yuan"`
	InvestedYTDYuan     int64      `json:"invested_ytd_yuan"`
	ProgressText        string     `json:"progress_text"`
	Problems            string     `json:"problems"`
	Reported            bool       `json:"reported"`
	ReportedAt          *time.Time `json:"reported_at"`
}

// DispatchSums adds up the money columns of rows.
type DispatchSums struct {
	Count               int   `json:"count"`
	Reported            int   `json:"reported"`
	TotalInvestmentYuan int64 `json:"total_investment_yuan"`
	AnnualPlanYuan      int64 `json:"annual_plan_yuan"`
	FundsArrivedYuan    int64 `json:"funds_arrived_yuan"`
	FundsArrivedYTDYuan int64 `json:"funds_arrived_ytd_yuan"`
	InvestedYuan        int64 `json:"invested_yuan"`
	InvestedYTDYuan     int64 `json:"invested_ytd_yuan"`
}

// Add counts r in s.
func (s *DispatchSums) Add(r *DispatchRow) {
	s.Count++
	if r.Reported {
		s.Reported++
	}
	s.TotalInvestmentYuan += r.TotalInvestmentYuan
	s.AnnualPlanYuan += r.AnnualPlanYuan
	s.FundsArrivedYuan += r.FundsArrivedYuan
	s.FundsArrivedYTDYuan += r.FundsArrivedYTDYuan
	s.InvestedYuan += r.InvestedYuan
	s.InvestedYTDYuan += r.InvestedYTDYuan
}

// DispatchGroup is the projects of one region directly below the city, with their subtotal.
type DispatchGroup struct {
	RegionCode string         `json:"region_code"`
	RegionName string         `json:"region_name"`
	Rows       []*DispatchRow `json:"rows"`
	Subtotal   DispatchSums   `json:"subtotal"`
}

// DispatchTable is a month's dispatch table for a region, grouped by the regions below the city.
type DispatchTable struct {
	Month      string          `json:"month"`
	RegionCode string          `json:"region_code"` // the region the table covers
	RegionName string          `json:"region_name"`
	Period     *DispatchPeriod `json:"period"` // nil when no period was opened for the month
	Groups     []DispatchGroup `json:"groups"`
	Total      DispatchSums    `json:"total"`
}

// DispatchService runs the monthly dispatch. Reports themselves go through
// ImportService.ImportProgress (or ProgressService.UpsertProgress), where the closed-period
// rule is enforced for every path.
type DispatchService interface {
	FindPeriods(ctx context.Context, f DispatchPeriodFilter) ([]*DispatchPeriod, error)
	// FindPeriod returns the month's period covering region ("" = the caller's region, or the
	// only period of the month).
	FindPeriod(ctx context.Context, month, region string) (*DispatchPeriod, error)
	OpenPeriod(ctx context.Context, o DispatchOpening) (*DispatchPeriod, error)
	ClosePeriod(ctx context.Context, month, region string) (*DispatchPeriod, error)
	ReopenPeriod(ctx context.Context, month, region, reason string) (*DispatchPeriod, error)
	PeriodStatus(ctx context.Context, month, region string) (*DispatchStatus, error)
	Remind(ctx context.Context, month, region string, r DispatchReminderRequest) (*DispatchReminder, error)
	DispatchTable(ctx context.Context, month, region string) (*DispatchTable, error)
}

// The three lists (新签约、新立项、新开工).
const (
	ListSigned   = "signed"
	ListApproved = "approved"
	ListStarted  = "started"
)

// ListKinds are the lists in their published order, with their Chinese names and date labels.
var ListKinds = []struct{ Kind, Label, DateLabel string }{
	{ListSigned, "新签约项目", "签约日期"},
	{ListApproved, "新立项项目", "立项日期"},
	{ListStarted, "新开工项目", "开工日期"},
}

// ProjectListFilter selects the period and region of the three lists.
type ProjectListFilter struct {
	Region   string // "" = the caller's whole scope
	From, To string // YYYY-MM-DD, inclusive
}

// ProjectListItem is one project on a list; On is its signed, approved or started date.
type ProjectListItem struct {
	Code                string                `json:"code"`
	Name                string                `json:"name"`
	RegionCode          string                `json:"region_code"`
	RegionName          string                `json:"region_name"`
	Type                string                `json:"type"`
	TypeLabel           string                `json:"type_label"`
	Chain               string                `json:"chain"`
	Manufacturing       bool                  `json:"manufacturing"`
	TotalInvestmentYuan int64                 `json:"total_investment_yuan"`
	SignedAmountYuan    int64                 `json:"signed_amount_yuan"`
	On                  string                `json:"on"`
	Investors           []ProjectListInvestor `json:"investors"`
}

// ProjectListInvestor is an investor of a listed project (the shape of Investor, under a
// name of its own so that API schemas of other packages never clash with it).
type ProjectListInvestor struct {
	Name string `json:"name"`
	USCC string `json:"uscc,omitempty"`
}

// ProjectListTotals adds up a list. AmountYuan is DOMAIN.md's 签约金额 figure: the signed amount,
// else the total investment (it is the one /stats/summary reports for new signed projects).
type ProjectListTotals struct {
	Count               int   `json:"count"`
	TotalInvestmentYuan int64 `json:"total_investment_yuan"`
	SignedAmountYuan    int64 `json:"signed_amount_yuan"`
	AmountYuan          int64 `json:"amount_yuan"`
}

// ProjectList is one of the three lists.
type ProjectList struct {
	Kind   string             `json:"kind"`
	Label  string             `json:"label"`
	Items  []*ProjectListItem `json:"items"`
	Totals ProjectListTotals  `json:"totals"`
}

// ProjectLists are the three lists of a period and region.
type ProjectLists struct {
	RegionCode string        `json:"region_code"`
	RegionName string        `json:"region_name"`
	From       string        `json:"from"`
	To         string        `json:"to"`
	Lists      []ProjectList `json:"lists"`
}

// ListService produces the three lists inside the caller's scope.
type ListService interface {
	ProjectLists(ctx context.Context, f ProjectListFilter) (*ProjectLists, error)
}

// Assessment indicators: a fixed list, each with the DOMAIN.md figure it measures over the
// scheme's year.
const (
	IndicatorFundsArrived       = "funds_arrived"       // 到位资金, yuan
	IndicatorInvested           = "invested"            // 完成固定资产投资, yuan
	IndicatorSignedCount        = "signed_count"        // 新签约项目个数
	IndicatorSignedAmount       = "signed_amount"       // 新签约金额 (signed amount, else total investment), yuan
	IndicatorStartedCount       = "started_count"       // 新开工项目个数
	IndicatorOverYiCount        = "over_yi_count"       // 新签约过亿元项目个数 (total investment ≥ 1亿元)
	IndicatorManufacturingShare = "manufacturing_share" // 制造业项目占比: manufacturing share of the new signed amount, in hundredths of a percent
)

// AssessmentIndicatorDef describes an indicator key: its default label and the unit of its actual and
// target figures ("yuan", "count", or "0.01%": 7533 means 75.33%).
type AssessmentIndicatorDef struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Unit  string `json:"unit"`
}

// AssessmentIndicators is the fixed list of indicator keys.
var AssessmentIndicators = []AssessmentIndicatorDef{
	{IndicatorFundsArrived, "到位资金", "yuan"},
	{IndicatorInvested, "完成固定资产投资", "yuan"},
	{IndicatorSignedCount, "新签约项目个数", "count"},
	{IndicatorSignedAmount, "新签约项目金额", "yuan"},
	{IndicatorStartedCount, "新开工项目个数", "count"},
	{IndicatorOverYiCount, "新签约过亿元项目个数", "count"},
	{IndicatorManufacturingShare, "制造业项目签约金额占比", "0.01%"},
}

// AssessmentIndicatorOf returns the definition of key.
func AssessmentIndicatorOf(key string) (AssessmentIndicatorDef, bool) {
	for _, d := range AssessmentIndicators {
		if d.Key == key {
			return d, true
		}
	}
	return AssessmentIndicatorDef{}, false
}

// Scoring methods.
const (
	ScoreRatio = "ratio" // min(actual ÷ target, cap) × weight
	ScoreRank  = "rank"  // weight × (n − rank + 1) ÷ n, rank 1 = the largest actual
)

// DefaultCap bounds a ratio score when the scheme does not say: 120% of the weight.
const DefaultCap = 1.2

// AssessmentIndicator is one line of an assessment scheme.
type AssessmentIndicator struct {
	Key    string  `json:"key"`
	Label  string  `json:"label"`
	Weight float64 `json:"weight"` // points at 100% of the target
	Method string  `json:"method"` // ratio | rank
	Cap    float64 `json:"cap"`    // ratio only: the most a region may reach, as a multiple of the target
	// Target in the indicator's unit (yuan, count or 0.01%), for every region without one of
	// its own in Targets (region code → target).
	Target  int64            `json:"target"`
	Targets map[string]int64 `json:"targets"`
}

// TargetFor is the target of region.
func (in *AssessmentIndicator) TargetFor(region string) int64 {
	if t, ok := in.Targets[region]; ok {
		return t
	}
	return in.Target
}

// AssessmentScheme is a city's assessment scheme for a year.
type AssessmentScheme struct {
	ID         int64                 `json:"id"`
	Year       int                   `json:"year"`
	RegionCode string                `json:"region_code"` // the city whose districts compete
	RegionName string                `json:"region_name"`
	Name       string                `json:"name"`
	Indicators []AssessmentIndicator `json:"indicators"`
	Version    int                   `json:"version"`
	UpdatedBy  string                `json:"updated_by"`
	UpdatedAt  time.Time             `json:"updated_at"`
}

// Validate checks a scheme before it is stored, filling default labels and caps.
func (s *AssessmentScheme) Validate() error {
	s.Name = strings.TrimSpace(s.Name)
	if s.Year < 2000 || s.Year > 2100 {
		return FieldError("year", "考核年度“%d”无效", s.Year)
	}
	if s.Name == "" {
		s.Name = fmt.Sprintf("%d年度招商引资考核", s.Year)
	}
	if len([]rune(s.Name)) > 100 {
		return FieldError("name", "方案名称过长（最多 100 字）")
	}
	if len(s.Indicators) == 0 {
		return FieldError("indicators", "考核方案至少需要一项指标")
	}
	seen := map[string]bool{}
	for i := range s.Indicators {
		in := &s.Indicators[i]
		def, ok := AssessmentIndicatorOf(in.Key)
		field := fmt.Sprintf("indicators[%d]", i)
		switch {
		case !ok:
			return FieldError(field+".key", "第 %d 项指标“%s”不在指标库中", i+1, in.Key)
		case seen[in.Key]:
			return FieldError(field+".key", "指标“%s”重复", def.Label)
		case math.IsNaN(in.Weight) || in.Weight <= 0 || in.Weight > 1000:
			return FieldError(field+".weight", "指标“%s”的权重应为大于 0 的分值", def.Label)
		case in.Method != ScoreRatio && in.Method != ScoreRank:
			return FieldError(field+".method", "指标“%s”的计分方法应为 ratio（完成率）或 rank（排名）", def.Label)
		case in.Target < 0:
			return FieldError(field+".target", "指标“%s”的目标值不能为负数", def.Label)
		}
		seen[in.Key] = true
		in.Label = strings.TrimSpace(in.Label)
		if in.Label == "" {
			in.Label = def.Label
		}
		if in.Method == ScoreRank {
			in.Cap = 0
		} else if in.Cap == 0 {
			in.Cap = DefaultCap
		} else if math.IsNaN(in.Cap) || in.Cap < 1 || in.Cap > 10 {
			return FieldError(field+".cap", "指标“%s”的封顶系数应在 1 到 10 之间（如 1.2 表示最多计 120%%）", def.Label)
		}
		for code, t := range in.Targets {
			if t < 0 {
				return FieldError(field+".targets", "指标“%s”区域 %s 的目标值不能为负数", def.Label, code)
			}
		}
		if in.Method == ScoreRatio && in.Target == 0 && len(in.Targets) == 0 {
			return FieldError(field+".target", "指标“%s”按完成率计分，需要填写目标值", def.Label)
		}
		if in.Targets == nil {
			in.Targets = map[string]int64{}
		}
	}
	return nil
}

// AssessmentItemScore is how a region scored on one indicator.
type AssessmentItemScore struct {
	Key    string   `json:"key"`
	Label  string   `json:"label"`
	Unit   string   `json:"unit"`
	Actual int64    `json:"actual"`
	Target int64    `json:"target"`
	Rate   *float64 `json:"rate"`  // actual ÷ target × 100 (a percentage), nil without a target
	Rank   int      `json:"rank"`  // among the regions, by actual
	Score  float64  `json:"score"` // two decimals
}

// AssessmentRegionScore is one region's line of the ranking.
type AssessmentRegionScore struct {
	RegionCode string                `json:"region_code"`
	RegionName string                `json:"region_name"`
	Total      float64               `json:"total"`
	Rank       int                   `json:"rank"`
	Items      []AssessmentItemScore `json:"items"`
}

// Assessment is a scheme's scores: every region directly below the city, best first.
type Assessment struct {
	Scheme  *AssessmentScheme       `json:"scheme"`
	From    string                  `json:"from"`
	To      string                  `json:"to"`    // the figures cover From to To (the year so far)
	Count   int                     `json:"count"` // regions ranked (a district caller sees only its own line)
	Regions []AssessmentRegionScore `json:"regions"`
}

// AssessmentService keeps the schemes and scores them.
type AssessmentService interface {
	FindSchemes(ctx context.Context, year int) ([]*AssessmentScheme, error)
	FindScheme(ctx context.Context, id int64) (*AssessmentScheme, error)
	CreateScheme(ctx context.Context, s *AssessmentScheme) error
	// UpdateScheme replaces the scheme's name and indicators; s.Version must be the version
	// last read (0 = do not check).
	UpdateScheme(ctx context.Context, id int64, s *AssessmentScheme) (*AssessmentScheme, error)
	DeleteScheme(ctx context.Context, id int64) error
	Scores(ctx context.Context, id int64) (*Assessment, error)
}

// ScoreAssessment scores every region of regions by the scheme, from actual[region][key], and
// ranks them (equal totals share a rank: 1, 2, 2, 4). Scores are rounded half up to two
// decimals per indicator and the total is the sum of the rounded scores, so that a printed
// breakdown adds up.
func ScoreAssessment(s *AssessmentScheme, regions []Region, actual map[string]map[string]int64) []AssessmentRegionScore {
	n := len(regions)
	out := make([]AssessmentRegionScore, n)
	for i, r := range regions {
		out[i] = AssessmentRegionScore{RegionCode: r.Code, RegionName: r.Name, Items: make([]AssessmentItemScore, len(s.Indicators))}
	}
	for j, in := range s.Indicators {
		def, _ := AssessmentIndicatorOf(in.Key)
		values := make([]int64, n)
		for i, r := range regions {
			values[i] = actual[r.Code][in.Key]
		}
		ranks := competitionRanks(values)
		for i, r := range regions {
			it := AssessmentItemScore{Key: in.Key, Label: in.Label, Unit: def.Unit, Actual: values[i], Rank: ranks[i]}
			var score float64
			switch in.Method {
			case ScoreRatio:
				it.Target = in.TargetFor(r.Code)
				if it.Target > 0 {
					ratio := float64(values[i]) / float64(it.Target)
					rate := round2(ratio * 100)
					it.Rate = &rate
					score = min(ratio, in.Cap) * in.Weight
				}
			case ScoreRank:
				it.Target = in.TargetFor(r.Code)
				if it.Target > 0 {
					rate := round2(float64(values[i]) / float64(it.Target) * 100)
					it.Rate = &rate
				}
				score = in.Weight * float64(n-ranks[i]+1) / float64(n)
			}
			it.Score = round2(score)
			out[i].Items[j] = it
		}
	}
	totals := make([]int64, n)
	for i := range out {
		var h int64
		for _, it := range out[i].Items {
			h += int64(math.Round(it.Score * 100))
		}
		totals[i] = h
		out[i].Total = float64(h) / 100
	}
	ranks := competitionRanks(totals)
	for i := range out {
		out[i].Rank = ranks[i]
	}
	slices.SortStableFunc(out, func(a, b AssessmentRegionScore) int { return a.Rank - b.Rank })
	return out
}

// competitionRanks ranks values from the largest: equal values share the better rank.
func competitionRanks(values []int64) []int {
	ranks := make([]int, len(values))
	for i, v := range values {
		r := 1
		for _, w := range values {
			if w > v {
				r++
			}
		}
		ranks[i] = r
	}
	return ranks
}

// round2 rounds half up to two decimals (scores are never negative).
func round2(x float64) float64 { return math.Floor(x*100+0.5+1e-9) / 100 }

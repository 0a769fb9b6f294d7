package zhaoyin

import "context"

// SummaryFilter selects the period and region of a summary (API.md /stats/summary).
type SummaryFilter struct {
	Region        string // "" = the caller's whole scope
	From, To      string // YYYY-MM-DD, inclusive
	MinInvestment int64  // 0 = no floor; 100000000 = 过亿元项目
}

// Summary holds the figures of DOMAIN.md's statistical definitions for one period.
type Summary struct {
	Signed struct {
		Count                   int64 `json:"count"`
		AmountYuan              int64 `json:"amount_yuan"`
		ManufacturingCount      int64 `json:"manufacturing_count"`
		ManufacturingAmountYuan int64 `json:"manufacturing_amount_yuan"`
	} `json:"signed"`
	Approved struct {
		Count int64 `json:"count"`
	} `json:"approved"`
	Started struct {
		Count              int64 `json:"count"`
		ManufacturingCount int64 `json:"manufacturing_count"`
	} `json:"started"`
	Producing struct {
		Count int64 `json:"count"`
	} `json:"producing"`
	Funds struct {
		ArrivedYuan              int64    `json:"arrived_yuan"`
		PrevYearArrivedYuan      int64    `json:"prev_year_arrived_yuan"`
		YoYPct                   *float64 `json:"yoy_pct"`
		ManufacturingArrivedYuan int64    `json:"manufacturing_arrived_yuan"`
		OutOfProvinceArrivedYuan int64    `json:"out_of_province_arrived_yuan"`
	} `json:"funds"`
	FixedAssetInvestedYuan int64 `json:"fixed_asset_invested_yuan"`
}

// GroupFilter selects a breakdown of projects (API.md /stats/projects).
type GroupFilter struct {
	GroupBy string // region | type | chain | stage | capital_source
	Region  string
	Batch   string
	Tag     string
}

// GroupRow is one row of a breakdown.
type GroupRow struct {
	Key                 string `json:"key"`
	Name                string `json:"name"`
	Count               int64  `json:"count"`
	TotalInvestmentYuan int64  `json:"total_investment_yuan"`
	AnnualPlanYuan      int64  `json:"annual_plan_yuan"`
}

// StatsService computes the published figures inside the caller's scope.
type StatsService interface {
	Summary(ctx context.Context, f SummaryFilter) (*Summary, error)
	GroupProjects(ctx context.Context, f GroupFilter) ([]GroupRow, error)
}

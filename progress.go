package zhaoyin

import "context"

// Progress is one project's monthly dispatch report (调度).
type Progress struct {
	ProjectCode      string `json:"project_code"`
	Month            string `json:"month"` // YYYY-MM
	FundsArrivedYuan int64  `json:"funds_arrived_yuan"`
	InvestedYuan     int64  `json:"invested_yuan"`
	ProgressText     string `json:"progress_text"`
	Problems         string `json:"problems"`
}

// ProgressService keeps monthly progress.
type ProgressService interface {
	FindProgress(ctx context.Context, projectCode string) ([]*Progress, error)
	UpsertProgress(ctx context.Context, p *Progress) error
}

// ImportResult is what an import did (or would do, on a dry run).
type ImportResult struct {
	Created int  `json:"created"`
	Updated int  `json:"updated"`
	DryRun  bool `json:"dry_run,omitempty"`
}

// ImportService stores whole validated sheets in one transaction: all or nothing.
type ImportService interface {
	// ImportProjects creates or updates (by code) every project. rows[i] failing a store-side
	// rule yields an *Error whose Cells use Row = i (the caller maps it to the sheet's row).
	ImportProjects(ctx context.Context, rows []*Project, dryRun bool) (ImportResult, error)
	ImportProgress(ctx context.Context, rows []*Progress, dryRun bool) (ImportResult, error)
}

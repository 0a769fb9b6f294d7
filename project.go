package zhaoyin

import (
	"context"
	"time"
)

// Stage is a step of the project lifecycle (项目全生命周期).
type Stage string

const (
	StageLead        Stage = "lead"
	StageNegotiating Stage = "negotiating"
	StageSigned      Stage = "signed"
	StageApproved    Stage = "approved"
	StageStarted     Stage = "started"
	StageProducing   Stage = "producing"
	StageAchieved    Stage = "achieved"
	StageDropped     Stage = "dropped"
)

// Stages lists the forward stages in order; dropped stands outside the order.
var Stages = []Stage{StageLead, StageNegotiating, StageSigned, StageApproved, StageStarted, StageProducing, StageAchieved}

// Label is a value with its Chinese name, for dictionaries and sheets.
type Label struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// StageLabels are the Chinese names used in sheets, bulletins and the UI.
var StageLabels = []Label{
	{"lead", "线索"}, {"negotiating", "在谈"}, {"signed", "签约"}, {"approved", "立项"},
	{"started", "开工"}, {"producing", "投产"}, {"achieved", "达效"}, {"dropped", "终止"},
}

// StageAliases are other words people write for a stage in sheets.
var StageAliases = map[string]Stage{"洽谈": StageNegotiating, "达产达效": StageAchieved, "达产": StageAchieved, "已签约": StageSigned, "已开工": StageStarted, "已投产": StageProducing}

// Project types (项目类型).
const (
	TypeIndustrial     = "industrial"
	TypePlatform       = "platform"
	TypeSocial         = "social"
	TypeInfrastructure = "infrastructure"
)

var TypeLabels = []Label{{"industrial", "产业类"}, {"platform", "平台类"}, {"social", "社会事业类"}, {"infrastructure", "基础设施类"}}

// Capital sources (资金来源).
const (
	CapitalInProvince    = "in_province"
	CapitalOutOfProvince = "out_of_province"
	CapitalForeign       = "foreign"
	CapitalHKMacaoTaiwan = "hk_macao_taiwan"
)

var CapitalLabels = []Label{{"in_province", "省内"}, {"out_of_province", "省外内资"}, {"foreign", "外资"}, {"hk_macao_taiwan", "港澳台资"}}

// LabelOf returns the Chinese label of value in labels, or value itself.
func LabelOf(labels []Label, value string) string {
	for _, l := range labels {
		if l.Value == value {
			return l.Label
		}
	}
	return value
}

// ValueOf returns the value whose label (or value) is text.
func ValueOf(labels []Label, text string) (string, bool) {
	for _, l := range labels {
		if l.Label == text || l.Value == text {
			return l.Value, true
		}
	}
	return "", false
}

// Investor is an enterprise investing in a project (投资方).
type Investor struct {
	Name string `json:"name"`
	USCC string `json:"uscc,omitempty"` // 统一社会信用代码, GB 32100-2015
}

// Project is one investment project, entered once at the district and rolled up everywhere.
// Money is integer yuan; dates are YYYY-MM-DD strings ("" when not reached).
type Project struct {
	Code          string `json:"code"`
	Name          string `json:"name"`
	RegionCode    string `json:"region_code"`
	RegionName    string `json:"region_name,omitempty"`
	Type          string `json:"type"`
	Chain         string `json:"chain"`
	ChainNode     string `json:"chain_node"`
	Manufacturing bool   `json:"manufacturing"`
	CapitalSource string `json:"capital_source"`

	TotalInvestmentYuan int64 `json:"total_investment_yuan"`
	AnnualPlanYuan      int64 `json:"annual_plan_yuan"`
	SignedAmountYuan    int64 `json:"signed_amount_yuan"`
	ForeignInvestUSD    int64 `json:"foreign_investment_usd"`

	Stage         Stage  `json:"stage"`
	NegotiatingOn string `json:"negotiating_on"`
	SignedOn      string `json:"signed_on"`
	ApprovedOn    string `json:"approved_on"`
	StartedOn     string `json:"started_on"`
	ProducingOn   string `json:"producing_on"`
	AchievedOn    string `json:"achieved_on"`
	DroppedOn     string `json:"dropped_on"`
	DropReason    string `json:"drop_reason"`

	LandMu      float64 `json:"land_mu"`
	FloorAreaM2 float64 `json:"floor_area_m2"`
	Jobs        int     `json:"jobs"`

	ResponsiblePerson string `json:"responsible_person"`
	LeadingOfficial   string `json:"leading_official"`
	ServiceTeam       string `json:"service_team"`
	Channel           string `json:"channel"`
	Description       string `json:"description"`

	Tags      []string   `json:"tags"`
	Batches   []string   `json:"batches"`
	Investors []Investor `json:"investors"`

	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// StageDate returns the date on which p reached s ("" if not).
func (p *Project) StageDate(s Stage) string {
	switch s {
	case StageNegotiating:
		return p.NegotiatingOn
	case StageSigned:
		return p.SignedOn
	case StageApproved:
		return p.ApprovedOn
	case StageStarted:
		return p.StartedOn
	case StageProducing:
		return p.ProducingOn
	case StageAchieved:
		return p.AchievedOn
	case StageDropped:
		return p.DroppedOn
	}
	return ""
}

// SetStageDate records the date on which p reached s.
func (p *Project) SetStageDate(s Stage, on string) {
	switch s {
	case StageNegotiating:
		p.NegotiatingOn = on
	case StageSigned:
		p.SignedOn = on
	case StageApproved:
		p.ApprovedOn = on
	case StageStarted:
		p.StartedOn = on
	case StageProducing:
		p.ProducingOn = on
	case StageAchieved:
		p.AchievedOn = on
	case StageDropped:
		p.DroppedOn = on
	}
}

// ProjectFilter selects projects; nil fields do not filter. The caller's region scope is
// added by the store from the context, whatever the filter says.
type ProjectFilter struct {
	Region        *string // includes the regions below it
	Stage         *Stage
	Type          *string
	Chain         *string
	Tag           *string
	Batch         *string
	Query         *string // Chinese search on name, code and investor
	Manufacturing *bool
	MinInvestment *int64
	MaxInvestment *int64
	SignedFrom    *string
	SignedTo      *string

	Sort     string // a field name, "-" in front for descending; default "-updated_at"
	Offset   int
	Limit    int // 0 = no limit
	Codes    []string
	NoTotal  bool // skip counting when the caller does not need the total
	WithRows bool // unused by the store; reserved for exports
}

// SortFields are the fields a project list may be sorted by.
var SortFields = map[string]bool{
	"code": true, "name": true, "total_investment_yuan": true, "annual_plan_yuan": true,
	"signed_amount_yuan": true, "signed_on": true, "started_on": true, "updated_at": true,
	"created_at": true, "stage": true, "region_code": true,
}

// ProjectService is the project store. Every method applies the caller's region scope.
type ProjectService interface {
	FindProject(ctx context.Context, code string) (*Project, error)
	FindProjects(ctx context.Context, f ProjectFilter) ([]*Project, int, error)
	CreateProject(ctx context.Context, p *Project) error
	// UpdateProject replaces the editable fields of the project with code; p.Version must be
	// the version last read, else ECONFLICT and nothing changes.
	UpdateProject(ctx context.Context, code string, upd ProjectUpdate) (*Project, error)
	// AdvanceStage moves the project to stage on date; impossible moves are EINVALID.
	AdvanceStage(ctx context.Context, code string, stage Stage, on, reason string) (*Project, error)
	// ProjectHistory lists every recorded change of the project, oldest first.
	ProjectHistory(ctx context.Context, code string) ([]*AuditEntry, error)
	// Distinct lists the values in use for "chain", "tag" or "batch", for filters and forms.
	Distinct(ctx context.Context, field string) ([]string, error)
}

// ProjectUpdate carries the fields to change; nil = unchanged.
type ProjectUpdate struct {
	Version             int
	Name                *string
	RegionCode          *string
	Type                *string
	Chain               *string
	ChainNode           *string
	Manufacturing       *bool
	CapitalSource       *string
	TotalInvestmentYuan *int64
	AnnualPlanYuan      *int64
	SignedAmountYuan    *int64
	ForeignInvestUSD    *int64
	LandMu              *float64
	FloorAreaM2         *float64
	Jobs                *int
	ResponsiblePerson   *string
	LeadingOfficial     *string
	ServiceTeam         *string
	Channel             *string
	Description         *string
	Tags                *[]string
	Batches             *[]string
	Investors           *[]Investor
	// Stage dates may be corrected directly; the lifecycle rules are checked on the result.
	NegotiatingOn *string
	SignedOn      *string
	ApprovedOn    *string
	StartedOn     *string
	ProducingOn   *string
	AchievedOn    *string
	DropReason    *string
}

// Apply writes the non-nil fields of u into p.
func (u *ProjectUpdate) Apply(p *Project) {
	setS := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	setI := func(dst *int64, v *int64) {
		if v != nil {
			*dst = *v
		}
	}
	setS(&p.Name, u.Name)
	setS(&p.RegionCode, u.RegionCode)
	setS(&p.Type, u.Type)
	setS(&p.Chain, u.Chain)
	setS(&p.ChainNode, u.ChainNode)
	if u.Manufacturing != nil {
		p.Manufacturing = *u.Manufacturing
	}
	setS(&p.CapitalSource, u.CapitalSource)
	setI(&p.TotalInvestmentYuan, u.TotalInvestmentYuan)
	setI(&p.AnnualPlanYuan, u.AnnualPlanYuan)
	setI(&p.SignedAmountYuan, u.SignedAmountYuan)
	setI(&p.ForeignInvestUSD, u.ForeignInvestUSD)
	if u.LandMu != nil {
		p.LandMu = *u.LandMu
	}
	if u.FloorAreaM2 != nil {
		p.FloorAreaM2 = *u.FloorAreaM2
	}
	if u.Jobs != nil {
		p.Jobs = *u.Jobs
	}
	setS(&p.ResponsiblePerson, u.ResponsiblePerson)
	setS(&p.LeadingOfficial, u.LeadingOfficial)
	setS(&p.ServiceTeam, u.ServiceTeam)
	setS(&p.Channel, u.Channel)
	setS(&p.Description, u.Description)
	if u.Tags != nil {
		p.Tags = *u.Tags
	}
	if u.Batches != nil {
		p.Batches = *u.Batches
	}
	if u.Investors != nil {
		p.Investors = *u.Investors
	}
	setS(&p.NegotiatingOn, u.NegotiatingOn)
	setS(&p.SignedOn, u.SignedOn)
	setS(&p.ApprovedOn, u.ApprovedOn)
	setS(&p.StartedOn, u.StartedOn)
	setS(&p.ProducingOn, u.ProducingOn)
	setS(&p.AchievedOn, u.AchievedOn)
	setS(&p.DropReason, u.DropReason)
}

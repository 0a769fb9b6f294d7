package zhaoyin

import "context"

// Region kinds. Zones (开发区) are not in GB/T 2260 and are added by users.
const (
	RegionProvince = "province"
	RegionCity     = "city"
	RegionCounty   = "county"
	RegionZone     = "zone"
)

// Region is one node of the division tree.
type Region struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	ParentCode string `json:"parent_code"`
	Kind       string `json:"kind"`
}

// RegionService reads and extends the region tree.
type RegionService interface {
	FindRegion(ctx context.Context, code string) (*Region, error)
	// FindRegions lists the children of parentCode ("" = provinces).
	FindRegions(ctx context.Context, parentCode string) ([]*Region, error)
	CreateRegion(ctx context.Context, r *Region) error
	// ResolveRegion turns what a person writes (a code, a name unique in the deployment, or a
	// path such as 潍坊市/高新区) into a region; an ambiguous name is an error listing the matches.
	ResolveRegion(ctx context.Context, text string) (*Region, error)
}

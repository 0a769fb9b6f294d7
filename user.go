package zhaoyin

import (
	"context"
	"time"
)

// Roles of API.md.
const (
	RoleAdmin      = "admin"      // users, regions, dictionaries, imports, backups
	RoleCity       = "city"       // the bureau: the whole deployment
	RoleDistrict   = "district"   // its region and the regions below it
	RoleDepartment = "department" // its assigned problems and requests
	RoleLeader     = "leader"     // reads everything in its region, changes nothing
)

var RoleLabels = []Label{{"admin", "系统管理员"}, {"city", "市级招商部门"}, {"district", "区县招商部门"}, {"department", "职能部门"}, {"leader", "领导"}}

// ValidRole reports whether r is a known role.
func ValidRole(r string) bool { _, ok := ValueOf(RoleLabels, r); return ok && r != "" }

// User is a person or a script using the platform.
type User struct {
	ID          int64     `json:"id"`
	Username    string    `json:"username"`
	DisplayName string    `json:"display_name"`
	Role        string    `json:"role"`
	RegionCode  string    `json:"region_code"`
	RegionName  string    `json:"region_name"`
	Disabled    bool      `json:"disabled"`
	CreatedAt   time.Time `json:"created_at"`
}

// CanWrite reports whether the user may change project data.
func (u *User) CanWrite() bool {
	return u != nil && (u.Role == RoleAdmin || u.Role == RoleCity || u.Role == RoleDistrict)
}

// ScopeRegion is the region the user is confined to; "" means the whole deployment.
func (u *User) ScopeRegion() string {
	if u == nil {
		return ""
	}
	switch u.Role {
	case RoleDistrict, RoleLeader, RoleDepartment:
		return u.RegionCode
	}
	return ""
}

// UserUpdate carries the changes an administrator makes to a user.
type UserUpdate struct {
	DisplayName *string
	Role        *string
	RegionCode  *string
	Password    *string
	Disabled    *bool
}

// UserService keeps users, passwords and API tokens.
type UserService interface {
	CreateUser(ctx context.Context, u *User, password string) error
	FindUser(ctx context.Context, username string) (*User, error)
	FindUsers(ctx context.Context) ([]*User, error)
	UpdateUser(ctx context.Context, username string, upd UserUpdate) (*User, error)
	// Authenticate checks a password, throttled per user and per address.
	Authenticate(ctx context.Context, username, password, addr string) (*User, error)
	ChangePassword(ctx context.Context, username, oldPassword, newPassword string) error
	// CreateToken returns a new bearer token; only its hash is stored.
	CreateToken(ctx context.Context, username, name string) (string, error)
	UserByToken(ctx context.Context, token string) (*User, error)
}

type ctxKey int

const userKey ctxKey = 1

// NewContextWithUser returns ctx carrying the acting user; the store scopes every query by it.
func NewContextWithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userKey, u)
}

// UserFromContext returns the acting user, nil for the system itself (command line, demo).
func UserFromContext(ctx context.Context) *User {
	u, _ := ctx.Value(userKey).(*User)
	return u
}

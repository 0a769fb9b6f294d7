// Package demo fills an empty database with a realistic demo city: Weifang (潍坊市, 370700),
// its four functional zones, a user for every role, about 1,500 projects across its 16
// county-level units and zones, and two years of monthly progress.
//
// Build makes the data in memory: it needs no database and is deterministic (the same Seed and
// the same day give the same rows). Fill builds and stores it through the services. The figures
// of the 2024 spring concentrated start quoted in shared/DOMAIN.md come out of the demo data as
// the seed reports them (see spring.go for the one figure that cannot).
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"zhaoyin"
)

// CityCode is the demo city, 潍坊市.
const CityCode = "370700"

// Services are the stores Fill writes through.
type Services struct {
	Regions zhaoyin.RegionService
	Users   zhaoyin.UserService
	Imports zhaoyin.ImportService
	// Attachments, when set, gets a few drawn site photos.
	Attachments zhaoyin.AttachmentService
	// Dispatch, when set, holds and closes this year's past dispatch periods (ClosedMonths).
	Dispatch Dispatcher
	// Assessment, when set, gets this year's assessment scheme (Scheme).
	Assessment SchemeCreator
}

// Login is how to sign in as one of the demo users.
type Login struct{ Username, Password, Role, Note string }

// Account is a demo user with its password.
type Account struct {
	User     zhaoyin.User
	Password string
	Note     string
}

// Data is the whole demo city.
type Data struct {
	Zones    []*zhaoyin.Region
	Accounts []Account
	Projects []*zhaoyin.Project  // ordered by code
	Progress []*zhaoyin.Progress // ordered by project code, then month
}

// Logins lists the demo users' credentials.
func (d *Data) Logins() []Login {
	out := make([]Login, len(d.Accounts))
	for i, a := range d.Accounts {
		out[i] = Login{Username: a.User.Username, Password: a.Password, Role: a.User.Role, Note: a.Note}
	}
	return out
}

func accounts() []Account {
	acc := func(username, password, name, role, region, note string) Account {
		return Account{User: zhaoyin.User{Username: username, DisplayName: name, Role: role, RegionCode: region}, Password: password, Note: note}
	}
	return []Account{
		acc("admin", "admin123", "系统管理员", zhaoyin.RoleAdmin, "", "系统管理员：用户、区域、字典、导入"),
		acc("city", "city123", "市投资促进局", zhaoyin.RoleCity, CityCode, "市投资促进局：全市项目、调度、统计"),
		acc("gaoxin", "gaoxin123", "高新区投资促进局", zhaoyin.RoleDistrict, "370771", "高新区招商部门：只看、只改高新区的项目"),
		acc("shouguang", "shouguang123", "寿光市投资促进中心", zhaoyin.RoleDistrict, "370783", "寿光市招商部门：只看、只改寿光市的项目"),
		acc("leader", "leader123", "市政府分管领导", zhaoyin.RoleLeader, CityCode, "市领导：只读，驾驶舱、图谱、排名"),
		acc("dept", "dept123", "市自然资源和规划局", zhaoyin.RoleDepartment, CityCode, "职能部门：办理交办的问题和要素申请"),
	}
}

// Build makes the demo city as it stands on the day of now: every date falls between
// 2023-01-01 (or two years before now, if earlier) and that day.
func Build(now time.Time) *Data {
	g := newGen(now)
	g.addFlagships()
	g.addBatches()
	g.addFree()
	g.finish()
	g.assignCodes()
	d := &Data{Accounts: accounts()}
	for _, z := range zones {
		d.Zones = append(d.Zones, &zhaoyin.Region{Code: z.Code, Name: z.Name, ParentCode: CityCode, Kind: zhaoyin.RegionZone})
	}
	for _, it := range g.items {
		d.Projects = append(d.Projects, it.p)
	}
	d.Progress = g.progress()
	return d
}

// Fill adds the demo city to an empty database: zones, users, projects (one import) and
// monthly progress (one import). ctx is a system context (no user). now fixes "today": pass
// time.Now() in production, a fixed day in tests.
func Fill(ctx context.Context, s Services, now time.Time) ([]Login, error) {
	return Build(now).Store(ctx, s, now)
}

// Store writes d through the services. It refuses, before writing anything, when one of the
// demo users exists already: the demo is for an empty database. Zones that exist are kept.
func (d *Data) Store(ctx context.Context, s Services, now time.Time) ([]Login, error) {
	if s.Regions == nil || s.Users == nil || s.Imports == nil {
		return nil, errors.New("demo: Services needs Regions, Users and Imports")
	}
	for _, a := range d.Accounts {
		_, err := s.Users.FindUser(ctx, a.User.Username)
		switch {
		case err == nil:
			return nil, zhaoyin.Errorf(zhaoyin.ECONFLICT, "用户“%s”已存在：演示数据只能装入空数据库", a.User.Username)
		case zhaoyin.ErrorCode(err) != zhaoyin.ENOTFOUND:
			return nil, fmt.Errorf("demo: find user %s: %w", a.User.Username, err)
		}
	}
	for _, z := range d.Zones {
		_, err := s.Regions.FindRegion(ctx, z.Code)
		switch {
		case err == nil:
			continue
		case zhaoyin.ErrorCode(err) != zhaoyin.ENOTFOUND:
			return nil, fmt.Errorf("demo: find region %s: %w", z.Code, err)
		}
		r := *z
		if err := s.Regions.CreateRegion(ctx, &r); err != nil {
			return nil, fmt.Errorf("demo: create region %s %s: %w", z.Code, z.Name, err)
		}
	}
	for _, a := range d.Accounts {
		u := a.User
		if err := s.Users.CreateUser(ctx, &u, a.Password); err != nil {
			return nil, fmt.Errorf("demo: create user %s: %w", u.Username, err)
		}
	}
	if _, err := s.Imports.ImportProjects(ctx, d.Projects, false); err != nil {
		return nil, fmt.Errorf("demo: import %d projects: %w", len(d.Projects), err)
	}
	if _, err := s.Imports.ImportProgress(ctx, d.Progress, false); err != nil {
		return nil, fmt.Errorf("demo: import %d progress rows: %w", len(d.Progress), err)
	}
	if s.Attachments != nil {
		if err := d.attachPhotos(ctx, s.Attachments); err != nil {
			return nil, err
		}
	}
	if s.Dispatch != nil {
		if err := d.holdDispatch(ctx, s.Dispatch, now); err != nil {
			return nil, err
		}
	}
	if s.Assessment != nil {
		if err := s.Assessment.CreateScheme(ctx, d.Scheme(now)); err != nil {
			return nil, fmt.Errorf("demo: assessment scheme: %w", err)
		}
	}
	return d.Logins(), nil
}

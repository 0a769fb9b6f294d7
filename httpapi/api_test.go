package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
)

// scenario is one row of the permission matrix (pocketbase tests/api.go style): a request
// made as a role, the status it must get and fragments its body must (not) contain. Rows run
// in order on one server, so later rows see what earlier ones changed.
type scenario struct {
	name        string
	method, url string
	body        any
	as          string // "" = anonymous; else a fixture user (bearer token)
	status      int
	contains    []string
	notContains []string
	header      map[string]string
}

var patchName = map[string]any{"version": 1, "name": "改过的名称"}

var newGX = map[string]any{
	"code": "GX-NEW", "name": "高新区新材料项目", "region_code": "370771", "type": "industrial", "stage": "lead",
	"total_investment_yuan": 200000000, "tags": []string{"新经济新产业"}, "signed_on": nil, "negotiating_on": "",
}

func TestContract(t *testing.T) {
	e := newEnv(t)
	rows := []scenario{
		// Anonymous: every endpoint but login and logout needs credentials.
		{name: "anon me", method: "GET", url: "/api/v1/auth/me", status: 401, contains: []string{`"error":"请先登录"`}},
		{name: "anon projects", method: "GET", url: "/api/v1/projects", status: 401, contains: []string{"请先登录"}},
		{name: "anon project", method: "GET", url: "/api/v1/projects/GX-001", status: 401},
		{name: "anon create", method: "POST", url: "/api/v1/projects", body: newGX, status: 401},
		{name: "anon patch", method: "PATCH", url: "/api/v1/projects/GX-001", body: patchName, status: 401},
		{name: "anon stage", method: "POST", url: "/api/v1/projects/GX-001/stage", body: map[string]any{"stage": "approved", "on": "2024-03-01"}, status: 401},
		{name: "anon history", method: "GET", url: "/api/v1/projects/GX-001/history", status: 401},
		{name: "anon progress", method: "GET", url: "/api/v1/projects/GX-001/progress", status: 401},
		{name: "anon export", method: "GET", url: "/api/v1/projects/export", status: 401},
		{name: "anon regions", method: "GET", url: "/api/v1/regions?parent_code=370700", status: 401},
		{name: "anon region", method: "GET", url: "/api/v1/regions/370771", status: 401},
		{name: "anon create region", method: "POST", url: "/api/v1/regions", body: map[string]any{"code": "370779", "name": "X区", "parent_code": "370700"}, status: 401},
		{name: "anon import", method: "POST", url: "/api/v1/imports/projects", body: "x", status: 401},
		{name: "anon import progress", method: "POST", url: "/api/v1/imports/progress", body: "x", status: 401},
		{name: "anon template", method: "GET", url: "/api/v1/imports/projects/template", status: 401},
		{name: "anon progress template", method: "GET", url: "/api/v1/imports/progress/template", status: 401},
		{name: "anon dicts", method: "GET", url: "/api/v1/dicts", status: 401},
		{name: "anon users", method: "GET", url: "/api/v1/users", status: 401},
		{name: "anon audit", method: "GET", url: "/api/v1/audit", status: 401},
		{name: "anon summary", method: "GET", url: "/api/v1/stats/summary?from=2024-01-01&to=2024-12-31", status: 401},
		{name: "anon group", method: "GET", url: "/api/v1/stats/projects?group_by=type", status: 401},
		{name: "anon bulletin", method: "GET", url: "/api/v1/reports/bulletin?year=2024", status: 401},
		{name: "anon password", method: "POST", url: "/api/v1/auth/password", body: map[string]any{"old_password": "a", "new_password": "b"}, status: 401},
		{name: "anon logout", method: "POST", url: "/api/v1/auth/logout", status: 204},
		{name: "anon openapi", method: "GET", url: "/api/v1/openapi.json", status: 200, contains: []string{`"openapi":"3.1.0"`}},
		{name: "anon docs", method: "GET", url: "/api/docs", status: 200, contains: []string{"docs.js"}},
		{name: "unknown api path", method: "GET", url: "/api/v1/nope", status: 404, contains: []string{`"error":"接口不存在"`}},
		{name: "wrong method", method: "DELETE", url: "/api/v1/projects", as: "admin", status: 405, contains: []string{`"error"`}},
		{name: "login wrong password", method: "POST", url: "/api/v1/auth/login", body: map[string]any{"username": "city", "password": "nope-nope"}, status: 401, contains: []string{"用户名或密码错误"}},
		{name: "login unknown user", method: "POST", url: "/api/v1/auth/login", body: map[string]any{"username": "ghost", "password": "nope-nope"}, status: 401, contains: []string{"用户名或密码错误"}},
		{name: "bad bearer token", method: "GET", url: "/api/v1/projects", header: map[string]string{"Authorization": "Bearer zy_forged"}, status: 401, contains: []string{"令牌无效"}},
		{name: "malformed authorization", method: "GET", url: "/api/v1/projects", header: map[string]string{"Authorization": "Basic eDp5"}, status: 401, contains: []string{"Bearer"}},

		// Bearer tokens work for every role; /auth/me tells who.
		{name: "me admin", method: "GET", url: "/api/v1/auth/me", as: "admin", status: 200, contains: []string{`"user":{`, `"username":"admin"`, `"role":"admin"`, `"created_at"`, `"disabled":false`}},
		{name: "me district", method: "GET", url: "/api/v1/auth/me", as: "district", status: 200, contains: []string{`"region_code":"370771"`, `"region_name":"高新区"`}},

		// Reading projects: scope comes from the store.
		{name: "admin list", method: "GET", url: "/api/v1/projects", as: "admin", status: 200, contains: []string{`"total":3`, `"page":1`, `"page_size":20`, "GX-001", "BH-001", "SG-001"}},
		{name: "city list", method: "GET", url: "/api/v1/projects?region=370700&sort=-total_investment_yuan", as: "city", status: 200, contains: []string{`"total":3`}},
		{name: "city list by stage", method: "GET", url: "/api/v1/projects?stage=lead", as: "city", status: 200, contains: []string{`"total":0`, `"items":[]`}},
		{name: "district list", method: "GET", url: "/api/v1/projects", as: "district", status: 200, contains: []string{`"total":1`, "GX-001"}, notContains: []string{"BH-001", "SG-001"}},
		{name: "district list other region", method: "GET", url: "/api/v1/projects?region=370772", as: "district", status: 200, contains: []string{`"total":0`}},
		{name: "district reads own", method: "GET", url: "/api/v1/projects/GX-001", as: "district", status: 200, contains: []string{`"code":"GX-001"`, `"region_name":"高新区"`, `"signed_on":"2024-02-12"`, `"approved_on":null`, `"version":1`, `"tags":["市重点项目"]`, `"investors":[{"name":"潍柴动力股份有限公司","uscc":""}]`, `"total_investment_yuan":15000000000`}},
		{name: "district reads other district", method: "GET", url: "/api/v1/projects/BH-001", as: "district", status: 404, contains: []string{`"error"`}, notContains: []string{"潍柴"}},
		{name: "district patches other district", method: "PATCH", url: "/api/v1/projects/BH-001", body: patchName, as: "district", status: 404},
		{name: "district stage other district", method: "POST", url: "/api/v1/projects/BH-001/stage", body: map[string]any{"stage": "approved", "on": "2024-03-01"}, as: "district", status: 404},
		{name: "district history other district", method: "GET", url: "/api/v1/projects/BH-001/history", as: "district", status: 404},
		{name: "leader list", method: "GET", url: "/api/v1/projects", as: "leader", status: 200, contains: []string{`"total":3`}},
		{name: "department list", method: "GET", url: "/api/v1/projects", as: "department", status: 200},
		{name: "not found", method: "GET", url: "/api/v1/projects/NOPE", as: "admin", status: 404, contains: []string{"NOPE"}},

		// Query parameters are checked, and errors name them.
		{name: "bad stage", method: "GET", url: "/api/v1/projects?stage=bogus", as: "city", status: 422, contains: []string{"stage", `"fields":{"stage"`}},
		{name: "bad type", method: "GET", url: "/api/v1/projects?type=bogus", as: "city", status: 422, contains: []string{"参数 type"}},
		{name: "bad sort", method: "GET", url: "/api/v1/projects?sort=password", as: "city", status: 422, contains: []string{"参数 sort"}},
		{name: "bad page", method: "GET", url: "/api/v1/projects?page=abc", as: "city", status: 422, contains: []string{"参数 page", "整数"}},
		{name: "page size too big", method: "GET", url: "/api/v1/projects?page_size=500", as: "city", status: 422, contains: []string{"page_size", "200"}},
		{name: "bad min investment", method: "GET", url: "/api/v1/projects?min_investment_yuan=lots", as: "city", status: 422, contains: []string{"min_investment_yuan"}},
		{name: "bad signed_from", method: "GET", url: "/api/v1/projects?signed_from=2024-02-30", as: "city", status: 422, contains: []string{"signed_from"}},
		{name: "unknown region filter", method: "GET", url: "/api/v1/projects?region=999999", as: "city", status: 422, contains: []string{"999999"}},
		{name: "extras filter", method: "GET", url: "/api/v1/projects?chain=氢能&tag=市重点项目&batch=2024年春季全市重大项目集中开工&min_investment_yuan=100000000&max_investment_yuan=20000000000&signed_from=2024-01-01&signed_to=2024-12-31&manufacturing=true&q=潍柴", as: "city", status: 200, contains: []string{`"total":3`}},
		{name: "paging", method: "GET", url: "/api/v1/projects?page=2&page_size=2&sort=code", as: "city", status: 200, contains: []string{`"total":3`, `"page":2`, `"page_size":2`, "SG-001"}, notContains: []string{"BH-001"}},

		// Writing: leaders and departments read only.
		{name: "leader create", method: "POST", url: "/api/v1/projects", body: newGX, as: "leader", status: 403, contains: []string{"只能查看"}},
		{name: "leader patch", method: "PATCH", url: "/api/v1/projects/GX-001", body: patchName, as: "leader", status: 403},
		{name: "leader stage", method: "POST", url: "/api/v1/projects/GX-001/stage", body: map[string]any{"stage": "approved", "on": "2024-03-01"}, as: "leader", status: 403},
		{name: "department create", method: "POST", url: "/api/v1/projects", body: newGX, as: "department", status: 403},
		{name: "district creates elsewhere", method: "POST", url: "/api/v1/projects", body: map[string]any{"code": "BH-NEW", "name": "滨海区项目", "region_code": "370772", "type": "industrial", "stage": "lead", "total_investment_yuan": 1}, as: "district", status: 422, contains: []string{"region_code"}},
		{name: "district creates", method: "POST", url: "/api/v1/projects", body: newGX, as: "district", status: 201, contains: []string{`"code":"GX-NEW"`, `"version":1`, `"signed_on":null`, `"negotiating_on":null`, `"batches":[]`, `"investors":[]`}},
		{name: "duplicate code", method: "POST", url: "/api/v1/projects", body: newGX, as: "admin", status: 409, contains: []string{"GX-NEW", "已存在"}},
		{name: "invalid project", method: "POST", url: "/api/v1/projects", body: map[string]any{"code": "X 1", "name": "", "region_code": "370771", "type": "industrial", "stage": "signed", "total_investment_yuan": 0}, as: "city", status: 422, contains: []string{`"fields":{`, `"code"`, `"total_investment_yuan"`, `"signed_on"`}},
		{name: "missing required", method: "POST", url: "/api/v1/projects", body: map[string]any{"code": "X2"}, as: "city", status: 422, contains: []string{"缺少必填字段", `"name":"必须填写"`}},
		{name: "unknown field", method: "POST", url: "/api/v1/projects", body: map[string]any{"code": "X3", "name": "n", "region_code": "370771", "type": "industrial", "stage": "lead", "total_investment_yuan": 1, "colour": "red"}, as: "city", status: 422, contains: []string{"colour"}},
		{name: "bad enum in body", method: "POST", url: "/api/v1/projects", body: map[string]any{"code": "X4", "name": "n", "region_code": "370771", "type": "rocket", "stage": "lead", "total_investment_yuan": 1}, as: "city", status: 422, contains: []string{"字段 type", "industrial"}},

		// PATCH: version is required and must be current.
		{name: "patch without version", method: "PATCH", url: "/api/v1/projects/GX-001", body: map[string]any{"name": "x"}, as: "district", status: 422, contains: []string{"version"}},
		{name: "patch", method: "PATCH", url: "/api/v1/projects/GX-001", body: map[string]any{"version": 1, "name": "改过的名称", "land_mu": 120.5, "tags": nil, "chain": nil}, as: "district", status: 200, contains: []string{`"name":"改过的名称"`, `"version":2`, `"land_mu":120.5`, `"tags":[]`, `"chain":""`, `"batches":["2024年春季全市重大项目集中开工"]`}},
		{name: "patch stale version", method: "PATCH", url: "/api/v1/projects/GX-001", body: map[string]any{"version": 1, "name": "再改一次"}, as: "district", status: 409, contains: []string{"已被他人修改"}},
		{name: "stale patch changed nothing", method: "GET", url: "/api/v1/projects/GX-001", as: "district", status: 200, contains: []string{`"name":"改过的名称"`, `"version":2`}},
		{name: "patch read-only fields as read", method: "PATCH", url: "/api/v1/projects/GX-001", body: map[string]any{"version": 2, "code": "GX-001", "stage": "signed", "region_name": "高新区", "dropped_on": nil, "signed_on": "2024-02-13"}, as: "city", status: 200, contains: []string{`"signed_on":"2024-02-13"`, `"version":3`}},
		{name: "patch stage refused", method: "PATCH", url: "/api/v1/projects/GX-001", body: map[string]any{"version": 3, "stage": "started"}, as: "city", status: 422, contains: []string{"/stage"}},
		{name: "patch breaks lifecycle", method: "PATCH", url: "/api/v1/projects/GX-001", body: map[string]any{"version": 3, "signed_on": "2023-01-01"}, as: "city", status: 422, contains: []string{"signed_on"}},

		// Stage moves: impossible ones say why.
		{name: "skip a stage", method: "POST", url: "/api/v1/projects/GX-001/stage", body: map[string]any{"stage": "started", "on": "2024-03-01"}, as: "district", status: 422, contains: []string{"不能跳过阶段"}},
		{name: "date before previous", method: "POST", url: "/api/v1/projects/GX-001/stage", body: map[string]any{"stage": "approved", "on": "2024-01-01"}, as: "district", status: 422, contains: []string{"早于", "不能倒退"}},
		{name: "not a date", method: "POST", url: "/api/v1/projects/GX-001/stage", body: map[string]any{"stage": "approved", "on": "2024-13-01"}, as: "district", status: 422, contains: []string{`"on"`}},
		{name: "drop without reason", method: "POST", url: "/api/v1/projects/BH-001/stage", body: map[string]any{"stage": "dropped", "on": "2024-03-01"}, as: "district2", status: 422, contains: []string{"原因"}},
		{name: "advance", method: "POST", url: "/api/v1/projects/GX-001/stage", body: map[string]any{"stage": "approved", "on": "2024-03-01"}, as: "district", status: 200, contains: []string{`"stage":"approved"`, `"approved_on":"2024-03-01"`, `"version":4`}},
		{name: "history", method: "GET", url: "/api/v1/projects/GX-001/history", as: "district", status: 200, contains: []string{`"items":[`, `"action":"project.create"`, `"action":"project.stage"`, `"username":"district"`, `"changes":[`, `"field":"name"`}},
		{name: "progress", method: "GET", url: "/api/v1/projects/GX-001/progress", as: "leader", status: 200, contains: []string{`"items":[]`}},

		// Regions.
		{name: "list regions", method: "GET", url: "/api/v1/regions?parent_code=370700", as: "leader", status: 200, contains: []string{`"items":[`, `"code":"370771"`, `"name":"高新区"`, `"parent_code":"370700"`, `"kind":"zone"`, "寿光市"}},
		{name: "provinces", method: "GET", url: "/api/v1/regions", as: "district", status: 200, contains: []string{"山东省"}},
		{name: "get region", method: "GET", url: "/api/v1/regions/370771", as: "district", status: 200, contains: []string{`"name":"高新区"`}},
		{name: "get missing region", method: "GET", url: "/api/v1/regions/999999", as: "district", status: 404},
		{name: "district adds region", method: "POST", url: "/api/v1/regions", body: map[string]any{"code": "370773", "name": "综合保税区", "parent_code": "370700", "kind": "zone"}, as: "district", status: 403},
		{name: "leader adds region", method: "POST", url: "/api/v1/regions", body: map[string]any{"code": "370773", "name": "综合保税区", "parent_code": "370700", "kind": "zone"}, as: "leader", status: 403},
		{name: "city adds region", method: "POST", url: "/api/v1/regions", body: map[string]any{"code": "370773", "name": "综合保税区", "parent_code": "370700", "kind": "zone"}, as: "city", status: 201, contains: []string{`"code":"370773"`, `"kind":"zone"`}},
		{name: "duplicate region", method: "POST", url: "/api/v1/regions", body: map[string]any{"code": "370773", "name": "综合保税区", "parent_code": "370700"}, as: "admin", status: 409},
		{name: "bad region", method: "POST", url: "/api/v1/regions", body: map[string]any{"code": "3707/4", "name": "某区", "parent_code": "370700"}, as: "admin", status: 422, contains: []string{`"fields":{"code"`}},

		// Dictionaries, imports' templates, export.
		{name: "dicts", method: "GET", url: "/api/v1/dicts", as: "department", status: 200, contains: []string{`"types":[{"value":"industrial","label":"产业类"}`, `"stages":[`, `"capital_sources":[`, `"roles":[`, `"chains":["氢能"]`, `"tags":[`, `"batches":["2024年春季全市重大项目集中开工"]`}},
		{name: "project template", method: "GET", url: "/api/v1/imports/projects/template", as: "district", status: 200, contains: []string{"PK"}},
		{name: "progress template", method: "GET", url: "/api/v1/imports/progress/template", as: "leader", status: 200, contains: []string{"PK"}},
		{name: "export", method: "GET", url: "/api/v1/projects/export?region=370771", as: "city", status: 200, contains: []string{"PK"}},
		{name: "export bad filter", method: "GET", url: "/api/v1/projects/export?stage=nope", as: "city", status: 422, contains: []string{"stage"}},

		// Users: administrators only (the store says so).
		{name: "admin lists users", method: "GET", url: "/api/v1/users", as: "admin", status: 200, contains: []string{`"items":[`, `"username":"district2"`}, notContains: []string{"password", "argon"}},
		{name: "city lists users", method: "GET", url: "/api/v1/users", as: "city", status: 403},
		{name: "admin creates user", method: "POST", url: "/api/v1/users", body: map[string]any{"username": "gx2", "display_name": "高新区二号", "password": "long-enough-1", "role": "district", "region_code": "370771"}, as: "admin", status: 201, contains: []string{`"username":"gx2"`, `"region_name":"高新区"`}},
		{name: "district creates user", method: "POST", url: "/api/v1/users", body: map[string]any{"username": "gx3", "password": "long-enough-1", "role": "admin"}, as: "district", status: 403},
		{name: "bad role", method: "POST", url: "/api/v1/users", body: map[string]any{"username": "gx4", "password": "long-enough-1", "role": "king"}, as: "admin", status: 422, contains: []string{"role"}},
		{name: "short password", method: "POST", url: "/api/v1/users", body: map[string]any{"username": "gx5", "password": "short", "role": "city"}, as: "admin", status: 422, contains: []string{"password"}},
		{name: "admin updates user", method: "PATCH", url: "/api/v1/users/gx2", body: map[string]any{"display_name": "二号", "disabled": true}, as: "admin", status: 200, contains: []string{`"display_name":"二号"`, `"disabled":true`}},
		{name: "update missing user", method: "PATCH", url: "/api/v1/users/nobody", body: map[string]any{"disabled": true}, as: "admin", status: 404},
		{name: "leader updates user", method: "PATCH", url: "/api/v1/users/gx2", body: map[string]any{"disabled": false}, as: "leader", status: 403},
		{name: "own user", method: "GET", url: "/api/v1/users/leader", as: "leader", status: 200},
		{name: "other user", method: "GET", url: "/api/v1/users/admin", as: "leader", status: 403},

		// Audit log.
		{name: "audit", method: "GET", url: "/api/v1/audit?page_size=5", as: "admin", status: 200, contains: []string{`"total":`, `"page_size":5`, `"action":"user.update"`}},
		{name: "audit filtered", method: "GET", url: "/api/v1/audit?object=project:GX-001&action=project.stage", as: "city", status: 200, contains: []string{`"total":1`, `"username":"district"`}},
		{name: "district audit", method: "GET", url: "/api/v1/audit", as: "district", status: 403},

		// Statistics without a statistics service: parameters checked, then 503.
		{name: "summary no service", method: "GET", url: "/api/v1/stats/summary?from=2024-01-01&to=2024-12-31", as: "city", status: 503, contains: []string{`"error":"统计服务尚未启用"`}},
		{name: "summary missing from", method: "GET", url: "/api/v1/stats/summary?to=2024-12-31", as: "city", status: 422, contains: []string{"from"}},
		{name: "summary bad date", method: "GET", url: "/api/v1/stats/summary?from=2024-02-30&to=2024-12-31", as: "city", status: 422, contains: []string{"from", "2024-02-30"}},
		{name: "summary reversed", method: "GET", url: "/api/v1/stats/summary?from=2024-12-31&to=2024-01-01", as: "city", status: 422, contains: []string{`"to"`}},
		{name: "group no service", method: "GET", url: "/api/v1/stats/projects?group_by=region&region=370700", as: "city", status: 503},
		{name: "group bad", method: "GET", url: "/api/v1/stats/projects?group_by=colour", as: "city", status: 422, contains: []string{"group_by", "capital_source"}},
		{name: "group missing", method: "GET", url: "/api/v1/stats/projects", as: "city", status: 422, contains: []string{"group_by"}},
		{name: "bulletin no service", method: "GET", url: "/api/v1/reports/bulletin?region=370700&year=2024", as: "city", status: 503},
		{name: "bulletin bad year", method: "GET", url: "/api/v1/reports/bulletin?year=twenty", as: "city", status: 422, contains: []string{"year"}},

		// Password change: own account, old password checked.
		{name: "wrong old password", method: "POST", url: "/api/v1/auth/password", body: map[string]any{"old_password": "wrong-wrong", "new_password": "new-password-1"}, as: "department", status: 422, contains: []string{"原密码不正确"}},
		{name: "change password", method: "POST", url: "/api/v1/auth/password", body: map[string]any{"old_password": password, "new_password": "new-password-1"}, as: "department", status: 204},
	}
	for _, sc := range rows {
		t.Run(sc.name, func(t *testing.T) {
			res := e.do(request{method: sc.method, url: sc.url, body: sc.body, as: sc.as, header: sc.header})
			if res.status != sc.status {
				t.Fatalf("%s %s as %q: status %d, want %d\n%s", sc.method, sc.url, sc.as, res.status, sc.status, res.body)
			}
			body := string(res.body)
			for _, c := range sc.contains {
				if !strings.Contains(body, c) {
					t.Errorf("body lacks %q:\n%s", c, body)
				}
			}
			for _, c := range sc.notContains {
				if strings.Contains(body, c) {
					t.Errorf("body has %q:\n%s", c, body)
				}
			}
			if res.status >= 400 {
				checkErrorBody(t, res)
			}
		})
	}
}

// checkErrorBody asserts the one error shape: a JSON object with a Chinese "error" and
// nothing else but "errors" and "fields"; no leak of internals.
func checkErrorBody(t *testing.T, res *response) {
	t.Helper()
	if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("error Content-Type %q", ct)
	}
	m := res.json(t)
	msg, _ := m["error"].(string)
	if msg == "" {
		t.Errorf("no error sentence: %s", res.body)
	}
	if !hasChinese(msg) {
		t.Errorf("error sentence is not Chinese: %q", msg)
	}
	for k := range m {
		if k != "error" && k != "errors" && k != "fields" {
			t.Errorf("unexpected member %q in error body %s", k, res.body)
		}
	}
	lower := strings.ToLower(string(res.body))
	for _, leak := range []string{"sql", "select ", "insert ", "/work", "goroutine", ".go:", "panic", "huma", "unexpected error", "validation failed", "expected "} {
		if strings.Contains(lower, leak) {
			t.Errorf("error body leaks %q: %s", leak, res.body)
		}
	}
}

func hasChinese(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// Bearer tokens of a disabled user stop working (the store revokes them).
func TestDisabledUserToken(t *testing.T) {
	e := newEnv(t)
	if res := e.do(request{method: "GET", url: "/api/v1/projects", as: "district"}); res.status != http.StatusOK {
		t.Fatalf("before: %d", res.status)
	}
	res := e.do(request{method: "PATCH", url: "/api/v1/users/district", body: map[string]any{"disabled": true}, as: "admin"})
	if res.status != http.StatusOK {
		t.Fatalf("disable: %d %s", res.status, res.body)
	}
	res = e.do(request{method: "GET", url: "/api/v1/projects", as: "district"})
	if res.status != http.StatusUnauthorized {
		t.Fatalf("after: %d %s", res.status, res.body)
	}
	checkErrorBody(t, res)
}

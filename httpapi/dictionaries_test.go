package httpapi_test

import (
	"net/url"
	"strings"
	"testing"
)

// The dictionaries: anyone signed in reads them, administrators and the city bureau change
// them, and a rename reaches every project. Fixture projects GX-001, BH-001 and SG-001 all
// carry chain 氢能, tag 市重点项目 and batch 2024年春季全市重大项目集中开工.
func TestDictionaries(t *testing.T) {
	e := newEnv(t)
	tag := "/api/v1/dictionaries/tag/" + url.PathEscape("市重点项目")
	slashed := "/api/v1/dictionaries/chain/" + url.PathEscape("汽车/零部件")
	rows := []scenario{
		{name: "anon list", method: "GET", url: "/api/v1/dictionaries/tag", status: 401},
		{name: "anon types", method: "GET", url: "/api/v1/dictionaries/types", status: 401},
		{name: "anon create", method: "POST", url: "/api/v1/dictionaries/tag", body: map[string]any{"name": "x"}, status: 401},
		{name: "anon rename", method: "POST", url: tag + "/rename", body: map[string]any{"to": "y"}, status: 401},

		{name: "types are fixed", method: "GET", url: "/api/v1/dictionaries/types", as: "leader", status: 200, contains: []string{`{"value":"industrial","label":"产业类"}`, `"基础设施类"`}},
		{name: "unknown kind", method: "GET", url: "/api/v1/dictionaries/colour", as: "city", status: 422, contains: []string{"kind"}},
		{name: "city lists tags", method: "GET", url: "/api/v1/dictionaries/tag", as: "city", status: 200, contains: []string{`"name":"市重点项目"`, `"project_count":3`, `"registered":false`, `"created_at":null`}},
		{name: "district counts its own", method: "GET", url: "/api/v1/dictionaries/tag", as: "district", status: 200, contains: []string{`"project_count":1`}},
		{name: "department reads", method: "GET", url: "/api/v1/dictionaries/chain?q=氢", as: "department", status: 200, contains: []string{`"name":"氢能"`}},

		{name: "district adds", method: "POST", url: "/api/v1/dictionaries/tag", body: map[string]any{"name": "新经济新产业"}, as: "district", status: 403, contains: []string{"管理员和市级招商部门"}},
		{name: "leader adds", method: "POST", url: "/api/v1/dictionaries/tag", body: map[string]any{"name": "新经济新产业"}, as: "leader", status: 403},
		{name: "city adds", method: "POST", url: "/api/v1/dictionaries/tag", body: map[string]any{"name": "新经济新产业", "description": "新经济", "sort_order": 2}, as: "city", status: 201, contains: []string{`"name":"新经济新产业"`, `"registered":true`, `"sort_order":2`, `"project_count":0`}},
		{name: "admin adds a chain with a slash", method: "POST", url: "/api/v1/dictionaries/chain", body: map[string]any{"name": "汽车/零部件"}, as: "admin", status: 201},
		{name: "duplicate", method: "POST", url: "/api/v1/dictionaries/tag", body: map[string]any{"name": "市重点项目"}, as: "admin", status: 409, contains: []string{"已有标签"}},
		{name: "separator in a tag", method: "POST", url: "/api/v1/dictionaries/tag", body: map[string]any{"name": "甲、乙"}, as: "admin", status: 422, contains: []string{`"fields":{"name"`, "顿号"}},
		{name: "empty name", method: "POST", url: "/api/v1/dictionaries/batch", body: map[string]any{"name": " "}, as: "admin", status: 422, contains: []string{"请填写批次名称"}},
		{name: "unknown field", method: "POST", url: "/api/v1/dictionaries/batch", body: map[string]any{"name": "b", "colour": 1}, as: "admin", status: 422, contains: []string{"colour"}},

		{name: "slashed name patched", method: "PATCH", url: slashed, body: map[string]any{"description": "整车与零部件"}, as: "city", status: 200, contains: []string{`"name":"汽车/零部件"`, `"description":"整车与零部件"`}},
		{name: "district retires", method: "PATCH", url: tag, body: map[string]any{"retired": true}, as: "district", status: 403},
		{name: "retire missing", method: "PATCH", url: "/api/v1/dictionaries/tag/" + url.PathEscape("没有"), body: map[string]any{"retired": true}, as: "city", status: 404, contains: []string{"没有"}},
		{name: "retire", method: "PATCH", url: "/api/v1/dictionaries/batch/" + url.PathEscape("2024年春季全市重大项目集中开工"), body: map[string]any{"retired": true}, as: "city", status: 200, contains: []string{`"retired":true`, `"registered":true`, `"project_count":3`}},
		{name: "retired left the form options", method: "GET", url: "/api/v1/dicts", as: "district", status: 200, contains: []string{`"batches":[]`, `"retired":{"chains":[],"tags":[],"batches":["2024年春季全市重大项目集中开工"]}`, `"tags":["市重点项目","新经济新产业"]`, `"chains":["氢能","汽车/零部件"]`}},

		{name: "district renames", method: "POST", url: tag + "/rename", body: map[string]any{"to": "市级重点项目"}, as: "district", status: 403},
		{name: "rename onto existing", method: "POST", url: tag + "/rename", body: map[string]any{"to": "新经济新产业"}, as: "city", status: 409, contains: []string{"合并"}},
		{name: "rename to itself", method: "POST", url: tag + "/rename", body: map[string]any{"to": "市重点项目"}, as: "city", status: 422, contains: []string{"相同"}},
		{name: "rename missing", method: "POST", url: "/api/v1/dictionaries/tag/" + url.PathEscape("没有") + "/rename", body: map[string]any{"to": "有"}, as: "city", status: 404},
		{name: "rename", method: "POST", url: tag + "/rename", body: map[string]any{"to": "市级重点项目"}, as: "city", status: 200, contains: []string{`"projects_changed":3`, `"name":"市级重点项目"`}},
		{name: "project carries the new tag", method: "GET", url: "/api/v1/projects/GX-001", as: "district", status: 200, contains: []string{`"tags":["市级重点项目"]`, `"version":2`}},
		{name: "project history has the rename", method: "GET", url: "/api/v1/projects/BH-001/history", as: "district2", status: 200, contains: []string{`"action":"project.update"`, `"username":"city"`, `"field":"tags","before":["市重点项目"],"after":["市级重点项目"]`}},
		{name: "filter by the new tag", method: "GET", url: "/api/v1/projects?tag=" + url.QueryEscape("市级重点项目"), as: "city", status: 200, contains: []string{`"total":3`}},
		{name: "merge", method: "POST", url: "/api/v1/dictionaries/tag/" + url.PathEscape("市级重点项目") + "/rename", body: map[string]any{"to": "新经济新产业", "merge": true}, as: "admin", status: 200, contains: []string{`"projects_changed":3`, `"description":"新经济"`, `"project_count":3`}},
		{name: "audit names the rename", method: "GET", url: "/api/v1/audit?action=dictionary.rename", as: "city", status: 200, contains: []string{`"total":2`, `"object":"dictionary:tag"`}},

		{name: "delete in use", method: "DELETE", url: "/api/v1/dictionaries/tag/" + url.PathEscape("新经济新产业"), as: "city", status: 409, contains: []string{"3 个项目", "停用"}},
		{name: "district deletes", method: "DELETE", url: slashed, as: "district", status: 403},
		{name: "delete unused", method: "DELETE", url: slashed, as: "admin", status: 204},
		{name: "delete again", method: "DELETE", url: slashed, as: "admin", status: 404},
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
			if res.status >= 400 {
				checkErrorBody(t, res)
			}
		})
	}
}

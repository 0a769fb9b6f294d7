package httpapi_test

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"
)

// Every path of shared/API.md, with its methods, is in the OpenAPI document.
var contractPaths = map[string][]string{
	"/auth/login":                {"post"},
	"/regions":                   {"get", "post"},
	"/projects":                  {"get", "post"},
	"/projects/{code}":           {"get", "patch"},
	"/projects/{code}/stage":     {"post"},
	"/imports/projects":          {"post"},
	"/imports/progress":          {"post"},
	"/imports/projects/template": {"get"},
	"/stats/summary":             {"get"},
	"/stats/projects":            {"get"},
	"/reports/bulletin":          {"get"},
}

// The PROJECT fields of API.md.
var projectFields = []string{"code", "name", "region_code", "type", "chain", "manufacturing", "capital_source",
	"total_investment_yuan", "annual_plan_yuan", "signed_amount_yuan", "stage", "negotiating_on", "signed_on",
	"approved_on", "started_on", "producing_on", "achieved_on", "land_mu", "tags", "batches", "investors", "version"}

type openAPIDoc struct {
	OpenAPI string `json:"openapi"`
	Servers []struct {
		URL string `json:"url"`
	} `json:"servers"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
			Required   []string                   `json:"required"`
		} `json:"schemas"`
	} `json:"components"`
}

func TestOpenAPI(t *testing.T) {
	e := newEnv(t)
	res := e.do(request{method: "GET", url: "/api/v1/openapi.json"})
	if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "application/") {
		t.Fatalf("openapi.json: %d %v", res.status, res.header)
	}
	var doc openAPIDoc
	if err := json.Unmarshal(res.body, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != "/api/v1" {
		t.Errorf("servers %+v: paths are relative to /api/v1", doc.Servers)
	}
	var paths []string
	for p := range doc.Paths {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for p, methods := range contractPaths {
		item, ok := doc.Paths[p]
		if !ok {
			t.Errorf("contract path %s missing from OpenAPI (has %v)", p, paths)
			continue
		}
		for _, m := range methods {
			if _, ok := item[m]; !ok {
				t.Errorf("contract operation %s %s missing from OpenAPI", strings.ToUpper(m), p)
			}
		}
	}
	project := doc.Components.Schemas["Project"]
	for _, f := range projectFields {
		if _, ok := project.Properties[f]; !ok {
			t.Errorf("PROJECT schema lacks %q", f)
		}
	}
	errSchema := doc.Components.Schemas["Error"]
	var members []string
	for k := range errSchema.Properties {
		members = append(members, k)
	}
	sort.Strings(members)
	if !slices.Equal(members, []string{"error", "errors", "fields"}) || !slices.Equal(errSchema.Required, []string{"error"}) {
		t.Errorf("Error schema members %v required %v", members, errSchema.Required)
	}
	// The docs page and its script are served from the binary.
	for _, u := range []string{"/api/docs", "/api/docs/docs.js", "/api/docs/docs.css"} {
		if r := e.do(request{method: "GET", url: u}); r.status != 200 || len(r.body) < 100 {
			t.Errorf("%s: %d", u, r.status)
		}
	}
	if r := e.do(request{method: "GET", url: "/api/docs/nope.js"}); r.status != 404 {
		t.Errorf("missing docs file: %d", r.status)
	}
	if r := e.do(request{method: "GET", url: "/api/docs"}); strings.Contains(string(r.body), "http://") || strings.Contains(string(r.body), "https://") {
		t.Errorf("docs page loads something from elsewhere:\n%s", r.body)
	}
}

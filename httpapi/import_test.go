package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhaoyin"
)

func validUSCC(t testing.TB, first17 string) string {
	c, err := zhaoyin.USCCCheckChar(first17)
	if err != nil {
		t.Fatal(err)
	}
	return first17 + string(c)
}

var projectHeader = []any{"项目编码*", "项目名称*", "所属区域*", "项目类型*", "总投资(万元)*", "当前阶段*", "洽谈日期", "签约日期", "投资方", "投资方统一社会信用代码", "标签", "批次"}

func (e *env) upload(t *testing.T, url, as string, file []byte) *response {
	t.Helper()
	body, ct := multipartFile(t, "file", "导入.xlsx", file)
	return e.do(request{method: "POST", url: url, body: body, contentType: ct, as: as})
}

type importErrors struct {
	Error  string              `json:"error"`
	Errors []zhaoyin.CellError `json:"errors"`
}

func (e *env) total(t *testing.T, query string) int {
	t.Helper()
	res := e.do(request{method: "GET", url: "/api/v1/projects?" + query, as: "admin"})
	var page struct{ Total int }
	if err := json.Unmarshal(res.body, &page); err != nil || res.status != 200 {
		t.Fatalf("list: %d %s", res.status, res.body)
	}
	return page.Total
}

func TestImportProjects(t *testing.T) {
	e := newEnv(t)
	uscc := validUSCC(t, "91370700MA3C12345")
	good := xlsx(t, [][]any{
		projectHeader,
		{"WF-101", "高新区氢能装备项目", "潍坊市/高新区", "产业类", "50000", "签约", "2024-01-05", "2024-02-01", "山东某氢能科技有限公司", uscc, "市重点项目、新经济新产业", "2024年春季全市重大项目集中开工"},
		{"WF-102", "滨海区化工新材料项目", "370772", "产业类", 12345.6789, "在谈", "2024-03-01", "", "", "", "", ""},
	})

	// A bad sheet: every bad cell is listed with its row and column, nothing is stored.
	bad := xlsx(t, [][]any{
		projectHeader,
		{"WF-101", "高新区氢能装备项目", "潍坊市/高新区", "产业类", "50000", "签约", "2024-01-05", "2024-02-01", "", "", "", ""},
		{"WF-103", "火箭项目", "370771", "火箭类", "100", "线索", "", "", "", "", "", ""},
		{"WF-104", "倒退项目", "370771", "产业类", "100", "签约", "2024-05-01", "2024-04-01", "", "", "", ""},
		{"WF-105", "坏代码项目", "370771", "产业类", "100", "线索", "", "", "某公司", "91370700MA3C123450", "", ""},
	})
	before := e.total(t, "")
	res := e.upload(t, "/api/v1/imports/projects", "city", bad)
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad sheet: %d %s", res.status, res.body)
	}
	checkErrorBody(t, res)
	var ie importErrors
	json.Unmarshal(res.body, &ie)
	want := map[[2]any]bool{{3, "项目类型"}: false, {4, "签约日期"}: false, {5, "投资方统一社会信用代码"}: false}
	for _, c := range ie.Errors {
		k := [2]any{c.Row, c.Column}
		if _, ok := want[k]; ok {
			want[k] = true
		}
		if c.Message == "" || c.Row < 2 {
			t.Errorf("cell error %+v", c)
		}
	}
	for k, found := range want {
		if !found {
			t.Errorf("no error at row %v column %v: %+v", k[0], k[1], ie.Errors)
		}
	}
	if !strings.Contains(ie.Error, "第3行") {
		t.Errorf("error sentence %q does not name the first bad row", ie.Error)
	}
	if got := e.total(t, ""); got != before {
		t.Fatalf("a failed import stored projects: %d → %d", before, got)
	}

	// A dry run checks everything and stores nothing.
	res = e.upload(t, "/api/v1/imports/projects?dry_run=true", "city", good)
	if res.status != 200 || !strings.Contains(string(res.body), `"created":2`) || !strings.Contains(string(res.body), `"dry_run":true`) {
		t.Fatalf("dry run: %d %s", res.status, res.body)
	}
	if got := e.total(t, ""); got != before {
		t.Fatalf("dry run stored projects")
	}

	res = e.upload(t, "/api/v1/imports/projects", "city", good)
	if res.status != 200 || string(bytes.TrimSpace(res.body)) != `{"created":2,"updated":0}` {
		t.Fatalf("good sheet: %d %s", res.status, res.body)
	}
	res = e.do(request{method: "GET", url: "/api/v1/projects/WF-102", as: "city"})
	if !strings.Contains(string(res.body), `"total_investment_yuan":123456789`) || !strings.Contains(string(res.body), `"region_name":"滨海区"`) {
		t.Fatalf("imported project: %s", res.body)
	}
	res = e.do(request{method: "GET", url: "/api/v1/projects/WF-101", as: "city"})
	if !strings.Contains(string(res.body), uscc) || !strings.Contains(string(res.body), `"tags":["市重点项目","新经济新产业"]`) {
		t.Fatalf("imported project: %s", res.body)
	}

	// Re-importing updates by code.
	res = e.upload(t, "/api/v1/imports/projects", "city", good)
	if res.status != 200 || !strings.Contains(string(res.body), `"created":0,"updated":2`) {
		t.Fatalf("re-import: %d %s", res.status, res.body)
	}

	// Store-side rules come back at the sheet's cells: a district may not import into
	// another district.
	res = e.upload(t, "/api/v1/imports/projects", "district", xlsx(t, [][]any{
		projectHeader,
		{"GX-201", "高新区项目", "高新区", "产业类", "100", "线索", "", "", "", "", "", ""},
		{"BH-201", "滨海区项目", "滨海区", "产业类", "100", "线索", "", "", "", "", "", ""},
	}))
	if res.status != 422 {
		t.Fatalf("district imports elsewhere: %d %s", res.status, res.body)
	}
	json.Unmarshal(res.body, &ie)
	if len(ie.Errors) != 1 || ie.Errors[0].Row != 3 || ie.Errors[0].Column != "所属区域" {
		t.Fatalf("store cell errors = %+v", ie.Errors)
	}
	if e.total(t, "q=GX-201") != 0 {
		t.Fatal("partial import stored")
	}

	// Read-only roles are refused by the store.
	if res = e.upload(t, "/api/v1/imports/projects", "leader", good); res.status != 403 {
		t.Fatalf("leader import: %d %s", res.status, res.body)
	}
	checkErrorBody(t, res)
}

func TestImportRejectsBadFiles(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct {
		name   string
		data   []byte
		status int
		frag   string
	}{
		{"csv", []byte("项目编码,项目名称\nA,B\n"), 422, ".xlsx"},
		{"corrupt zip", append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0xff}, 100)...), 422, ".xlsx"},
		{"empty file", nil, 422, "空"},
		{"header only", xlsx(t, [][]any{projectHeader}), 422, "没有数据行"},
		{"unknown column", xlsx(t, [][]any{append(append([]any{}, projectHeader...), "备注")}), 422, "备注"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := e.upload(t, "/api/v1/imports/projects", "city", c.data)
			if res.status != c.status || !strings.Contains(string(res.body), c.frag) {
				t.Fatalf("%d %s", res.status, res.body)
			}
			checkErrorBody(t, res)
		})
	}
	t.Run("no file field", func(t *testing.T) {
		body, ct := multipartFile(t, "other", "x.xlsx", []byte("x"))
		res := e.do(request{method: "POST", url: "/api/v1/imports/projects", body: body, contentType: ct, as: "city"})
		if res.status != 422 || !strings.Contains(string(res.body), "file") {
			t.Fatalf("%d %s", res.status, res.body)
		}
		checkErrorBody(t, res)
	})
	t.Run("too large", func(t *testing.T) {
		// A streamed body just over the limit: refused without reading it all into memory.
		const boundary = "zzzz"
		head := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n"
		tail := "\r\n--" + boundary + "--\r\n"
		body := io.MultiReader(strings.NewReader(head), io.LimitReader(zeros{}, 65<<20), strings.NewReader(tail))
		req, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/imports/projects", body)
		req.Header.Set("Content-Type", "multipart/form-data; boundary="+boundary)
		req.Header.Set("Authorization", "Bearer "+e.tokens["city"])
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			// The server may close the connection while we still send; that is a refusal too.
			t.Skipf("connection closed early: %v", err)
		}
		defer r.Body.Close()
		b, _ := io.ReadAll(r.Body)
		if r.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(b), "64 MB") {
			t.Fatalf("%d %s", r.StatusCode, b)
		}
	})
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestImportProgress(t *testing.T) {
	e := newEnv(t)
	header := []any{"项目编码*", "月份*", "到位资金(万元)", "完成投资(万元)", "形象进度"}
	res := e.upload(t, "/api/v1/imports/progress", "district", xlsx(t, [][]any{
		header,
		{"GX-001", "2024-03", "1000", "800.5", "主体结构施工"},
		{"BH-001", "2024-03", "10", "10", "他区项目"},
		{"GX-001", "2024-13", "1", "1", ""},
	}))
	if res.status != 422 {
		t.Fatalf("bad progress: %d %s", res.status, res.body)
	}
	var ie importErrors
	json.Unmarshal(res.body, &ie)
	if len(ie.Errors) == 0 || ie.Errors[0].Row != 4 || ie.Errors[0].Column != "月份" {
		t.Fatalf("sheet errors = %+v", ie.Errors)
	}
	// The store finds the other district's project unknown, at its cell.
	res = e.upload(t, "/api/v1/imports/progress", "district", xlsx(t, [][]any{
		header,
		{"GX-001", "2024-03", "1000", "800.5", "主体结构施工"},
		{"BH-001", "2024-03", "10", "10", "他区项目"},
	}))
	json.Unmarshal(res.body, &ie)
	if res.status != 422 || len(ie.Errors) != 1 || ie.Errors[0].Row != 3 || ie.Errors[0].Column != "项目编码" {
		t.Fatalf("store errors: %d %s", res.status, res.body)
	}
	good := xlsx(t, [][]any{header, {"GX-001", "2024-03", "1000", "800.5", "主体结构施工"}})
	res = e.upload(t, "/api/v1/imports/progress", "district", good)
	if res.status != 200 || !strings.Contains(string(res.body), `"created":1`) {
		t.Fatalf("good progress: %d %s", res.status, res.body)
	}
	res = e.upload(t, "/api/v1/imports/progress", "district", good)
	if res.status != 200 || !strings.Contains(string(res.body), `"updated":1`) {
		t.Fatalf("re-import progress: %d %s", res.status, res.body)
	}
	res = e.do(request{method: "GET", url: "/api/v1/projects/GX-001/progress", as: "leader"})
	for _, want := range []string{`"month":"2024-03"`, `"funds_arrived_yuan":10000000`, `"invested_yuan":8005000`, `"progress_text":"主体结构施工"`} {
		if !strings.Contains(string(res.body), want) {
			t.Fatalf("progress lacks %s: %s", want, res.body)
		}
	}
}

func TestTemplatesAndExport(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct{ url, name string }{
		{"/api/v1/imports/projects/template", "项目导入模板.xlsx"},
		{"/api/v1/imports/progress/template", "调度导入模板.xlsx"},
	} {
		res := e.do(request{method: "GET", url: c.url, as: "district"})
		if res.status != 200 || res.header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Fatalf("%s: %d %v", c.url, res.status, res.header)
		}
		if cd := res.header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, "filename*=UTF-8''"+pathEscape(c.name)) {
			t.Fatalf("%s: Content-Disposition %q", c.url, cd)
		}
		if _, err := excelize.OpenReader(bytes.NewReader(res.body)); err != nil {
			t.Fatalf("%s: not a workbook: %v", c.url, err)
		}
	}

	// The export holds exactly what the filter selects, and re-imports unchanged.
	res := e.do(request{method: "GET", url: "/api/v1/projects/export?region=370700&q=GX", as: "city"})
	if res.status != 200 {
		t.Fatalf("export: %d %s", res.status, res.body)
	}
	cd := res.header.Get("Content-Disposition")
	if !strings.Contains(cd, "filename*=UTF-8''"+pathEscape("项目库_")) || !strings.HasSuffix(cd, ".xlsx") {
		t.Fatalf("Content-Disposition %q", cd)
	}
	f, err := excelize.OpenReader(bytes.NewReader(res.body))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	if len(rows) != 2 || rows[1][0] != "GX-001" {
		t.Fatalf("export rows = %v", rows)
	}
	up := e.upload(t, "/api/v1/imports/projects", "city", res.body)
	if up.status != 200 || !strings.Contains(string(up.body), `"created":0,"updated":1`) {
		t.Fatalf("re-import of the export: %d %s", up.status, up.body)
	}
	// A district's export holds its own projects only.
	res = e.do(request{method: "GET", url: "/api/v1/projects/export", as: "district"})
	f, _ = excelize.OpenReader(bytes.NewReader(res.body))
	rows, _ = f.GetRows(f.GetSheetName(0))
	if len(rows) != 2 || rows[1][0] != "GX-001" {
		t.Fatalf("district export rows = %v", rows)
	}
}

func pathEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[c>>4])+string("0123456789abcdef"[c&15])))
		}
	}
	return b.String()
}

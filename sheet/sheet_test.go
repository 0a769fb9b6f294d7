package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhaoyin"
)

// uscc completes 17 characters with their check character (GB 32100-2015).
func uscc(t testing.TB, first17 string) string {
	t.Helper()
	c, err := zhaoyin.USCCCheckChar(first17)
	if err != nil {
		t.Fatal(err)
	}
	return first17 + string(c)
}

// badUSCC is a code whose check character is wrong.
func badUSCC(t testing.TB, first17 string) string {
	good := uscc(t, first17)
	last := byte('0')
	if good[17] == '0' {
		last = '1'
	}
	return first17 + string(last)
}

// book builds an .xlsx in memory: one row of values per slice, row 1 first; a nil row is
// left empty.
func book(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var testRegions = []*zhaoyin.Region{
	{Code: "370700", Name: "潍坊市", ParentCode: "370000", Kind: zhaoyin.RegionCity},
	{Code: "370703", Name: "寒亭区", ParentCode: "370700", Kind: zhaoyin.RegionCounty},
	{Code: "370771", Name: "高新区", ParentCode: "370700", Kind: zhaoyin.RegionZone},
}

// resolve is a map lookup by code, name or 市/区 path, as the store's ResolveRegion would.
func resolve(text string) (*zhaoyin.Region, error) {
	for _, r := range testRegions {
		if text == r.Code || text == r.Name || text == "潍坊市/"+r.Name {
			return r, nil
		}
	}
	return nil, zhaoyin.Errorf(zhaoyin.ENOTFOUND, "所属区域“%s”不存在：请填写区划代码、唯一的区域名称或“潍坊市/高新区”这样的路径", text)
}

func cellErrors(t *testing.T, err error) []zhaoyin.CellError {
	t.Helper()
	var e *zhaoyin.Error
	if !errors.As(err, &e) {
		t.Fatalf("want a *zhaoyin.Error, got %v", err)
	}
	if e.Code != zhaoyin.EINVALID {
		t.Errorf("code %q, want %q", e.Code, zhaoyin.EINVALID)
	}
	return e.Cells
}

func TestParseProjectsValid(t *testing.T) {
	u1, u2 := uscc(t, "91370700MA3C0000A"), uscc(t, "91370703MA3D1234B")
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	data := book(t, [][]any{
		// Any order, with or without *, full-width parentheses.
		{"项目编码*", "项目名称", "所属区域*", "项目类型", "总投资（万元）*", "当前阶段*", "洽谈日期", "签约日期", "立项日期",
			"标签", "批次", "投资方", "投资方统一社会信用代码", "是否制造业", "资金来源", "年度计划投资(万元)", "签约金额(万元)",
			"占地(亩)", "所属产业链", "开工日期", "投产日期", "达效日期"},
		{"WF-001", " 磁悬浮鼓风机项目 ", "寒亭区", "产业类", "12345.6789", "签约", "2024/3/1", "2024年3月5日", nil,
			"省重大项目、市重点项目,新经济新产业，潍商回归", "2024年春季全市重大项目集中开工", "天瑞重工有限公司、潍坊新材科技有限公司", u1 + "、" + u2,
			"是", "省外内资", 5000, 12000.5, 120.5, "磁悬浮"},
		nil, // an empty row is skipped
		{"WF-002", "高新区创新平台", "潍坊市/高新区", "platform", 800, "开工",
			day("2023-12-01"), day("2024-01-15"), day("2024-02-01"), nil, nil, "某某集团", nil, "否", "foreign",
			nil, nil, nil, nil, day("2024-03-01")},
		{"WF-003", "社区医院", "370703", "社会事业类", "1,000", "线索"},
	})
	projects, rows, err := ParseProjects(bytes.NewReader(data), resolve)
	if err != nil {
		t.Fatalf("ParseProjects: %v (%+v)", err, cellErrorsOf(err))
	}
	want := []*zhaoyin.Project{
		{
			Code: "WF-001", Name: "磁悬浮鼓风机项目", RegionCode: "370703", RegionName: "寒亭区", Type: "industrial",
			Chain: "磁悬浮", Manufacturing: true, CapitalSource: "out_of_province",
			TotalInvestmentYuan: 123456789, AnnualPlanYuan: 50000000, SignedAmountYuan: 120005000,
			Stage: "signed", NegotiatingOn: "2024-03-01", SignedOn: "2024-03-05", LandMu: 120.5,
			Tags:      []string{"省重大项目", "市重点项目", "新经济新产业", "潍商回归"},
			Batches:   []string{"2024年春季全市重大项目集中开工"},
			Investors: []zhaoyin.Investor{{Name: "天瑞重工有限公司", USCC: u1}, {Name: "潍坊新材科技有限公司", USCC: u2}},
		},
		{
			Code: "WF-002", Name: "高新区创新平台", RegionCode: "370771", RegionName: "高新区", Type: "platform",
			CapitalSource: "foreign", TotalInvestmentYuan: 8000000, Stage: "started",
			NegotiatingOn: "2023-12-01", SignedOn: "2024-01-15", ApprovedOn: "2024-02-01", StartedOn: "2024-03-01",
			Tags: []string{}, Batches: []string{}, Investors: []zhaoyin.Investor{{Name: "某某集团"}},
		},
		{
			Code: "WF-003", Name: "社区医院", RegionCode: "370703", RegionName: "寒亭区", Type: "social",
			TotalInvestmentYuan: 10000000, Stage: "lead", Tags: []string{}, Batches: []string{}, Investors: []zhaoyin.Investor{},
		},
	}
	if !reflect.DeepEqual(rows, []int{2, 4, 5}) {
		t.Errorf("rows %v, want [2 4 5]", rows)
	}
	if len(projects) != len(want) {
		t.Fatalf("%d projects, want %d", len(projects), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(projects[i], want[i]) {
			t.Errorf("project %d:\n got %+v\nwant %+v", i, *projects[i], *want[i])
		}
	}
}

func cellErrorsOf(err error) []zhaoyin.CellError {
	var e *zhaoyin.Error
	if errors.As(err, &e) {
		return e.Cells
	}
	return nil
}

var apiProjectHeaders = []string{"项目编码*", "项目名称*", "所属区域*", "项目类型*", "所属产业链", "是否制造业", "资金来源",
	"总投资(万元)*", "年度计划投资(万元)", "签约金额(万元)", "投资方", "投资方统一社会信用代码", "当前阶段*", "洽谈日期",
	"签约日期", "立项日期", "开工日期", "投产日期", "达效日期", "占地(亩)", "标签", "批次"}

var extraProjectHeaders = []string{"产业链环节", "终止日期", "终止原因", "责任人", "包靠领导", "专班", "招引渠道"}

func readBook(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestTemplates(t *testing.T) {
	for _, tc := range []struct {
		name    string
		write   func(*bytes.Buffer) error
		headers []string
		parse   func([]byte) (int, error)
		values  []string // to be found in 填写说明
	}{
		{"projects", func(b *bytes.Buffer) error { return WriteProjectTemplate(b) }, apiProjectHeaders,
			func(d []byte) (int, error) {
				p, _, err := ParseProjects(bytes.NewReader(d), resolve)
				return len(p), err
			},
			[]string{"产业类", "平台类", "社会事业类", "基础设施类", "省内", "省外内资", "外资", "港澳台资", "线索", "在谈", "签约", "立项", "开工", "投产", "达效", "终止", "终止日期"}},
		{"progress", func(b *bytes.Buffer) error { return WriteProgressTemplate(b) }, []string{"项目编码*", "月份*", "到位资金(万元)", "完成投资(万元)", "形象进度"},
			func(d []byte) (int, error) { p, _, err := ParseProgress(bytes.NewReader(d)); return len(p), err },
			[]string{"2024-03"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.write(&buf); err != nil {
				t.Fatal(err)
			}
			f := readBook(t, buf.Bytes())
			sheets := f.GetSheetList()
			if len(sheets) != 2 || sheets[1] != "填写说明" {
				t.Fatalf("sheets %v, want [first 填写说明]", sheets)
			}
			rows, err := f.GetRows(sheets[0])
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 || !reflect.DeepEqual(rows[0], tc.headers) {
				t.Errorf("header rows %q\nwant %q", rows, tc.headers)
			}
			guide, _ := f.GetRows("填写说明")
			var text strings.Builder
			for _, r := range guide {
				text.WriteString(strings.Join(r, "|") + "\n")
			}
			for _, v := range tc.values {
				if !strings.Contains(text.String(), v) {
					t.Errorf("填写说明 does not mention %q", v)
				}
			}
			n, err := tc.parse(buf.Bytes())
			if err != nil || n != 0 {
				t.Errorf("the empty template parses to %d rows, %v", n, err)
			}
		})
	}
}

func roundTripProjects(t testing.TB) []*zhaoyin.Project {
	u1, u2 := uscc(t, "91370700MA3C0000A"), uscc(t, "91370703MA3D1234B")
	return []*zhaoyin.Project{
		{
			Code: "WF2024-001", Name: "年产 10 万吨 BDO 项目", RegionCode: "370703", RegionName: "寒亭区", Type: "industrial",
			Chain: "高端化工", ChainNode: "中游·基础化学品", Manufacturing: true, CapitalSource: "out_of_province",
			TotalInvestmentYuan: 1234567891234, AnnualPlanYuan: 50000000, SignedAmountYuan: 1,
			Stage: "achieved", NegotiatingOn: "2023-01-05", SignedOn: "2023-02-12", ApprovedOn: "2023-02-12",
			StartedOn: "2023-05-01", ProducingOn: "2024-03-20", AchievedOn: "2024-12-31", LandMu: 321.75,
			ResponsiblePerson: "王强", LeadingOfficial: "李副市长", ServiceTeam: "化工专班", Channel: "城市合伙人",
			Tags:      []string{"省重大项目", "纳入省集中开工"},
			Batches:   []string{"2023年秋季集中开工", "2024年春季全市重大项目集中开工"},
			Investors: []zhaoyin.Investor{{Name: "甲化工集团", USCC: u1}, {Name: "乙投资公司"}, {Name: "丙科技", USCC: u2}},
		},
		{
			Code: "WF2024-002", Name: "'; DROP TABLE projects; --", RegionCode: "370771", RegionName: "高新区", Type: "platform",
			TotalInvestmentYuan: 1234567890123456, Stage: "dropped", NegotiatingOn: "2024-01-01", SignedOn: "2024-02-01",
			DroppedOn: "2024-06-30", DropReason: "企业战略调整，终止合作",
			Tags: []string{}, Batches: []string{}, Investors: []zhaoyin.Investor{},
		},
		{
			Code: "WF2024-003", Name: `=HYPERLINK("http://x","<点我>") & "A"`, RegionCode: "370700", RegionName: "潍坊市",
			Type: "infrastructure", CapitalSource: "hk_macao_taiwan", TotalInvestmentYuan: 100000000, Stage: "lead",
			Tags: []string{"新经济新产业"}, Batches: []string{}, Investors: []zhaoyin.Investor{{Name: "香港某某有限公司"}},
		},
		{
			Code: "007", Name: "社区服务中心", RegionCode: "370703", RegionName: "寒亭区", Type: "social",
			CapitalSource: "in_province", TotalInvestmentYuan: 3, AnnualPlanYuan: 9999, LandMu: 0.5, Stage: "negotiating",
			NegotiatingOn: "2024-02-29", Tags: []string{}, Batches: []string{}, Investors: []zhaoyin.Investor{},
		},
	}
}

func exportBook(t testing.TB, projects []*zhaoyin.Project) []byte {
	var buf bytes.Buffer
	i := 0
	err := WriteProjects(&buf, func() (*zhaoyin.Project, error) {
		if i == len(projects) {
			return nil, nil
		}
		i++
		return projects[i-1], nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExportRoundTrip(t *testing.T) {
	want := roundTripProjects(t)
	for _, p := range want {
		if err := p.Validate(); err != nil {
			t.Fatalf("test project %s invalid: %v", p.Code, err)
		}
	}
	data := exportBook(t, want)

	f := readBook(t, data)
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	if head := append(append([]string{}, apiProjectHeaders...), extraProjectHeaders...); !reflect.DeepEqual(rows[0], head) {
		t.Errorf("export header %q\nwant %q", rows[0], head)
	}
	// Formula-looking text is text, not a formula.
	if formula, _ := f.GetCellFormula(f.GetSheetList()[0], "B4"); formula != "" {
		t.Errorf("a name became the formula %q", formula)
	}

	got, nums, err := ParseProjects(bytes.NewReader(data), resolve)
	if err != nil {
		t.Fatalf("re-import: %v %+v", err, cellErrorsOf(err))
	}
	if !reflect.DeepEqual(nums, []int{2, 3, 4, 5}) {
		t.Errorf("rows %v", nums)
	}
	if len(got) != len(want) {
		t.Fatalf("%d projects, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("project %d:\n got %+v\nwant %+v", i, *got[i], *want[i])
		}
	}

	// An error from next stops the export.
	boom := errors.New("db gone")
	var buf bytes.Buffer
	if err := WriteProjects(&buf, func() (*zhaoyin.Project, error) { return nil, boom }); !errors.Is(err, boom) || buf.Len() != 0 {
		t.Errorf("WriteProjects with a failing next: %v, %d bytes", err, buf.Len())
	}
}

// TestParseProjectsBad: one sheet with every kind of mistake, each reported at its cell.
func TestParseProjectsBad(t *testing.T) {
	okUSCC := uscc(t, "91370700MA3C0000A")
	head := []any{"项目编码*", "项目名称*", "备注", "所属区域*", "项目类型*", "是否制造业", "总投资(万元)*", "年度计划投资(万元)",
		"投资方", "投资方统一社会信用代码", "当前阶段*", "洽谈日期", "签约日期", "立项日期", "开工日期"}
	//              code    name      备注   region   type     manuf total  annual  investor  uscc   stage  洽谈  签约  立项  开工
	row := func(code, name string, vals ...any) []any {
		r := []any{code, name, "说明文字", "寒亭区", "产业类", "是", 100, nil, nil, nil, "签约", "2024-01-01", "2024-02-01"}
		for i := 0; i+1 < len(vals); i += 2 {
			col := vals[i].(int)
			for len(r) <= col {
				r = append(r, nil)
			}
			r[col] = vals[i+1]
		}
		return r
	}
	const (
		cRegion, cType, cManuf, cTotal, cAnnual, cInvestor, cUSCC, cStage = 3, 4, 5, 6, 7, 8, 9, 10
		cNeg, cSigned, cApproved, cStarted                                = 11, 12, 13, 14
	)
	data := book(t, [][]any{
		head,
		row("B-01", "'; DROP TABLE projects; --", cInvestor, "甲公司", cUSCC, okUSCC),     // 2: SQL-looking text is fine
		row("B-02", "日期倒退", cNeg, "2024-05-01", cSigned, "2024-04-01"),                 // 3
		row("B-03", "校验位错误", cInvestor, "乙公司", cUSCC, badUSCC(t, "91370700MA3C0000A")), // 4
		row("B-04", "未知区域", cRegion, "火星区"),                                            // 5
		row("B-05", "未知类型", cType, "商业类"),                                              // 6
		row("B-06", "缺开工日期", cStage, "开工", cApproved, "2024-03-01"),                    // 7
		row("B-07", ""),     // 8
		row("B-01", "重复编码"), // 9
		row("B-08", "不存在的日期", cSigned, "2024-02-30"), // 10
		row("B-09", "负数", cTotal, "-100"),            // 11
		row("B-10", "五位小数", cAnnual, "1.23456"),      // 12
		nil, // 13: empty
		row("B-11", "", cManuf, "也许", cStage, "进行中"), // 14: three at once
	})
	projects, rows, err := ParseProjects(bytes.NewReader(data), resolve)
	if projects != nil || rows != nil {
		t.Errorf("a bad sheet returned %d projects", len(projects))
	}
	cells := cellErrors(t, err)
	want := []struct {
		row       int
		column    string
		inMessage string
	}{
		{1, "备注", "未知的列"},
		{3, "签约日期", "早于"},
		{4, "投资方统一社会信用代码", "校验位"},
		{5, "所属区域", "火星区"},
		{6, "项目类型", "商业类"},
		{7, "开工日期", "须填写开工日期"},
		{8, "项目名称", "不能为空"},
		{9, "项目编码", "第 2 行"},
		{10, "签约日期", "2024-02-30"},
		{11, "总投资(万元)", "负数"},
		{12, "年度计划投资(万元)", "4 位小数"},
		{14, "项目名称", "不能为空"},
		{14, "是否制造业", "也许"},
		{14, "当前阶段", "进行中"},
	}
	for i := 0; i < len(want) || i < len(cells); i++ {
		switch {
		case i >= len(cells):
			t.Errorf("missing error %d: %+v", i, want[i])
		case i >= len(want):
			t.Errorf("unexpected error %+v", cells[i])
		case cells[i].Row != want[i].row || cells[i].Column != want[i].column || !strings.Contains(cells[i].Message, want[i].inMessage):
			t.Errorf("error %d = %+v, want row %d column %s message containing %q", i, cells[i], want[i].row, want[i].column, want[i].inMessage)
		}
	}
	for _, c := range cells {
		if c.Row == 2 {
			t.Errorf("the SQL-looking row was reported: %+v", c)
		}
	}
	if msg := zhaoyin.ErrorMessage(err); !strings.HasPrefix(msg, "导入失败：第1行“备注”：") || !strings.HasSuffix(msg, fmt.Sprintf("等 %d 处错误，未导入任何数据", len(want))) {
		t.Errorf("message %q", msg)
	}
}

func TestParseProjectsHeader(t *testing.T) {
	// A required column missing is reported once, at the header, not in every row.
	data := book(t, [][]any{
		{"项目编码", "项目名称", "所属区域", "项目类型", "总投资(万元)", nil, "X列内容"},
		{"A1", "甲", "寒亭区", "产业类", 1, nil, nil},
		{"A2", "乙", "寒亭区", "产业类", 1, "无列名"},
	})
	_, _, err := ParseProjects(bytes.NewReader(data), resolve)
	got := cellErrors(t, err)
	want := []zhaoyin.CellError{
		{Row: 1, Column: "X列内容"},
		{Row: 1, Column: "当前阶段"},
		{Row: 3, Column: "F列"},
	}
	if len(got) != len(want) {
		t.Fatalf("errors %+v", got)
	}
	for i := range want {
		if got[i].Row != want[i].Row || got[i].Column != want[i].Column {
			t.Errorf("error %d = %+v, want %+v", i, got[i], want[i])
		}
	}

	// An empty sheet lacks every required column.
	_, _, err = ParseProjects(bytes.NewReader(book(t, nil)), resolve)
	if cells := cellErrors(t, err); len(cells) != 6 || cells[0].Row != 1 || cells[0].Column != "项目编码" {
		t.Errorf("empty sheet: %+v", cells)
	}

	// Not a workbook at all.
	_, _, err = ParseProjects(strings.NewReader("code,name\n1,2\n"), resolve)
	if zhaoyin.ErrorCode(err) != zhaoyin.EINVALID || !strings.Contains(zhaoyin.ErrorMessage(err), ".xlsx") {
		t.Errorf("a CSV file: %v", err)
	}

	// An internal failure of the resolver aborts the parse.
	boom := errors.New("connection refused")
	_, _, err = ParseProjects(bytes.NewReader(exportBook(t, roundTripProjects(t))), func(string) (*zhaoyin.Region, error) { return nil, boom })
	if !errors.Is(err, boom) {
		t.Errorf("resolver failure: %v", err)
	}
}

func TestParseProgress(t *testing.T) {
	june, _ := time.Parse("2006-01-02", "2024-06-01")
	data := book(t, [][]any{
		{"形象进度", "项目编码*", "月份*", "到位资金（万元）", "完成投资(万元)"},
		{"主体封顶", "WF-001", "2024-03", "1200.5", 800},
		{"设备安装", "WF-001", "2024/4", 0, nil},
		{nil, "WF-002", "2024年5月", nil, "3.0001"},
		{nil, "WF-002", june},
	})
	got, rows, err := ParseProgress(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%v %+v", err, cellErrorsOf(err))
	}
	want := []*zhaoyin.Progress{
		{ProjectCode: "WF-001", Month: "2024-03", FundsArrivedYuan: 12005000, InvestedYuan: 8000000, ProgressText: "主体封顶"},
		{ProjectCode: "WF-001", Month: "2024-04", ProgressText: "设备安装"},
		{ProjectCode: "WF-002", Month: "2024-05", InvestedYuan: 30001},
		{ProjectCode: "WF-002", Month: "2024-06"},
	}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(rows, []int{2, 3, 4, 5}) {
		t.Errorf("got %+v rows %v", got, rows)
	}

	bad := book(t, [][]any{
		{"项目编码", "月份", "到位资金(万元)", "完成投资(万元)", "形象进度"},
		{"WF-001", "2024-13", "-1", nil},
		{nil, "2024-03", nil, "1.00001"},
		{"WF-001", "2024-03"},
		{"WF-001", "2024/3"},
	})
	_, _, err = ParseProgress(bytes.NewReader(bad))
	cells := cellErrors(t, err)
	wantCells := []zhaoyin.CellError{
		{Row: 2, Column: "月份"}, {Row: 2, Column: "到位资金(万元)"},
		{Row: 3, Column: "项目编码"}, {Row: 3, Column: "完成投资(万元)"},
		{Row: 5, Column: "月份"},
	}
	if len(cells) != len(wantCells) {
		t.Fatalf("errors %+v", cells)
	}
	for i := range wantCells {
		if cells[i].Row != wantCells[i].Row || cells[i].Column != wantCells[i].Column {
			t.Errorf("error %d = %+v, want %+v", i, cells[i], wantCells[i])
		}
	}
	if !strings.Contains(cells[4].Message, "第 4 行") {
		t.Errorf("duplicate month message %q", cells[4].Message)
	}
}

func TestCellErrors(t *testing.T) {
	// A Validate error of one row.
	p := &zhaoyin.Project{Code: "A1", Name: "甲", RegionCode: "370703", Type: "industrial", TotalInvestmentYuan: 1,
		Stage: "signed", NegotiatingOn: "2024-03-01", SignedOn: "2024-02-01", Investors: []zhaoyin.Investor{{USCC: ""}}}
	got := CellErrors(p.Validate(), []int{7})
	if len(got) != 2 || got[0] != (zhaoyin.CellError{Row: 7, Column: "投资方", Message: "第 1 个投资方缺少名称"}) ||
		got[1].Row != 7 || got[1].Column != "签约日期" {
		t.Errorf("fields: %+v", got)
	}
	// A store error: Cells with Row = index into rows, columns as JSON fields or headers.
	storeErr := &zhaoyin.Error{Code: zhaoyin.ECONFLICT, Message: "x", Cells: []zhaoyin.CellError{
		{Row: 1, Column: "code", Message: "项目编码 A2 属于其他区域，无权修改"},
		{Row: 0, Column: "所属区域", Message: "无权在该区域录入项目"},
		{Row: 1, Column: "project_code", Message: "项目不存在"},
	}}
	got = CellErrors(storeErr, []int{2, 5})
	want := []zhaoyin.CellError{
		{Row: 2, Column: "所属区域", Message: "无权在该区域录入项目"},
		{Row: 5, Column: "项目编码", Message: "项目编码 A2 属于其他区域，无权修改"},
		{Row: 5, Column: "项目编码", Message: "项目不存在"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cells: %+v", got)
	}
	if CellErrors(errors.New("disk full"), []int{2}) != nil || CellErrors(nil, nil) != nil {
		t.Error("an internal error has no cells")
	}
}

func TestCellValues(t *testing.T) {
	for in, want := range map[string]string{
		"12345.678900000001":  "12345.6789", // a numeric cell's binary noise
		"0.30000000000000004": "0.3",
		"1.5E+3":              "1500",
		"12345.67891":         "12345.67891", // five decimals stay five decimals
		"1,234.5":             "1,234.5",
		"123":                 "123",
		"123456789012.3456":   "123456789012.3456", // 16 digits written as text: kept
		"1234.1234500000001":  "1234.12345",        // noise removed, five decimals remain an error
	} {
		if got := cleanNumber(in); got != want {
			t.Errorf("cleanNumber(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"2024-03-01": "2024-03-01", "2024/3/1": "2024-03-01", "2024年3月1日": "2024-03-01", "2024.3.1": "2024-03-01",
		"20240301": "2024-03-01", "45352": "2024-03-01", "45352.75": "2024-03-01", "2024-03-01T00:00:00Z": "2024-03-01",
		"2024-02-30": "", "2023/2/29": "", "abc": "", "2024-3": "", "0": "", "45": "",
	} {
		got, err := normDate(in, false)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("normDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"2024-03": "2024-03", "2024-3": "2024-03", "2024/03": "2024-03", "2024年3月": "2024-03", "202403": "2024-03",
		"2024.03": "2024-03", "45352": "2024-03", "2024-03-01": "2024-03", "2024-13": "", "三月": "",
		"2024.1": "", "2024.11": "2024-11", "2024.2": "2024-02", "3": "", "x": "",
	} {
		got, err := normMonth(in, false)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("normMonth(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if got := splitInvestors("、甲; 乙 ；"); !reflect.DeepEqual(got, []string{"", "甲", "乙", ""}) {
		t.Errorf("splitInvestors: %q", got)
	}
}

// The benchmark file is generated once per test binary.
var bench100k struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench100k.dir != "" {
		os.RemoveAll(bench100k.dir)
	}
	os.Exit(code)
}

func benchFile(b *testing.B) string {
	bench100k.once.Do(func() {
		bench100k.dir, bench100k.err = os.MkdirTemp("", "zhaoyin-sheet-bench")
		if bench100k.err != nil {
			return
		}
		bench100k.path = filepath.Join(bench100k.dir, "projects100k.xlsx")
		out, err := os.Create(bench100k.path)
		if err != nil {
			bench100k.err = err
			return
		}
		defer out.Close()
		codes := []string{"370703", "370771", "370700"}
		u := uscc(b, "91370700MA3C0000A")
		i := 0
		bench100k.err = WriteProjects(out, func() (*zhaoyin.Project, error) {
			if i == 100_000 {
				return nil, nil
			}
			i++
			p := &zhaoyin.Project{
				Code: fmt.Sprintf("WF2024-%06d", i), Name: fmt.Sprintf("第 %d 号重点产业项目（年产 %d 万件）", i, i%500),
				RegionCode: codes[i%len(codes)], Type: zhaoyin.TypeLabels[i%4].Value, Chain: "高端化工",
				Manufacturing: i%3 == 0, CapitalSource: zhaoyin.CapitalLabels[i%4].Value,
				TotalInvestmentYuan: int64(i)*123457 + 100000000, AnnualPlanYuan: int64(i) * 5000, SignedAmountYuan: int64(i) * 7777,
				Stage: zhaoyin.StageStarted, NegotiatingOn: "2023-01-05", SignedOn: "2023-02-12", ApprovedOn: "2023-03-01",
				StartedOn: "2024-03-01", LandMu: float64(i%1000) + 0.5,
				Tags: []string{"省重大项目", "市重点项目"}, Batches: []string{"2024年春季全市重大项目集中开工"},
				Investors: []zhaoyin.Investor{{Name: "潍坊某某集团有限公司", USCC: u}},
			}
			return p, nil
		})
	})
	if bench100k.err != nil {
		b.Fatal(bench100k.err)
	}
	return bench100k.path
}

// BenchmarkParseProjects100k parses an exported sheet of 100,000 projects.
func BenchmarkParseProjects100k(b *testing.B) {
	path := benchFile(b)
	byText := map[string]*zhaoyin.Region{}
	for _, r := range testRegions {
		byText[r.Code] = r
	}
	res := func(text string) (*zhaoyin.Region, error) {
		if r, ok := byText[text]; ok {
			return r, nil
		}
		return nil, zhaoyin.Errorf(zhaoyin.ENOTFOUND, "所属区域“%s”不存在", text)
	}
	b.ReportAllocs()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		projects, _, err := ParseProjects(f, res)
		f.Close()
		if err != nil {
			b.Fatalf("%v %+v", err, cellErrorsOf(err))
		}
		if len(projects) != 100_000 {
			b.Fatalf("%d projects", len(projects))
		}
	}
}

// rowsOf reads a workbook with this package's reader: row number → cells, trailing blanks
// left out, blank rows too.
func rowsOf(t *testing.T, data []byte) (map[int][]string, *workbook) {
	t.Helper()
	wb, err := openWorkbook(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sr, err := wb.rows()
	if err != nil {
		t.Fatal(err)
	}
	defer sr.close()
	out := map[int][]string{}
	for {
		ok, err := sr.next()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return out, wb
		}
		if cells := trimRow(sr.cells); len(cells) > 0 {
			out[sr.row] = append([]string(nil), cells...)
		}
	}
}

func trimRow(cells []string) []string {
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}

// TestReaderMatchesExcelize: the streaming reader gives what excelize gives with
// RawCellValue, on workbooks written by excelize (shared strings, rich text, formulas,
// booleans, dates, sparse cells) and by StreamWriter (inline strings).
func TestReaderMatchesExcelize(t *testing.T) {
	f := excelize.NewFile()
	set := func(cell string, v any) {
		if err := f.SetCellValue("Sheet1", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "文本 & <符号> \"引号\" 'x'")
	set("C1", 12345.6789)
	set("D1", 0.1+0.2)
	set("E1", true)
	set("F1", time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))
	set("A3", " 前后空格 ")
	set("B3", "多行\n文本")
	set("AA3", int64(-42))
	set("A5", "2024-02-30")
	if err := f.SetCellRichText("Sheet1", "B5", []excelize.RichTextRun{{Text: "富"}, {Text: "文本", Font: &excelize.Font{Bold: true}}}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellFormula("Sheet1", "C5", "1+1"); err != nil {
		t.Fatal(err)
	}
	set("D5", "")
	if err := f.SetCellStr("Sheet1", "E5", "00123"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("第二页"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()

	var tmpl bytes.Buffer
	if err := WriteProjectTemplate(&tmpl); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"excelize": buf.Bytes(),
		"stream":   exportBook(t, roundTripProjects(t)),
		"template": tmpl.Bytes(),
		"book":     book(t, [][]any{{"a", 1, nil, 2.5}, nil, {nil, nil, "c"}}),
	} {
		t.Run(name, func(t *testing.T) {
			got, _ := rowsOf(t, data)
			x := readBook(t, data)
			want, err := x.GetRows(x.GetSheetList()[0], excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for i, cells := range want {
				cells = trimRow(cells)
				if len(cells) == 0 {
					continue
				}
				n++
				if !reflect.DeepEqual(got[i+1], cells) {
					t.Errorf("row %d: got %q, excelize %q", i+1, got[i+1], cells)
				}
			}
			if n != len(got) {
				t.Errorf("%d rows, excelize %d", len(got), n)
			}
		})
	}
}

// rawBook zips a hand-written workbook whose first sheet is sheetXML.
func rawBook(t *testing.T, sheetXML, sstXML string) []byte {
	t.Helper()
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/book.xml"/></Relationships>`,
		"xl/book.xml": `<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:workbookPr date1904="1"/><x:sheets><x:sheet name="数据" sheetId="7" r:id="rS"/><x:sheet name="其他" sheetId="1" r:id="rO"/></x:sheets></x:workbook>`,
		"xl/_rels/book.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rO" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/other.xml"/>
<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/>
<Relationship Id="rT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>`,
		"xl/worksheets/data.xml":  sheetXML,
		"xl/worksheets/other.xml": `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>`,
		"xl/strings.xml":          sstXML,
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReaderHandWritten: prefixes, missing references, entities, CDATA, comments, phonetic
// runs, the 1904 date system, the first sheet in workbook order.
func TestReaderHandWritten(t *testing.T) {
	sst := `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
<si><t>项目编码</t></si><si><r><rPr><b/></rPr><t>项目</t></r><r><t xml:space="preserve">名称 </t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si><si/></sst>`
	sheet := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref="A1:C4"/><x:sheetData>
<!-- a comment <row> --><!--` + strings.Repeat("-> long comment ", 10000) + `-->
<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c></x:row>
<x:row r="3" spans="1:3"><x:c r="B3" t="inlineStr"><x:is><x:t>A&amp;B &lt;c&gt; &#20013;&#x6587; &quot;</x:t></x:is></x:c><x:c r="C3"><x:f>SUM(1,2)</x:f><x:v>3</x:v></x:c></x:row>
<x:row r="4"><x:c r="A4" t="str"><x:v><![CDATA[<raw & text>]]></x:v></x:c><x:c r="B4" t="b"><x:v>1</x:v></x:c><x:c r="C4" s="1"><x:v>43890</x:v></x:c></x:row>
<x:row r="6"/>
</x:sheetData><x:mergeCells count="0"/></x:worksheet>`
	got, wb := rowsOf(t, rawBook(t, sheet, sst))
	want := map[int][]string{
		1: {"项目编码", "项目名称 "},
		3: {"", "A&B <c> 中文 \"", "3"},
		4: {"<raw & text>", "1", "43890"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	if !wb.date1904 || wb.sheetName != "数据" {
		t.Errorf("date1904 %v, sheet %q", wb.date1904, wb.sheetName)
	}
	if d, _ := normDate("43890", wb.date1904); d != "2024-03-01" {
		t.Errorf("1904 serial 43890 = %s, want 2024-03-01", d)
	}

	for name, sheet := range map[string]string{
		"doctype":   `<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>`,
		"truncated": `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>`,
		"backwards": `<worksheet><sheetData><row r="2"/><row r="1"/></sheetData></worksheet>`,
		"bad index": `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row></sheetData></worksheet>`,
		"huge cell": `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>` + strings.Repeat("长", 1<<19) + `</t></is></c></row></sheetData></worksheet>`,
	} {
		_, _, err := ParseProjects(bytes.NewReader(rawBook(t, sheet, sst)), resolve)
		if zhaoyin.ErrorCode(err) != zhaoyin.EINVALID || !strings.Contains(zhaoyin.ErrorMessage(err), "无法识别") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

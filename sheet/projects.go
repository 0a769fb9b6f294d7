package sheet

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"zhaoyin"
)

// Resolver turns what a person wrote in 所属区域 into a region (code, unique name, or path
// like 潍坊市/高新区); returns a *zhaoyin.Error with a Chinese message when unknown/ambiguous/out
// of scope. Any other error (EINTERNAL) aborts the parse and is returned as is.
type Resolver func(text string) (*zhaoyin.Region, error)

// dateCols pairs each stage date column with its stage.
var dateCols = [...]struct {
	id    int
	stage zhaoyin.Stage
}{
	{pNegotiatingOn, zhaoyin.StageNegotiating}, {pSignedOn, zhaoyin.StageSigned},
	{pApprovedOn, zhaoyin.StageApproved}, {pStartedOn, zhaoyin.StageStarted},
	{pProducingOn, zhaoyin.StageProducing}, {pAchievedOn, zhaoyin.StageAchieved},
	{pDroppedOn, zhaoyin.StageDropped},
}

// projectFields maps a JSON field of Project to its column (investors: see projectColumn).
var projectFields = func() map[string]int {
	m := map[string]int{}
	for id, c := range projectCols {
		if c.field != "investors" {
			m[c.field] = id
		}
	}
	return m
}()

// projectColumn is the column holding JSON field; an investors message names the column
// it is about (the codes, unless a name is missing). -1 when no column holds it.
func projectColumn(field, msg string) int {
	if field == "investors" {
		if strings.Contains(msg, "统一社会信用代码") {
			return pUSCC
		}
		return pInvestor
	}
	if id, ok := projectFields[field]; ok {
		return id
	}
	return -1
}

type regionResult struct {
	code, name, msg string
}

type projectParser struct {
	resolve  Resolver
	date1904 bool
	regions  map[string]regionResult // what each text resolved to, asked once per file
}

func (pp *projectParser) region(text string) (regionResult, error) {
	if res, ok := pp.regions[text]; ok {
		return res, nil
	}
	var res regionResult
	if pp.resolve == nil {
		res.code = text
	} else {
		reg, err := pp.resolve(text)
		switch {
		case err != nil && zhaoyin.ErrorCode(err) == zhaoyin.EINTERNAL:
			return res, err
		case err != nil:
			res.msg = zhaoyin.ErrorMessage(err)
		case reg == nil:
			res.msg = fmt.Sprintf("所属区域“%s”不存在", text)
		default:
			res.code, res.name = reg.Code, reg.Name
		}
	}
	pp.regions[text] = res
	return res, nil
}

// ParseProjects reads the first sheet; returns the projects and, parallel, each one's
// spreadsheet row number. Any bad cell → nil, nil and a *zhaoyin.Error (EINVALID) whose
// Cells list every bad cell of the file, sorted by row and then column position.
// A nil resolve takes 所属区域 as a region code.
func ParseProjects(r io.Reader, resolve Resolver) ([]*zhaoyin.Project, []int, error) {
	rd, err := open(r)
	if err != nil {
		return nil, nil, err
	}
	defer rd.close()
	pp := &projectParser{resolve: resolve, date1904: rd.date1904, regions: map[string]regionResult{}}
	firstRow := map[string]int{}
	return parseRows(rd, projectCols[:], func(re *rowErrs, v []string) (*zhaoyin.Project, error) {
		p, err := pp.project((*[nProjectCols]string)(v), re)
		if err != nil {
			return nil, err
		}
		if p.Code != "" {
			if first, dup := firstRow[p.Code]; dup {
				re.add(pCode, fmt.Sprintf("项目编码“%s”与第 %d 行重复：同一文件中每个项目只能出现一次", p.Code, first))
			} else {
				firstRow[p.Code] = re.row
			}
		}
		return p, nil
	})
}

// project turns one row into a project, reporting each bad cell to re; the error is an
// internal one from the resolver.
func (pp *projectParser) project(v *[nProjectCols]string, re *rowErrs) (*zhaoyin.Project, error) {
	p := &zhaoyin.Project{
		Code: v[pCode], Name: v[pName], Chain: v[pChain], ChainNode: v[pChainNode],
		DropReason: v[pDropReason], ResponsiblePerson: v[pResponsible], LeadingOfficial: v[pLeading],
		ServiceTeam: v[pTeam], Channel: v[pChannel],
		Tags: splitList(v[pTags]), Batches: splitList(v[pBatches]),
	}
	if t := v[pRegion]; t != "" {
		res, err := pp.region(t)
		if err != nil {
			return nil, err
		}
		if res.msg != "" {
			re.add(pRegion, res.msg)
		}
		p.RegionCode, p.RegionName = res.code, res.name
	}
	// An unknown type, capital source or stage is kept as written: Validate explains it.
	if t := v[pType]; t == "" {
		re.add(pType, "项目类型不能为空，应为 产业类、平台类、社会事业类 或 基础设施类")
	} else if val, ok := listValue(zhaoyin.TypeLabels, t); ok {
		p.Type = val
	} else {
		p.Type = t
	}
	if t := v[pCapital]; t != "" {
		if val, ok := listValue(zhaoyin.CapitalLabels, t); ok {
			p.CapitalSource = val
		} else {
			p.CapitalSource = t
		}
	}
	if t := v[pStage]; t == "" {
		re.add(pStage, "当前阶段不能为空，应为 线索、在谈、签约、立项、开工、投产、达效 或 终止")
	} else if val, ok := listValue(zhaoyin.StageLabels, t); ok {
		p.Stage = zhaoyin.Stage(val)
	} else if s, ok := zhaoyin.StageAliases[t]; ok {
		p.Stage = s
	} else {
		p.Stage = zhaoyin.Stage(t)
	}
	var err error
	if p.Manufacturing, err = parseBool(v[pManufacturing]); err != nil {
		re.add(pManufacturing, "是否制造业"+err.Error())
	}
	if v[pTotal] == "" {
		re.add(pTotal, "总投资不能为空（单位万元）")
	}
	for _, a := range [...]struct {
		id  int
		dst *int64
	}{{pTotal, &p.TotalInvestmentYuan}, {pAnnual, &p.AnnualPlanYuan}, {pSigned, &p.SignedAmountYuan}} {
		if *a.dst, err = parseAmount(v[a.id]); err != nil {
			re.add(a.id, err.Error())
		}
	}
	for _, d := range dateCols {
		on, err := normDate(v[d.id], pp.date1904)
		if err != nil {
			re.add(d.id, err.Error())
		}
		p.SetStageDate(d.stage, on)
	}
	if p.LandMu, err = parseMu(v[pLand]); err != nil {
		re.add(pLand, err.Error())
	}
	p.Investors = investors(v[pInvestor], v[pUSCC], re)

	if err := p.Validate(); err != nil {
		var e *zhaoyin.Error
		if !errors.As(err, &e) {
			return nil, err
		}
		for field, msg := range e.Fields {
			id := projectColumn(field, msg)
			if id < 0 {
				re.list.add(re.row, 1000, field, msg)
				continue
			}
			re.add(id, msg)
		}
		// Validate keeps one message per field: when it spoke of a name, the codes may still be
		// wrong, and they have a cell of their own.
		if msg, ok := e.Fields["investors"]; ok && projectColumn("investors", msg) == pInvestor {
			for _, inv := range p.Investors {
				if inv.USCC != "" {
					if err := zhaoyin.CheckUSCC(inv.USCC); err != nil {
						re.add(pUSCC, err.Error())
						break
					}
				}
			}
		}
	}
	return p, nil
}

// investors pairs 投资方 with 投资方统一社会信用代码, place by place.
func investors(names, codes string, re *rowErrs) []zhaoyin.Investor {
	out := []zhaoyin.Investor{}
	if codes == "" {
		for _, n := range splitInvestors(names) {
			if n != "" {
				out = append(out, zhaoyin.Investor{Name: n})
			}
		}
		return out
	}
	ns, cs := splitInvestors(names), splitInvestors(codes)
	if names == "" {
		re.add(pInvestor, "填写了投资方统一社会信用代码，但没有填写投资方名称")
		return out
	}
	if len(ns) != len(cs) {
		re.add(pUSCC, fmt.Sprintf("填写了 %d 个投资方、%d 个统一社会信用代码：多个投资方时代码须用“、”分隔并按顺序一一对应，没有代码的投资方留空位", len(ns), len(cs)))
		return out
	}
	for i, n := range ns {
		c := strings.ToUpper(cs[i])
		if n == "" && c == "" {
			continue
		}
		out = append(out, zhaoyin.Investor{Name: n, USCC: c})
	}
	return out
}

// WriteProjectTemplate writes the empty project template: the header row of API.md
// (required columns end in * and are bold red; dropdowns for the listed values), and a
// second sheet 填写说明 describing every column and its allowed values. Data starts at row 2.
func WriteProjectTemplate(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName(f.GetSheetName(0), projectSheet); err != nil {
		return err
	}
	cols := projectCols[:nTemplateCols]
	drops := map[int][]string{
		pType: labelNames(zhaoyin.TypeLabels), pCapital: labelNames(zhaoyin.CapitalLabels),
		pStage: labelNames(zhaoyin.StageLabels), pManufacturing: {"是", "否"},
	}
	if err := writeTemplateSheet(f, projectSheet, cols, st, drops); err != nil {
		return err
	}
	if err := writeGuide(f, projectGuide, projectCols[:], st); err != nil {
		return err
	}
	return f.Write(w)
}

const projectSheet = "项目"

var projectGuide = guide{
	title: "项目导入填写说明",
	notes: []string{
		"1. 导入时只读取第一个工作表。第 1 行为表头，数据从第 2 行开始，空行会被跳过。",
		"2. 列的顺序可以调整，列名须与模板一致；带 * 的为必填列（列名末尾的 * 可写可不写）。除下表所列的列外，不能有其他列。",
		"3. 金额以万元为单位，最多 4 位小数；日期写成 2024-03-01，也可以使用 Excel 的日期单元格。",
		"4. 当前阶段之前各阶段的日期都要填写，且不能倒退（同一天可以）；当前阶段之后的日期不能填写。终止的项目须填写终止日期和终止原因（附加列）。",
		"5. 全部数据正确才会导入；只要有错误，系统会列出每个错误所在的行号和列名，且不导入任何数据。",
		"6. 按项目编码导入：系统中已有该编码的项目会被更新，没有的会新建。",
		"7. 从系统导出的项目表与本模板格式相同（另含下表的附加列），修改后可以直接导入。",
	},
	lists: [][3]string{},
}

func init() {
	for _, l := range zhaoyin.TypeLabels {
		projectGuide.lists = append(projectGuide.lists, [3]string{"项目类型", l.Label, l.Value})
	}
	for _, l := range zhaoyin.CapitalLabels {
		projectGuide.lists = append(projectGuide.lists, [3]string{"资金来源", l.Label, l.Value})
	}
	for _, l := range zhaoyin.StageLabels {
		var aliases []string
		for a, s := range zhaoyin.StageAliases {
			if string(s) == l.Value {
				aliases = append(aliases, a)
			}
		}
		sort.Strings(aliases)
		v := l.Value
		if len(aliases) > 0 {
			v += "（也可写 " + strings.Join(aliases, "、") + "）"
		}
		projectGuide.lists = append(projectGuide.lists, [3]string{"当前阶段", l.Label, v})
	}
	projectGuide.lists = append(projectGuide.lists, [3]string{"是否制造业", "是", "true"}, [3]string{"是否制造业", "否", "false"})
}

// WriteProjects streams projects (excelize StreamWriter) in the column layout of the import
// template, followed by the optional extra columns, so that an export re-imports unchanged.
// next returns (nil, nil) at the end; an error from next stops the export before anything
// is written to w.
func WriteProjects(w io.Writer, next func() (*zhaoyin.Project, error)) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName(f.GetSheetName(0), projectSheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(projectSheet)
	if err != nil {
		return err
	}
	if err := streamHeader(sw, projectCols[:], st); err != nil {
		return err
	}
	row := make([]any, nProjectCols)
	for r := 2; ; r++ {
		p, err := next()
		if err != nil {
			return err
		}
		if p == nil {
			break
		}
		projectRow(row, p)
		cell, err := excelize.CoordinatesToCellName(1, r)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := writeGuide(f, projectGuide, projectCols[:], st); err != nil {
		return err
	}
	return f.Write(w)
}

// projectRow fills row with the cells of p; nil leaves a cell empty.
func projectRow(row []any, p *zhaoyin.Project) {
	clear(row)
	text := func(id int, s string) {
		if s != "" {
			row[id] = s
		}
	}
	text(pCode, p.Code)
	text(pName, p.Name)
	text(pRegion, p.RegionCode)
	text(pType, zhaoyin.LabelOf(zhaoyin.TypeLabels, p.Type))
	text(pChain, p.Chain)
	row[pManufacturing] = "否"
	if p.Manufacturing {
		row[pManufacturing] = "是"
	}
	text(pCapital, zhaoyin.LabelOf(zhaoyin.CapitalLabels, p.CapitalSource))
	row[pTotal] = amountCell(p.TotalInvestmentYuan)
	if p.AnnualPlanYuan != 0 {
		row[pAnnual] = amountCell(p.AnnualPlanYuan)
	}
	if p.SignedAmountYuan != 0 {
		row[pSigned] = amountCell(p.SignedAmountYuan)
	}
	if len(p.Investors) > 0 {
		names := make([]string, len(p.Investors))
		codes := make([]string, len(p.Investors))
		anyCode := false
		for i, inv := range p.Investors {
			names[i], codes[i] = inv.Name, inv.USCC
			anyCode = anyCode || inv.USCC != ""
		}
		text(pInvestor, strings.Join(names, "、"))
		if anyCode {
			text(pUSCC, strings.Join(codes, "、"))
		}
	}
	text(pStage, zhaoyin.StageLabel(p.Stage))
	for _, d := range dateCols {
		text(d.id, p.StageDate(d.stage))
	}
	if p.LandMu != 0 {
		row[pLand] = p.LandMu
	}
	text(pTags, strings.Join(p.Tags, "、"))
	text(pBatches, strings.Join(p.Batches, "、"))
	text(pChainNode, p.ChainNode)
	text(pDropReason, p.DropReason)
	text(pResponsible, p.ResponsiblePerson)
	text(pLeading, p.LeadingOfficial)
	text(pTeam, p.ServiceTeam)
	text(pChannel, p.Channel)
}

// amountCell is yuan in 万元: a number cell when a float holds it exactly (15 significant
// digits, as Excel), else text, so that the export re-imports to the yuan.
func amountCell(yuan int64) any {
	if yuan < 0 {
		return "-" + zhaoyin.WanText(-yuan)
	}
	s := zhaoyin.WanText(yuan)
	if significant(s) > 15 {
		return s
	}
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

package dispatch

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"zhaoyin"
)

// The .xlsx files of the dispatch: the dispatch table (调度表), the three lists and the
// assessment ranking. Amounts are written in 万元 as numbers exact to the yuan (four
// decimals) and shown with two; subtotals and totals are formulas (SUBTOTAL, so that a total
// skips the subtotals above it) that carry their computed values, so that a reader that does
// not recalculate sees the same figures as Excel.

type styles struct {
	title, info, unit, header, text, wrap, center, money, count, pct, score int
	subText, subMoney, subCount, totText, totMoney, totCount                int
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	mid := &excelize.Alignment{Vertical: "center"}
	wrap := &excelize.Alignment{Vertical: "center", WrapText: true}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	subFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}
	totFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FCE4D6"}}
	bold := &excelize.Font{Bold: true}
	moneyFmt, countFmt, pctFmt, scoreFmt := "#,##0.00", "0", `0.00"%"`, "0.00"
	st := &styles{}
	for _, s := range []struct {
		dst   *int
		style *excelize.Style
	}{
		{&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&st.info, &excelize.Style{Alignment: mid}},
		{&st.unit, &excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}}},
		{&st.header, &excelize.Style{Font: bold, Border: border, Alignment: center, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}},
		{&st.text, &excelize.Style{Border: border, Alignment: mid}},
		{&st.wrap, &excelize.Style{Border: border, Alignment: wrap}},
		{&st.center, &excelize.Style{Border: border, Alignment: center}},
		{&st.money, &excelize.Style{Border: border, Alignment: mid, CustomNumFmt: &moneyFmt}},
		{&st.count, &excelize.Style{Border: border, Alignment: mid, CustomNumFmt: &countFmt}},
		{&st.pct, &excelize.Style{Border: border, Alignment: mid, CustomNumFmt: &pctFmt}},
		{&st.score, &excelize.Style{Border: border, Alignment: mid, CustomNumFmt: &scoreFmt}},
		{&st.subText, &excelize.Style{Font: bold, Border: border, Alignment: wrap, Fill: subFill}},
		{&st.subMoney, &excelize.Style{Font: bold, Border: border, Alignment: mid, Fill: subFill, CustomNumFmt: &moneyFmt}},
		{&st.subCount, &excelize.Style{Font: bold, Border: border, Alignment: mid, Fill: subFill, CustomNumFmt: &countFmt}},
		{&st.totText, &excelize.Style{Font: bold, Border: border, Alignment: wrap, Fill: totFill}},
		{&st.totMoney, &excelize.Style{Font: bold, Border: border, Alignment: mid, Fill: totFill, CustomNumFmt: &moneyFmt}},
		{&st.totCount, &excelize.Style{Font: bold, Border: border, Alignment: mid, Fill: totFill, CustomNumFmt: &countFmt}},
	} {
		id, err := f.NewStyle(s.style)
		if err != nil {
			return nil, err
		}
		*s.dst = id
	}
	return st, nil
}

// wan is yuan as 万元, exact to the yuan (a float64 holds four decimals of any sum we meet).
func wan(yuan int64) float64 { return float64(yuan) / float64(zhaoyin.Wan) }

func cell(style int, v any) excelize.Cell { return excelize.Cell{StyleID: style, Value: v} }

func col(i int) string {
	name, _ := excelize.ColumnNumberToName(i)
	return name
}

func ref(c, row int) string { return fmt.Sprintf("%s%d", col(c), row) }

// sumCell sums rows first..last of column c by a formula that carries its value; subtotal
// uses SUBTOTAL(9, …), which a total over the same rows skips.
func sumCell(style int, subtotal bool, c, first, last int, value any) excelize.Cell {
	formula := fmt.Sprintf("SUM(%s:%s)", ref(c, first), ref(c, last))
	if subtotal {
		formula = fmt.Sprintf("SUBTOTAL(9,%s:%s)", ref(c, first), ref(c, last))
	}
	return excelize.Cell{StyleID: style, Formula: formula, Value: value}
}

func setWidths(sw *excelize.StreamWriter, widths []float64) error {
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	return nil
}

// DispatchColumns are the columns of the dispatch table, in order.
var DispatchColumns = []string{"序号", "项目编码", "项目名称", "所属区域", "总投资(万元)", "年度计划投资(万元)", "本月到位资金(万元)",
	"本年累计到位资金(万元)", "本月完成投资(万元)", "本年累计完成投资(万元)", "形象进度", "存在问题"}

// dispatchMoneyCol is the first money column (E, 总投资); six follow in DispatchSums order.
const dispatchMoneyCol = 5

func sumsValues(s zhaoyin.DispatchSums) []int64 {
	return []int64{s.TotalInvestmentYuan, s.AnnualPlanYuan, s.FundsArrivedYuan, s.FundsArrivedYTDYuan, s.InvestedYuan, s.InvestedYTDYuan}
}

// WriteDispatchTable writes the month's dispatch table: a title, the header (frozen), one row
// per project grouped by region with a 小计 row after each group, and a 合计 row.
func WriteDispatchTable(w io.Writer, t *zhaoyin.DispatchTable) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "调度表"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	last := len(DispatchColumns)
	if err := setWidths(sw, []float64{6, 16, 36, 10, 13, 13, 13, 13, 13, 13, 40, 30}); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 3, YSplit: 3, TopLeftCell: "D4", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "D4", ActiveCell: "D4", Pane: "bottomRight"}}}); err != nil {
		return err
	}
	title := fmt.Sprintf("%s%s重点项目调度表", t.RegionName, zhaoyin.MonthLabel(t.Month))
	if err := sw.SetRow("A1", []any{cell(st.title, title)}, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	if err := sw.MergeCell("A1", ref(last, 1)); err != nil {
		return err
	}
	info := "调度月份：" + zhaoyin.MonthLabel(t.Month)
	if p := t.Period; p != nil {
		state := "报送中"
		if p.Status == zhaoyin.PeriodClosed {
			state = "已关闭"
		}
		info += fmt.Sprintf("　报送截止：%s　状态：%s", p.Deadline, state)
	}
	info += fmt.Sprintf("　应报项目 %d 个，已报送 %d 个", t.Total.Count, t.Total.Reported)
	row2 := make([]any, last)
	row2[0], row2[last-1] = cell(st.info, info), cell(st.unit, "单位：万元")
	if err := sw.SetRow("A2", row2); err != nil {
		return err
	}
	if err := sw.MergeCell("A2", ref(last-1, 2)); err != nil {
		return err
	}
	header := make([]any, last)
	for i, h := range DispatchColumns {
		header[i] = cell(st.header, h)
	}
	if err := sw.SetRow("A3", header, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	row, seq := 4, 0
	for _, g := range t.Groups {
		first := row
		for _, r := range g.Rows {
			seq++
			values := []any{cell(st.center, seq), cell(st.text, r.ProjectCode), cell(st.wrap, r.ProjectName), cell(st.text, r.RegionName)}
			for _, y := range []int64{r.TotalInvestmentYuan, r.AnnualPlanYuan, r.FundsArrivedYuan, r.FundsArrivedYTDYuan, r.InvestedYuan, r.InvestedYTDYuan} {
				values = append(values, cell(st.money, wan(y)))
			}
			progress := r.ProgressText
			if !r.Reported {
				progress = "（未报送）"
			}
			values = append(values, cell(st.wrap, progress), cell(st.wrap, r.Problems))
			if err := sw.SetRow(ref(1, row), values); err != nil {
				return err
			}
			row++
		}
		values := []any{cell(st.subText, ""), cell(st.subText, ""), cell(st.subText, g.RegionName+"小计"), cell(st.subText, g.RegionName)}
		for i, y := range sumsValues(g.Subtotal) {
			values = append(values, sumCell(st.subMoney, true, dispatchMoneyCol+i, first, row-1, wan(y)))
		}
		values = append(values, cell(st.subText, fmt.Sprintf("%d 个项目，已报送 %d 个", g.Subtotal.Count, g.Subtotal.Reported)), cell(st.subText, ""))
		if err := sw.SetRow(ref(1, row), values); err != nil {
			return err
		}
		row++
	}
	values := []any{cell(st.totText, ""), cell(st.totText, ""), cell(st.totText, "合计"), cell(st.totText, t.RegionName)}
	for i, y := range sumsValues(t.Total) {
		if row > 4 {
			values = append(values, sumCell(st.totMoney, true, dispatchMoneyCol+i, 4, row-1, wan(y)))
		} else {
			values = append(values, cell(st.totMoney, 0))
		}
	}
	values = append(values, cell(st.totText, fmt.Sprintf("%d 个项目，已报送 %d 个", t.Total.Count, t.Total.Reported)), cell(st.totText, ""))
	if err := sw.SetRow(ref(1, row), values); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// ListColumns are the columns of each list sheet; the date column is named by the list.
func ListColumns(dateLabel string) []string {
	return []string{"序号", "项目编码", "项目名称", "所属区域", "项目类型", "所属产业链", "总投资(万元)", "签约金额(万元)", dateLabel, "投资方"}
}

// WriteLists writes the three lists, one sheet each (新签约项目, 新立项项目, 新开工项目): a
// header row, one row per project, and a 合计 row.
func WriteLists(w io.Writer, l *zhaoyin.ProjectLists) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	dateLabels := map[string]string{}
	for _, k := range zhaoyin.ListKinds {
		dateLabels[k.Kind] = k.DateLabel
	}
	for i, list := range l.Lists {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", list.Label); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(list.Label); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(list.Label)
		if err != nil {
			return err
		}
		if err := setWidths(sw, []float64{6, 16, 36, 10, 11, 12, 13, 13, 12, 36}); err != nil {
			return err
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
			return err
		}
		cols := ListColumns(dateLabels[list.Kind])
		header := make([]any, len(cols))
		for j, h := range cols {
			header[j] = cell(st.header, h)
		}
		if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 24}); err != nil {
			return err
		}
		row := 2
		for j, it := range list.Items {
			var investors []string
			for _, inv := range it.Investors {
				investors = append(investors, inv.Name)
			}
			if err := sw.SetRow(ref(1, row), []any{
				cell(st.center, j+1), cell(st.text, it.Code), cell(st.wrap, it.Name), cell(st.text, it.RegionName),
				cell(st.text, it.TypeLabel), cell(st.text, it.Chain), cell(st.money, wan(it.TotalInvestmentYuan)),
				cell(st.money, wan(it.SignedAmountYuan)), cell(st.center, it.On), cell(st.wrap, strings.Join(investors, "、")),
			}); err != nil {
				return err
			}
			row++
		}
		total := []any{cell(st.totText, "合计"), cell(st.totText, ""), cell(st.totText, fmt.Sprintf("共 %d 个项目", list.Totals.Count)),
			cell(st.totText, ""), cell(st.totText, ""), cell(st.totText, "")}
		if row > 2 {
			total = append(total, sumCell(st.totMoney, false, 7, 2, row-1, wan(list.Totals.TotalInvestmentYuan)),
				sumCell(st.totMoney, false, 8, 2, row-1, wan(list.Totals.SignedAmountYuan)))
		} else {
			total = append(total, cell(st.totMoney, 0), cell(st.totMoney, 0))
		}
		total = append(total, cell(st.totText, ""), cell(st.totText, ""))
		if err := sw.SetRow(ref(1, row), total); err != nil {
			return err
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// unitValue writes an indicator figure in the sheet's unit: 万元, a count, or a percentage.
func unitValue(st *styles, unit string, v int64) excelize.Cell {
	switch unit {
	case "yuan":
		return cell(st.money, wan(v))
	case "0.01%":
		return cell(st.pct, float64(v)/100)
	}
	return cell(st.count, v)
}

func unitLabel(unit string) string {
	switch unit {
	case "yuan":
		return "万元"
	case "0.01%":
		return "%"
	}
	return "个"
}

func methodLabel(in zhaoyin.AssessmentIndicator) string {
	if in.Method == zhaoyin.ScoreRank {
		return "按排名计分：权重 ×（n − 名次 + 1）÷ n"
	}
	return fmt.Sprintf("按完成率计分：权重 × min(实际 ÷ 目标, %g)", in.Cap)
}

// WriteAssessment writes the ranking (one line per region: rank, total, and per indicator the
// actual figure, the target and the score) and a sheet describing the indicators.
func WriteAssessment(w io.Writer, a *zhaoyin.Assessment) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet, notes = "考核排名", "指标说明"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	if _, err := f.NewSheet(notes); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sc := a.Scheme
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	last := 3 + 3*len(sc.Indicators)
	widths := []float64{6, 12, 10}
	for range sc.Indicators {
		widths = append(widths, 13, 13, 9)
	}
	if err := setWidths(sw, widths); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 3, YSplit: 4, TopLeftCell: "D5", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "D5", ActiveCell: "D5", Pane: "bottomRight"}}}); err != nil {
		return err
	}
	title := fmt.Sprintf("%s%s得分排名", sc.RegionName, sc.Name)
	if err := sw.SetRow("A1", []any{cell(st.title, title)}, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	if err := sw.MergeCell("A1", ref(last, 1)); err != nil {
		return err
	}
	info := fmt.Sprintf("统计期间：%s 至 %s　参评区域 %d 个　金额单位：万元", a.From, a.To, a.Count)
	if err := sw.SetRow("A2", []any{cell(st.info, info)}); err != nil {
		return err
	}
	if err := sw.MergeCell("A2", ref(last, 2)); err != nil {
		return err
	}
	top := []any{cell(st.header, "排名"), cell(st.header, "区域"), cell(st.header, "总分")}
	sub := []any{cell(st.header, ""), cell(st.header, ""), cell(st.header, "")}
	for _, in := range sc.Indicators {
		def, _ := zhaoyin.AssessmentIndicatorOf(in.Key)
		top = append(top, cell(st.header, fmt.Sprintf("%s（%g 分）", in.Label, in.Weight)), cell(st.header, ""), cell(st.header, ""))
		sub = append(sub, cell(st.header, "完成("+unitLabel(def.Unit)+")"), cell(st.header, "目标("+unitLabel(def.Unit)+")"), cell(st.header, "得分"))
	}
	if err := sw.SetRow("A3", top, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	if err := sw.SetRow("A4", sub, excelize.RowOpts{Height: 20}); err != nil {
		return err
	}
	for c := 1; c <= 3; c++ {
		if err := sw.MergeCell(ref(c, 3), ref(c, 4)); err != nil {
			return err
		}
	}
	for j := range sc.Indicators {
		if err := sw.MergeCell(ref(4+3*j, 3), ref(6+3*j, 3)); err != nil {
			return err
		}
	}
	for i, r := range a.Regions {
		values := []any{cell(st.center, r.Rank), cell(st.text, r.RegionName), cell(st.score, r.Total)}
		for _, it := range r.Items {
			values = append(values, unitValue(st, it.Unit, it.Actual))
			if it.Target > 0 {
				values = append(values, unitValue(st, it.Unit, it.Target))
			} else {
				values = append(values, cell(st.text, "—"))
			}
			values = append(values, cell(st.score, it.Score))
		}
		if err := sw.SetRow(ref(1, 5+i), values); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}

	// The indicators, for whoever reads the ranking without the scheme at hand.
	head := []string{"序号", "指标", "单位", "权重(分)", "计分方法", "统一目标", "分区目标"}
	for j, h := range head {
		if err := f.SetCellStr(notes, ref(j+1, 1), h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(notes, "A1", ref(len(head), 1), st.header); err != nil {
		return err
	}
	for i, in := range sc.Indicators {
		def, _ := zhaoyin.AssessmentIndicatorOf(in.Key)
		target := "—"
		if in.Target > 0 {
			target = targetText(def.Unit, in.Target)
		}
		var per []string
		for _, r := range a.Regions {
			if t, ok := in.Targets[r.RegionCode]; ok {
				per = append(per, r.RegionName+" "+targetText(def.Unit, t))
			}
		}
		row := []any{i + 1, in.Label, unitLabel(def.Unit), in.Weight, methodLabel(in), target, strings.Join(per, "；")}
		if err := f.SetSheetRow(notes, ref(1, i+2), &row); err != nil {
			return err
		}
	}
	for j, wdt := range []float64{6, 22, 8, 10, 44, 14, 40} {
		if err := f.SetColWidth(notes, col(j+1), col(j+1), wdt); err != nil {
			return err
		}
	}
	return f.Write(w)
}

func targetText(unit string, v int64) string {
	switch unit {
	case "yuan":
		return zhaoyin.FormatWan(v) + "万元"
	case "0.01%":
		return fmt.Sprintf("%d.%02d%%", v/100, v%100)
	}
	return fmt.Sprintf("%d个", v)
}

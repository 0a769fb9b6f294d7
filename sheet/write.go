package sheet

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

const guideSheet = "填写说明"

type styles struct {
	required, optional, text, title, bold, wrap int
}

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	for _, s := range []struct {
		dst   *int
		style *excelize.Style
	}{
		{&st.required, &excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: "C00000"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FCE4D6"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
			NumFmt:    49,
		}},
		{&st.optional, &excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
			NumFmt:    49,
		}},
		{&st.text, &excelize.Style{NumFmt: 49}}, // 文本: keeps codes as typed
		{&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&st.bold, &excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&st.wrap, &excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
	} {
		id, err := f.NewStyle(s.style)
		if err != nil {
			return st, err
		}
		*s.dst = id
	}
	return st, nil
}

func (st styles) header(c column) int {
	if c.required {
		return st.required
	}
	return st.optional
}

var freezeHeader = &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}

// writeTemplateSheet writes the header row of an empty template, with dropdowns for the
// columns of drops (any other value may still be typed: the import checks it).
func writeTemplateSheet(f *excelize.File, sheet string, cols []column, st styles, drops map[int][]string) error {
	for j, c := range cols {
		letter := colLetter(j)
		if err := f.SetColWidth(sheet, letter, letter, c.width); err != nil {
			return err
		}
		if c.text {
			if err := f.SetColStyle(sheet, letter, st.text); err != nil {
				return err
			}
		}
		cell := letter + "1"
		if err := f.SetCellStr(sheet, cell, headerText(c)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell, cell, st.header(c)); err != nil {
			return err
		}
		if list, ok := drops[j]; ok {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = fmt.Sprintf("%s2:%s%d", letter, letter, excelize.TotalRows)
			if err := dv.SetDropList(list); err != nil {
				return err
			}
			if err := f.AddDataValidation(sheet, dv); err != nil {
				return err
			}
		}
	}
	if err := f.SetRowHeight(sheet, 1, 30); err != nil {
		return err
	}
	return f.SetPanes(sheet, freezeHeader)
}

// streamHeader starts a streamed sheet: widths, text columns, frozen header row.
func streamHeader(sw *excelize.StreamWriter, cols []column, st styles) error {
	for j, c := range cols {
		if err := sw.SetColWidth(j+1, j+1, c.width); err != nil {
			return err
		}
		if c.text {
			if err := sw.SetColStyle(j+1, j+1, st.text); err != nil {
				return err
			}
		}
	}
	if err := sw.SetPanes(freezeHeader); err != nil {
		return err
	}
	row := make([]any, len(cols))
	for j, c := range cols {
		row[j] = excelize.Cell{StyleID: st.header(c), Value: headerText(c)}
	}
	return sw.SetRow("A1", row, excelize.RowOpts{Height: 30})
}

// guide is the content of a 填写说明 sheet.
type guide struct {
	title string
	notes []string
	lists [][3]string // column, what to write, the value it stands for
}

// writeGuide adds the 填写说明 sheet: notes, every column, the allowed values.
func writeGuide(f *excelize.File, g guide, cols []column, st styles) error {
	if _, err := f.NewSheet(guideSheet); err != nil {
		return err
	}
	r := 1
	put := func(style int, values ...any) error {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := f.SetSheetRow(guideSheet, cell, &values); err != nil {
			return err
		}
		if style != 0 {
			end, _ := excelize.CoordinatesToCellName(len(values), r)
			if err := f.SetCellStyle(guideSheet, cell, end, style); err != nil {
				return err
			}
		}
		r++
		return nil
	}
	if err := put(st.title, g.title); err != nil {
		return err
	}
	for _, n := range g.notes {
		if err := put(0, n); err != nil {
			return err
		}
	}
	r++
	if err := put(st.bold, "列名", "是否必填", "填写要求"); err != nil {
		return err
	}
	for _, c := range cols {
		need := "选填"
		switch {
		case c.required:
			need = "必填"
		case c.extra:
			need = "选填（附加列，模板中没有，需要时自行添加）"
		}
		if err := put(st.wrap, headerText(c), need, c.note); err != nil {
			return err
		}
	}
	if len(g.lists) > 0 {
		r++
		if err := put(st.bold, "列名", "可填写的值", "系统中的取值（也可直接填写）"); err != nil {
			return err
		}
		for _, l := range g.lists {
			if err := put(0, l[0], l[1], l[2]); err != nil {
				return err
			}
		}
	}
	for _, w := range []struct {
		col   string
		width float64
	}{{"A", 26}, {"B", 22}, {"C", 90}} {
		if err := f.SetColWidth(guideSheet, w.col, w.col, w.width); err != nil {
			return err
		}
	}
	return nil
}

package sheet

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"zhaoyin"
)

const progressSheet = "调度"

var progressGuide = guide{
	title: "月度调度导入填写说明",
	notes: []string{
		"1. 导入时只读取第一个工作表。第 1 行为表头，数据从第 2 行开始，空行会被跳过。",
		"2. 列的顺序可以调整，列名须与模板一致；带 * 的为必填列（列名末尾的 * 可写可不写）。除下表所列的列外，不能有其他列。",
		"3. 每行是一个项目一个月的调度情况；金额以万元为单位，最多 4 位小数。",
		"4. 全部数据正确才会导入；只要有错误，系统会列出每个错误所在的行号和列名，且不导入任何数据。",
		"5. 按项目编码和月份导入：已填报过的月份会被更新。",
	},
}

// ParseProgress reads the first sheet of a monthly progress (调度) file; returns the reports
// and, parallel, each one's spreadsheet row number. Any bad cell → nil, nil and a
// *zhaoyin.Error (EINVALID) listing every bad cell. Whether each project exists (and may be
// reported by the caller) is for the store to check.
func ParseProgress(r io.Reader) ([]*zhaoyin.Progress, []int, error) {
	rd, err := open(r)
	if err != nil {
		return nil, nil, err
	}
	defer rd.close()
	firstRow := map[[2]string]int{}
	return parseRows(rd, progressCols[:], func(re *rowErrs, v []string) (*zhaoyin.Progress, error) {
		p := &zhaoyin.Progress{ProjectCode: v[gCode], ProgressText: v[gText], Problems: v[gProblems]}
		var err error
		if p.ProjectCode == "" {
			re.add(gCode, "项目编码不能为空")
		}
		if v[gMonth] == "" {
			re.add(gMonth, "月份不能为空，请写成 2024-03 的形式")
		} else if p.Month, err = normMonth(v[gMonth], rd.date1904); err != nil {
			re.add(gMonth, err.Error())
		}
		if p.FundsArrivedYuan, err = parseAmount(v[gFunds]); err != nil {
			re.add(gFunds, err.Error())
		}
		if p.InvestedYuan, err = parseAmount(v[gInvested]); err != nil {
			re.add(gInvested, err.Error())
		}
		if p.ProjectCode != "" && p.Month != "" {
			key := [2]string{p.ProjectCode, p.Month}
			if first, dup := firstRow[key]; dup {
				re.add(gMonth, fmt.Sprintf("项目“%s”%s 的调度与第 %d 行重复：同一项目同一月份只能填一行", p.ProjectCode, p.Month, first))
			} else {
				firstRow[key] = re.row
			}
		}
		return p, nil
	})
}

// WriteProgressTemplate writes the empty monthly progress template (header row of API.md,
// required columns marked) with its 填写说明 sheet.
func WriteProgressTemplate(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName(f.GetSheetName(0), progressSheet); err != nil {
		return err
	}
	if err := writeTemplateSheet(f, progressSheet, progressCols[:nProgressTemplateCols], st, nil); err != nil {
		return err
	}
	if err := writeGuide(f, progressGuide, progressCols[:], st); err != nil {
		return err
	}
	return f.Write(w)
}

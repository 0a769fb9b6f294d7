package sheet

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"zhaoyin"
)

// maxUnzipSize bounds what a part of an uploaded workbook may unpack to (a zip bomb stops
// here).
const maxUnzipSize = 1 << 30

// reader streams the non-blank rows of a workbook's first sheet.
type reader struct {
	sr       *sheetReader
	date1904 bool
	row      int // the spreadsheet row number of the row last returned
}

func badFile(format string, args ...any) error {
	return &zhaoyin.Error{Code: zhaoyin.EINVALID, Message: fmt.Sprintf(format, args...)}
}

// fileError turns a failure to read the upload into a message for the person who sent it.
func fileError(err error) error {
	switch {
	case errors.Is(err, errTooLarge):
		return badFile("导入失败：文件解压后过大（超过 %d MB），请拆分成几个文件分别导入", maxUnzipSize>>20)
	case errors.Is(err, errNoSheet):
		return badFile("导入失败：文件中没有工作表")
	case errors.Is(err, errMalformed):
		return badFile("导入失败：工作表内容无法识别，文件可能已损坏；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入")
	case errors.Is(err, errNotXLSX):
		return badFile("导入失败：无法读取上传的文件，请上传 Excel 的 .xlsx 格式文件（不支持 .xls、.csv 或加密的文件）")
	}
	var e *zhaoyin.Error
	if errors.As(err, &e) {
		return e
	}
	return badFile("导入失败：文件没有完整上传，请重新上传")
}

func open(r io.Reader) (*reader, error) {
	wb, err := openWorkbook(r)
	if err != nil {
		return nil, fileError(err)
	}
	sr, err := wb.rows()
	if err != nil {
		return nil, fileError(err)
	}
	return &reader{sr: sr, date1904: wb.date1904}, nil
}

func (rd *reader) close() { rd.sr.close() }

// next returns the next row holding anything but blanks; ok is false at the end. The
// slice is reused by the next call.
func (rd *reader) next() (cells []string, ok bool, err error) {
	for {
		ok, err := rd.sr.next()
		if err != nil {
			return nil, false, fileError(err)
		}
		if !ok {
			return nil, false, nil
		}
		rd.row = rd.sr.row
		for _, c := range rd.sr.cells {
			if strings.TrimSpace(c) != "" {
				return rd.sr.cells, true, nil
			}
		}
	}
}

// errList collects bad cells; order is the column's position, for sorting.
type errList struct {
	items []item
}

type item struct {
	order int
	zhaoyin.CellError
}

func (l *errList) add(row, order int, column, msg string) {
	l.items = append(l.items, item{order, zhaoyin.CellError{Row: row, Column: column, Message: msg}})
}

func (l *errList) sorted() []zhaoyin.CellError {
	sort.SliceStable(l.items, func(i, j int) bool {
		a, b := l.items[i], l.items[j]
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		if a.order != b.order {
			return a.order < b.order
		}
		return a.Column < b.Column
	})
	out := make([]zhaoyin.CellError, len(l.items))
	for i, it := range l.items {
		out[i] = it.CellError
	}
	return out
}

// ImportError is the error of a failed import: its message names the first bad cell and
// how many there are; Cells lists every one (sorted by row, then column).
func ImportError(cells []zhaoyin.CellError) *zhaoyin.Error {
	if len(cells) == 0 {
		return &zhaoyin.Error{Code: zhaoyin.EINVALID, Message: "导入失败，未导入任何数据"}
	}
	c := cells[0]
	msg := fmt.Sprintf("导入失败：第%d行“%s”：%s", c.Row, c.Column, c.Message)
	if len(cells) > 1 {
		msg += fmt.Sprintf("等 %d 处错误", len(cells))
	}
	return &zhaoyin.Error{Code: zhaoyin.EINVALID, Message: msg + "，未导入任何数据", Cells: cells}
}

// header maps the columns of a file to the columns of a sheet kind.
type header struct {
	row   int
	cols  []column
	pos   []int // file column index → column id; noName when the header cell is blank, ignored when unknown or repeated
	at    []int // column id → file column index; -1 when absent
	width int
}

// order is where errors in column id sort: its position in the file, absent ones after all.
func (h *header) order(id int) int {
	if h.at[id] >= 0 {
		return h.at[id]
	}
	return h.width + id
}

const (
	noName  = -1
	ignored = -2
)

// readHeader reads the header row (cells nil when the sheet is empty).
func readHeader(row int, cells []string, cols []column, errs *errList) *header {
	h := &header{row: row, cols: cols, pos: make([]int, len(cells)), at: make([]int, len(cols)), width: len(cells)}
	for i := range h.at {
		h.at[i] = -1
	}
	for j, cell := range cells {
		h.pos[j] = ignored
		name := normHeader(cell)
		if name == "" {
			h.pos[j] = noName
			continue
		}
		id := lookupColumn(cols, name)
		if id < 0 {
			shown := strings.TrimRight(strings.TrimSpace(cell), "*＊ ")
			errs.add(row, j, shown, fmt.Sprintf("未知的列“%s”：请删除该列，或改用模板中的列名（见模板的“填写说明”）", shown))
			continue
		}
		if prev := h.at[id]; prev >= 0 {
			errs.add(row, j, cols[id].name, fmt.Sprintf("列“%s”重复：第 %s 列和第 %s 列是同一列，请只保留一列", cols[id].name, colLetter(prev), colLetter(j)))
			continue
		}
		h.at[id], h.pos[j] = j, id
	}
	for id, c := range cols {
		if c.required && h.at[id] < 0 {
			errs.add(row, h.order(id), c.name, fmt.Sprintf("缺少必填列“%s”：第 %d 行应为表头（可下载导入模板对照）", c.name, row))
		}
	}
	return h
}

func lookupColumn(cols []column, name string) int {
	for id, c := range cols {
		if normHeader(c.name) == name {
			return id
		}
		for _, a := range c.aliases {
			if a == name {
				return id
			}
		}
	}
	return -1
}

func colLetter(j int) string {
	s, _ := excelize.ColumnNumberToName(j + 1)
	return s
}

// parseRows reads the rows of rd's first sheet: the header against cols, then each data row
// through row, which turns its values (trimmed, one per column of cols) into a T and reports
// every bad cell to re; an error from row is an internal one. Any bad cell anywhere gives
// nil, nil and the ImportError listing them all; else the rows and, parallel, their
// spreadsheet row numbers.
func parseRows[T any](rd *reader, cols []column, row func(re *rowErrs, v []string) (T, error)) ([]T, []int, error) {
	var (
		errs    errList
		h       *header
		out     = []T{}
		rowNums = []int{}
		v       = make([]string, len(cols))
	)
	for {
		cells, ok, err := rd.next()
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			break
		}
		if h == nil {
			h = readHeader(rd.row, cells, cols, &errs)
			continue
		}
		re := &rowErrs{list: &errs, h: h, row: rd.row}
		clear(v)
		re.values(cells, v)
		t, err := row(re, v)
		if err != nil {
			return nil, nil, err
		}
		if len(errs.items) == 0 {
			out = append(out, t)
			rowNums = append(rowNums, rd.row)
		}
	}
	if h == nil {
		readHeader(1, nil, cols, &errs)
	}
	if len(errs.items) > 0 {
		return nil, nil, ImportError(errs.sorted())
	}
	return out, rowNums, nil
}

// rowErrs collects the errors of one data row, at most one per cell.
type rowErrs struct {
	list *errList
	h    *header
	row  int
	mask uint64
}

// add reports column id of this row, unless the cell already has an error or the column
// is a required one missing from the header (reported once, at the header).
func (r *rowErrs) add(id int, msg string) {
	if r.mask&(1<<id) != 0 {
		return
	}
	r.mask |= 1 << id
	c := r.h.cols[id]
	if c.required && r.h.at[id] < 0 {
		return
	}
	r.list.add(r.row, r.h.order(id), c.name, msg)
}

// values spreads a row's cells over the sheet's columns (trimmed); a value under a blank
// header is an error, since it would be silently lost.
func (r *rowErrs) values(cells []string, v []string) {
	for j, s := range cells {
		s = strings.TrimSpace(s)
		id := noName
		if j < len(r.h.pos) {
			id = r.h.pos[j]
		}
		if id >= 0 {
			v[id] = s
		} else if id == noName && s != "" {
			// Unknown columns are reported once, at the header; a value under no header at all
			// would be silently lost.
			r.list.add(r.row, j, colLetter(j)+"列", "该列没有列名，内容无法识别：请补上列名或删除该列的内容")
		}
	}
}

// ErrNoRows is the error of a sheet with a header and no data rows.
var ErrNoRows = zhaoyin.Errorf(zhaoyin.EINVALID, "导入失败：文件中没有数据行（第一行为表头，数据从第二行开始）")

// Import parses a sheet with parse and hands its rows to store, all or nothing. Every bad
// cell, whether the file shows it (parse) or the store finds it (store's cells count rows
// from 0, in the order given), comes back in one ImportError with the sheet's row numbers.
func Import[T any](r io.Reader, parse func(io.Reader) ([]T, []int, error), store func([]T) (zhaoyin.ImportResult, error)) (zhaoyin.ImportResult, error) {
	items, rows, err := parse(r)
	if err != nil {
		return zhaoyin.ImportResult{}, err
	}
	if len(items) == 0 {
		return zhaoyin.ImportResult{}, ErrNoRows
	}
	res, err := store(items)
	if cells := CellErrors(err, rows); len(cells) > 0 {
		return res, ImportError(cells)
	}
	return res, err
}

package sheet

import (
	"errors"

	"zhaoyin"
)

// CellErrors maps a validation error of rows[i] to sheet cells, rows being the row numbers
// returned by ParseProjects or ParseProgress:
//   - Cells (from the store, Row = i, the index into rows): each becomes a cell at row rows[i];
//     a Column written as a JSON field name ("code", "region_code", "project_code", …) becomes
//     the column's header;
//   - Fields only (e.g. Project.Validate of one row): pass that row alone, rows[i:i+1]; each
//     field becomes a cell of row rows[0].
//
// Anything that is not a *zhaoyin.Error, or an internal one, gives nil. The result is sorted
// by row, then column in template order; a row index outside rows gives row 0.
func CellErrors(err error, rows []int) []zhaoyin.CellError {
	var e *zhaoyin.Error
	if err == nil || !errors.As(err, &e) || e.Code == zhaoyin.EINTERNAL {
		return nil
	}
	rowOf := func(i int) int {
		if i >= 0 && i < len(rows) {
			return rows[i]
		}
		return 0
	}
	var list errList
	if len(e.Cells) > 0 {
		for _, c := range e.Cells {
			name, order := columnOf(c.Column, c.Message)
			list.add(rowOf(c.Row), order, name, c.Message)
		}
	} else {
		for field, msg := range e.Fields {
			name, order := columnOf(field, msg)
			list.add(rowOf(0), order, name, msg)
		}
	}
	return list.sorted()
}

// columnOf names the column of a JSON field (or of a header, returned as is) and where it
// sorts: project columns in template order, then progress columns, then anything else.
func columnOf(field, msg string) (string, int) {
	if id := projectColumn(field, msg); id >= 0 {
		return projectCols[id].name, id
	}
	for id, c := range progressCols {
		if c.field == field {
			return c.name, nProjectCols + id
		}
	}
	name := normHeader(field)
	if id := lookupColumn(projectCols[:], name); id >= 0 {
		return projectCols[id].name, id
	}
	if id := lookupColumn(progressCols[:], name); id >= 0 {
		return progressCols[id].name, nProjectCols + id
	}
	return field, nProjectCols + nProgressCols
}

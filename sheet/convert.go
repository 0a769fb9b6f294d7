package sheet

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"zhaoyin"
)

// Cells are read raw (excelize RawCellValue): text cells give their text, numeric cells the
// number as stored (an Excel date is a serial number such as 45352, an amount may carry
// binary floating point noise such as 12345.678900000001).

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isNumber tells whether s is written like a stored number: digits, at most one point.
func isNumber(s string) bool {
	i, f, dot := strings.Cut(s, ".")
	return isDigits(i) && (!dot || isDigits(f))
}

// significant counts the significant digits of a number written in decimal (mantissa only).
func significant(s string) int {
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		s = s[:i]
	}
	n, started := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' || !started && c == '0' {
			continue
		}
		started = true
		n++
	}
	return n
}

// cleanNumber undoes the way Excel stores numbers: a number holds at most 15 significant
// digits, so more than that, with more than the 4 decimals an amount may have, is binary
// noise (0.30000000000000004 is 0.3); and very large or small numbers may be stored in
// scientific notation. Anything else, text included, is returned unchanged.
func cleanNumber(s string) string {
	exp := strings.ContainsAny(s, "eE")
	_, frac, _ := strings.Cut(s, ".")
	if !exp && (len(frac) <= 4 || significant(s) <= 15) {
		return s
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return s
	}
	if significant(s) > 15 {
		v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'e', 14, 64), 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// parseAmount reads 万元 (text or number) into yuan with zhaoyin.ParseWan.
func parseAmount(s string) (int64, error) {
	return zhaoyin.ParseWan(cleanNumber(s))
}

// parseMu reads a land area in 亩.
func parseMu(s string) (float64, error) {
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(cleanNumber(s), ",", ""), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("占地“%s”不是有效数字，请填写亩数，如 120.5", s)
	}
	return v, nil
}

// parseBool reads 是/否 (and the usual English or numeric spellings, 1/0 being how Excel
// stores a TRUE/FALSE cell).
func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "", "否", "0", "false", "n", "no", "非制造业":
		return false, nil
	case "是", "1", "true", "y", "yes", "制造业":
		return true, nil
	}
	return false, fmt.Errorf("应填“是”或“否”，不能是“%s”", s)
}

// Excel serial numbers taken as dates: from 10000 (1927-05-18; a smaller number is a typing
// slip, not a date in this domain) to 9999-12-31.
const (
	minSerial = 10000
	maxSerial = 2958466
)

// splitDate reads the numeric parts of dates written 2024-03-01, 2024/3/1, 2024.3.1 or
// 2024年3月1日 (n = 3), or months written 2024-03, 2024/3 or 2024年3月 (n = 2).
func splitDate(s string, n int) ([]int, bool) {
	if i := strings.IndexAny(s, "T "); i > 0 { // a time of day after the date
		s = s[:i]
	}
	s = strings.NewReplacer("年", "-", "月", "-", "日", "", "号", "", "/", "-", ".", "-", "－", "-").Replace(s)
	s = strings.TrimSuffix(s, "-")
	parts := strings.Split(s, "-")
	if len(parts) != n {
		return nil, false
	}
	out := make([]int, n)
	for i, p := range parts {
		if !isDigits(p) || (i == 0 && len(p) != 4) || (i > 0 && len(p) > 2) {
			return nil, false
		}
		out[i], _ = strconv.Atoi(p)
	}
	return out, true
}

// serialDate converts an Excel serial date (a numeric cell) to YYYY-MM-DD.
func serialDate(s string, date1904 bool) (string, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < minSerial || v >= maxSerial {
		return "", false
	}
	t, err := excelize.ExcelDateToTime(v, date1904)
	if err != nil {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// normDate turns a date cell into YYYY-MM-DD, checking that the date exists.
func normDate(s string, date1904 bool) (string, error) {
	if s == "" {
		return "", nil
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' { // the usual case, fast
		if _, err := zhaoyin.ParseDate(s); err != nil {
			return "", err
		}
		return s, nil
	}
	var d string
	if isNumber(s) {
		if len(s) == 8 && isDigits(s) { // 20240301
			d = s[:4] + "-" + s[4:6] + "-" + s[6:]
		} else if v, ok := serialDate(s, date1904); ok {
			return v, nil
		} else {
			return "", fmt.Errorf("“%s”不是日期，请写成 2024-03-01 的形式", s)
		}
	} else {
		p, ok := splitDate(s, 3)
		if !ok {
			return "", fmt.Errorf("“%s”不是日期，请写成 2024-03-01 的形式", s)
		}
		d = fmt.Sprintf("%04d-%02d-%02d", p[0], p[1], p[2])
	}
	if _, err := zhaoyin.ParseDate(d); err != nil {
		return "", err
	}
	return d, nil
}

// normMonth turns a month cell into YYYY-MM.
func normMonth(s string, date1904 bool) (string, error) {
	bad := fmt.Errorf("月份“%s”无法识别，请写成 2024-03 的形式", s)
	if s == "" {
		return "", nil
	}
	var y, m int
	switch {
	case len(s) == 6 && isDigits(s): // 202403
		y, _ = strconv.Atoi(s[:4])
		m, _ = strconv.Atoi(s[4:])
	case len(s) == 6 && s[4:] == ".1": // 2024.10 typed into a number cell is stored 2024.1
		return "", fmt.Errorf("月份“%s”有歧义（1 月还是 10 月？），请写成 2024-01 或 2024-10 的形式", s)
	case isNumber(s) && len(s) >= 6 && s[4] == '.': // 2024.03
		p, ok := splitDate(s, 2)
		if !ok {
			return "", bad
		}
		y, m = p[0], p[1]
	case isNumber(s): // a date cell: Excel turns 2024-03 into the serial of 2024-03-01
		d, ok := serialDate(s, date1904)
		if !ok {
			return "", bad
		}
		return d[:7], nil
	default:
		if p, ok := splitDate(s, 2); ok {
			y, m = p[0], p[1]
		} else if d, err := normDate(s, date1904); err == nil && d != "" {
			return d[:7], nil
		} else {
			return "", bad
		}
	}
	if y < 1900 || m < 1 || m > 12 {
		return "", fmt.Errorf("月份“%s”无效，请写成 2024-03 的形式", s)
	}
	return fmt.Sprintf("%04d-%02d", y, m), nil
}

// splitList splits tags and batches on 、 , ， (and ; ；), dropping blanks and repeats.
func splitList(s string) []string {
	out := []string{}
	if s == "" {
		return out
	}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool {
		return r == '、' || r == ',' || r == '，' || r == ';' || r == '；' || r == '\n'
	}) {
		part = strings.TrimSpace(part)
		if part == "" || contains(out, part) {
			continue
		}
		out = append(out, part)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// splitInvestors splits 投资方 or its codes on 、 ; ； keeping empty places, so that the
// n-th code belongs to the n-th investor.
func splitInvestors(s string) []string {
	if s == "" {
		return nil
	}
	var parts []string
	start := 0
	for i, r := range s {
		if r == '、' || r == ';' || r == '；' || r == '\n' {
			parts = append(parts, strings.TrimSpace(s[start:i]))
			start = i + utf8.RuneLen(r)
		}
	}
	parts = append(parts, strings.TrimSpace(s[start:]))
	return parts
}

// listValue returns how a stage, type or capital source was written: its value, by the
// Chinese label, the English value (any case) or, for stages, an alias.
func listValue(labels []zhaoyin.Label, s string) (string, bool) {
	if v, ok := zhaoyin.ValueOf(labels, s); ok {
		return v, true
	}
	return zhaoyin.ValueOf(labels, strings.ToLower(s))
}

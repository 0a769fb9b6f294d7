package zhaoyin

import (
	"fmt"
	"strconv"
	"strings"
)

// Yuan per 万元 and per 亿元.
const (
	Wan int64 = 10_000
	Yi  int64 = 100_000_000
)

// ParseWan reads an amount written in 万元 (at most 4 decimals, so exact to the yuan) into yuan.
func ParseWan(text string) (int64, error) {
	s := strings.ReplaceAll(strings.TrimSpace(text), ",", "")
	if s == "" {
		return 0, nil
	}
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("金额不能为负数：%s", text)
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" || !allDigits(intPart) || (hasDot && (frac == "" || !allDigits(frac))) {
		return 0, fmt.Errorf("“%s”不是有效金额，请填写数字（单位万元）", text)
	}
	if len(frac) > 4 {
		return 0, fmt.Errorf("金额“%s”小数位过多：以万元为单位最多 4 位小数", text)
	}
	if len(intPart) > 12 {
		return 0, fmt.Errorf("金额“%s”过大", text)
	}
	frac += strings.Repeat("0", 4-len(frac))
	w, _ := strconv.ParseInt(intPart, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	return w*Wan + f, nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// roundDiv divides a by b rounding half up (a, b ≥ 0).
func roundDiv(a, b int64) int64 { return (2*a + b) / (2 * b) }

// fixed2 writes hundredths as a decimal with two places.
func fixed2(h int64) string {
	sign := ""
	if h < 0 {
		sign, h = "-", -h
	}
	return fmt.Sprintf("%s%d.%02d", sign, h/100, h%100)
}

// FormatYi writes yuan as 亿元 with two decimals, rounded half up: 252964000000 → "2529.64".
func FormatYi(yuan int64) string {
	if yuan < 0 {
		return "-" + FormatYi(-yuan)
	}
	return fixed2(roundDiv(yuan, Yi/100))
}

// FormatWan writes yuan as 万元 with two decimals.
func FormatWan(yuan int64) string {
	if yuan < 0 {
		return "-" + FormatWan(-yuan)
	}
	return fixed2(roundDiv(yuan, Wan/100))
}

// WanText writes yuan as 万元 with up to 4 decimals and no trailing zeros (for sheets).
func WanText(yuan int64) string {
	s := fmt.Sprintf("%d.%04d", yuan/Wan, yuan%Wan)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// ShareHundredths is part ÷ whole × 100 in hundredths of a percent, rounded half up
// (369 of 496 → 7440, i.e. 74.40%). ok is false when whole is zero.
func ShareHundredths(part, whole int64) (int64, bool) {
	if whole == 0 {
		return 0, false
	}
	return roundDiv(part*10000, whole), true
}

// Share formats part ÷ whole as a percentage with two decimals: "74.40%".
func Share(part, whole int64) string {
	h, ok := ShareHundredths(part, whole)
	if !ok {
		return "—"
	}
	return fixed2(h) + "%"
}

// GrowthTenths is (cur − prev) ÷ prev × 100 in tenths of a percent, rounded half away from
// zero; ok is false when prev is zero (growth is then undefined, not infinite).
func GrowthTenths(cur, prev int64) (int64, bool) {
	if prev == 0 {
		return 0, false
	}
	d := cur - prev
	if d < 0 {
		return -roundDiv(-d*1000, prev), true
	}
	return roundDiv(d*1000, prev), true
}

package zhaoyin

import (
	"fmt"
	"strings"
)

// usccChars is the GB 32100-2015 character set (no I, O, S, V, Z).
const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// USCCCheckChar computes the check character for the first 17 characters of a USCC.
func USCCCheckChar(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("need 17 characters")
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(usccChars, first17[i])
		if v < 0 {
			return 0, fmt.Errorf("bad character %q", first17[i])
		}
		sum += v * usccWeights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return usccChars[c], nil
}

// CheckUSCC validates a unified social credit code (统一社会信用代码) with its check digit.
func CheckUSCC(code string) error {
	if len(code) != 18 {
		return fmt.Errorf("统一社会信用代码“%s”应为 18 位", code)
	}
	want, err := USCCCheckChar(code[:17])
	if err != nil || strings.IndexByte(usccChars, code[17]) < 0 {
		return fmt.Errorf("统一社会信用代码“%s”含有无效字符（只能用数字和除 I、O、S、V、Z 外的大写字母）", code)
	}
	if code[17] != want {
		return fmt.Errorf("统一社会信用代码“%s”校验位错误", code)
	}
	return nil
}

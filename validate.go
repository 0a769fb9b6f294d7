package zhaoyin

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// ParseDate checks that s is a real calendar date written YYYY-MM-DD (2024-02-30 is not).
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil || t.Format("2006-01-02") != s {
		return time.Time{}, fmt.Errorf("日期“%s”无效，应为真实存在的日期，格式如 2024-03-01", s)
	}
	return t, nil
}

// StageIndex is the position of s in the forward order, -1 for dropped or unknown.
func StageIndex(s Stage) int {
	for i, x := range Stages {
		if x == s {
			return i
		}
	}
	return -1
}

// ValidStage reports whether s is a known stage.
func ValidStage(s Stage) bool { return s == StageDropped || StageIndex(s) >= 0 }

// dateFields maps each dated stage to the JSON name of its date field.
var dateFields = map[Stage]string{
	StageNegotiating: "negotiating_on", StageSigned: "signed_on", StageApproved: "approved_on",
	StageStarted: "started_on", StageProducing: "producing_on", StageAchieved: "achieved_on",
	StageDropped: "dropped_on",
}

// DateField is the JSON field holding the date of stage s.
func DateField(s Stage) string { return dateFields[s] }

// StageLabel is the Chinese name of s.
func StageLabel(s Stage) string { return LabelOf(StageLabels, string(s)) }

// Validate checks every rule a project must keep, and reports every broken one keyed by its
// JSON field, so that a form or a sheet can show each at its place.
func (p *Project) Validate() error {
	errs := map[string]string{}
	add := func(field, format string, args ...any) {
		if _, ok := errs[field]; !ok {
			errs[field] = fmt.Sprintf(format, args...)
		}
	}
	p.Code = strings.TrimSpace(p.Code)
	p.Name = strings.TrimSpace(p.Name)
	if p.Code == "" {
		add("code", "项目编码不能为空")
	} else if p.Code == "export" {
		add("code", "“export”是保留字，不能用作项目编码")
	} else if utf8.RuneCountInString(p.Code) > 64 || strings.ContainsAny(p.Code, "/\\?#% \t\r\n") {
		add("code", "项目编码“%s”无效：最长 64 个字符，不能含空格和 / \\ ? # %%", p.Code)
	}
	if p.Name == "" {
		add("name", "项目名称不能为空")
	} else if utf8.RuneCountInString(p.Name) > 200 {
		add("name", "项目名称过长（最多 200 个字）")
	}
	if p.RegionCode == "" {
		add("region_code", "所属区域不能为空")
	}
	if _, ok := ValueOf(TypeLabels, p.Type); !ok || p.Type == "" {
		add("type", "项目类型“%s”无效，应为 产业类、平台类、社会事业类 或 基础设施类", p.Type)
	}
	if p.CapitalSource != "" {
		if _, ok := ValueOf(CapitalLabels, p.CapitalSource); !ok {
			add("capital_source", "资金来源“%s”无效，应为 省内、省外内资、外资 或 港澳台资", p.CapitalSource)
		}
	}
	for field, v := range map[string]int64{"total_investment_yuan": p.TotalInvestmentYuan, "annual_plan_yuan": p.AnnualPlanYuan, "signed_amount_yuan": p.SignedAmountYuan, "foreign_investment_usd": p.ForeignInvestUSD} {
		if v < 0 {
			add(field, "金额不能为负数")
		}
	}
	if p.TotalInvestmentYuan <= 0 {
		add("total_investment_yuan", "总投资必须大于 0")
	}
	if p.LandMu < 0 {
		add("land_mu", "占地面积不能为负数")
	}
	if p.FloorAreaM2 < 0 {
		add("floor_area_m2", "建筑面积不能为负数")
	}
	if p.Jobs < 0 {
		add("jobs", "就业人数不能为负数")
	}
	seen := map[string]bool{}
	for i, inv := range p.Investors {
		if strings.TrimSpace(inv.Name) == "" {
			add("investors", "第 %d 个投资方缺少名称", i+1)
		}
		if inv.USCC != "" {
			if err := CheckUSCC(inv.USCC); err != nil {
				add("investors", "%v", err)
			}
			if seen[inv.USCC] {
				add("investors", "投资方统一社会信用代码 %s 重复", inv.USCC)
			}
			seen[inv.USCC] = true
		}
	}
	for field, msg := range p.lifecycleErrors() {
		add(field, "%s", msg)
	}
	if len(errs) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: firstMessage(errs), Fields: errs}
}

// fieldOrder fixes which message leads when several fields are wrong.
var fieldOrder = []string{"code", "name", "region_code", "type", "capital_source", "total_investment_yuan", "annual_plan_yuan", "signed_amount_yuan", "stage", "negotiating_on", "signed_on", "approved_on", "started_on", "producing_on", "achieved_on", "dropped_on", "drop_reason", "investors", "land_mu"}

func firstMessage(errs map[string]string) string {
	for _, f := range fieldOrder {
		if m, ok := errs[f]; ok {
			if len(errs) > 1 {
				return fmt.Sprintf("%s（另有 %d 处错误）", m, len(errs)-1)
			}
			return m
		}
	}
	for _, m := range errs {
		return m
	}
	return ""
}

// lifecycleErrors applies the lifecycle rules of DOMAIN.md: the current stage's date and every
// earlier stage's date present, none later, all real dates, never going backwards.
func (p *Project) lifecycleErrors() map[string]string {
	errs := map[string]string{}
	if !ValidStage(p.Stage) {
		errs["stage"] = fmt.Sprintf("当前阶段“%s”无效，应为 线索、在谈、签约、立项、开工、投产、达效 或 终止", p.Stage)
		return errs
	}
	last := StageIndex(p.Stage)
	if p.Stage == StageDropped {
		// A dropped project keeps the dates it reached: a prefix of the order, then the drop.
		last = 0
		for i := 1; i < len(Stages); i++ {
			if p.StageDate(Stages[i]) != "" {
				last = i
			}
		}
		if p.DroppedOn == "" {
			errs["dropped_on"] = "终止的项目需填写终止日期"
		}
		if strings.TrimSpace(p.DropReason) == "" {
			errs["drop_reason"] = "终止项目需说明终止原因"
		}
	} else if p.DroppedOn != "" {
		errs["dropped_on"] = "未终止的项目不能有终止日期"
	}
	prev, prevStage := "", Stage("")
	for i := 1; i < len(Stages); i++ {
		s := Stages[i]
		d := p.StageDate(s)
		field := dateFields[s]
		if i > last {
			if d != "" {
				errs[field] = fmt.Sprintf("当前阶段为“%s”，不应填写%s日期", StageLabel(p.Stage), StageLabel(s))
			}
			continue
		}
		if d == "" {
			errs[field] = fmt.Sprintf("当前阶段为“%s”，须填写%s日期", StageLabel(p.Stage), StageLabel(s))
			continue
		}
		if _, err := ParseDate(d); err != nil {
			errs[field] = err.Error()
			continue
		}
		if prev != "" && d < prev {
			errs[field] = fmt.Sprintf("%s日期 %s 早于%s日期 %s，阶段日期不能倒退", StageLabel(s), d, StageLabel(prevStage), prev)
		}
		prev, prevStage = d, s
	}
	if p.Stage == StageDropped && p.DroppedOn != "" {
		if _, err := ParseDate(p.DroppedOn); err != nil {
			errs["dropped_on"] = err.Error()
		} else if prev != "" && p.DroppedOn < prev {
			errs["dropped_on"] = fmt.Sprintf("终止日期 %s 早于%s日期 %s", p.DroppedOn, StageLabel(prevStage), prev)
		}
	}
	return errs
}

// CheckMove tells whether p may move to stage on date; it does not change p.
func (p *Project) CheckMove(to Stage, on, reason string) error {
	if !ValidStage(to) {
		return FieldError("stage", "目标阶段“%s”无效", to)
	}
	if _, err := ParseDate(on); err != nil {
		return FieldError("on", "%v", err)
	}
	if p.Stage == StageDropped {
		return FieldError("stage", "项目已终止，不能再推进")
	}
	if to == StageDropped {
		if strings.TrimSpace(reason) == "" {
			return FieldError("reason", "终止项目需说明终止原因")
		}
	} else {
		from := StageIndex(p.Stage)
		next := StageIndex(to)
		if next <= from {
			return FieldError("stage", "项目当前为“%s”阶段，不能退回或停留在“%s”", StageLabel(p.Stage), StageLabel(to))
		}
		if next != from+1 {
			return FieldError("stage", "不能跳过阶段：项目当前为“%s”，下一阶段应为“%s”，不能直接进入“%s”", StageLabel(p.Stage), StageLabel(Stages[from+1]), StageLabel(to))
		}
	}
	// The previous stage's date is the latest date reached so far.
	for i := StageIndex(p.Stage); i >= 1; i-- {
		if d := p.StageDate(Stages[i]); d != "" {
			if on < d {
				return FieldError("on", "%s日期 %s 早于%s日期 %s，阶段日期不能倒退", StageLabel(to), on, StageLabel(Stages[i]), d)
			}
			break
		}
	}
	return nil
}

// Move applies a checked move to p.
func (p *Project) Move(to Stage, on, reason string) error {
	if err := p.CheckMove(to, on, reason); err != nil {
		return err
	}
	p.Stage = to
	p.SetStageDate(to, on)
	if to == StageDropped {
		p.DropReason = strings.TrimSpace(reason)
	}
	return nil
}

// Package sheet reads and writes the .xlsx files of the import and export contract
// (API.md, "Imports"): the project sheet (项目) and the monthly progress sheet (调度).
//
// Parsing is all or nothing: every bad cell of the file is reported, with the spreadsheet's
// row number and the column's header, in one *zhaoyin.Error; no project is returned then.
// The rules themselves live in package zhaoyin (Project.Validate, ParseWan, ParseDate,
// CheckUSCC); this package only turns cells into values and maps errors back to cells.
package sheet

import (
	"strings"

	"zhaoyin"
)

// column describes one column of a sheet.
type column struct {
	name     string   // header text without the required marker
	field    string   // JSON field it fills, for mapping validation errors back to the cell
	required bool     // must be present in the header (and written with a trailing * in templates)
	extra    bool     // accepted and exported, but not part of the template of API.md
	text     bool     // formatted as text in templates (codes that Excel would turn into numbers)
	width    float64  // column width in templates and exports
	note     string   // what to write, for the 填写说明 sheet
	aliases  []string // other header texts accepted for it (already normalised)
}

// Project columns, in template order; the extras follow.
const (
	pCode = iota
	pName
	pRegion
	pType
	pChain
	pManufacturing
	pCapital
	pTotal
	pAnnual
	pSigned
	pInvestor
	pUSCC
	pStage
	pNegotiatingOn
	pSignedOn
	pApprovedOn
	pStartedOn
	pProducingOn
	pAchievedOn
	pLand
	pTags
	pBatches
	// Optional extras (not in the template; exported so that an export re-imports unchanged).
	pChainNode
	pDroppedOn
	pDropReason
	pResponsible
	pLeading
	pTeam
	pChannel
	nProjectCols
)

// nTemplateCols is the number of project columns of the template (API.md).
const nTemplateCols = pChainNode

func labelList(labels []zhaoyin.Label) string {
	names := make([]string, len(labels))
	for i, l := range labels {
		names[i] = l.Label
	}
	return strings.Join(names, "、")
}

func labelNames(labels []zhaoyin.Label) []string {
	names := make([]string, len(labels))
	for i, l := range labels {
		names[i] = l.Label
	}
	return names
}

const dateNote = "日期，如 2024-03-01（也可写 2024/3/1、2024年3月1日，或直接使用 Excel 日期单元格）"

var projectCols = [nProjectCols]column{
	pCode:          {name: "项目编码", field: "code", required: true, text: true, width: 18, note: "项目的唯一编码，最长 64 个字符，不能含空格和 / \\ ? # %；再次导入时按项目编码更新已有项目"},
	pName:          {name: "项目名称", field: "name", required: true, width: 36, note: "最多 200 个字"},
	pRegion:        {name: "所属区域", field: "region_code", required: true, width: 16, note: "区划代码（如 370703），或在本系统中唯一的名称（如 寒亭区），或带上级的路径（如 潍坊市/高新区）"},
	pType:          {name: "项目类型", field: "type", required: true, width: 12, note: "可选值：" + labelList(zhaoyin.TypeLabels)},
	pChain:         {name: "所属产业链", field: "chain", width: 14, note: "如 高端化工、新材料、生物医药"},
	pManufacturing: {name: "是否制造业", field: "manufacturing", width: 10, note: "是 或 否（空白视为 否）", aliases: []string{"是否制造业(是/否)", "是否制造业项目", "制造业"}},
	pCapital:       {name: "资金来源", field: "capital_source", width: 12, note: "可选值：" + labelList(zhaoyin.CapitalLabels)},
	pTotal:         {name: "总投资(万元)", field: "total_investment_yuan", required: true, width: 14, note: "单位万元，大于 0，最多 4 位小数"},
	pAnnual:        {name: "年度计划投资(万元)", field: "annual_plan_yuan", width: 16, note: "单位万元，不能为负数，最多 4 位小数"},
	pSigned:        {name: "签约金额(万元)", field: "signed_amount_yuan", width: 14, note: "单位万元，不能为负数，最多 4 位小数"},
	pInvestor:      {name: "投资方", field: "investors", width: 30, note: "投资企业名称；多个投资方用“、”或“;”分隔"},
	pUSCC:          {name: "投资方统一社会信用代码", field: "investors", text: true, width: 24, note: "18 位统一社会信用代码（GB 32100-2015，含校验位）；多个投资方时用“、”或“;”分隔，与“投资方”一一对应，某个投资方没有代码时留空位（如 “、91370700XXXXXXXXXX”）"},
	pStage:         {name: "当前阶段", field: "stage", required: true, width: 10, note: "可选值：" + labelList(zhaoyin.StageLabels) + "；须填写当前阶段及之前各阶段的日期，日期不能倒退"},
	pNegotiatingOn: {name: "洽谈日期", field: "negotiating_on", width: 12, note: "进入在谈阶段的" + dateNote},
	pSignedOn:      {name: "签约日期", field: "signed_on", width: 12, note: "签约的" + dateNote},
	pApprovedOn:    {name: "立项日期", field: "approved_on", width: 12, note: "立项（备案/核准）的" + dateNote},
	pStartedOn:     {name: "开工日期", field: "started_on", width: 12, note: "开工的" + dateNote},
	pProducingOn:   {name: "投产日期", field: "producing_on", width: 12, note: "投产的" + dateNote},
	pAchievedOn:    {name: "达效日期", field: "achieved_on", width: 12, note: "达产达效的" + dateNote},
	pLand:          {name: "占地(亩)", field: "land_mu", width: 10, note: "单位亩，不能为负数"},
	pTags:          {name: "标签", field: "tags", width: 24, note: "如 省重大项目、市重点项目；多个用“、”或“,”分隔"},
	pBatches:       {name: "批次", field: "batches", width: 30, note: "如 2024年春季全市重大项目集中开工；多个用“、”或“,”分隔"},
	pChainNode:     {name: "产业链环节", field: "chain_node", extra: true, width: 14, note: "可选附加列：产业链上的环节"},
	pDroppedOn:     {name: "终止日期", field: "dropped_on", extra: true, width: 12, note: "可选附加列：当前阶段为 终止 时必填，" + dateNote},
	pDropReason:    {name: "终止原因", field: "drop_reason", extra: true, width: 24, note: "可选附加列：当前阶段为 终止 时必填"},
	pResponsible:   {name: "责任人", field: "responsible_person", extra: true, width: 10, note: "可选附加列"},
	pLeading:       {name: "包靠领导", field: "leading_official", extra: true, width: 10, note: "可选附加列"},
	pTeam:          {name: "专班", field: "service_team", extra: true, width: 14, note: "可选附加列"},
	pChannel:       {name: "招引渠道", field: "channel", extra: true, width: 14, note: "可选附加列：如 城市合伙人、商协会、以商招商"},
}

// Progress columns.
const (
	gCode = iota
	gMonth
	gFunds
	gInvested
	gText
	gProblems // optional extra
	nProgressCols
)

const nProgressTemplateCols = gProblems

var progressCols = [nProgressCols]column{
	gCode:     {name: "项目编码", field: "project_code", required: true, text: true, width: 18, note: "已录入系统的项目编码"},
	gMonth:    {name: "月份", field: "month", required: true, text: true, width: 10, note: "如 2024-03（也可写 2024/3、2024年3月）；同一项目同一月份只填一行，再次导入时更新"},
	gFunds:    {name: "到位资金(万元)", field: "funds_arrived_yuan", width: 14, note: "本月到位资金，单位万元，不能为负数，最多 4 位小数"},
	gInvested: {name: "完成投资(万元)", field: "invested_yuan", width: 14, note: "本月完成固定资产投资，单位万元，不能为负数，最多 4 位小数", aliases: []string{"完成固定资产投资(万元)"}},
	gText:     {name: "形象进度", field: "progress_text", width: 40, note: "用文字说明本月进展"},
	gProblems: {name: "存在问题", field: "problems", extra: true, width: 30, note: "可选附加列：需要协调解决的问题"},
}

// normHeader normalises a header cell: no spaces, ASCII parentheses, no trailing required marker.
func normHeader(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '（':
			return '('
		case '）':
			return ')'
		case ' ', '\t', '\r', '\n', '\u3000', '\u00a0':
			return -1
		}
		return r
	}, s)
	return strings.TrimRight(s, "*＊")
}

// headerText is the text of a template header: the name, with * when required.
func headerText(c column) string {
	if c.required {
		return c.name + "*"
	}
	return c.name
}

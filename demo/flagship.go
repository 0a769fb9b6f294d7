package demo

import "zhaoyin"

// flagship is a project the seeds name, entered by hand so that the demo shows them with their
// own figures and dates. The seeds do not say who invests in most of them: investors without a
// seed behind them are invented, and every credit code is generated (none is a real company's).
type flagship struct {
	Name, Unit, Type, Chain, Node, Product string
	TotalYi                                float64 // 亿元; 0 = drawn by the generator
	Capital                                string
	Investor                               seedInvestor
	Dates                                  [7]string // by stage index: negotiating … achieved ("" = not reached)
	LandMu, FloorAreaM2                    float64
	Jobs                                   int
	Channel                                string
	Tags                                   []string
	Description                            string
	Spring                                 bool // presented at the 2024 spring concentrated start (dates drawn there)
	Provincial                             bool // in the province's concentrated start
}

// seedInvestor names an investor; Division is where it is registered ("" = the project's unit,
// "soe" = the unit's state-owned investment company).
type seedInvestor struct{ Name, Short, Division string }

var flagships = []flagship{
	// Seed 001: the meeting was held on this project's site; 2024 provincial major project.
	{Name: "天瑞重工磁悬浮智能制造产业化项目", Unit: "370771", Type: zhaoyin.TypeIndustrial, Chain: "磁悬浮", Node: "磁悬浮装备", Product: "磁悬浮鼓风机",
		TotalYi: 35, Capital: zhaoyin.CapitalInProvince, Investor: seedInvestor{"山东天瑞重工有限公司", "天瑞重工", "370700"},
		LandMu: 910, FloorAreaM2: 610000, Jobs: 2000, Channel: "以商招商", Tags: []string{"省重大项目", "新经济新产业"}, Spring: true, Provincial: true,
		Description: "项目总投资35亿元，占地910亩，建筑面积61万平方米，建设数字化车间、研发测试中心及综合办公楼等，重点布局磁悬浮鼓风机、磁悬浮冷媒压缩机、磁悬浮低温余热发电机等产品生产及配套企业。全部达产后，年可新增产值48.2亿元，年利润5.36亿元，年纳税4.2亿元，解决就业2000人。"},
	{Name: "东风里科创产业园项目", Unit: "370705", Type: zhaoyin.TypePlatform, Chain: "新一代信息技术", Investor: seedInvestor{Division: "soe"}, Spring: true},
	{Name: "长松数智产业园项目", Unit: "370702", Type: zhaoyin.TypePlatform, Chain: "新一代信息技术", Investor: seedInvestor{Division: "soe"}, Spring: true},
	{Name: "荣泰感应高端热处理装备研发及产业化项目", Unit: "370704", Type: zhaoyin.TypeIndustrial, Chain: "高端装备", Node: "热处理装备", Product: "感应热处理装备",
		Capital: zhaoyin.CapitalInProvince, Investor: seedInvestor{"山东荣泰感应科技有限公司", "荣泰感应", ""}, Spring: true},
	{Name: "英特威科技（山东）有限公司年产200套自动化设备项目", Unit: "370725", Type: zhaoyin.TypeIndustrial, Chain: "高端装备", Node: "智能成套装备", Product: "自动化设备",
		Capital: zhaoyin.CapitalForeign, Investor: seedInvestor{"英特威科技（山东）有限公司", "英特威科技", "370700"}, Spring: true},

	// Seed 002 (寿光): the BDO unit produced its first batch on 20 March 2025.
	{Name: "联盟石油化工PBAT/PBS可降解塑料一体化项目", Unit: "370783", Type: zhaoyin.TypeIndustrial, Chain: "新材料", Node: "高分子材料", Product: "PBAT/PBS可降解塑料",
		TotalYi: 60, Capital: zhaoyin.CapitalInProvince, Investor: seedInvestor{"联盟石油化工有限公司", "联盟石油化工", ""},
		Dates:  [7]string{1: "2023-03-06", 2: "2023-05-19", 3: "2023-07-03", 4: "2023-11-08", 5: "2025-03-20"},
		LandMu: 1500, Jobs: 1200, Channel: "以商招商", Tags: []string{"省重大项目", "新经济新产业"},
		Description: "一期10万吨/年BDO（1,4-丁二醇）生产装置于2025年3月20日成功产出第一批产品，预计二季度实现3万吨BDO产能，新增营业收入3亿元。"},
	{Name: "国电投吉电风光储多能互补试点项目", Unit: "370783", Type: zhaoyin.TypeIndustrial, Chain: "节能环保", Node: "新能源", Product: "风光储多能互补",
		TotalYi: 100, Capital: zhaoyin.CapitalOutOfProvince, Investor: seedInvestor{"吉电（寿光）新能源有限公司", "吉电新能源", ""},
		Dates:   [7]string{1: "2023-01-16", 2: "2023-03-28", 3: "2023-05-10", 4: "2023-09-12"},
		Channel: "产业链招商", Tags: []string{"省重大项目"},
		Description: "项目总投资100亿元，二期建设水上光伏及220千伏、500千伏升压站和外送线路。"},
	{Name: "顺泰仓储能源储备库项目", Unit: "370783", Type: zhaoyin.TypeInfrastructure, TotalYi: 108, Capital: zhaoyin.CapitalInProvince,
		Investor: seedInvestor{"山东顺泰仓储有限公司", "顺泰仓储", ""},
		Dates:    [7]string{1: "2023-06-12", 2: "2023-08-25", 3: "2023-10-16", 4: "2024-03-12"}, Tags: []string{"省重大项目"}},
	{Name: "胜星高端能源一体化产业基地项目", Unit: "370783", Type: zhaoyin.TypeIndustrial, Chain: "高端化工", Node: "炼化一体化", Product: "高端能源化工",
		TotalYi: 50, Capital: zhaoyin.CapitalInProvince, Investor: seedInvestor{"山东胜星新能源有限公司", "胜星新能源", ""},
		Dates:   [7]string{1: "2023-09-04", 2: "2023-11-20", 3: "2024-01-15", 4: "2024-05-20"},
		Channel: "以商招商"},
	{Name: "玉马功能性遮阳新材料项目", Unit: "370783", Type: zhaoyin.TypeIndustrial, Chain: "新材料", Node: "功能性膜材料", Product: "功能性遮阳新材料",
		TotalYi: 10, Capital: zhaoyin.CapitalInProvince, Investor: seedInvestor{"山东玉马遮阳科技股份有限公司", "玉马遮阳", ""},
		Dates:   [7]string{1: "2024-04-08", 2: "2024-06-12", 3: "2024-07-15", 4: "2024-09-20", 5: "2025-08-18"},
		Channel: "以商招商", Tags: []string{"新经济新产业"}},
	{Name: "联盟高端装备智能制造项目", Unit: "370783", Type: zhaoyin.TypeIndustrial, Chain: "高端装备", Node: "智能成套装备", Product: "智能生产线",
		TotalYi: 8, Capital: zhaoyin.CapitalInProvince, Investor: seedInvestor{"联盟石油化工有限公司", "联盟石油化工", ""},
		Dates:   [7]string{1: "2024-05-06", 2: "2024-07-01", 3: "2024-08-05", 4: "2024-10-22"},
		Channel: "以商招商"},
	{Name: "浪潮云康“齐鲁云仓”项目", Unit: "370783", Type: zhaoyin.TypeIndustrial, Chain: "新一代信息技术", Node: "数据中心", Product: "数据中心",
		TotalYi: 6, Capital: zhaoyin.CapitalInProvince, Investor: seedInvestor{"浪潮云康（寿光）数字科技有限公司", "浪潮云康", ""},
		Dates:   [7]string{1: "2024-06-03", 2: "2024-08-16", 3: "2024-09-20", 4: "2025-02-12"},
		Channel: "产业链招商", Tags: []string{"新经济新产业"}},

	// Seed 004: 滨海区 万盛, trial production expected in July; 安丘 signed 双汇 and 汇源, 20亿 each.
	{Name: "山东万盛年产55万吨功能性新材料一体化生产项目", Unit: "370772", Type: zhaoyin.TypeIndustrial, Chain: "新材料", Node: "高分子材料", Product: "功能性新材料",
		TotalYi: 35, Capital: zhaoyin.CapitalOutOfProvince, Investor: seedInvestor{"山东万盛新材料有限公司", "万盛新材料", "370700"},
		Dates:  [7]string{1: "2023-01-09", 2: "2023-02-27", 3: "2023-04-06", 4: "2023-06-19", 5: "2024-07-26"},
		LandMu: 1100, Jobs: 800, Channel: "产业链招商", Tags: []string{"省重大项目", "新经济新产业"},
		Description: "项目建设40余栋单体，建成后可实现年产55万吨新型阻燃剂及相关产品，与园区周边企业形成上下游产业链。"},
	{Name: "双汇安丘食品产业园项目", Unit: "370784", Type: zhaoyin.TypeIndustrial, Chain: "食品加工", Node: "肉制品", Product: "肉制品深加工",
		TotalYi: 20, Capital: zhaoyin.CapitalOutOfProvince, Investor: seedInvestor{"双汇（安丘）食品有限公司", "双汇安丘", ""},
		Dates:   [7]string{1: "2023-02-15", 2: "2023-04-20", 3: "2023-06-01", 4: "2023-09-12", 5: "2024-10-30"},
		Channel: "驻外招商"},
	{Name: "汇源安丘果汁饮料生产基地项目", Unit: "370784", Type: zhaoyin.TypeIndustrial, Chain: "食品加工", Node: "饮料", Product: "果汁饮料",
		TotalYi: 20, Capital: zhaoyin.CapitalOutOfProvince, Investor: seedInvestor{"汇源（安丘）饮品有限公司", "汇源安丘", ""},
		Dates:   [7]string{1: "2023-03-01", 2: "2023-04-25", 3: "2023-06-20", 4: "2023-10-18", 5: "2025-01-15"},
		Channel: "驻外招商"},
	{Name: "坊子区元宇宙配套产业园项目", Unit: "370704", Type: zhaoyin.TypePlatform, Chain: "新一代信息技术", TotalYi: 25, Investor: seedInvestor{Division: "soe"},
		Dates: [7]string{1: "2023-01-10", 2: "2023-02-20", 3: "2023-03-15", 4: "2023-05-08"}, Tags: []string{"新经济新产业"},
		Description: "园区边建设、边招商，在谈入驻项目60多个。"},

	// Seed 000: 潍商回归 parks and bases; the bio-based materials project went from first talks to
	// signing in 38 days; the pet park signed in Beijing at the end of one year and started early
	// the next.
	{Name: "浙商（临朐）智能智造产业园项目", Unit: "370724", Type: zhaoyin.TypePlatform, Chain: "高端装备", TotalYi: 15, Capital: zhaoyin.CapitalOutOfProvince,
		Investor: seedInvestor{"杭州中织实业有限公司", "中织实业", "330106"},
		Dates:    [7]string{1: "2023-04-10", 2: "2023-06-20", 3: "2023-07-25", 4: "2023-10-16", 5: "2024-09-28"},
		Channel:  "商协会", Tags: []string{"潍商回归"}},
	{Name: "苏州（安丘）科技产业园项目", Unit: "370784", Type: zhaoyin.TypePlatform, Chain: "新一代信息技术", TotalYi: 10, Capital: zhaoyin.CapitalOutOfProvince,
		Investor: seedInvestor{"苏州潍鲁科技发展有限公司", "潍鲁科技", "320505"},
		Dates:    [7]string{1: "2023-09-05", 2: "2023-11-20", 3: "2024-01-10", 4: "2024-04-18"},
		Channel:  "商协会", Tags: []string{"潍商回归"}},
	{Name: "中城工业北方基地项目", Unit: "370782", Type: zhaoyin.TypeIndustrial, Chain: "新能源汽车", Node: "整车制造", Product: "新能源专用车",
		TotalYi: 20, Capital: zhaoyin.CapitalOutOfProvince, Investor: seedInvestor{"中城工业（诸城）有限公司", "中城工业", ""},
		Dates:   [7]string{1: "2023-06-05", 2: "2023-08-30", 3: "2023-10-12", 4: "2024-03-08", 5: "2025-06-28"},
		Channel: "在外知名人士", Tags: []string{"潍商回归"}},
	{Name: "京业汇宠物产业园项目", Unit: "370703", Type: zhaoyin.TypeIndustrial, Chain: "食品加工", Node: "宠物食品", Product: "宠物食品",
		TotalYi: 12, Capital: zhaoyin.CapitalOutOfProvince, Investor: seedInvestor{"北京京业汇宠物科技有限公司", "京业汇", "110108"},
		Dates:   [7]string{1: "2023-10-16", 2: "2023-12-22", 3: "2024-01-08", 4: "2024-01-29", 5: "2024-12-26"},
		Channel: "驻外招商"},
	{Name: "禾元生物基新材料一期项目", Unit: "370786", Type: zhaoyin.TypeIndustrial, Chain: "新材料", Node: "高分子材料", Product: "生物基新材料",
		TotalYi: 50, Capital: zhaoyin.CapitalOutOfProvince, Investor: seedInvestor{"山东禾元生物基材料有限公司", "禾元生物", ""},
		Dates:   [7]string{1: "2024-01-05", 2: "2024-02-12", 3: "2024-03-06", 4: "2024-04-16", 5: "2024-12-20"},
		Channel: "城市合伙人", Tags: []string{"省重大项目", "新经济新产业"},
		Description: "项目从洽谈到签约落地仅用时38天，一期当年建成投产，建成后将成为全球最大的生物基新材料生产基地之一。"},
	{Name: "潍氢绿电氢氨醇一体化项目", Unit: "370772", Type: zhaoyin.TypeIndustrial, Chain: "氢能", Node: "制氢", Product: "绿电制氢",
		TotalYi: 80, Capital: zhaoyin.CapitalOutOfProvince, Investor: seedInvestor{"山东潍氢新能源有限公司", "潍氢新能源", ""},
		Dates:   [7]string{1: "2024-01-22", 2: "2024-03-28", 3: "2024-05-20", 4: "2024-10-15"},
		Channel: "推介会", Tags: []string{"省重大项目", "新经济新产业"}},
	{Name: "昌邑市绿色新材料产业园项目", Unit: "370786", Type: zhaoyin.TypePlatform, Chain: "新材料", TotalYi: 30, Investor: seedInvestor{Division: "soe"},
		Dates: [7]string{1: "2024-01-15", 2: "2024-03-20", 3: "2024-05-15", 4: "2024-08-26"}},
	{Name: "潍坊滨海区海水淡化项目", Unit: "370772", Type: zhaoyin.TypeInfrastructure, TotalYi: 110, Investor: seedInvestor{Division: "soe"},
		Dates: [7]string{1: "2024-01-15", 2: "2024-04-22", 3: "2024-06-14", 4: "2024-11-05"}, Tags: []string{"省重大项目"}},

	// Seed 003 (高新区): the joint team brought 贝瑞康 together with a national research institute.
	{Name: "贝瑞康宠物食品抗体研发及产业化项目", Unit: "370771", Type: zhaoyin.TypeIndustrial, Chain: "生物医药", Node: "生物制品", Product: "宠物抗体",
		TotalYi: 3, Capital: zhaoyin.CapitalInProvince, Investor: seedInvestor{"山东贝瑞康生物科技有限公司", "贝瑞康生物", "370700"},
		Dates:   [7]string{1: "2024-04-10", 2: "2024-07-22", 3: "2024-09-02", 4: "2025-01-20"},
		Channel: "产业链招商", Tags: []string{"新经济新产业"}},

	// The brief's own example of a name.
	{Name: "潍柴动力氢燃料电池发动机产业化项目", Unit: "370771", Type: zhaoyin.TypeIndustrial, Chain: "氢能", Node: "燃料电池系统", Product: "氢燃料电池发动机",
		TotalYi: 30, Capital: zhaoyin.CapitalInProvince, Investor: seedInvestor{"潍柴动力股份有限公司", "潍柴动力", "370700"},
		Dates:   [7]string{1: "2023-05-08", 2: "2023-06-30", 3: "2023-08-14", 4: "2023-11-20", 5: "2025-02-26"},
		Channel: "以商招商", Tags: []string{"省重大项目", "新经济新产业"}},
}

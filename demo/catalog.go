package demo

// The static catalogue of the demo city: its 16 units, its industry chains with their nodes and
// products, and the word lists that names are built from. Figures marked "seed" are quoted from
// the news articles in shared/seeds.

// unit is one of Weifang's 16 county-level units or functional zones.
type unit struct {
	Code   string
	Name   string // as the region tree has it: 寿光市, 高新区
	Title  string // as project names write it: 寿光市, 潍坊高新区
	Org    string // as state-owned company names start: 寿光市, 潍坊市奎文区
	Kind   string // district | county | countycity | zone: picks the officials' titles
	Weight int    // share of the projects outside the 2024 spring batch
	Chains []wchain
	// The 2024 spring concentrated start (seed 001): projects and total investment in units of
	// 0.1亿元 (10,000,000 yuan).
	SpringN int
	SpringT int64
}

type wchain struct {
	Chain  string
	Weight int
}

// units lists the 16 units in the order the seeds list them.
var units = []*unit{
	{Code: "370705", Name: "奎文区", Title: "奎文区", Org: "潍坊市奎文区", Kind: "district", Weight: 80, SpringN: 16, SpringT: 818,
		Chains: []wchain{{"新一代信息技术", 4}, {"生物医药", 2}, {"光电", 1}, {"高端装备", 1}, {"食品加工", 1}}},
	{Code: "370702", Name: "潍城区", Title: "潍城区", Org: "潍坊市潍城区", Kind: "district", Weight: 75, SpringN: 15, SpringT: 845,
		Chains: []wchain{{"高端装备", 3}, {"纺织服装", 2}, {"新一代信息技术", 2}, {"食品加工", 1}, {"生物医药", 1}, {"节能环保", 1}}},
	{Code: "370704", Name: "坊子区", Title: "坊子区", Org: "潍坊市坊子区", Kind: "district", Weight: 75, SpringN: 15, SpringT: 744,
		Chains: []wchain{{"新一代信息技术", 3}, {"高端装备", 2}, {"动力装备", 2}, {"新能源汽车", 1}, {"新材料", 1}}},
	{Code: "370703", Name: "寒亭区", Title: "寒亭区", Org: "潍坊市寒亭区", Kind: "district", Weight: 75, SpringN: 16, SpringT: 642,
		Chains: []wchain{{"高端装备", 3}, {"新材料", 2}, {"节能环保", 2}, {"食品加工", 2}, {"新能源汽车", 1}}},
	{Code: "370781", Name: "青州市", Title: "青州市", Org: "青州市", Kind: "countycity", Weight: 95, SpringN: 20, SpringT: 786,
		Chains: []wchain{{"高端装备", 3}, {"生物医药", 2}, {"现代农业", 2}, {"食品加工", 1}, {"新材料", 1}}},
	{Code: "370782", Name: "诸城市", Title: "诸城市", Org: "诸城市", Kind: "countycity", Weight: 100, SpringN: 20, SpringT: 1511,
		Chains: []wchain{{"新能源汽车", 3}, {"食品加工", 3}, {"纺织服装", 2}, {"高端装备", 1}, {"生物医药", 1}}},
	{Code: "370783", Name: "寿光市", Title: "寿光市", Org: "寿光市", Kind: "countycity", Weight: 120, SpringN: 20, SpringT: 1166,
		Chains: []wchain{{"高端化工", 4}, {"新材料", 3}, {"现代农业", 3}, {"高端装备", 1}, {"食品加工", 1}, {"节能环保", 1}, {"新一代信息技术", 1}}},
	{Code: "370784", Name: "安丘市", Title: "安丘市", Org: "安丘市", Kind: "countycity", Weight: 90, SpringN: 18, SpringT: 851,
		Chains: []wchain{{"食品加工", 3}, {"现代农业", 2}, {"高端装备", 2}, {"新材料", 1}, {"生物医药", 1}}},
	{Code: "370785", Name: "高密市", Title: "高密市", Org: "高密市", Kind: "countycity", Weight: 95, SpringN: 20, SpringT: 780,
		Chains: []wchain{{"纺织服装", 3}, {"高端装备", 2}, {"声学", 2}, {"食品加工", 1}, {"新能源汽车", 1}}},
	{Code: "370786", Name: "昌邑市", Title: "昌邑市", Org: "昌邑市", Kind: "countycity", Weight: 90, SpringN: 18, SpringT: 1224,
		Chains: []wchain{{"高端化工", 3}, {"纺织服装", 3}, {"新材料", 2}, {"节能环保", 1}, {"生物医药", 1}}},
	{Code: "370724", Name: "临朐县", Title: "临朐县", Org: "临朐县", Kind: "county", Weight: 90, SpringN: 20, SpringT: 976,
		Chains: []wchain{{"新材料", 3}, {"高端装备", 2}, {"现代农业", 2}, {"食品加工", 1}, {"纺织服装", 1}}},
	{Code: "370725", Name: "昌乐县", Title: "昌乐县", Org: "昌乐县", Kind: "county", Weight: 85, SpringN: 18, SpringT: 789,
		Chains: []wchain{{"高端装备", 2}, {"新材料", 2}, {"现代农业", 2}, {"新能源汽车", 1}, {"食品加工", 1}, {"声学", 1}}},
	{Code: "370771", Name: "高新区", Title: "潍坊高新区", Org: "潍坊高新区", Kind: "zone", Weight: 120, SpringN: 20, SpringT: 1967,
		Chains: []wchain{{"动力装备", 4}, {"磁悬浮", 2}, {"声学", 2}, {"光电", 2}, {"生物医药", 2}, {"新一代信息技术", 2}, {"氢能", 2}, {"新能源汽车", 1}}},
	{Code: "370772", Name: "滨海区", Title: "潍坊滨海区", Org: "潍坊滨海", Kind: "zone", Weight: 110, SpringN: 20, SpringT: 1445,
		Chains: []wchain{{"高端化工", 4}, {"新材料", 3}, {"节能环保", 2}, {"氢能", 2}, {"高端装备", 1}}},
	{Code: "370773", Name: "保税区", Title: "潍坊综合保税区", Org: "潍坊综合保税区", Kind: "zone", Weight: 25, SpringN: 3, SpringT: 193,
		Chains: []wchain{{"新一代信息技术", 2}, {"光电", 2}, {"食品加工", 1}, {"高端装备", 1}, {"声学", 1}}},
	{Code: "370774", Name: "峡山区", Title: "峡山区", Org: "潍坊峡山", Kind: "zone", Weight: 30, SpringN: 5, SpringT: 69,
		Chains: []wchain{{"现代农业", 4}, {"食品加工", 2}, {"节能环保", 1}, {"生物医药", 1}}},
}

// zones are the functional zones the built-in division tree lacks.
var zones = []struct{ Code, Name string }{
	{"370771", "高新区"}, {"370772", "滨海区"}, {"370773", "保税区"}, {"370774", "峡山区"},
}

func unitByCode(code string) *unit {
	for _, u := range units {
		if u.Code == code {
			return u
		}
	}
	panic("demo: unknown unit " + code)
}

// officials' titles by kind of unit.
var officialTitles = map[string][]string{
	"district":   {"区委书记", "区长", "常务副区长", "副区长", "副区长", "区委常委"},
	"county":     {"县委书记", "县长", "常务副县长", "副县长", "副县长", "县委常委"},
	"countycity": {"市委书记", "市长", "常务副市长", "副市长", "副市长", "市委常委"},
	"zone":       {"党工委书记", "管委会主任", "党工委副书记", "管委会副主任", "管委会副主任"},
}

// chainDef is one of Weifang's key industrial chains.
type chainDef struct {
	Name    string
	Words   []string // what enterprise names of this chain end with: 重工, 化工 …
	NewEcon float64  // share of its projects tagged 新经济新产业
	Nodes   []nodeDef
}

type nodeDef struct {
	Segment  string // 上游 | 中游 | 下游
	Name     string
	Products []string
	Unit     string // output unit for names like 年产5万吨…; "" when such a name would be odd
	Qty      [2]int
	NonMfg   bool // power generation, services, farming: not manufacturing
}

var chains = []*chainDef{
	{Name: "高端装备", Words: []string{"重工", "机械", "装备", "精工", "智能装备", "机床", "机器人"}, NewEcon: 0.05, Nodes: []nodeDef{
		{"上游", "核心零部件", []string{"精密轴承", "高端液压件", "精密齿轮", "伺服电机", "滚动功能部件"}, "万套", [2]int{10, 500}, false},
		{"上游", "铸锻件", []string{"大型精密铸件", "高端锻件", "精密铸造件"}, "万吨", [2]int{2, 30}, false},
		{"中游", "数控机床", []string{"五轴联动数控机床", "高档数控机床", "激光切割装备", "数控折弯机"}, "台", [2]int{200, 3000}, false},
		{"中游", "工业机器人", []string{"工业机器人", "协作机器人", "智能物流装备"}, "台（套）", [2]int{500, 9000}, false},
		{"中游", "热处理装备", []string{"感应热处理装备", "真空热处理炉", "智能热处理成套装备"}, "台（套）", [2]int{100, 1000}, false},
		{"下游", "农机装备", []string{"大马力拖拉机", "智能收获机械", "高端农机具"}, "台", [2]int{1000, 30000}, false},
		{"下游", "智能成套装备", []string{"自动化设备", "智能仓储设备", "智能生产线", "环保成套装备"}, "套", [2]int{100, 2000}, false},
	}},
	{Name: "动力装备", Words: []string{"动力", "动力科技", "传动", "液压", "机械", "重工"}, NewEcon: 0.05, Nodes: []nodeDef{
		{"上游", "关键零部件", []string{"发动机缸体缸盖", "曲轴连杆", "高压共轨燃油系统", "涡轮增压器"}, "万件", [2]int{10, 300}, false},
		{"中游", "发动机", []string{"大功率高速发动机", "大缸径气体发动机", "船用中速发动机", "高效柴油发动机"}, "台", [2]int{1000, 200000}, false},
		{"中游", "传动系统", []string{"液力变速器", "重型变速箱", "驱动桥"}, "台", [2]int{5000, 200000}, false},
		{"中游", "液压件", []string{"液压泵阀", "高压柱塞泵", "液压马达"}, "万件", [2]int{5, 200}, false},
		{"下游", "动力总成", []string{"混合动力总成", "发电机组", "新能源动力总成"}, "台（套）", [2]int{1000, 50000}, false},
	}},
	{Name: "新能源汽车", Words: []string{"汽车", "新能源汽车", "汽车零部件", "电池", "电驱科技", "新能源"}, NewEcon: 0.35, Nodes: []nodeDef{
		{"上游", "电池材料", []string{"锂电池正极材料", "负极材料", "电解液"}, "万吨", [2]int{1, 20}, false},
		{"中游", "动力电池", []string{"动力电池", "储能电池模组", "动力电池PACK"}, "GWh", [2]int{2, 20}, false},
		{"中游", "电机电控", []string{"驱动电机", "电机控制器", "电驱动总成"}, "万台（套）", [2]int{10, 100}, false},
		{"中游", "汽车零部件", []string{"新能源汽车轻量化零部件", "汽车线束", "热管理系统", "底盘结构件"}, "万套", [2]int{10, 300}, false},
		{"下游", "整车制造", []string{"新能源商用车", "新能源专用车", "纯电动轻卡", "新能源冷藏车"}, "辆", [2]int{2000, 50000}, false},
		{"下游", "充换电", []string{"智能充电桩", "换电设备", "充电模块"}, "台（套）", [2]int{1000, 30000}, false},
	}},
	{Name: "高端化工", Words: []string{"化工", "石化", "化学", "精细化工", "新能源化工"}, NewEcon: 0.02, Nodes: []nodeDef{
		{"上游", "基础化工原料", []string{"溴素及溴化物", "纯碱", "烧碱", "环氧丙烷", "氯碱"}, "万吨", [2]int{5, 100}, false},
		{"中游", "精细化工", []string{"溴系阻燃剂", "医药中间体", "农药中间体", "电子化学品", "表面活性剂", "水处理剂"}, "万吨", [2]int{1, 20}, false},
		{"中游", "化工新材料", []string{"己内酰胺", "BDO", "聚碳酸酯", "特种环氧树脂", "高端聚烯烃"}, "万吨", [2]int{5, 60}, false},
		{"下游", "炼化一体化", []string{"高端润滑油", "针状焦", "炼化一体化", "高端能源化工"}, "万吨", [2]int{30, 500}, false},
	}},
	{Name: "新材料", Words: []string{"新材料", "材料科技", "高分子", "新材料科技"}, NewEcon: 0.15, Nodes: []nodeDef{
		{"上游", "基础原料", []string{"高纯氧化铝", "镁合金", "高纯石英砂"}, "万吨", [2]int{1, 30}, false},
		{"中游", "高分子材料", []string{"尼龙新材料", "PBAT/PBS可降解塑料", "特种工程塑料", "功能性新材料", "生物基新材料"}, "万吨", [2]int{3, 55}, false},
		{"中游", "功能性膜材料", []string{"光学膜", "功能性遮阳新材料", "高阻隔膜"}, "万平方米", [2]int{500, 20000}, false},
		{"中游", "高性能纤维", []string{"碳纤维", "芳纶纤维", "超高分子量聚乙烯纤维", "玄武岩纤维"}, "吨", [2]int{1000, 20000}, false},
		{"下游", "特种纸", []string{"特种纸", "食品级包装纸", "装饰原纸"}, "万吨", [2]int{5, 60}, false},
		{"下游", "金属新材料", []string{"高端铝型材", "高性能铜合金", "铝合金轮毂"}, "万吨", [2]int{3, 30}, false},
	}},
	{Name: "生物医药", Words: []string{"生物", "医药", "制药", "药业", "生物科技", "医疗器械"}, NewEcon: 0.4, Nodes: []nodeDef{
		{"上游", "原料药", []string{"原料药", "维生素原料", "氨基酸"}, "吨", [2]int{100, 5000}, false},
		{"中游", "化学制剂", []string{"化学制剂", "缓控释制剂", "口服固体制剂"}, "亿片（粒）", [2]int{5, 50}, false},
		{"中游", "生物制品", []string{"动物疫苗", "宠物抗体", "生物发酵产品", "单克隆抗体"}, "", [2]int{}, false},
		{"中游", "中药", []string{"中药饮片", "中成药", "中药配方颗粒"}, "吨", [2]int{500, 5000}, false},
		{"下游", "医疗器械", []string{"医用耗材", "体外诊断试剂", "医用敷料", "康复器械"}, "万件", [2]int{100, 5000}, false},
	}},
	{Name: "食品加工", Words: []string{"食品", "食品科技", "农业发展", "食品工业"}, NewEcon: 0.08, Nodes: []nodeDef{
		{"上游", "农产品初加工", []string{"蔬菜精深加工", "粮食烘干仓储", "果蔬净菜加工"}, "万吨", [2]int{5, 50}, false},
		{"中游", "预制菜", []string{"预制菜", "中央厨房", "速冻调理食品"}, "万吨", [2]int{2, 20}, false},
		{"中游", "肉制品", []string{"肉制品深加工", "禽肉调理品", "低温肉制品"}, "万吨", [2]int{3, 30}, false},
		{"中游", "饮料", []string{"果汁饮料", "植物蛋白饮料", "精酿啤酒"}, "万吨", [2]int{10, 60}, false},
		{"下游", "宠物食品", []string{"宠物食品", "宠物营养品", "宠物零食"}, "万吨", [2]int{2, 20}, false},
	}},
	{Name: "磁悬浮", Words: []string{"磁悬浮", "磁电", "节能科技", "重工", "动力科技"}, NewEcon: 0.6, Nodes: []nodeDef{
		{"上游", "核心部件", []string{"磁悬浮轴承", "高速永磁电机", "磁悬浮控制系统"}, "套", [2]int{1000, 20000}, false},
		{"中游", "磁悬浮装备", []string{"磁悬浮鼓风机", "磁悬浮冷媒压缩机", "磁悬浮空压机", "磁悬浮真空泵"}, "台", [2]int{500, 5000}, false},
		{"下游", "磁悬浮应用", []string{"磁悬浮低温余热发电机", "磁悬浮储能飞轮", "磁悬浮节能系统集成"}, "台（套）", [2]int{100, 2000}, false},
	}},
	{Name: "新一代信息技术", Words: []string{"信息", "电子", "数字科技", "信息技术", "智能科技", "软件"}, NewEcon: 0.45, Nodes: []nodeDef{
		{"上游", "电子元器件", []string{"电子元器件", "精密连接器", "半导体封装测试", "功率半导体"}, "亿只", [2]int{1, 50}, false},
		{"中游", "软件和信息服务", []string{"工业软件", "软件和信息服务", "智慧城市解决方案"}, "", [2]int{}, true},
		{"中游", "元宇宙", []string{"元宇宙配套", "VR/AR内容制作", "数字孪生"}, "", [2]int{}, true},
		{"下游", "数据中心", []string{"数据中心", "算力中心", "工业互联网平台"}, "", [2]int{}, true},
	}},
	{Name: "现代农业", Words: []string{"农业", "农业科技", "种业", "农业发展", "现代农业"}, NewEcon: 0.03, Nodes: []nodeDef{
		{"上游", "种业", []string{"蔬菜种业", "种苗繁育", "育种研发"}, "", [2]int{}, true},
		{"中游", "设施农业", []string{"智能温室大棚", "设施蔬菜", "工厂化育苗"}, "", [2]int{}, true},
		{"中游", "智慧农业", []string{"智慧农业", "农业物联网", "数字农业"}, "", [2]int{}, true},
		{"下游", "农产品流通", []string{"农产品冷链物流", "农产品交易中心", "农产品电商"}, "", [2]int{}, true},
	}},
	{Name: "纺织服装", Words: []string{"纺织", "服饰", "家纺", "纺织科技", "服装"}, NewEcon: 0.02, Nodes: []nodeDef{
		{"上游", "化纤原料", []string{"差别化纤维", "再生涤纶", "再生纤维素纤维"}, "万吨", [2]int{3, 50}, false},
		{"中游", "纺纱织造", []string{"高档纺纱", "功能性面料", "家纺面料"}, "万米", [2]int{1000, 9000}, false},
		{"中游", "印染", []string{"数码印染", "绿色印染"}, "万米", [2]int{2000, 20000}, false},
		{"下游", "服装家纺", []string{"高端服装", "家纺", "产业用纺织品"}, "万件（套）", [2]int{100, 2000}, false},
	}},
	{Name: "节能环保", Words: []string{"环保", "节能", "新能源", "环境科技", "能源"}, NewEcon: 0.1, Nodes: []nodeDef{
		{"上游", "节能装备", []string{"高效换热器", "节能锅炉", "余热回收装置"}, "台（套）", [2]int{200, 5000}, false},
		{"中游", "资源循环", []string{"固废综合利用", "废旧动力电池回收", "再生资源回收"}, "万吨", [2]int{5, 50}, false},
		{"中游", "污染治理", []string{"工业污水处理", "危废处置", "烟气治理设备"}, "", [2]int{}, false},
		{"下游", "新能源", []string{"分布式光伏", "风光储多能互补", "储能电站", "海上风电"}, "", [2]int{}, true},
	}},
	{Name: "光电", Words: []string{"光电", "光学", "激光", "光电科技"}, NewEcon: 0.35, Nodes: []nodeDef{
		{"上游", "光电芯片", []string{"LED芯片", "激光芯片", "光电传感器"}, "万片", [2]int{10, 300}, false},
		{"中游", "光学元件", []string{"光学镜片", "精密光学模组", "光学元件"}, "万件", [2]int{100, 5000}, false},
		{"中游", "激光器", []string{"半导体激光器", "光纤激光器"}, "台", [2]int{1000, 20000}, false},
		{"下游", "显示与照明", []string{"显示模组", "Mini LED背光模组", "智能照明"}, "万片", [2]int{100, 2000}, false},
	}},
	{Name: "声学", Words: []string{"声学", "电声", "电子", "智能科技"}, NewEcon: 0.35, Nodes: []nodeDef{
		{"上游", "声学元器件", []string{"微型扬声器", "MEMS麦克风", "声学元器件"}, "亿只", [2]int{1, 20}, false},
		{"中游", "声学模组", []string{"声学模组", "智能音频模组"}, "万套", [2]int{500, 5000}, false},
		{"下游", "智能硬件", []string{"智能耳机", "VR/AR整机", "智能音箱"}, "万台", [2]int{100, 2000}, false},
	}},
	{Name: "氢能", Words: []string{"氢能", "氢能源", "新能源", "能源科技"}, NewEcon: 0.7, Nodes: []nodeDef{
		{"上游", "制氢", []string{"绿电制氢", "电解水制氢装备", "工业副产氢提纯"}, "", [2]int{}, false},
		{"中游", "储运加注", []string{"高压储氢瓶", "加氢站", "液氢储运"}, "", [2]int{}, false},
		{"中游", "电堆", []string{"氢燃料电池电堆", "金属板电堆"}, "套", [2]int{1000, 20000}, false},
		{"中游", "膜电极", []string{"膜电极", "燃料电池膜电极"}, "万片", [2]int{10, 200}, false},
		{"中游", "双极板", []string{"石墨双极板", "金属双极板"}, "万片", [2]int{10, 300}, false},
		{"下游", "燃料电池系统", []string{"氢燃料电池发动机", "燃料电池系统"}, "套", [2]int{1000, 20000}, false},
	}},
}

func chainByName(name string) *chainDef {
	for _, c := range chains {
		if c.Name == name {
			return c
		}
	}
	panic("demo: unknown chain " + name)
}

func (c *chainDef) node(name string) *nodeDef {
	for i := range c.Nodes {
		if c.Nodes[i].Name == name {
			return &c.Nodes[i]
		}
	}
	panic("demo: unknown node " + c.Name + "/" + name)
}

// Chain is one industry chain of the demo city and its nodes, for callers that want to draw
// the chain map (招商图谱) the demo projects are placed on.
type Chain struct {
	Name  string
	Nodes []ChainNode
}

// ChainNode is a link of a chain; Segment is 上游, 中游 or 下游.
type ChainNode struct{ Segment, Name string }

// Chains lists the 15 chains the demo projects use (Project.Chain, Project.ChainNode).
func Chains() []Chain {
	out := make([]Chain, 0, len(chains))
	for _, c := range chains {
		ch := Chain{Name: c.Name}
		for _, n := range c.Nodes {
			ch.Nodes = append(ch.Nodes, ChainNode{n.Segment, n.Name})
		}
		out = append(out, ch)
	}
	return out
}

// Words for enterprise names. brandWords are generic two-character trade names; any likeness to
// a real company is a coincidence of common words.
var brandWords = []string{
	"鲁丰", "华瑞", "恒昌", "金泰", "瑞丰", "宏达", "盛和", "鑫源", "正源", "永盛", "润丰", "海泰",
	"海川", "裕丰", "泰和", "凯盛", "百川", "德润", "广源", "华驰", "中晟", "远航", "海晟", "博远",
	"启明", "潍鑫", "潍辰", "鸢都", "浮烟", "白浪", "云门", "凤鸣", "金宝", "宝通", "北辰", "鑫汇",
	"弘毅", "明德", "嘉禾", "天元", "岱宇", "硕丰", "众诚", "同创", "联创", "华创", "恒信", "盛邦",
	"海岱", "青云", "蓝海", "弘泰", "朝阳", "聚力", "国信", "晟达", "华宇", "宏图", "卓越", "领航",
	"鼎盛", "泽润", "瑞康", "康源", "益生", "万和", "潍润", "睿智", "锦程", "沃德", "丰源", "鲁新",
	"诚达", "宏远", "旭日", "新锐", "信达", "同泰", "和盛", "金诺", "银河", "星宇", "中宇", "东方",
	"创新", "尚德", "鲁冠", "恒通", "泰瑞", "德胜", "坤泰", "立信", "兴业", "汇通", "中研", "海纳",
	"久泰", "宝丰", "鸿运", "瑞祥", "康达", "瑞晟", "齐盛", "圣源", "亿丰", "博瑞", "润泽", "安达",
}

// foreignWords and hmtWords make names of foreign-invested and Hong Kong, Macao or Taiwan
// invested enterprises.
var foreignWords = []string{"莱茵", "诺德", "汉森", "卡森", "瑞德", "霍克", "艾美", "维克", "博纳", "欧特", "森科", "大和", "三和", "东洋", "新韩", "韩一", "普莱", "阿尔法"}
var hmtWords = []string{"港新", "嘉华", "恒丰", "宝利", "台鑫", "澳信", "华信", "鸿发", "永隆", "裕泰", "冠德", "新昌", "福泰", "宏碁"}

// place is a city an enterprise may come from, with the division code of a district there
// (positions 3–8 of its credit code).
type place struct{ Name, Code string }

// shandongPlaces are other cities of the province (capital source 省内).
var shandongPlaces = []place{{"济南", "370112"}, {"青岛", "370212"}, {"烟台", "370602"}, {"淄博", "370303"}, {"临沂", "371302"}, {"济宁", "370811"}, {"东营", "370502"}}

// outPlaces are cities outside the province (capital source 省外内资).
var outPlaces = []place{
	{"深圳", "440305"}, {"上海", "310115"}, {"北京", "110108"}, {"杭州", "330106"}, {"苏州", "320505"},
	{"南京", "320115"}, {"天津", "120116"}, {"宁波", "330212"}, {"广州", "440106"}, {"合肥", "340104"},
	{"成都", "510107"}, {"武汉", "420106"}, {"厦门", "350206"}, {"无锡", "320214"}, {"常州", "320411"},
}

// People.
var surnames = []string{
	"王", "王", "王", "张", "张", "张", "刘", "刘", "刘", "李", "李", "李", "陈", "杨", "杨", "赵", "赵", "孙", "孙",
	"马", "马", "徐", "高", "高", "郭", "于", "于", "朱", "宋", "韩", "曹", "田", "董", "丁", "周", "吴", "胡",
	"孟", "任", "崔", "姜", "谭", "郑", "袁", "冯", "邓", "林", "隋", "邴", "葛", "綦", "谭", "单", "薛", "秦",
}
var givenNames = []string{
	"建国", "伟", "磊", "军", "强", "涛", "明", "静", "丽", "敏", "霞", "峰", "鹏", "辉", "刚", "勇", "杰",
	"超", "斌", "亮", "海燕", "晓东", "立新", "志强", "文博", "雪", "娟", "红", "燕", "晨", "浩", "宁",
	"凯", "冬梅", "玉华", "春雷", "建华", "新民", "卫东", "国庆", "德胜", "振华", "庆丰", "俊杰", "思远",
	"子涵", "洪波", "宏伟", "爱民", "永刚", "金山", "海涛", "丽娜", "秀英", "建军", "学军", "兆龙", "云峰",
}

// Channels (招引渠道) with their weights.
var channels = []struct {
	Name   string
	Weight int
}{
	{"以商招商", 20}, {"产业链招商", 16}, {"驻外招商", 14}, {"商协会", 13}, {"城市合伙人", 10},
	{"在外知名人士", 8}, {"推介会", 8}, {"招引联络处", 6}, {"侨联", 3}, {"专业机构招商", 2},
}

// dropReasons are why talks or projects end (终止原因).
var dropReasons = []string{
	"企业战略调整，暂缓投资",
	"企业资金链紧张，无力推进",
	"用地指标无法落实，项目终止",
	"环评未通过，项目终止",
	"企业选择落户外地",
	"市场行情变化，企业放弃投资",
	"双方在土地价格上未达成一致",
	"能耗指标不足，项目无法落地",
	"投资方内部决策未通过",
	"项目不符合园区产业定位",
}

// Suffixes of industrial project names.
var industrialSuffixes = []struct {
	Text   string
	Weight int
}{
	{"项目", 20}, {"产业化项目", 10}, {"扩产项目", 8}, {"技改项目", 6}, {"智能制造项目", 8}, {"生产基地项目", 8},
	{"研发及产业化项目", 6}, {"智能化改造项目", 4}, {"二期项目", 4}, {"智能工厂项目", 4}, {"扩建项目", 5},
}

// Platform (平台类) projects: parks by theme; the theme fixes the chain.
var parkThemes = []struct{ Theme, Chain string }{
	{"科创产业园", "新一代信息技术"}, {"数智产业园", "新一代信息技术"}, {"数字经济产业园", "新一代信息技术"},
	{"元宇宙产业园", "新一代信息技术"}, {"生物医药产业园", "生物医药"}, {"医疗器械产业园", "生物医药"},
	{"新材料产业园", "新材料"}, {"智能制造产业园", "高端装备"}, {"高端装备产业园", "高端装备"},
	{"食品产业园", "食品加工"}, {"预制菜产业园", "食品加工"}, {"氢能产业园", "氢能"}, {"光电产业园", "光电"},
	{"声学产业园", "声学"}, {"农业科技园", "现代农业"}, {"纺织服装产业园", "纺织服装"},
	{"节能环保产业园", "节能环保"}, {"新能源汽车零部件产业园", "新能源汽车"}, {"中小企业孵化园", "高端装备"},
	{"人才创新创业园", "新一代信息技术"}, {"跨境电商产业园", "新一代信息技术"},
}

// Social (社会事业类) and infrastructure (基础设施类) project names; {n} is a numeral, {street},
// {road} and {river} a place.
var socialTemplates = []string{
	"人民医院新院区建设项目", "中医院综合楼建设项目", "妇幼保健院迁建项目", "第{n}实验学校建设项目",
	"第{n}中学扩建项目", "{street}街道中心幼儿园建设项目", "职业教育实训基地项目", "养老服务中心项目",
	"全民健身中心项目", "文化艺术中心项目", "体育中心项目", "社会福利中心项目", "疾病预防控制中心迁建项目",
	"公共实训基地项目", "青少年活动中心项目", "图书馆新馆项目", "急救中心项目", "康养中心项目",
	"保障性租赁住房项目", "{street}街道社区卫生服务中心项目", "第{n}小学建设项目", "残疾人康复中心项目",
}
var infraTemplates = []string{
	"{road}提升改造工程", "{river}综合治理工程", "城区雨污分流改造工程", "第{n}污水处理厂建设项目",
	"集中供热管网改造工程", "220千伏输变电工程", "老旧小区改造项目", "城市更新项目", "公铁联运物流园项目",
	"智慧停车场建设项目", "天然气管网工程", "5G基站及配套设施建设项目", "农村供水一体化工程",
	"水系连通工程", "冷链物流中心项目", "{road}拓宽改造工程", "再生水利用工程", "地下综合管廊工程",
}
var numerals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
var streets = []string{"东关", "北关", "南苑", "北苑", "城关", "新城", "清池", "虞河", "广文", "于河", "金宝", "凤凰", "文化", "胜利", "梨园", "大家洼", "央子", "朱里", "高里", "双杨", "柳山", "孙家集"}
var roads = []string{"胜利街", "东风街", "北海路", "潍州路", "健康街", "宝通街", "玉清街", "文化路", "新华路", "北宫街", "月河路", "福寿街", "民生街", "金宝街", "梨园街", "永安路", "樱前街", "银枫路", "浞河路", "圣城街", "农圣街", "密州路", "人民路", "丹河路"}
var rivers = []string{"白浪河", "虞河", "潍河", "弥河", "汶河", "小清河", "张面河", "丹河", "浞河", "渠河", "大于河", "峡山水库"}

// Progress texts (形象进度) by phase of construction.
var progressTexts = map[string][][]string{
	// industrial and platform projects: [site works, structure, topping out, equipment, commissioning]
	"building": {
		{"场地平整完成，桩基施工中", "三通一平完成，基础施工中", "土方开挖及桩基施工中"},
		{"主体结构施工中", "厂房主体结构施工中", "钢结构厂房吊装中"},
		{"主体封顶，钢结构安装中", "主体封顶，屋面及外墙施工中", "厂房主体完工，内部装修中"},
		{"设备采购安装中", "生产设备进场安装", "设备安装调试"},
		{"设备安装调试", "附属工程施工，准备试生产", "生产线联动调试"},
	},
	"social": {
		{"场地平整完成，基础施工中", "桩基施工中"},
		{"主体结构施工中", "主体结构施工至中部楼层"},
		{"主体封顶，二次结构施工中", "主体封顶，外立面施工中"},
		{"室内装饰装修施工中", "机电安装施工中"},
		{"室外配套工程施工，准备竣工验收", "设备调试，准备竣工验收"},
	},
	"infrastructure": {
		{"前期清表及临时设施施工", "征迁收尾，开始基础施工"},
		{"管网铺设中", "路基施工中", "主体工程施工中"},
		{"主体工程完成过半", "路面基层施工中", "管网主体完工，附属设施施工中"},
		{"附属工程施工中", "路面施工中", "设备安装中"},
		{"收尾施工，准备竣工验收", "试运行准备中"},
	},
}

// problems are the issues a district reports with its monthly progress (存在问题).
var problems = []string{
	"施工用电增容手续办理中，需供电部门协调",
	"部分用地手续尚未办结",
	"环评批复待下达",
	"融资需求较大，需协调金融机构支持",
	"用工紧张，技术工人短缺",
	"配套道路尚未完工",
	"能耗指标待落实",
	"施工许可证办理中",
	"天然气管道接入待协调",
	"受雨季影响，工期有所滞后",
}

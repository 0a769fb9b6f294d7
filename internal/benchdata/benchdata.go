// Package benchdata makes large, valid project sheets for benchmarks and crash tests.
package benchdata

import (
	"fmt"
	"math/rand/v2"
	"os"

	"zhaoyin"
	"zhaoyin/sheet"
)

// Counties are Weifang's built-in county-level units, so generated sheets import into a
// fresh database without adding zones first.
var Counties = []string{"370702", "370703", "370704", "370705", "370724", "370725", "370781", "370782", "370783", "370784", "370785", "370786"}

var (
	firms    = []string{"潍柴", "歌尔", "天瑞", "豪迈", "晨鸣", "福田", "盛瑞", "浩信", "雷沃", "新和成", "鲁丽", "亚星", "海化", "联盟", "富康", "润丰", "共达", "中启", "汇胜", "东方"}
	products = []string{"氢燃料电池发动机", "磁悬浮鼓风机", "智能穿戴", "可降解塑料", "高端轴承", "新能源汽车零部件", "生物医药中间体", "光电显示模组", "声学器件", "精密铸造", "特种纸", "现代农业装备", "预制菜加工", "锂电池材料", "工业互联网平台"}
	suffixes = []string{"产业化项目", "扩产项目", "智能制造项目", "产业园项目", "研发中心项目", "技改项目"}
	chains   = []string{"高端装备", "动力装备", "新能源汽车", "高端化工", "新材料", "生物医药", "食品加工", "磁悬浮", "新一代信息技术", "声学"}
)

// Project returns the i-th generated project (deterministic).
func Project(i int) *zhaoyin.Project {
	r := rand.New(rand.NewPCG(uint64(i), 42))
	p := &zhaoyin.Project{
		Code:                fmt.Sprintf("BN%07d", i),
		Name:                firms[r.IntN(len(firms))] + products[r.IntN(len(products))] + suffixes[r.IntN(len(suffixes))] + fmt.Sprintf("（%d期）", i%9+1),
		RegionCode:          Counties[i%len(Counties)],
		Type:                zhaoyin.TypeLabels[r.IntN(4)].Value,
		Chain:               chains[r.IntN(len(chains))],
		Manufacturing:       r.IntN(4) > 0,
		CapitalSource:       zhaoyin.CapitalLabels[r.IntN(4)].Value,
		TotalInvestmentYuan: int64(2000+r.IntN(2_000_000)) * zhaoyin.Wan,
		Stage:               zhaoyin.Stages[r.IntN(len(zhaoyin.Stages))],
		Tags:                []string{"市重点项目"},
	}
	p.AnnualPlanYuan = p.TotalInvestmentYuan / 4
	day := func(n int) string { return fmt.Sprintf("2024-%02d-%02d", n/28+1, n%28+1) }
	d := r.IntN(60)
	for k := 1; k <= zhaoyin.StageIndex(p.Stage); k++ {
		p.SetStageDate(zhaoyin.Stages[k], day(d))
		d += r.IntN(40)
		if d > 11*28+27 {
			d = 11*28 + 27
		}
	}
	if zhaoyin.StageIndex(p.Stage) >= zhaoyin.StageIndex(zhaoyin.StageSigned) {
		p.SignedAmountYuan = p.TotalInvestmentYuan
	}
	code := fmt.Sprintf("91370700%09d", i)
	c, _ := zhaoyin.USCCCheckChar(code)
	p.Investors = []zhaoyin.Investor{{Name: fmt.Sprintf("%s实业%d有限公司", firms[i%len(firms)], i), USCC: code + string(c)}}
	return p
}

// WriteSheet writes n generated projects as an import sheet at path.
func WriteSheet(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	i := 0
	err = sheet.WriteProjects(f, func() (*zhaoyin.Project, error) {
		if i == n {
			return nil, nil
		}
		i++
		return Project(i), nil
	})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Sheet returns the path of a cached n-project sheet in the temp directory, writing it once.
func Sheet(n int) (string, error) {
	path := fmt.Sprintf("%s/zhaoyin-bench-%d-v1.xlsx", os.TempDir(), n)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	tmp := path + ".tmp"
	if err := WriteSheet(tmp, n); err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}

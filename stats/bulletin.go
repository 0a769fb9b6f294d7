// Package stats writes the published figures of DOMAIN.md as documents: the work bulletin
// (招商引资工作通报) in Markdown, Word and printable HTML, and serves the statistics routes
// of the cockpit. The figures themselves come from store.StatsService, which holds the
// statistical definitions in SQL.
package stats

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"zhaoyin"
	"zhaoyin/store"
)

// Source is what a bulletin is written from; *store.StatsService is one.
type Source interface {
	Summary(ctx context.Context, f zhaoyin.SummaryFilter) (*zhaoyin.Summary, error)
	// ProjectFigures is Summary without funds and investment (left at zero).
	ProjectFigures(ctx context.Context, f zhaoyin.SummaryFilter) (*zhaoyin.Summary, error)
	Ranking(ctx context.Context, region, from, to string) (*store.Ranking, error)
	TopSigned(ctx context.Context, region, from, to string, n int) ([]store.TopProject, error)
}

var _ Source = (*store.StatsService)(nil)

// TopProjects is how many of the largest new projects section 三 lists.
const TopProjects = 10

// Bulletin writes the work bulletin of a region and period as Markdown, in the seeds' own
// style and figures: counts as 496个, amounts as 2529.64亿元 (two decimals), shares as 74.40%,
// growth as 增长10.2% / 下降3.1% (omitted when the previous year has no funds). regionName is
// the region's name (聊城市); title "" means "{regionName}{period}招商引资工作通报".
//
// Section 一 reads two summaries: all projects (new signed, approved, started, producing,
// funds, investment: the city's totals, as Weifang reports 1126 signed and 1524亿元 of funds),
// and the new signed projects of at least 1亿元 for the 过亿元 sentence (Liaocheng's 496
// projects, 2529.64亿元). Its 计划投资额 is the signed amount of DOMAIN.md (signed amount, else total
// investment), which is the total investment whenever a project records no signed amount.
func Bulletin(ctx context.Context, s Source, regionName, region, from, to, title string) (string, error) {
	label, err := PeriodLabel(from, to)
	if err != nil {
		return "", err
	}
	// The four reads are independent: run them side by side (a bulletin is rare, and the
	// summaries of a large city take a good part of its time).
	var (
		all, big *zhaoyin.Summary
		ranking  *store.Ranking
		top      []store.TopProject
		errs     [4]error
		wg       sync.WaitGroup
	)
	wg.Add(4)
	go func() {
		defer wg.Done()
		all, errs[0] = s.Summary(ctx, zhaoyin.SummaryFilter{Region: region, From: from, To: to})
	}()
	go func() {
		defer wg.Done()
		big, errs[1] = s.ProjectFigures(ctx, zhaoyin.SummaryFilter{Region: region, From: from, To: to, MinInvestment: zhaoyin.Yi})
	}()
	go func() {
		defer wg.Done()
		ranking, errs[2] = s.Ranking(ctx, region, from, to)
	}()
	go func() {
		defer wg.Done()
		top, errs[3] = s.TopSigned(ctx, region, from, to, TopProjects)
	}()
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return "", err // as it is: its code decides the status
		}
	}
	if title == "" {
		title = regionName + label + "招商引资工作通报"
	}
	whole := wholeOf(regionName)

	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", title)

	b.WriteString("## 一、总体情况\n\n")
	b.WriteString(overview(label, whole, all, big))
	b.WriteString("\n\n")

	b.WriteString("## 二、各县市区（开发区）情况\n\n")
	if len(ranking.Rows) == 0 {
		b.WriteString("本区域无下级区域，不作分区域排名。\n\n")
	} else {
		fmt.Fprintf(&b, "按招商引资到位资金排序，%s各县市区（开发区）主要指标如下：\n\n", label)
		b.WriteString("| 区域 | 新签约个数 | 签约金额(亿元) | 新开工 | 到位资金(亿元) | 排名 |\n")
		b.WriteString("|---|---:|---:|---:|---:|---:|\n")
		rows := append([]store.RankingRow(nil), ranking.Rows...)
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].Ranks.FundsArrived < rows[j].Ranks.FundsArrived })
		for _, r := range rows {
			fmt.Fprintf(&b, "| %s | %d | %s | %d | %s | %d |\n", cell(r.Name), r.SignedCount, zhaoyin.FormatYi(r.SignedAmountYuan),
				r.StartedCount, zhaoyin.FormatYi(r.FundsArrivedYuan), r.Ranks.FundsArrived)
		}
		b.WriteString("\n")
	}

	b.WriteString("## 三、重大项目\n\n")
	if len(top) == 0 {
		fmt.Fprintf(&b, "%s%s暂无新签约项目。\n\n", label, whole)
	} else {
		fmt.Fprintf(&b, "%s新签约项目中，签约金额居前%d位的项目如下：\n\n", label, len(top))
		for i, p := range top {
			kind := ""
			if p.Manufacturing {
				kind = "，制造业项目"
			}
			fmt.Fprintf(&b, "%d. %s（%s），签约金额%s亿元%s。\n", i+1, p.Name, p.RegionName, zhaoyin.FormatYi(p.AmountYuan), kind)
		}
		b.WriteString("\n")
	}

	b.WriteString("## 四、下步工作\n\n")
	fmt.Fprintf(&b, "下一步，%s将继续把招商引资作为经济工作的生命线，聚焦主导产业链条开展精准招商，坚持“要素跟着项目走”，"+
		"推动签约项目早开工、开工项目早投产、投产项目早达效；加强项目月度调度和督导通报，对签约未开工、进度滞后的项目逐一分析原因、"+
		"限期整改，确保全年目标任务圆满完成。\n", whole)
	return b.String(), nil
}

// overview writes section 一 in the seeds' sentences, leaving out what is zero.
func overview(label, whole string, all, big *zhaoyin.Summary) string {
	var b strings.Builder
	b.WriteString(label + "，" + whole)
	if all.Signed.Count == 0 {
		b.WriteString("暂无新签约项目。")
	} else {
		fmt.Fprintf(&b, "新签约项目%d个，签约金额%s亿元。", all.Signed.Count, zhaoyin.FormatYi(all.Signed.AmountYuan))
	}
	if big.Signed.Count > 0 {
		fmt.Fprintf(&b, "新引进过亿元项目%d个，计划投资额%s亿元", big.Signed.Count, zhaoyin.FormatYi(big.Signed.AmountYuan))
		if big.Signed.ManufacturingCount > 0 {
			fmt.Fprintf(&b, "，其中，制造业项目%d个，签约金额%s亿元，占比分别为%s、%s", big.Signed.ManufacturingCount,
				zhaoyin.FormatYi(big.Signed.ManufacturingAmountYuan),
				zhaoyin.Share(big.Signed.ManufacturingCount, big.Signed.Count), zhaoyin.Share(big.Signed.ManufacturingAmountYuan, big.Signed.AmountYuan))
		}
		b.WriteString("。")
	}
	if all.Approved.Count > 0 {
		fmt.Fprintf(&b, "新立项项目%d个。", all.Approved.Count)
	}
	if all.Started.Count > 0 {
		fmt.Fprintf(&b, "新开工项目%d个", all.Started.Count)
		if all.Started.ManufacturingCount > 0 {
			fmt.Fprintf(&b, "，其中制造业项目%d个，占比%s", all.Started.ManufacturingCount, zhaoyin.Share(all.Started.ManufacturingCount, all.Started.Count))
		}
		b.WriteString("。")
	}
	if all.Producing.Count > 0 {
		fmt.Fprintf(&b, "新投产项目%d个。", all.Producing.Count)
	}
	f := all.Funds
	if f.ArrivedYuan > 0 || f.PrevYearArrivedYuan > 0 {
		fmt.Fprintf(&b, "招商引资到位资金%s亿元", zhaoyin.FormatYi(f.ArrivedYuan))
		b.WriteString(growth(f.ArrivedYuan, f.PrevYearArrivedYuan))
		if f.ManufacturingArrivedYuan > 0 {
			fmt.Fprintf(&b, "，其中，制造业到位资金%s亿元，占比%s", zhaoyin.FormatYi(f.ManufacturingArrivedYuan), zhaoyin.Share(f.ManufacturingArrivedYuan, f.ArrivedYuan))
		}
		if f.OutOfProvinceArrivedYuan > 0 {
			fmt.Fprintf(&b, "；省外内资到位资金%s亿元，占比%s", zhaoyin.FormatYi(f.OutOfProvinceArrivedYuan), zhaoyin.Share(f.OutOfProvinceArrivedYuan, f.ArrivedYuan))
		}
		b.WriteString("。")
	}
	if all.FixedAssetInvestedYuan > 0 {
		fmt.Fprintf(&b, "完成固定资产投资%s亿元。", zhaoyin.FormatYi(all.FixedAssetInvestedYuan))
	}
	return b.String()
}

// growth writes the year-on-year clause: "，同比增长10.2%", "，同比下降3.1%", "，与上年同期持平",
// or nothing when the previous year had no funds (growth is then undefined).
func growth(cur, prev int64) string {
	g, ok := zhaoyin.GrowthTenths(cur, prev)
	switch {
	case !ok:
		return ""
	case g > 0:
		return "，同比增长" + tenths(g) + "%"
	case g < 0:
		return "，同比下降" + tenths(-g) + "%"
	}
	return "，与上年同期持平"
}

// tenths writes a non-negative number of tenths with one decimal: 102 → "10.2".
func tenths(t int64) string { return fmt.Sprintf("%d.%d", t/10, t%10) }

// wholeOf is how the text names the whole region: 全市, 全县, 全区, 全省.
func wholeOf(regionName string) string {
	for _, suffix := range []string{"市", "县", "区", "省", "州", "盟", "旗"} {
		if strings.HasSuffix(regionName, suffix) {
			return "全" + suffix
		}
	}
	return "全域"
}

// cell keeps a table cell on its row.
func cell(s string) string {
	return strings.NewReplacer("|", "｜", "\n", " ", "\r", " ").Replace(s)
}

// ---------------------------------------------------------------------------------------------
// Periods

var quarterNames = []string{"", "第一季度", "第二季度", "第三季度", "第四季度"}

// Period returns the dates of a year (quarter and month 0), a quarter (1–4) or a month (1–12).
func Period(year, quarter, month int) (from, to string, err error) {
	switch {
	case year < 1949 || year > 2999:
		return "", "", zhaoyin.FieldError("year", "年份 %d 无效", year)
	case quarter != 0 && month != 0:
		return "", "", zhaoyin.FieldError("quarter", "季度和月份只能指定一个")
	case quarter < 0 || quarter > 4:
		return "", "", zhaoyin.FieldError("quarter", "季度应为 1 到 4")
	case month < 0 || month > 12:
		return "", "", zhaoyin.FieldError("month", "月份应为 1 到 12")
	}
	first, last := 1, 12
	if quarter > 0 {
		first, last = 3*quarter-2, 3*quarter
	} else if month > 0 {
		first, last = month, month
	}
	start := time.Date(year, time.Month(first), 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(year, time.Month(last)+1, 0, 0, 0, 0, 0, time.UTC)
	return start.Format("2006-01-02"), end.Format("2006-01-02"), nil
}

// PeriodLabel names a period as bulletins do: 2023年, 2024年第一季度, 2024年3月, 2024年1—5月,
// or 2024年1月1日至3月15日.
func PeriodLabel(from, to string) (string, error) {
	f, err := zhaoyin.ParseDate(from)
	if err != nil {
		return "", zhaoyin.FieldError("from", "起始日期：%v", err)
	}
	t, err := zhaoyin.ParseDate(to)
	if err != nil {
		return "", zhaoyin.FieldError("to", "截止日期：%v", err)
	}
	if to < from {
		return "", zhaoyin.FieldError("to", "截止日期 %s 早于起始日期 %s", to, from)
	}
	monthStart := f.Day() == 1
	monthEnd := t.AddDate(0, 0, 1).Day() == 1
	if f.Year() == t.Year() && monthStart && monthEnd {
		y, m1, m2 := f.Year(), int(f.Month()), int(t.Month())
		switch {
		case m1 == 1 && m2 == 12:
			return fmt.Sprintf("%d年", y), nil
		case m1 == m2:
			return fmt.Sprintf("%d年%d月", y, m1), nil
		case m1%3 == 1 && m2 == m1+2:
			return fmt.Sprintf("%d年%s", y, quarterNames[m2/3]), nil
		}
		return fmt.Sprintf("%d年%d—%d月", y, m1, m2), nil
	}
	end := fmt.Sprintf("%d月%d日", t.Month(), t.Day())
	if t.Year() != f.Year() {
		end = fmt.Sprintf("%d年", t.Year()) + end
	}
	return fmt.Sprintf("%d年%d月%d日至%s", f.Year(), f.Month(), f.Day(), end), nil
}

// BulletinFor writes the bulletin of a year, or of one of its quarters or months.
func BulletinFor(ctx context.Context, s Source, regionName, region string, year, quarter, month int) (string, error) {
	from, to, err := Period(year, quarter, month)
	if err != nil {
		return "", err
	}
	return Bulletin(ctx, s, regionName, region, from, to, "")
}

// YearBulletin adapts the service to httpapi.Config.Bulletin: the year's bulletin of region
// (default: the caller's scope region; a region outside the scope is refused).
func YearBulletin(svc *store.StatsService) func(ctx context.Context, region string, year int) (string, error) {
	return func(ctx context.Context, region string, year int) (string, error) {
		r, err := svc.StatsRegion(ctx, region)
		if err != nil {
			return "", err
		}
		return BulletinFor(ctx, svc, r.Name, r.Code, year, 0, 0)
	}
}

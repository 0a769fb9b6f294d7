package stats

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"zhaoyin"
	"zhaoyin/store"
)

// fakeSource serves fixed figures, so that the bulletin's words can be checked without a
// database (the figures themselves are checked in store/stats_test.go).
type fakeSource struct {
	all, big *zhaoyin.Summary
	ranking  *store.Ranking
	top      []store.TopProject
	err      error
}

func (f *fakeSource) Summary(context.Context, zhaoyin.SummaryFilter) (*zhaoyin.Summary, error) {
	return f.all, f.err
}

func (f *fakeSource) ProjectFigures(context.Context, zhaoyin.SummaryFilter) (*zhaoyin.Summary, error) {
	return f.big, nil
}

func (f *fakeSource) Ranking(context.Context, string, string, string) (*store.Ranking, error) {
	return f.ranking, nil
}

func (f *fakeSource) TopSigned(context.Context, string, string, string, int) ([]store.TopProject, error) {
	return f.top, nil
}

func liaochengFigures() *fakeSource {
	all, big := &zhaoyin.Summary{}, &zhaoyin.Summary{}
	all.Signed.Count, all.Signed.AmountYuan = 1126, 300_000_000_000
	big.Signed.Count, big.Signed.AmountYuan, big.Signed.ManufacturingCount, big.Signed.ManufacturingAmountYuan = 496, 252_964_000_000, 369, 190_568_000_000
	all.Started.Count, all.Started.ManufacturingCount = 460, 319
	all.Funds.ArrivedYuan, all.Funds.PrevYearArrivedYuan, all.Funds.ManufacturingArrivedYuan = 47_100_000_000, 42_740_000_000, 28_240_000_000
	return &fakeSource{
		all: all, big: big,
		ranking: &store.Ranking{Rows: []store.RankingRow{
			{Key: "371502", Name: "东昌府区", SignedCount: 3, SignedAmountYuan: 5 * zhaoyin.Yi, FundsArrivedYuan: 2 * zhaoyin.Yi, Ranks: store.Ranks{FundsArrived: 2}},
			{Key: "371581", Name: "临清|市", SignedCount: 4, SignedAmountYuan: 50 * zhaoyin.Yi, StartedCount: 1, FundsArrivedYuan: 9 * zhaoyin.Yi, Ranks: store.Ranks{FundsArrived: 1}},
		}},
		top: []store.TopProject{{Name: "哈尔滨轴承集团有限公司生产基地项目 <一期> & 二期", RegionName: "临清市", AmountYuan: 50 * zhaoyin.Yi, Manufacturing: true}},
	}
}

func TestBulletinText(t *testing.T) {
	md, err := Bulletin(context.Background(), liaochengFigures(), "聊城市", "371500", "2023-01-01", "2023-12-31", "")
	if err != nil {
		t.Fatal(err)
	}
	want := "2023年，全市新签约项目1126个，签约金额3000.00亿元。新引进过亿元项目496个，计划投资额2529.64亿元，其中，制造业项目369个，签约金额1905.68亿元，占比分别为74.40%、75.33%。" +
		"新开工项目460个，其中制造业项目319个，占比69.35%。招商引资到位资金471.00亿元，同比增长10.2%，其中，制造业到位资金282.40亿元，占比59.96%。"
	if !strings.Contains(md, "\n"+want+"\n") {
		t.Errorf("section 一:\n%s\nwant\n%s", md, want)
	}
	// The table is ranked by funds arrived; a "|" in a name does not break it.
	i, j := strings.Index(md, "| 临清｜市 | 4 | 50.00 | 1 | 9.00 | 1 |"), strings.Index(md, "| 东昌府区 | 3 | 5.00 | 0 | 2.00 | 2 |")
	if i < 0 || j < 0 || i > j {
		t.Errorf("ranking table:\n%s", md)
	}
	if !strings.Contains(md, "1. 哈尔滨轴承集团有限公司生产基地项目 <一期> & 二期（临清市），签约金额50.00亿元，制造业项目。") {
		t.Errorf("top projects:\n%s", md)
	}
	if !strings.HasPrefix(md, "# 聊城市2023年招商引资工作通报\n\n## 一、总体情况\n") || !strings.Contains(md, "## 四、下步工作\n\n下一步，全市将") {
		t.Errorf("sections:\n%s", md)
	}
}

func TestBulletinEmptyAndErrors(t *testing.T) {
	src := &fakeSource{all: &zhaoyin.Summary{}, big: &zhaoyin.Summary{}, ranking: &store.Ranking{}}
	md, err := Bulletin(context.Background(), src, "高新区", "370771", "2024-01-01", "2024-03-31", "自定义标题")
	if err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{"# 自定义标题\n", "2024年第一季度，全区暂无新签约项目。", "本区域无下级区域", "2024年第一季度全区暂无新签约项目。"} {
		if !strings.Contains(md, frag) {
			t.Errorf("lacks %q:\n%s", frag, md)
		}
	}
	if strings.Contains(md, "到位资金") || strings.Contains(md, "新开工") {
		t.Errorf("zero figures written out:\n%s", md)
	}
	boom := zhaoyin.Errorf(zhaoyin.EFORBIDDEN, "不行")
	src.err = boom
	if _, err := Bulletin(context.Background(), src, "高新区", "370771", "2024-01-01", "2024-03-31", ""); !errors.Is(err, boom) {
		t.Errorf("error: %v", err)
	}
	if _, err := Bulletin(context.Background(), src, "高新区", "370771", "2024-01-01", "2023-03-31", ""); zhaoyin.ErrorCode(err) != zhaoyin.EINVALID {
		t.Errorf("backwards period: %v", err)
	}
}

func TestGrowth(t *testing.T) {
	for _, c := range []struct {
		cur, prev int64
		want      string
	}{
		{471, 427, "，同比增长10.3%"}, {47_100, 42_740, "，同比增长10.2%"}, {969, 1000, "，同比下降3.1%"},
		{100, 100, "，与上年同期持平"}, {5, 0, ""}, {0, 7, "，同比下降100.0%"},
	} {
		if got := growth(c.cur, c.prev); got != c.want {
			t.Errorf("growth(%d, %d) = %q, want %q", c.cur, c.prev, got, c.want)
		}
	}
}

func TestPeriods(t *testing.T) {
	for _, c := range []struct {
		y, q, m        int
		from, to, name string
	}{
		{2023, 0, 0, "2023-01-01", "2023-12-31", "2023年"},
		{2024, 1, 0, "2024-01-01", "2024-03-31", "2024年第一季度"},
		{2024, 4, 0, "2024-10-01", "2024-12-31", "2024年第四季度"},
		{2024, 0, 2, "2024-02-01", "2024-02-29", "2024年2月"},
		{2023, 0, 12, "2023-12-01", "2023-12-31", "2023年12月"},
	} {
		from, to, err := Period(c.y, c.q, c.m)
		if err != nil || from != c.from || to != c.to {
			t.Errorf("Period(%d, %d, %d) = %s %s %v", c.y, c.q, c.m, from, to, err)
		}
		if name, err := PeriodLabel(from, to); err != nil || name != c.name {
			t.Errorf("PeriodLabel(%s, %s) = %s %v", from, to, name, err)
		}
	}
	for _, c := range [][3]int{{2024, 1, 2}, {2024, 5, 0}, {2024, 0, 13}, {1800, 0, 0}, {2024, -1, 0}} {
		if _, _, err := Period(c[0], c[1], c[2]); zhaoyin.ErrorCode(err) != zhaoyin.EINVALID {
			t.Errorf("Period%v: %v", c, err)
		}
	}
	for from, want := range map[[2]string]string{
		{"2024-01-01", "2024-05-31"}: "2024年1—5月",
		{"2024-01-01", "2024-03-15"}: "2024年1月1日至3月15日",
		{"2023-07-01", "2024-06-30"}: "2023年7月1日至2024年6月30日",
		{"2024-04-01", "2024-06-30"}: "2024年第二季度",
	} {
		if got, err := PeriodLabel(from[0], from[1]); err != nil || got != want {
			t.Errorf("PeriodLabel%v = %s %v, want %s", from, got, err, want)
		}
	}
}

func TestBulletinDocx(t *testing.T) {
	md, err := Bulletin(context.Background(), liaochengFigures(), "聊城市", "371500", "2023-01-01", "2023-12-31", "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := BulletinDocx(md)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = string(data)
		// Every part is well-formed XML.
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
		}
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "docProps/core.xml"} {
		if parts[name] == "" {
			t.Errorf("missing part %s", name)
		}
	}
	doc := parts["word/document.xml"]
	// The words of the document, as Word reads them: the text of its runs.
	var text strings.Builder
	d := xml.NewDecoder(strings.NewReader(doc))
	inText := false
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch x := tok.(type) {
		case xml.StartElement:
			inText = x.Name.Local == "t"
		case xml.EndElement:
			inText = false
		case xml.CharData:
			if inText {
				text.Write(x)
			}
		}
	}
	for _, frag := range []string{"聊城市2023年招商引资工作通报", "一、总体情况", "占比分别为74.40%、75.33%", "临清｜市", "哈尔滨轴承集团有限公司生产基地项目 <一期> & 二期", "下一步"} {
		if !strings.Contains(text.String(), frag) {
			t.Errorf("docx text lacks %q", frag)
		}
	}
	for _, frag := range []string{`w:eastAsia="宋体"`, `w:eastAsia="仿宋"`, "<w:tbl>", "<w:tblHeader/>", `<w:pgSz w:w="11906" w:h="16838"/>`} {
		if !strings.Contains(doc, frag) {
			t.Errorf("document.xml lacks %s", frag)
		}
	}
	if n := strings.Count(doc, "<w:tr>"); n != 3 {
		t.Errorf("table rows: %d, want 3", n)
	}
	if strings.Contains(doc, "|") || strings.Contains(doc, "## ") {
		t.Errorf("Markdown left in the document")
	}
}

func TestBulletinHTML(t *testing.T) {
	md, err := Bulletin(context.Background(), liaochengFigures(), "聊城市", "371500", "2023-01-01", "2023-12-31", "")
	if err != nil {
		t.Fatal(err)
	}
	h := BulletinHTML(md)
	for _, frag := range []string{"<!DOCTYPE html>", `<html lang="zh-CN">`, "<title>聊城市2023年招商引资工作通报</title>", "@media print", "@page{size:A4",
		"<h1>聊城市2023年招商引资工作通报</h1>", "<h2>一、总体情况</h2>", "<th>到位资金(亿元)</th>", `<td class="num">9.00</td>`, "<td>临清｜市</td>",
		"哈尔滨轴承集团有限公司生产基地项目 &lt;一期&gt; &amp; 二期"} {
		if !strings.Contains(h, frag) {
			t.Errorf("HTML lacks %q", frag)
		}
	}
	for _, bad := range []string{"http://", "https://", "src=", "href=", "<script", "<一期>"} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML holds %q: not self-contained or not escaped", bad)
		}
	}
}

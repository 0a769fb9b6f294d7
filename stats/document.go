package stats

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// The bulletin's Markdown is a small, known subset: "# " title, "## " / "### " headings,
// paragraphs, numbered items ("1. …") and pipe tables. BulletinDocx and BulletinHTML read
// that subset; anything else is kept as a paragraph of plain text.

type blockKind int

const (
	blockTitle blockKind = iota
	blockHeading
	blockSubheading
	blockPara
	blockItem
	blockTable
)

type block struct {
	kind  blockKind
	text  string
	rows  [][]string // table: the header row first
	right []bool     // table: right-aligned columns
}

var (
	itemRE = regexp.MustCompile(`^\d+[.、]\s*`)
	sepRE  = regexp.MustCompile(`^:?-{1,}:?$`)
)

func parseMarkdown(md string) []block {
	var out []block
	var para []string
	var table *block
	flush := func() {
		if len(para) > 0 {
			out = append(out, block{kind: blockPara, text: strings.Join(para, "")})
			para = nil
		}
		if table != nil {
			out = append(out, *table)
			table = nil
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "|"):
			if table == nil {
				flush()
				table = &block{kind: blockTable}
			}
			cells := splitRow(line)
			if isSeparator(cells) {
				table.right = make([]bool, len(cells))
				for i, c := range cells {
					table.right[i] = strings.HasSuffix(c, ":")
				}
				continue
			}
			table.rows = append(table.rows, cells)
		case strings.HasPrefix(line, "### "):
			flush()
			out = append(out, block{kind: blockSubheading, text: strings.TrimSpace(line[4:])})
		case strings.HasPrefix(line, "## "):
			flush()
			out = append(out, block{kind: blockHeading, text: strings.TrimSpace(line[3:])})
		case strings.HasPrefix(line, "# "):
			flush()
			out = append(out, block{kind: blockTitle, text: strings.TrimSpace(line[2:])})
		case itemRE.MatchString(line):
			flush()
			out = append(out, block{kind: blockItem, text: line})
		default:
			if table != nil {
				flush()
			}
			para = append(para, line)
		}
	}
	flush()
	for i := range out {
		out[i].text = plain(out[i].text)
		for _, r := range out[i].rows {
			for j := range r {
				r[j] = plain(r[j])
			}
		}
	}
	return out
}

func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	line = strings.TrimSuffix(line, "|")
	cells := strings.Split(line, "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

func isSeparator(cells []string) bool {
	for _, c := range cells {
		if !sepRE.MatchString(c) {
			return false
		}
	}
	return len(cells) > 0
}

// plain drops the inline emphasis marks the subset allows.
func plain(s string) string { return strings.NewReplacer("**", "", "__", "", "`", "").Replace(s) }

// ---------------------------------------------------------------------------------------------
// Word

// Fonts of a Chinese official document (GB/T 9704): 宋体 for the title, headings and tables,
// 仿宋 for the body; sizes in half-points (二号 22pt, 三号 16pt, 四号 14pt, 五号 10.5pt… here 小四 12pt).
const (
	fontTitle = "宋体"
	fontBody  = "仿宋"
	fontTable = "宋体"
)

// BulletinDocx writes the bulletin's Markdown as a Word document (.docx): a minimal OOXML
// package written by hand (content types, package relationships, the document part), A4 with
// the margins of GB/T 9704, the title in 宋体 二号 bold, headings in 宋体 三号 bold, the body in
// 仿宋 三号 with a two-character first-line indent, and tables with borders and a repeated
// header row.
func BulletinDocx(markdown string) ([]byte, error) {
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	doc.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	title := ""
	for _, b := range parseMarkdown(markdown) {
		switch b.kind {
		case blockTitle:
			if title == "" {
				title = b.text
			}
			doc.WriteString(para(`<w:spacing w:before="0" w:after="480" w:line="560" w:lineRule="exact"/><w:jc w:val="center"/>`, run(fontTitle, 44, true, b.text)))
		case blockHeading:
			doc.WriteString(para(`<w:keepNext/><w:spacing w:before="240" w:after="120" w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/>`, run(fontTitle, 32, true, b.text)))
		case blockSubheading:
			doc.WriteString(para(`<w:keepNext/><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/>`, run(fontBody, 32, true, b.text)))
		case blockPara, blockItem:
			doc.WriteString(para(`<w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>`, run(fontBody, 32, false, b.text)))
		case blockTable:
			doc.WriteString(docxTable(b))
			doc.WriteString(para(`<w:spacing w:line="240" w:lineRule="auto"/>`, ""))
		}
	}
	doc.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`)
	doc.WriteString(`</w:body></w:document>`)

	now := time.Now().UTC().Format("2006-01-02T15:04:05Z")
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
			`</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`</Relationships>`},
		{"docProps/core.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
			`<dc:title>` + xmlText(title) + `</dc:title><dc:creator>招引 Zhaoyin</dc:creator>` +
			`<dcterms:created xsi:type="dcterms:W3CDTF">` + now + `</dcterms:created></cp:coreProperties>`},
		{"word/document.xml", doc.String()},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func para(pPr, runs string) string {
	return "<w:p><w:pPr>" + pPr + "</w:pPr>" + runs + "</w:p>"
}

// run writes text in a font (East Asian and Latin alike) at a size in half-points.
func run(font string, halfPoints int, bold bool, text string) string {
	if text == "" {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<w:r><w:rPr><w:rFonts w:ascii="%[1]s" w:hAnsi="%[1]s" w:eastAsia="%[1]s" w:cs="%[1]s" w:hint="eastAsia"/>`, font)
	if bold {
		b.WriteString(`<w:b/><w:bCs/>`)
	}
	fmt.Fprintf(&b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/><w:lang w:eastAsia="zh-CN"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, halfPoints, halfPoints, xmlText(text))
	return b.String()
}

// docxTable writes a bordered table across the text width (8844 twips between the margins),
// the first column twice as wide as the others.
func docxTable(b block) string {
	cols := 0
	for _, r := range b.rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return ""
	}
	const width = 8844
	unit := width / (cols + 1)
	widths := make([]int, cols)
	for i := range widths {
		widths[i] = unit
	}
	widths[0] = width - unit*(cols-1)
	var s strings.Builder
	s.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + fmt.Sprint(width) + `" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		s.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	s.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(&s, `<w:gridCol w:w="%d"/>`, w)
	}
	s.WriteString(`</w:tblGrid>`)
	for ri, r := range b.rows {
		s.WriteString(`<w:tr>`)
		if ri == 0 {
			s.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		for ci := 0; ci < cols; ci++ {
			text := ""
			if ci < len(r) {
				text = r[ci]
			}
			jc := "center"
			if ri > 0 && ci < len(b.right) && b.right[ci] {
				jc = "right"
			} else if ri > 0 && ci == 0 {
				jc = "left"
			}
			fmt.Fprintf(&s, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`, widths[ci])
			s.WriteString(para(`<w:spacing w:before="40" w:after="40" w:line="300" w:lineRule="auto"/><w:jc w:val="`+jc+`"/>`, run(fontTable, 24, ri == 0, text)))
			s.WriteString(`</w:tc>`)
		}
		s.WriteString(`</w:tr>`)
	}
	s.WriteString(`</w:tbl>`)
	return s.String()
}

// xmlText escapes text for XML and drops the characters XML 1.0 cannot hold.
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF):
			if r != utf8.RuneError {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// ---------------------------------------------------------------------------------------------
// HTML

const printCSS = `
*{box-sizing:border-box}
html{background:#f2f2f2}
body{margin:0 auto;padding:30mm 26mm 30mm 28mm;max-width:210mm;min-height:297mm;background:#fff;color:#000;
 font-family:"FangSong","仿宋","FangSong_GB2312","STFangsong","Songti SC",serif;font-size:16pt;line-height:28pt}
h1{font-family:"SimSun","宋体","Songti SC","STSong",serif;font-size:22pt;line-height:1.5;text-align:center;margin:0 0 24pt}
h2{font-family:"SimSun","宋体","Songti SC","STSong",serif;font-size:16pt;margin:12pt 0 6pt;text-indent:2em}
h3{font-size:16pt;margin:6pt 0;text-indent:2em}
p{margin:0;text-indent:2em;text-align:justify}
table{border-collapse:collapse;width:100%;margin:6pt 0 12pt;font-family:"SimSun","宋体","Songti SC",serif;font-size:12pt;line-height:1.5}
th,td{border:1px solid #000;padding:2pt 5pt}
th{font-weight:bold;text-align:center}
td.num{text-align:right;font-variant-numeric:tabular-nums}
@media print{
 @page{size:A4;margin:37mm 26mm 35mm 28mm}
 html{background:none}
 body{padding:0;max-width:none;min-height:0}
 h1,h2,h3{page-break-after:avoid;break-after:avoid}
 tr{page-break-inside:avoid;break-inside:avoid}
 thead{display:table-header-group}
}`

// BulletinHTML writes the bulletin's Markdown as a self-contained printable HTML page (no
// external resource): an A4 sheet on screen, the margins of GB/T 9704 in print.
func BulletinHTML(markdown string) string {
	blocks := parseMarkdown(markdown)
	title := "招商引资工作通报"
	for _, b := range blocks {
		if b.kind == blockTitle {
			title = b.text
			break
		}
	}
	var s strings.Builder
	s.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
	s.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	s.WriteString("<title>" + html.EscapeString(title) + "</title>\n<style>" + printCSS + "\n</style>\n</head>\n<body>\n")
	for _, b := range blocks {
		t := html.EscapeString(b.text)
		switch b.kind {
		case blockTitle:
			s.WriteString("<h1>" + t + "</h1>\n")
		case blockHeading:
			s.WriteString("<h2>" + t + "</h2>\n")
		case blockSubheading:
			s.WriteString("<h3>" + t + "</h3>\n")
		case blockPara, blockItem:
			s.WriteString("<p>" + t + "</p>\n")
		case blockTable:
			s.WriteString("<table>\n")
			for ri, r := range b.rows {
				if ri == 0 {
					s.WriteString("<thead><tr>")
					for _, c := range r {
						s.WriteString("<th>" + html.EscapeString(c) + "</th>")
					}
					s.WriteString("</tr></thead>\n<tbody>\n")
					continue
				}
				s.WriteString("<tr>")
				for ci, c := range r {
					if ci < len(b.right) && b.right[ci] {
						s.WriteString("<td class=\"num\">" + html.EscapeString(c) + "</td>")
					} else {
						s.WriteString("<td>" + html.EscapeString(c) + "</td>")
					}
				}
				s.WriteString("</tr>\n")
			}
			if len(b.rows) > 0 {
				s.WriteString("</tbody>\n")
			}
			s.WriteString("</table>\n")
		}
	}
	s.WriteString("</body>\n</html>\n")
	return s.String()
}

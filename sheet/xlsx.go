package sheet

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A streaming reader of the first worksheet of an .xlsx file.
//
// excelize's Rows iterator decodes every cell with encoding/xml and reflection: parsing
// 100,000 exported project rows took 6.7–7.6 s and 2.6 GB of garbage on two cores. This
// reader scans the worksheet XML straight from its zip entry, one row at a time (memory: one
// row plus the shared string table), and the same parse takes about 1.4 s. Cell values are
// what excelize gives with RawCellValue: text as written, numbers as stored (dates as serial
// numbers), booleans as 1/0, a formula's cached value; TestReaderMatchesExcelize compares
// the two readers. excelize still writes every file (templates, exports).

var (
	errNotXLSX   = errors.New("not an xlsx workbook")
	errTooLarge  = errors.New("workbook unpacks beyond the size limit")
	errMalformed = errors.New("malformed worksheet XML")
	errNoSheet   = errors.New("no worksheet")
	errNoPart    = errors.New("missing part")
)

// workbook is an opened .xlsx: where its first worksheet is, and its shared strings.
type workbook struct {
	zr        *zip.Reader
	sheetName string
	sheetPath string
	sstPath   string
	date1904  bool
	sst       []string
}

// Relationship types, by their last path element (transitional and strict schemas alike).
const (
	relOfficeDocument = "/officeDocument"
	relWorksheet      = "/worksheet"
	relSharedStrings  = "/sharedStrings"
)

// openWorkbook reads the package parts that locate the first worksheet. r may be an
// io.ReaderAt with a Seeker (an uploaded multipart.File, an *os.File), read in place; any
// other reader is read into memory first.
func openWorkbook(r io.Reader) (*workbook, error) {
	var ra io.ReaderAt
	var size int64
	if rs, ok := r.(interface {
		io.ReaderAt
		io.Seeker
	}); ok {
		end, err := rs.Seek(0, io.SeekEnd)
		if err != nil {
			return nil, err
		}
		ra, size = rs, end
	} else {
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		ra, size = bytes.NewReader(b), int64(len(b))
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, errNotXLSX
	}
	wb := &workbook{zr: zr}
	rootRels, err := wb.rels("_rels/.rels", "")
	if err != nil {
		return nil, err
	}
	book := "xl/workbook.xml"
	for _, rel := range rootRels {
		if strings.HasSuffix(rel.typ, relOfficeDocument) {
			book = rel.target
			break
		}
	}
	var wbx struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string     `xml:"name,attr"`
			Attr []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := wb.decode(book, &wbx); err != nil {
		if errors.Is(err, errNoPart) {
			return nil, errNotXLSX
		}
		return nil, err
	}
	wb.date1904 = wbx.Pr.Date1904 == "1" || wbx.Pr.Date1904 == "true"
	dir, file := path.Split(book)
	bookRels, err := wb.rels(dir+"_rels/"+file+".rels", dir)
	if err != nil {
		return nil, err
	}
	byID := map[string]rel{}
	for _, rel := range bookRels {
		byID[rel.id] = rel
		if strings.HasSuffix(rel.typ, relSharedStrings) {
			wb.sstPath = rel.target
		}
	}
	for _, s := range wbx.Sheets {
		id := ""
		for _, a := range s.Attr {
			if a.Name.Local == "id" && strings.HasSuffix(a.Name.Space, "/relationships") {
				id = a.Value
			}
		}
		if rel, ok := byID[id]; ok && strings.HasSuffix(rel.typ, relWorksheet) {
			wb.sheetName, wb.sheetPath = s.Name, rel.target
			break
		}
	}
	if wb.sheetPath == "" {
		return nil, errNoSheet
	}
	if wb.sstPath != "" {
		if err := wb.readSharedStrings(); err != nil {
			return nil, err
		}
	}
	return wb, nil
}

type rel struct{ id, typ, target string }

// rels reads a relationships part (none when it is missing); targets are resolved
// against dir.
func (wb *workbook) rels(name, dir string) ([]rel, error) {
	var x struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := wb.decode(name, &x); err != nil {
		if errors.Is(err, errNoPart) {
			return nil, nil
		}
		return nil, err
	}
	out := make([]rel, 0, len(x.Rels))
	for _, r := range x.Rels {
		if r.Mode == "External" {
			continue
		}
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = t[1:]
		} else {
			t = path.Clean(dir + t)
		}
		out = append(out, rel{r.ID, r.Type, t})
	}
	return out, nil
}

// part opens a part of the package (names compare without case, as Office does).
func (wb *workbook) part(name string) (io.ReadCloser, error) {
	for _, f := range wb.zr.File {
		if strings.EqualFold(f.Name, name) {
			rc, err := f.Open()
			if err != nil {
				return nil, errNotXLSX
			}
			return rc, nil
		}
	}
	return nil, errNoPart
}

const (
	maxPartXML       = 16 << 20  // the small parts (workbook, relationships), decoded whole
	maxSharedStrings = 256 << 20 // the shared string table, held in memory
)

func (wb *workbook) decode(name string, v any) error {
	rc, err := wb.part(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(&limitReader{r: rc, n: maxPartXML}).Decode(v); err != nil {
		if errors.Is(err, errTooLarge) {
			return err
		}
		return errNotXLSX
	}
	return nil
}

// limitReader fails once more than n bytes were read (a zip bomb stops here).
type limitReader struct {
	r io.Reader
	n int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// readSharedStrings loads the shared string table: each <si> is the text of its <t>
// elements (plain or in rich text runs), phonetic runs (<rPh>) left out.
func (wb *workbook) readSharedStrings() error {
	rc, err := wb.part(wb.sstPath)
	if errors.Is(err, errNoPart) {
		return nil
	} else if err != nil {
		return err
	}
	defer rc.Close()
	s := newScanner(&limitReader{r: rc, n: maxSharedStrings})
	var (
		text []byte
		inSI bool
		inT  bool
		inPh int
	)
	for {
		tok, err := s.next()
		if err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		switch tok.kind {
		case tokStart:
			switch tok.name {
			case "sst":
				if n, err := strconv.Atoi(s.attr("uniqueCount")); err == nil && n > 0 && n < 1<<20 {
					wb.sst = make([]string, 0, n)
				}
			case "si":
				if tok.selfClosing {
					wb.sst = append(wb.sst, "")
				} else {
					inSI, text = true, text[:0]
				}
			case "t":
				inT = inSI && inPh == 0 && !tok.selfClosing
			case "rPh":
				if !tok.selfClosing {
					inPh++
				}
			}
		case tokEnd:
			switch tok.name {
			case "si":
				if inSI {
					wb.sst = append(wb.sst, string(text))
				}
				inSI = false
			case "t":
				inT = false
			case "rPh":
				inPh--
			}
		case tokText:
			if inT {
				if text = appendText(text, tok); len(text) > maxText {
					return errMalformed
				}
			}
		}
	}
}

// sheetReader streams the rows of the first worksheet.
type sheetReader struct {
	wb     *workbook
	rc     io.ReadCloser
	s      *scanner
	row    int      // number of the row last returned
	cells  []string // its cells, by column (reused by the next call)
	inData bool     // inside <sheetData>
	done   bool
	val    []byte

	interned map[string]string
}

func (wb *workbook) rows() (*sheetReader, error) {
	rc, err := wb.part(wb.sheetPath)
	if err != nil {
		return nil, errNotXLSX
	}
	return &sheetReader{wb: wb, rc: rc, s: newScanner(&limitReader{r: rc, n: maxUnzipSize})}, nil
}

func (sr *sheetReader) close() error { return sr.rc.Close() }

// next reads the next <row> of sheetData: false at the end. sr.row and sr.cells hold it.
func (sr *sheetReader) next() (bool, error) {
	if sr.done {
		return false, nil
	}
	s := sr.s
	var (
		inRow          bool
		row            int
		col            int    // current cell's column (1-based)
		typ            string // current cell's t
		inV, inIS, inT bool
		inPh           int
		hasVal         bool
		cells          = sr.cells[:0]
	)
	for {
		tok, err := s.next()
		if err == io.EOF {
			sr.done = true
			if inRow {
				return false, errMalformed
			}
			return false, nil
		} else if err != nil {
			sr.done = true
			return false, err
		}
		switch tok.kind {
		case tokStart:
			switch tok.name {
			case "sheetData":
				sr.inData = !tok.selfClosing
			case "row":
				if !sr.inData {
					continue
				}
				row = sr.row + 1
				if r := s.attrBytes("r"); r != nil {
					n, ok := parseIndex(r)
					if !ok || n <= sr.row || n > maxRows {
						return false, errMalformed
					}
					row = n
				}
				col = 0
				if tok.selfClosing {
					sr.row, sr.cells = row, cells
					return true, nil
				}
				inRow = true
			case "c":
				if !inRow {
					continue
				}
				if ref := s.attrBytes("r"); ref != nil {
					c, ok := columnOfRef(ref)
					if !ok || c <= col {
						return false, errMalformed
					}
					col = c
				} else if col++; col > maxCols {
					return false, errMalformed
				}
				typ = cellType(s.attrBytes("t"))
				sr.val, hasVal, inV, inIS, inT, inPh = sr.val[:0], false, false, false, false, 0
				if tok.selfClosing {
					cells = setCell(cells, col, "")
				}
			case "v":
				inV = inRow && !tok.selfClosing
			case "is":
				inIS = inRow && !tok.selfClosing
			case "t":
				inT = inIS && inPh == 0 && !tok.selfClosing
			case "rPh":
				if inIS && !tok.selfClosing {
					inPh++
				}
			}
		case tokEnd:
			switch tok.name {
			case "v":
				inV = false
			case "is":
				inIS = false
			case "t":
				inT = false
			case "rPh":
				if inIS {
					inPh--
				}
			case "c":
				if inRow {
					v, err := sr.value(typ, hasVal)
					if err != nil {
						return false, err
					}
					cells = setCell(cells, col, v)
				}
			case "row":
				if inRow {
					sr.row, sr.cells = row, cells
					return true, nil
				}
			case "sheetData":
				sr.done = true
				return false, nil
			}
		case tokText:
			if inV || inT {
				if sr.val = appendText(sr.val, tok); len(sr.val) > maxText {
					return false, errMalformed
				}
				hasVal = true
			}
		}
	}
}

// value is the current cell's value as excelize gives it with RawCellValue.
func (sr *sheetReader) value(typ string, hasVal bool) (string, error) {
	if !hasVal {
		return "", nil
	}
	if typ == "s" {
		i, ok := parseIndex(bytes.TrimSpace(sr.val))
		if !ok || i >= len(sr.wb.sst) {
			return "", errMalformed
		}
		return sr.wb.sst[i], nil
	}
	if len(sr.val) > maxInterned {
		return string(sr.val), nil
	}
	// Short values repeat (dates, stages, regions, 是/否): share one string for each.
	if v, ok := sr.interned[string(sr.val)]; ok {
		return v, nil
	}
	v := string(sr.val)
	if sr.interned == nil {
		sr.interned = make(map[string]string)
	}
	if len(sr.interned) < maxInternedCount {
		sr.interned[v] = v
	}
	return v, nil
}

const (
	maxInterned      = 24
	maxInternedCount = 4096
)

func parseIndex(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func setCell(cells []string, col int, v string) []string {
	for len(cells) < col-1 {
		cells = append(cells, "")
	}
	if len(cells) == col-1 {
		return append(cells, v)
	}
	cells[col-1] = v
	return cells
}

const (
	maxRows = 1_048_576
	maxCols = 16_384
)

// cellType is the t attribute of a cell, as far as it matters: "s" (a shared string) or not.
func cellType(b []byte) string {
	if len(b) == 1 && b[0] == 's' {
		return "s"
	}
	return ""
}

// columnOfRef reads the column of a reference such as "AB12".
func columnOfRef(ref []byte) (int, bool) {
	c, i := 0, 0
	for ; i < len(ref); i++ {
		b := ref[i]
		if b >= 'a' && b <= 'z' {
			b -= 'a' - 'A'
		}
		if b < 'A' || b > 'Z' {
			break
		}
		if c = c*26 + int(b-'A'+1); c > maxCols {
			return 0, false
		}
	}
	if _, ok := parseIndex(ref[i:]); i == 0 || !ok {
		return 0, false
	}
	return c, true
}

// scanner is a minimal XML tokenizer for SpreadsheetML: start and end tags (names without
// namespace prefix; only the names this file looks at, others are "?") with the attributes
// r, t and uniqueCount, and character data. Comments, processing instructions and
// declarations are skipped; CDATA is text; a DOCTYPE is refused, so that no entity but the
// predefined and numeric ones exists.
type scanner struct {
	r     *bufio.Reader
	buf   []byte // text or a tag spanning buffer refills
	attrs []attr
}

type attr struct {
	name string
	val  []byte
}

type tokKind int

const (
	tokStart tokKind = iota
	tokEnd
	tokText
)

type token struct {
	kind        tokKind
	name        string
	selfClosing bool
	text        []byte // raw character data, valid until the next call
	cdata       bool
}

func newScanner(r io.Reader) *scanner {
	return &scanner{r: bufio.NewReaderSize(r, 64<<10)}
}

// readUntil returns the bytes up to and including delim, valid until the next read.
func (s *scanner) readUntil(delim byte) ([]byte, error) {
	b, err := s.r.ReadSlice(delim)
	if err != bufio.ErrBufferFull {
		return b, err
	}
	s.buf = append(s.buf[:0], b...)
	for err == bufio.ErrBufferFull {
		if len(s.buf) > maxText {
			return nil, errMalformed
		}
		b, err = s.r.ReadSlice(delim)
		s.buf = append(s.buf, b...)
	}
	return s.buf, err
}

// maxText bounds one text or tag: Excel holds at most 32,767 characters in a cell.
const maxText = 1 << 20

// localName is an element's or attribute's name without prefix, when it is one this file
// looks at; "?" otherwise. No allocation.
func localName(b []byte) string {
	if i := bytes.IndexByte(b, ':'); i >= 0 {
		b = b[i+1:]
	}
	switch len(b) {
	case 1:
		switch b[0] {
		case 'c':
			return "c"
		case 'v':
			return "v"
		case 't':
			return "t"
		case 'r':
			return "r"
		}
	case 2:
		switch string(b) {
		case "is":
			return "is"
		case "si":
			return "si"
		}
	case 3:
		switch string(b) {
		case "row":
			return "row"
		case "sst":
			return "sst"
		case "rPh":
			return "rPh"
		}
	case 9:
		if string(b) == "sheetData" {
			return "sheetData"
		}
	case 11:
		if string(b) == "uniqueCount" {
			return "uniqueCount"
		}
	}
	return "?"
}

func (s *scanner) next() (token, error) {
	for {
		tok, skipped, err := s.token()
		if !skipped || err != nil {
			return tok, err
		}
	}
}

// token reads one token; skipped is true for what carries nothing (comments, processing
// instructions, declarations).
func (s *scanner) token() (tok token, skipped bool, err error) {
	b, err := s.r.Peek(1)
	if err != nil {
		return token{}, false, err
	}
	if b[0] != '<' { // character data up to the next '<'
		text, err := s.readUntil('<')
		if err == io.EOF {
			return token{kind: tokText, text: text}, false, nil
		} else if err != nil {
			return token{}, false, err
		}
		if err := s.r.UnreadByte(); err != nil {
			return token{}, false, err
		}
		return token{kind: tokText, text: text[:len(text)-1]}, false, nil
	}
	s.r.ReadByte() // '<'
	b, err = s.r.Peek(1)
	if err != nil {
		return token{}, false, errMalformed
	}
	switch b[0] {
	case '?':
		return token{}, true, s.skipThrough("?>")
	case '!':
		p, _ := s.r.Peek(8)
		switch {
		case bytes.HasPrefix(p, []byte("![CDATA[")):
			s.r.Discard(8)
			text, err := s.readThrough("]]>")
			if err != nil {
				return token{}, false, errMalformed
			}
			return token{kind: tokText, text: text, cdata: true}, false, nil
		case bytes.HasPrefix(p, []byte("!--")):
			return token{}, true, s.skipThrough("-->")
		case bytes.HasPrefix(p, []byte("!DOCTYPE")):
			return token{}, false, errMalformed
		}
		return token{}, true, s.skipThrough(">")
	case '/':
		tag, err := s.readUntil('>')
		if err != nil {
			return token{}, false, errMalformed
		}
		return token{kind: tokEnd, name: localName(bytes.TrimSpace(tag[1 : len(tag)-1]))}, false, nil
	}
	tag, err := s.readTag()
	if err != nil {
		return token{}, false, err
	}
	tok.kind = tokStart
	if n := len(tag); n > 0 && tag[n-1] == '/' {
		tok.selfClosing, tag = true, tag[:n-1]
	}
	i := 0
	for i < len(tag) && !isSpace(tag[i]) {
		i++
	}
	tok.name = localName(tag[:i])
	s.attrs = s.attrs[:0]
	if tok.name != "?" {
		if err := s.parseAttrs(tag[i:]); err != nil {
			return token{}, false, err
		}
	}
	return tok, false, nil
}

// readTag reads a start tag through its '>' (not one inside quotes) and returns what lies
// between '<' and '>'.
func (s *scanner) readTag() ([]byte, error) {
	tag, err := s.readUntil('>')
	if err != nil {
		return nil, errMalformed
	}
	if quotesBalanced(tag) {
		return tag[:len(tag)-1], nil
	}
	acc := append([]byte(nil), tag...) // a '>' inside an attribute value: rare
	for !quotesBalanced(acc) {
		if len(acc) > maxText {
			return nil, errMalformed
		}
		more, err := s.r.ReadSlice('>')
		if err != nil && err != bufio.ErrBufferFull {
			return nil, errMalformed
		}
		acc = append(acc, more...)
	}
	return acc[:len(acc)-1], nil
}

func quotesBalanced(b []byte) bool {
	var q byte
	for _, c := range b {
		switch {
		case q == 0 && (c == '"' || c == '\''):
			q = c
		case c == q:
			q = 0
		}
	}
	return q == 0
}

func (s *scanner) parseAttrs(b []byte) error {
	for {
		for len(b) > 0 && isSpace(b[0]) {
			b = b[1:]
		}
		if len(b) == 0 {
			return nil
		}
		eq := bytes.IndexByte(b, '=')
		if eq < 0 {
			return errMalformed
		}
		name := bytes.TrimSpace(b[:eq])
		b = bytes.TrimLeft(b[eq+1:], " \t\r\n")
		if len(b) == 0 || (b[0] != '"' && b[0] != '\'') {
			return errMalformed
		}
		end := bytes.IndexByte(b[1:], b[0])
		if end < 0 {
			return errMalformed
		}
		if bytes.IndexByte(name, ':') < 0 { // r, t, uniqueCount carry no prefix
			if n := localName(name); n == "r" || n == "t" || n == "uniqueCount" {
				s.attrs = append(s.attrs, attr{n, b[1 : 1+end]})
			}
		}
		b = b[end+2:]
	}
}

// attrBytes returns an attribute of the last start tag as written (no entities decoded).
func (s *scanner) attrBytes(name string) []byte {
	for _, a := range s.attrs {
		if a.name == name {
			return a.val
		}
	}
	return nil
}

// attr returns an attribute of the last start tag (entities decoded).
func (s *scanner) attr(name string) string {
	for _, a := range s.attrs {
		if a.name == name {
			if bytes.IndexByte(a.val, '&') >= 0 {
				return string(decodeEntities(nil, a.val))
			}
			return string(a.val)
		}
	}
	return ""
}

// appendText appends character data to dst, entities decoded and line ends normalised.
func appendText(dst []byte, tok token) []byte {
	if tok.cdata || bytes.IndexByte(tok.text, '&') < 0 && bytes.IndexByte(tok.text, '\r') < 0 {
		return append(dst, tok.text...)
	}
	return decodeEntities(dst, tok.text)
}

func decodeEntities(dst, b []byte) []byte {
	for len(b) > 0 {
		i := bytes.IndexAny(b, "&\r")
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(dst, b[:i]...)
		b = b[i:]
		if b[0] == '\r' { // XML line ends: \r\n and \r are \n
			dst = append(dst, '\n')
			if b = b[1:]; len(b) > 0 && b[0] == '\n' {
				b = b[1:]
			}
			continue
		}
		semi := bytes.IndexByte(b, ';')
		if semi < 0 {
			return append(dst, b...)
		}
		switch ent := string(b[1:semi]); ent {
		case "amp":
			dst = append(dst, '&')
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			var n uint64
			err := errMalformed
			if strings.HasPrefix(ent, "#x") {
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			} else if strings.HasPrefix(ent, "#") {
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			}
			if err != nil || !utf8.ValidRune(rune(n)) {
				dst = append(dst, b[:semi+1]...) // not an entity: kept as written
			} else {
				dst = utf8.AppendRune(dst, rune(n))
			}
		}
		b = b[semi+1:]
	}
	return dst
}

// skipThrough discards input through end, keeping nothing but its last few bytes.
func (s *scanner) skipThrough(end string) error {
	last := end[len(end)-1]
	var tail []byte
	for {
		b, err := s.r.ReadSlice(last)
		if err != nil && err != bufio.ErrBufferFull {
			return errMalformed
		}
		if len(b) >= len(end) {
			tail = append(tail[:0], b[len(b)-len(end):]...)
		} else if tail = append(tail, b...); len(tail) > len(end) {
			tail = append(tail[:0], tail[len(tail)-len(end):]...)
		}
		if err == nil && bytes.HasSuffix(tail, []byte(end)) {
			return nil
		}
	}
}

// readThrough reads through end and returns what came before it.
func (s *scanner) readThrough(end string) ([]byte, error) {
	last := end[len(end)-1]
	var acc []byte
	for {
		b, err := s.r.ReadSlice(last)
		if acc = append(acc, b...); len(acc) > maxText {
			return nil, errMalformed
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return nil, err
		}
		if bytes.HasSuffix(acc, []byte(end)) {
			return acc[:len(acc)-len(end)], nil
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

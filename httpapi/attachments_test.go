package httpapi_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"

	"zhaoyin"
	"zhaoyin/httpapi"
	"zhaoyin/store"
)

// lateAttachments lets the test register the operations before the env's database exists.
type lateAttachments struct{ zhaoyin.AttachmentService }

func newAttachEnv(t *testing.T) *env {
	svc := &lateAttachments{}
	e := newEnv(t, withExtra(func(api huma.API, _ *http.ServeMux) { httpapi.RegisterAttachments(api, svc) }))
	svc.AttachmentService = store.NewAttachmentService(e.db)
	return e
}

func testPNG(t testing.TB) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const testPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

// attachBody is a multipart form with a file (omitted when name is "") and a kind.
func attachBody(t testing.TB, name, kind string, data []byte) ([]byte, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if kind != "" {
		mw.WriteField("kind", kind)
	}
	if name != "" {
		h := textproto.MIMEHeader{}
		// Browsers claim whatever they like; the server must not believe it.
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename="%s"`, name))
		h.Set("Content-Type", "image/png")
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

func (e *env) attach(t *testing.T, code, as, name, kind string, data []byte) *response {
	t.Helper()
	body, ct := attachBody(t, name, kind, data)
	return e.do(request{method: "POST", url: "/api/v1/projects/" + code + "/attachments", body: body, contentType: ct, as: as})
}

func attachmentOf(t *testing.T, res *response, status int) httpapi.ProjectAttachment {
	t.Helper()
	if res.status != status {
		t.Fatalf("status %d, want %d: %s", res.status, status, res.body)
	}
	var a httpapi.ProjectAttachment
	if err := json.Unmarshal(res.body, &a); err != nil {
		t.Fatalf("%v: %s", err, res.body)
	}
	return a
}

func TestAttachmentRoles(t *testing.T) {
	e := newAttachEnv(t)
	img := testPNG(t)
	for _, c := range []struct {
		as, code string
		status   int
		contains string
	}{
		{"", "GX-001", 401, "请先登录"},
		{"leader", "GX-001", 403, "只能查看"},
		{"department", "GX-001", 403, "只能查看"},
		{"district2", "GX-001", 404, "不存在或不在您的管辖范围内"},
		{"district", "NOPE", 404, "NOPE"},
		{"district", "GX-001", 201, `"uploaded_by_name":"district 用户"`},
		{"city", "GX-001", 201, `"kind":"photo"`},
		{"admin", "BH-001", 201, `"project_code":"BH-001"`},
	} {
		body, ct := attachBody(t, "现场.png", "photo", img)
		rq := request{method: "POST", url: "/api/v1/projects/" + c.code + "/attachments", body: body, contentType: ct}
		if c.as != "" {
			rq.as = c.as
		}
		res := e.do(rq)
		if res.status != c.status || !strings.Contains(string(res.body), c.contains) {
			t.Errorf("%s uploads to %s: %d %s; want %d with %q", c.as, c.code, res.status, res.body, c.status, c.contains)
		}
		if res.status >= 400 {
			checkErrorBody(t, res)
		}
	}
	// Reading: anyone who may read the project; another district gets 404 for the list and
	// for every file of it.
	list := e.do(request{method: "GET", url: "/api/v1/projects/GX-001/attachments", as: "leader"})
	var page struct{ Items []httpapi.ProjectAttachment }
	if err := json.Unmarshal(list.body, &page); list.status != 200 || err != nil || len(page.Items) != 2 {
		t.Fatalf("leader list: %d %s", list.status, list.body)
	}
	if page.Items[0].UploadedByName != "city 用户" || page.Items[0].URL != fmt.Sprintf("/api/v1/attachments/%d", page.Items[0].ID) {
		t.Errorf("newest first, with its URL: %+v", page.Items[0])
	}
	id := page.Items[0].ID
	for _, rq := range []request{
		{method: "GET", url: "/api/v1/projects/GX-001/attachments"},
		{method: "GET", url: fmt.Sprintf("/api/v1/attachments/%d", id)},
		{method: "GET", url: fmt.Sprintf("/api/v1/attachments/%d?inline=1", id)},
		{method: "DELETE", url: fmt.Sprintf("/api/v1/attachments/%d", id)},
		{method: "POST", url: fmt.Sprintf("/api/v1/attachments/%d/restore", id)},
	} {
		rq.as = "district2"
		res := e.do(rq)
		if res.status != 404 || strings.Contains(string(res.body), "现场") {
			t.Errorf("district2 %s %s: %d %s", rq.method, rq.url, res.status, res.body)
		}
		checkErrorBody(t, res)
	}
	for _, as := range []string{"district", "department", "leader", "city"} {
		if res := e.do(request{method: "GET", url: fmt.Sprintf("/api/v1/attachments/%d", id), as: as}); res.status != 200 || !bytes.Equal(res.body, img) {
			t.Errorf("%s downloads: %d", as, res.status)
		}
	}
	if res := e.do(request{method: "GET", url: fmt.Sprintf("/api/v1/attachments/%d", id)}); res.status != 401 {
		t.Errorf("anonymous download: %d", res.status)
	}
}

func TestAttachmentRefusals(t *testing.T) {
	e := newAttachEnv(t)
	for _, c := range []struct {
		name, file, kind string
		data             []byte
		status           int
		contains         string
	}{
		{"html", "通知.html", "other", []byte("<html><body><script>alert(1)</script></body></html>"), 422, "文件“通知.html”的类型不允许上传"},
		{"exe", "照片.png", "photo", append([]byte("MZ\x90\x00\x03"), make([]byte, 200)...), 422, "文件“照片.png”的类型不允许上传"},
		{"empty", "空.pdf", "agreement", nil, 422, "是空的"},
		{"no file", "", "agreement", nil, 422, "请选择要上传的文件"},
		{"bad kind", "a.pdf", "video", []byte(testPDF), 422, "kind"},
		{"too large", "扫描件.pdf", "agreement", append([]byte(testPDF), make([]byte, zhaoyin.MaxAttachmentBytes)...), 413, "单个附件不能超过 20 MB"},
		{"far too large", "录像.pdf", "other", make([]byte, zhaoyin.MaxAttachmentBytes+2<<20), 413, "单个附件不能超过 20 MB"},
	} {
		res := e.attach(t, "GX-001", "district", c.file, c.kind, c.data)
		if res.status != c.status || !strings.Contains(string(res.body), c.contains) {
			t.Errorf("%s: %d %s; want %d with %q", c.name, res.status, res.body, c.status, c.contains)
		}
		checkErrorBody(t, res)
	}
	if res := e.do(request{method: "POST", url: "/api/v1/projects/GX-001/attachments", body: `{"file":"x"}`, as: "district"}); res.status != 400 {
		t.Errorf("JSON body: %d %s", res.status, res.body)
	} else {
		checkErrorBody(t, res)
	}
	if res := e.do(request{method: "GET", url: "/api/v1/projects/GX-001/attachments", as: "district"}); !strings.Contains(string(res.body), `"items":[]`) {
		t.Errorf("refused files were stored: %s", res.body)
	}
}

func TestAttachmentDownloadHeaders(t *testing.T) {
	e := newAttachEnv(t)
	img := testPNG(t)
	a := attachmentOf(t, e.attach(t, "GX-001", "district", `C:\fakepath\现场照片;2024,春.png`, "photo", img), 201)
	sum := sha256.Sum256(img)
	if a.FileName != "现场照片;2024,春.png" || a.ContentType != "image/png" || a.Size != int64(len(img)) || a.SHA256 != hex.EncodeToString(sum[:]) {
		t.Fatalf("uploaded %+v", a)
	}
	pdf := attachmentOf(t, e.attach(t, "GX-001", "city", "投资协议.pdf", "agreement", []byte(testPDF)), 201)
	txt := attachmentOf(t, e.attach(t, "GX-001", "city", "notes.txt", "other", []byte("plain notes")), 201)

	url := fmt.Sprintf("/api/v1/attachments/%d", a.ID)
	res := e.do(request{method: "GET", url: url, as: "district"})
	if res.status != 200 || !bytes.Equal(res.body, img) {
		t.Fatalf("download: %d", res.status)
	}
	h := res.header
	wantDisp := fmt.Sprintf(`attachment; filename="attachment-%d.png"; filename*=UTF-8''%%E7%%8E%%B0%%E5%%9C%%BA%%E7%%85%%A7%%E7%%89%%87%%3B2024%%2C%%E6%%98%%A5.png`, a.ID)
	for k, want := range map[string]string{
		"Content-Type":            "image/png",
		"Content-Disposition":     wantDisp,
		"X-Content-Type-Options":  "nosniff",
		"Content-Security-Policy": "sandbox; default-src 'none'; frame-ancestors 'none'",
		"Etag":                    `"` + a.SHA256 + `"`,
	} {
		if got := h.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	// Preview: images inline, still sandboxed.
	res = e.do(request{method: "GET", url: url + "?inline=1", as: "district"})
	if d := res.header.Get("Content-Disposition"); !strings.HasPrefix(d, "inline; ") || !strings.Contains(d, "filename*=UTF-8''") {
		t.Errorf("inline image disposition %q", d)
	}
	if csp := res.header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox;") || !strings.Contains(csp, "img-src 'self'") {
		t.Errorf("inline image CSP %q", csp)
	}
	// A PDF previews inline; a text file never does.
	res = e.do(request{method: "GET", url: fmt.Sprintf("/api/v1/attachments/%d?inline=true", pdf.ID), as: "leader"})
	if res.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(res.header.Get("Content-Disposition"), "inline; ") ||
		!strings.Contains(res.header.Get("Content-Security-Policy"), "default-src 'none'") || string(res.body) != testPDF {
		t.Errorf("inline pdf: %v", res.header)
	}
	res = e.do(request{method: "GET", url: fmt.Sprintf("/api/v1/attachments/%d?inline=1", txt.ID), as: "city"})
	if res.header.Get("Content-Type") != "text/plain; charset=utf-8" || !strings.HasPrefix(res.header.Get("Content-Disposition"), `attachment; filename="notes.txt"`) ||
		!strings.HasPrefix(res.header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("inline text: %v", res.header)
	}
	// Revalidation and ranges (PDF viewers ask for them).
	res = e.do(request{method: "GET", url: url, as: "district", header: map[string]string{"If-None-Match": `"` + a.SHA256 + `"`}})
	if res.status != http.StatusNotModified {
		t.Errorf("If-None-Match: %d", res.status)
	}
	res = e.do(request{method: "GET", url: url, as: "district", header: map[string]string{"Range": "bytes=0-7"}})
	if res.status != http.StatusPartialContent || !bytes.Equal(res.body, img[:8]) {
		t.Errorf("Range: %d %q", res.status, res.body)
	}
	if res := e.do(request{method: "GET", url: "/api/v1/attachments/999999", as: "admin"}); res.status != 404 {
		t.Errorf("unknown id: %d", res.status)
	} else {
		checkErrorBody(t, res)
	}
	if res := e.do(request{method: "GET", url: "/api/v1/attachments/abc", as: "admin"}); res.status != 422 {
		t.Errorf("bad id: %d %s", res.status, res.body)
	}
}

func TestAttachmentDeleteRestore(t *testing.T) {
	e := newAttachEnv(t)
	a := attachmentOf(t, e.attach(t, "GX-001", "district", "投资协议.pdf", "agreement", []byte(testPDF)), 201)
	url := fmt.Sprintf("/api/v1/attachments/%d", a.ID)
	listHas := func() bool {
		res := e.do(request{method: "GET", url: "/api/v1/projects/GX-001/attachments", as: "district"})
		return strings.Contains(string(res.body), "投资协议.pdf")
	}

	for _, as := range []string{"leader", "department"} {
		if res := e.do(request{method: "DELETE", url: url, as: as}); res.status != 403 {
			t.Errorf("%s delete: %d", as, res.status)
		}
	}
	del := attachmentOf(t, e.do(request{method: "DELETE", url: url, as: "district"}), 200)
	if del.DeletedAt == nil {
		t.Errorf("deleted_at not set: %+v", del)
	}
	if listHas() {
		t.Error("deleted attachment still listed")
	}
	if res := e.do(request{method: "GET", url: url, as: "district"}); res.status != 404 {
		t.Errorf("download after delete: %d", res.status)
	}
	if res := e.do(request{method: "DELETE", url: url, as: "district"}); res.status != 404 {
		t.Errorf("second delete: %d", res.status)
	}
	if res := e.do(request{method: "POST", url: url + "/restore", as: "leader"}); res.status != 403 {
		t.Errorf("leader restore: %d", res.status)
	}
	res := attachmentOf(t, e.do(request{method: "POST", url: url + "/restore", as: "district"}), 200)
	if res.DeletedAt != nil || !listHas() {
		t.Errorf("restore: %+v", res)
	}
	if dl := e.do(request{method: "GET", url: url, as: "city"}); dl.status != 200 || string(dl.body) != testPDF {
		t.Errorf("download after restore: %d", dl.status)
	}
	// The project's history tells who attached, deleted and restored what.
	hist := e.do(request{method: "GET", url: "/api/v1/projects/GX-001/history", as: "city"})
	var h struct{ Items []zhaoyin.AuditEntry }
	json.Unmarshal(hist.body, &h)
	var acts []string
	for _, it := range h.Items {
		if strings.HasPrefix(it.Action, "attachment.") {
			acts = append(acts, it.Username+" "+it.Action)
		}
	}
	if got := strings.Join(acts, ","); got != "district attachment.add,district attachment.delete,district attachment.restore" {
		t.Errorf("history: %s", got)
	}
}

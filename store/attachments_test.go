package store_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"zhaoyin"
	"zhaoyin/store"
)

// pngBytes is a small real PNG.
func pngBytes(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range 8 {
		img.Set(i, i, color.RGBA{200, 30, 30, 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const pdfBytes = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

// zipWith is a zip holding the named (empty) parts.
func zipWith(t testing.TB, names ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// realUser creates a user in the database and returns a context acting as them (the
// uploader is a foreign key).
func realUser(t *testing.T, db *store.DB, name, role, region string) context.Context {
	t.Helper()
	users := store.NewUserService(db)
	if err := users.CreateUser(sys(), &zhaoyin.User{Username: name, DisplayName: name + "（测试）", Role: role, RegionCode: region}, "password-123456"); err != nil {
		t.Fatal(err)
	}
	u, err := users.FindUser(sys(), name)
	if err != nil {
		t.Fatal(err)
	}
	return zhaoyin.NewContextWithUser(context.Background(), u)
}

func TestAttachmentLifecycleAndScope(t *testing.T) {
	db, ps := setup(t)
	as := store.NewAttachmentService(db)
	for _, p := range []*zhaoyin.Project{newProject("GX-1", "370771"), newProject("BH-1", "370772")} {
		if err := ps.CreateProject(sys(), p); err != nil {
			t.Fatal(err)
		}
	}
	gx := realUser(t, db, "gaoxin", "district", "370771")
	bh := realUser(t, db, "binhai", "district", "370772")
	leader := realUser(t, db, "leader", "leader", "370700")
	city := realUser(t, db, "city", "city", "370700")

	img := pngBytes(t)
	a, err := as.AddAttachment(gx, zhaoyin.NewAttachment{ProjectCode: "GX-1", Kind: "photo", FileName: `C:\Users\张三\现场照片 1.png`, Data: img})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(img)
	if a.ID == 0 || a.ProjectCode != "GX-1" || a.Kind != "photo" || a.FileName != "现场照片 1.png" || a.ContentType != "image/png" ||
		a.Size != int64(len(img)) || a.SHA256 != hex.EncodeToString(sum[:]) || a.UploadedByName != "gaoxin（测试）" || a.UploadedBy == 0 ||
		a.UploadedAt.IsZero() || a.DeletedAt != nil {
		t.Fatalf("added = %+v", a)
	}
	pdf, err := as.AddAttachment(city, zhaoyin.NewAttachment{ProjectCode: "GX-1", Kind: "agreement", FileName: "投资协议.pdf", Data: []byte(pdfBytes)})
	if err != nil || pdf.ContentType != "application/pdf" {
		t.Fatalf("pdf: %+v %v", pdf, err)
	}

	// Reading: the project's region and the regions above it; newest first.
	for _, ctx := range []context.Context{gx, leader, city, sys()} {
		list, err := as.FindAttachments(ctx, "GX-1")
		if err != nil || len(list) != 2 || list[0].ID != pdf.ID || list[1].ID != a.ID {
			t.Fatalf("list: %+v %v", list, err)
		}
	}
	got, data, err := as.AttachmentData(leader, a.ID)
	if err != nil || !bytes.Equal(data, img) || got.FileName != a.FileName {
		t.Fatalf("data: %+v %d bytes %v", got, len(data), err)
	}

	// Another district sees nothing and touches nothing: not found, as for its projects.
	if _, err := as.FindAttachments(bh, "GX-1"); code(err) != zhaoyin.ENOTFOUND {
		t.Fatalf("other district list: %v", err)
	}
	if _, _, err := as.AttachmentData(bh, a.ID); code(err) != zhaoyin.ENOTFOUND {
		t.Fatalf("other district data: %v", err)
	}
	if _, err := as.DeleteAttachment(bh, a.ID); code(err) != zhaoyin.ENOTFOUND {
		t.Fatalf("other district delete: %v", err)
	}
	if _, err := as.RestoreAttachment(bh, a.ID); code(err) != zhaoyin.ENOTFOUND {
		t.Fatalf("other district restore: %v", err)
	}
	if _, err := as.AddAttachment(bh, zhaoyin.NewAttachment{ProjectCode: "GX-1", Kind: "photo", FileName: "x.png", Data: img}); code(err) != zhaoyin.ENOTFOUND {
		t.Fatalf("other district add: %v", err)
	}
	// Leaders read only.
	if _, err := as.AddAttachment(leader, zhaoyin.NewAttachment{ProjectCode: "GX-1", Kind: "photo", FileName: "x.png", Data: img}); code(err) != zhaoyin.EFORBIDDEN {
		t.Fatalf("leader add: %v", err)
	}
	if _, err := as.DeleteAttachment(leader, a.ID); code(err) != zhaoyin.EFORBIDDEN {
		t.Fatalf("leader delete: %v", err)
	}
	if _, err := as.FindAttachments(gx, "NOPE"); code(err) != zhaoyin.ENOTFOUND {
		t.Fatalf("unknown project: %v", err)
	}

	// Delete hides it everywhere; restore brings it back as it was.
	del, err := as.DeleteAttachment(gx, a.ID)
	if err != nil || del.DeletedAt == nil {
		t.Fatalf("delete: %+v %v", del, err)
	}
	if list, _ := as.FindAttachments(gx, "GX-1"); len(list) != 1 || list[0].ID != pdf.ID {
		t.Fatalf("list after delete: %+v", list)
	}
	if _, _, err := as.AttachmentData(city, a.ID); code(err) != zhaoyin.ENOTFOUND {
		t.Fatalf("data after delete: %v", err)
	}
	if _, err := as.DeleteAttachment(gx, a.ID); code(err) != zhaoyin.ENOTFOUND {
		t.Fatalf("second delete: %v", err)
	}
	res, err := as.RestoreAttachment(gx, a.ID)
	if err != nil || res.DeletedAt != nil || res.SHA256 != a.SHA256 {
		t.Fatalf("restore: %+v %v", res, err)
	}
	if _, err := as.RestoreAttachment(gx, a.ID); err != nil {
		t.Fatalf("restoring a live attachment: %v", err)
	}
	if _, data, err := as.AttachmentData(gx, a.ID); err != nil || !bytes.Equal(data, img) {
		t.Fatalf("data after restore: %v", err)
	}

	// Each add, delete and restore is in the project's history, once (the idempotent
	// restore wrote nothing).
	hist, err := ps.ProjectHistory(city, "GX-1")
	if err != nil {
		t.Fatal(err)
	}
	var acts []string
	for _, h := range hist {
		if strings.HasPrefix(h.Action, "attachment.") {
			acts = append(acts, h.Username+" "+h.Action)
			if len(h.Changes) != 1 || h.Changes[0].Field != "attachment" {
				t.Errorf("entry %+v", h)
			}
		}
	}
	want := "gaoxin attachment.add|city attachment.add|gaoxin attachment.delete|gaoxin attachment.restore"
	if strings.Join(acts, "|") != want {
		t.Fatalf("audit = %q, want %q", strings.Join(acts, "|"), want)
	}
	last := hist[len(hist)-1].Changes[0]
	if m, ok := last.After.(map[string]any); !ok || m["file_name"] != "现场照片 1.png" || last.Before != nil {
		t.Fatalf("restore entry = %+v", last)
	}

	// The system (demo data) may attach too; it is named as such.
	sysA, err := as.AddAttachment(sys(), zhaoyin.NewAttachment{ProjectCode: "BH-1", FileName: "说明.txt", Data: []byte("项目说明\n")})
	if err != nil || sysA.UploadedBy != 0 || sysA.UploadedByName != "系统" || sysA.Kind != "other" || sysA.ContentType != "text/plain; charset=utf-8" {
		t.Fatalf("system add: %+v %v", sysA, err)
	}
}

func TestAttachmentChecks(t *testing.T) {
	db, ps := setup(t)
	as := store.NewAttachmentService(db)
	if err := ps.CreateProject(sys(), newProject("GX-1", "370771")); err != nil {
		t.Fatal(err)
	}
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)
	big := bytes.Repeat([]byte("a"), zhaoyin.MaxAttachmentBytes+1)
	cases := []struct {
		name, kind string
		data       []byte
		wantType   string // "" = refused
		wantName   string
		wantMsg    string
	}{
		{"协议.pdf", "agreement", []byte(pdfBytes), "application/pdf", "协议.pdf", ""},
		{"photo.JPG", "photo", append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, make([]byte, 100)...), "image/jpeg", "photo.JPG", ""},
		{"照片", "photo", pngBytes(t), "image/png", "照片.png", ""},
		{"合同.pdf.exe", "agreement", []byte(pdfBytes), "application/pdf", "合同.pdf.exe.pdf", ""},
		{"../../etc/passwd.docx", "other", zipWith(t, "[Content_Types].xml", "word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "passwd.docx", ""},
		{"台账.xlsx", "other", zipWith(t, "[Content_Types].xml", "xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "台账.xlsx", ""},
		{"老合同.doc", "agreement", ole, "application/msword", "老合同.doc", ""},
		{"老台账.xls", "other", ole, "application/vnd.ms-excel", "老台账.xls", ""},
		{"说明.html", "other", []byte("just words, not a page"), "text/plain; charset=utf-8", "说明.html.txt", ""},
		{"\u202egnp.exe", "photo", pngBytes(t), "image/png", "gnp.exe.png", ""},
		{"演示.ppt", "other", ole, "", "", "文件“演示.ppt”的类型不允许上传"},
		{"archive.zip", "other", zipWith(t, "a.txt"), "", "", "文件“archive.zip”的类型不允许上传"},
		{"page.html", "other", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), "", "", "page.html"},
		{"tool.exe", "other", append([]byte("MZ\x90\x00"), make([]byte, 100)...), "", "", "只能上传 PDF、图片"},
		{"空.pdf", "agreement", []byte{}, "", "", "文件“空.pdf”是空的"},
		{"大.pdf", "agreement", big, "", "", "单个附件不能超过 20 MB"},
		{"x.pdf", "video", []byte(pdfBytes), "", "", "附件类别“video”无效"},
	}
	for _, c := range cases {
		a, err := as.AddAttachment(sys(), zhaoyin.NewAttachment{ProjectCode: "GX-1", Kind: c.kind, FileName: c.name, Data: c.data})
		if c.wantType == "" {
			if code(err) != zhaoyin.EINVALID || !strings.Contains(zhaoyin.ErrorMessage(err), c.wantMsg) {
				t.Errorf("%s: want refusal %q, got %+v %v", c.name, c.wantMsg, a, err)
			}
			continue
		}
		if err != nil || a.ContentType != c.wantType || a.FileName != c.wantName {
			t.Errorf("%s: got %+v %v; want %s %s", c.name, a, err, c.wantType, c.wantName)
		}
	}
	list, err := as.FindAttachments(sys(), "GX-1")
	if err != nil || len(list) != 10 {
		t.Fatalf("stored %d, want 10 (%v)", len(list), err)
	}
}

func TestCleanFileName(t *testing.T) {
	for in, want := range map[string]string{
		"a/b/c.pdf":                       "c.pdf",
		`C:\fakepath\协议.pdf`:              "协议.pdf",
		"..":                              "附件",
		"":                                "附件",
		".bashrc":                         "bashrc",
		"  合同 .pdf ":                      "合同 .pdf",
		"a\x00b\nc.txt":                   "abc.txt",
		`what?"<>|*:.txt`:                 "what_______.txt",
		strings.Repeat("长", 100) + ".pdf": strings.Repeat("长", 76) + ".pdf",
		"bad\xffutf8.txt":                 "badutf8.txt",
	} {
		if got := store.CleanFileName(in); got != want {
			t.Errorf("CleanFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

package store

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	sq "github.com/Masterminds/squirrel"

	"zhaoyin"
)

// AttachmentService implements zhaoyin.AttachmentService.
type AttachmentService struct{ db *DB }

var _ zhaoyin.AttachmentService = (*AttachmentService)(nil)

// NewAttachmentService returns the attachment store over db.
func NewAttachmentService(db *DB) *AttachmentService { return &AttachmentService{db: db} }

const selectAttachment = "a.id, p.code, a.kind, a.file_name, a.content_type, a.size, a.sha256, " +
	"COALESCE(a.uploaded_by, 0), COALESCE(u.display_name, ''), COALESCE(u.username, ''), a.uploaded_at, a.deleted_at"

// attachmentFrom joins every attachment query to its project, which is what the region
// scope (scopeWhere, on p) is written against.
const attachmentFrom = "attachments a JOIN projects p ON p.id = a.project_id LEFT JOIN users u ON u.id = a.uploaded_by"

func scanAttachment(row interface{ Scan(...any) error }, extra ...any) (*zhaoyin.Attachment, error) {
	a := &zhaoyin.Attachment{}
	var display, username, uploaded, deleted string
	dest := append([]any{&a.ID, &a.ProjectCode, &a.Kind, &a.FileName, &a.ContentType, &a.Size, &a.SHA256,
		&a.UploadedBy, &display, &username, &uploaded, &deleted}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	switch {
	case a.UploadedBy == 0:
		a.UploadedByName = "系统"
	case display != "":
		a.UploadedByName = display
	default:
		a.UploadedByName = username
	}
	a.UploadedAt, _ = time.Parse("2006-01-02T15:04:05.000Z", uploaded)
	if deleted != "" {
		t, _ := time.Parse("2006-01-02T15:04:05.000Z", deleted)
		a.DeletedAt = &t
	}
	return a, nil
}

// attachmentRef is how the audit log names an attachment.
type attachmentRef struct {
	ID       int64  `json:"id"`
	Kind     string `json:"kind"`
	FileName string `json:"file_name"`
	Size     int64  `json:"size"`
	SHA256   string `json:"sha256"`
}

func refOf(a *zhaoyin.Attachment) attachmentRef {
	return attachmentRef{ID: a.ID, Kind: a.Kind, FileName: a.FileName, Size: a.Size, SHA256: a.SHA256}
}

// projectID returns the id of the project with code if it is in the caller's scope.
func (db *DB) projectID(ctx context.Context, q querier, code string) (int64, error) {
	scope, err := db.scopeWhere(ctx, "")
	if err != nil {
		return 0, err
	}
	query, args, err := db.builder().Select("p.id").From("projects p").Where(sq.And{scope, sq.Eq{"p.code": code}}).ToSql()
	if err != nil {
		return 0, internal(err)
	}
	var id int64
	err = q.QueryRowContext(ctx, query, args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, zhaoyin.Errorf(zhaoyin.ENOTFOUND, "项目 %s 不存在或不在您的管辖范围内", code)
	}
	return id, internal(err)
}

// attachment reads one attachment within scope (with its bytes when data is given); deleted
// ones only when withDeleted.
func (db *DB) attachment(ctx context.Context, q querier, id int64, withDeleted bool, data *[]byte) (*zhaoyin.Attachment, error) {
	scope, err := db.scopeWhere(ctx, "")
	if err != nil {
		return nil, err
	}
	where := sq.And{scope, sq.Eq{"a.id": id}}
	if !withDeleted {
		where = append(where, sq.Eq{"a.deleted_at": ""})
	}
	cols := selectAttachment
	var extra []any
	if data != nil {
		cols += ", a.data"
		extra = append(extra, data)
	}
	query, args, err := db.builder().Select(cols).From(attachmentFrom).Where(where).ToSql()
	if err != nil {
		return nil, internal(err)
	}
	a, err := scanAttachment(q.QueryRowContext(ctx, query, args...), extra...)
	if errors.Is(err, sql.ErrNoRows) {
		if withDeleted {
			return nil, zhaoyin.Errorf(zhaoyin.ENOTFOUND, "附件 %d 不存在或不在您的管辖范围内", id)
		}
		return nil, zhaoyin.Errorf(zhaoyin.ENOTFOUND, "附件 %d 不存在、已删除或不在您的管辖范围内", id)
	}
	return a, internal(err)
}

// AddAttachment checks the file (size, type found in its bytes, name) and stores it with
// the project.
func (s *AttachmentService) AddAttachment(ctx context.Context, in zhaoyin.NewAttachment) (*zhaoyin.Attachment, error) {
	if err := canWrite(ctx); err != nil {
		return nil, err
	}
	if in.Kind == "" {
		in.Kind = zhaoyin.AttachmentOther
	}
	if !zhaoyin.ValidAttachmentKind(in.Kind) {
		return nil, zhaoyin.FieldError("kind", "附件类别“%s”无效：应为 agreement（协议）、photo（现场照片）或 other（其他）", in.Kind)
	}
	name := CleanFileName(in.FileName)
	if err := CheckAttachmentSize(name, int64(len(in.Data))); err != nil {
		return nil, err
	}
	ct, name, err := SniffAttachment(name, in.Data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(in.Data)
	var uploader any
	if u := zhaoyin.UserFromContext(ctx); u != nil && u.ID != 0 {
		uploader = u.ID
	}
	var out *zhaoyin.Attachment
	err = s.db.tx(ctx, func(tx *sql.Tx) error {
		pid, err := s.db.projectID(ctx, tx, in.ProjectCode)
		if err != nil {
			return err
		}
		var id int64
		err = tx.QueryRowContext(ctx, s.db.rebind("INSERT INTO attachments (project_id, kind, file_name, content_type, size, sha256, data, uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id"),
			pid, in.Kind, name, ct, len(in.Data), hex.EncodeToString(sum[:]), in.Data, uploader, s.db.nowText()).Scan(&id)
		if err != nil {
			return internal(err)
		}
		if out, err = s.db.attachment(ctx, tx, id, false, nil); err != nil {
			return err
		}
		return s.db.audit(ctx, tx, zhaoyin.ActionAttachmentAdd, "project:"+out.ProjectCode, []zhaoyin.Change{{Field: "attachment", Before: nil, After: refOf(out)}})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FindAttachments lists the project's attachments that are not deleted, newest first.
func (s *AttachmentService) FindAttachments(ctx context.Context, projectCode string) ([]*zhaoyin.Attachment, error) {
	pid, err := s.db.projectID(ctx, s.db.rd, projectCode)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.rd.QueryContext(ctx, s.db.rebind("SELECT "+selectAttachment+" FROM "+attachmentFrom+" WHERE a.project_id = ? AND a.deleted_at = '' ORDER BY a.id DESC"), pid)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	out := []*zhaoyin.Attachment{}
	for rows.Next() {
		a, err := scanAttachment(rows)
		if err != nil {
			return nil, internal(err)
		}
		out = append(out, a)
	}
	return out, internal(rows.Err())
}

// AttachmentData returns an attachment that is not deleted, and its bytes.
func (s *AttachmentService) AttachmentData(ctx context.Context, id int64) (*zhaoyin.Attachment, []byte, error) {
	var data []byte
	a, err := s.db.attachment(ctx, s.db.rd, id, false, &data)
	if err != nil {
		return nil, nil, err
	}
	return a, data, nil
}

// DeleteAttachment marks an attachment deleted (RestoreAttachment brings it back).
func (s *AttachmentService) DeleteAttachment(ctx context.Context, id int64) (*zhaoyin.Attachment, error) {
	return s.setDeleted(ctx, id, true)
}

// RestoreAttachment undoes a delete; restoring one that is not deleted changes nothing.
func (s *AttachmentService) RestoreAttachment(ctx context.Context, id int64) (*zhaoyin.Attachment, error) {
	return s.setDeleted(ctx, id, false)
}

func (s *AttachmentService) setDeleted(ctx context.Context, id int64, del bool) (*zhaoyin.Attachment, error) {
	if err := canWrite(ctx); err != nil {
		return nil, err
	}
	var out *zhaoyin.Attachment
	err := s.db.tx(ctx, func(tx *sql.Tx) error {
		a, err := s.db.attachment(ctx, tx, id, !del, nil)
		if err != nil {
			return err
		}
		if !del && a.DeletedAt == nil {
			out = a
			return nil
		}
		stamp, cond, action := s.db.nowText(), "deleted_at = ''", zhaoyin.ActionAttachmentDelete
		if !del {
			stamp, cond, action = "", "deleted_at <> ''", zhaoyin.ActionAttachmentRestore
		}
		// The condition makes a concurrent second delete (or restore) change nothing.
		res, err := tx.ExecContext(ctx, s.db.rebind("UPDATE attachments SET deleted_at = ? WHERE id = ? AND "+cond), stamp, id)
		if err != nil {
			return internal(err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return internal(err)
		} else if n == 0 {
			return zhaoyin.Errorf(zhaoyin.ECONFLICT, "附件 %d 刚被他人修改，请刷新后重试", id)
		}
		if out, err = s.db.attachment(ctx, tx, id, true, nil); err != nil {
			return err
		}
		ref := refOf(out)
		ch := zhaoyin.Change{Field: "attachment", Before: ref, After: nil}
		if !del {
			ch = zhaoyin.Change{Field: "attachment", Before: nil, After: ref}
		}
		return s.db.audit(ctx, tx, action, "project:"+out.ProjectCode, []zhaoyin.Change{ch})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// CheckAttachmentSize refuses empty files and files over zhaoyin.MaxAttachmentBytes.
func CheckAttachmentSize(name string, size int64) error {
	if size == 0 {
		return zhaoyin.FieldError("file", "文件“%s”是空的，请重新选择", name)
	}
	if size > zhaoyin.MaxAttachmentBytes {
		return zhaoyin.FieldError("file", "文件“%s”过大（%.1f MB）：单个附件不能超过 %d MB", name, float64(size)/(1<<20), zhaoyin.MaxAttachmentBytes>>20)
	}
	return nil
}

// attachmentTypes are the types accepted, with the file name extensions that go with each
// (the first is added to a name that has none of them).
var attachmentTypes = map[string][]string{
	"application/pdf": {".pdf"},
	"image/jpeg":      {".jpg", ".jpeg"},
	"image/png":       {".png"},
	"image/gif":       {".gif"},
	"image/webp":      {".webp"},
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":       {".xlsx"},
	"application/msword":        {".doc"},
	"application/vnd.ms-excel":  {".xls"},
	"text/plain; charset=utf-8": {".txt", ".csv"},
	"text/plain":                {".txt", ".csv"},
}

// oleMagic starts every OLE2 compound file: .doc and .xls, but also .ppt, .msg, .msi.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// SniffAttachment finds the type of a file in its bytes (what the uploader's browser claims
// is not trusted), refuses types that are not allowed, and gives the name the extension of
// the type found when it has another, so that "合同.pdf.exe" or a page named "x.html"
// cannot be saved and opened as something else.
func SniffAttachment(name string, data []byte) (contentType, fixedName string, err error) {
	ext := strings.ToLower(path.Ext(name))
	ct := http.DetectContentType(data)
	switch {
	case ct == "application/zip":
		ct = ooxmlType(data)
	case bytes.HasPrefix(data, oleMagic):
		// Word and Excel 97–2003 share the container; the name tells which it claims to be.
		ct = map[string]string{".doc": "application/msword", ".xls": "application/vnd.ms-excel"}[ext]
	case strings.HasPrefix(ct, "text/plain"):
		ct = "text/plain"
		if utf8.Valid(data) {
			ct = "text/plain; charset=utf-8"
		}
	}
	exts, ok := attachmentTypes[ct]
	if !ok {
		return "", "", zhaoyin.FieldError("file", "文件“%s”的类型不允许上传：只能上传 PDF、图片（JPG、PNG、GIF、WebP）、Word、Excel 或纯文本文件", name)
	}
	for _, e := range exts {
		if ext == e {
			return ct, name, nil
		}
	}
	return ct, name + exts[0], nil
}

// ooxmlType tells a .docx or .xlsx from any other zip by the part every such file has.
func ooxmlType(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		case "xl/workbook.xml":
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		}
	}
	return ""
}

// maxFileNameRunes bounds a stored name (most file systems take 255 bytes; 3 bytes a
// Chinese character).
const maxFileNameRunes = 80

// CleanFileName keeps the last element of a name a browser sent (old ones send the whole
// path), without control or invisible formatting characters (a right-to-left override can
// make "gpj.exe" read as "exe.jpg"), characters Windows refuses, or leading dots.
func CleanFileName(name string) string {
	name = strings.ToValidUTF8(name, "")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.Is(unicode.Cc, r), unicode.Is(unicode.Cf, r):
			return -1
		case strings.ContainsRune(`<>:"|?*`, r):
			return '_'
		}
		return r
	}, name)
	name = strings.Trim(name, " .\u3000")
	if r := []rune(name); len(r) > maxFileNameRunes {
		ext := []rune(path.Ext(name))
		if len(ext) > 10 {
			ext = nil
		}
		name = string(r[:maxFileNameRunes-len(ext)]) + string(ext)
	}
	if name == "" {
		return "附件"
	}
	return name
}

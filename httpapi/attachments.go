package httpapi

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"zhaoyin"
)

// AttachmentKindValue is an attachment's kind.
type AttachmentKindValue string

func (AttachmentKindValue) Schema(huma.Registry) *huma.Schema {
	return enumSchema(labelDoc("附件类别", zhaoyin.AttachmentKindLabels), labelValues(zhaoyin.AttachmentKindLabels))
}

// ProjectAttachment is a file kept with a project, as the API shows it.
type ProjectAttachment struct {
	ID             int64               `json:"id" doc:"附件编号"`
	ProjectCode    string              `json:"project_code" doc:"所属项目编码"`
	Kind           AttachmentKindValue `json:"kind"`
	FileName       string              `json:"file_name" doc:"文件名（已去掉路径；扩展名与内容不符时补上正确的扩展名）"`
	ContentType    string              `json:"content_type" doc:"服务器按文件内容识别的类型"`
	Size           int64               `json:"size" doc:"字节数"`
	SHA256         string              `json:"sha256" doc:"内容的 SHA-256（十六进制）"`
	UploadedBy     int64               `json:"uploaded_by" doc:"上传人的用户编号，系统导入为 0"`
	UploadedByName string              `json:"uploaded_by_name" doc:"上传人姓名"`
	UploadedAt     time.Time           `json:"uploaded_at"`
	DeletedAt      *time.Time          `json:"deleted_at" doc:"删除时间，未删除为 null"`
	URL            string              `json:"url" doc:"下载地址；加 ?inline=1 在浏览器中预览（仅图片和 PDF）"`
}

func attachmentOut(a *zhaoyin.Attachment) *ProjectAttachment {
	return &ProjectAttachment{
		ID: a.ID, ProjectCode: a.ProjectCode, Kind: AttachmentKindValue(a.Kind), FileName: a.FileName,
		ContentType: a.ContentType, Size: a.Size, SHA256: a.SHA256, UploadedBy: a.UploadedBy,
		UploadedByName: a.UploadedByName, UploadedAt: a.UploadedAt, DeletedAt: a.DeletedAt,
		URL: fmt.Sprintf("%s/attachments/%d", Prefix, a.ID),
	}
}

type attachmentForm struct {
	// Not required in the schema: huma's message for a missing file speaks of .xlsx; the
	// handler says it itself.
	File huma.FormFile       `form:"file" contentType:"application/octet-stream" required:"false" doc:"文件（必填）：PDF、图片（JPG、PNG、GIF、WebP）、Word、Excel 或纯文本，最大 20 MB；类型按内容识别"`
	Kind AttachmentKindValue `form:"kind" required:"false" doc:"附件类别，默认 other"`
}

type addAttachmentInput struct {
	Code    string `path:"code" doc:"项目编码"`
	RawBody huma.MultipartFormFiles[attachmentForm]
}

type attachmentIDInput struct {
	ID int64 `path:"id" doc:"附件编号"`
}

type downloadInput struct {
	ID     int64 `path:"id" doc:"附件编号"`
	Inline bool  `query:"inline" doc:"1 或 true：图片和 PDF 在浏览器中直接显示（预览），其他类型仍作为下载"`
}

type attachmentOutput struct{ Body *ProjectAttachment }

type attachmentListOutput struct {
	Body struct {
		Items []*ProjectAttachment `json:"items" nullable:"false"`
	}
}

// attachmentRequestLimit bounds an upload request: the file and the form around it.
const attachmentRequestLimit = zhaoyin.MaxAttachmentBytes + 1<<20

var errAttachmentTooLarge = &Error{Status: http.StatusRequestEntityTooLarge, Message: fmt.Sprintf("上传的文件过大：单个附件不能超过 %d MB", zhaoyin.MaxAttachmentBytes>>20)}

// RegisterAttachments adds the project attachment operations to api (through
// Config.Extra). The service scopes and checks everything; handlers only move bytes.
func RegisterAttachments(api huma.API, svc zhaoyin.AttachmentService) {
	tags := []string{"附件"}
	if oa := api.OpenAPI(); oa != nil {
		oa.Tags = append(oa.Tags, &huma.Tag{Name: "附件", Description: "项目附件：协议、现场照片等（上传、预览、下载、删除与撤销删除）"})
	}
	// The form is read here, not by huma, so that a request over the limit is answered
	// with the attachment limit (huma's own message names the import limit).
	limit := func(ctx huma.Context, next func(huma.Context)) {
		r, w := humago.Unwrap(ctx)
		defer func() {
			if r.MultipartForm != nil {
				r.MultipartForm.RemoveAll()
			}
		}()
		if r.ContentLength > attachmentRequestLimit {
			writeErrorCtx(r.Context(), w, errAttachmentTooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, attachmentRequestLimit)
		if err := r.ParseMultipartForm(humago.MultipartMaxMemory); err != nil {
			var e error = &Error{Status: http.StatusBadRequest, Message: "请以 multipart/form-data 格式上传文件，文件放在表单字段 file 中"}
			if strings.Contains(err.Error(), "too large") {
				e = errAttachmentTooLarge
			}
			writeErrorCtx(r.Context(), w, e)
			return
		}
		next(ctx)
	}
	huma.Register(api, huma.Operation{
		OperationID: "list-attachments", Method: http.MethodGet, Path: "/projects/{code}/attachments", Tags: tags,
		Summary: "项目附件列表", Description: "项目未删除的附件，新上传的在前。能查看项目即可查看其附件。",
		Errors: []int{401, 404},
	}, func(ctx context.Context, in *codeInput) (*attachmentListOutput, error) {
		list, err := svc.FindAttachments(ctx, in.Code)
		if err != nil {
			return nil, err
		}
		out := &attachmentListOutput{}
		out.Body.Items = make([]*ProjectAttachment, len(list))
		for i, a := range list {
			out.Body.Items[i] = attachmentOut(a)
		}
		return out, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "add-attachment", Method: http.MethodPost, Path: "/projects/{code}/attachments", Tags: tags,
		Summary: "上传项目附件",
		Description: "multipart 表单：file 为文件，kind 为类别（agreement 协议、photo 现场照片、other 其他）。" +
			"单个文件最大 20 MB；类型按文件内容识别，只接受 PDF、JPG、PNG、GIF、WebP、Word（.docx/.doc）、Excel（.xlsx/.xls）和纯文本。可修改项目的角色才能上传。",
		DefaultStatus: http.StatusCreated,
		Errors:        []int{400, 401, 403, 404, 413, 422},
		Middlewares:   huma.Middlewares{limit},
	}, func(ctx context.Context, in *addAttachmentInput) (*attachmentOutput, error) {
		form := in.RawBody.Data()
		f := form.File
		if !f.IsSet || f.File == nil {
			return nil, zhaoyin.FieldError("file", "请选择要上传的文件（表单字段 file）")
		}
		defer f.Close()
		if f.Size > zhaoyin.MaxAttachmentBytes {
			return nil, errAttachmentTooLarge
		}
		data, err := io.ReadAll(io.LimitReader(f.File, zhaoyin.MaxAttachmentBytes+1))
		if err != nil {
			return nil, err
		}
		a, err := svc.AddAttachment(ctx, zhaoyin.NewAttachment{ProjectCode: in.Code, Kind: string(form.Kind), FileName: f.Filename, Data: data})
		if err != nil {
			return nil, err
		}
		return &attachmentOutput{Body: attachmentOut(a)}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "download-attachment", Method: http.MethodGet, Path: "/attachments/{id}", Tags: tags,
		Summary: "下载附件",
		Description: "返回文件本身（支持 Range 与 If-None-Match）。默认作为下载（Content-Disposition: attachment，文件名按 RFC 5987 以 UTF-8 编码）；" +
			"?inline=1 时图片和 PDF 在浏览器中直接显示。已删除的附件返回 404。",
		Responses: map[string]*huma.Response{"200": {
			Description: "文件内容",
			Content:     map[string]*huma.MediaType{"application/octet-stream": {Schema: &huma.Schema{Type: huma.TypeString, Format: "binary"}}},
		}},
		Errors: []int{401, 404},
	}, func(ctx context.Context, in *downloadInput) (*huma.StreamResponse, error) {
		a, data, err := svc.AttachmentData(ctx, in.ID)
		if err != nil {
			return nil, err
		}
		return &huma.StreamResponse{Body: func(hctx huma.Context) {
			r, w := humago.Unwrap(hctx)
			serveAttachment(w, r, a, data, in.Inline)
		}}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "delete-attachment", Method: http.MethodDelete, Path: "/attachments/{id}", Tags: tags,
		Summary:     "删除附件",
		Description: "标记删除（可用 POST /attachments/{id}/restore 撤销），返回已删除的附件。可修改项目的角色才能删除。",
		Errors:      []int{401, 403, 404, 409},
	}, func(ctx context.Context, in *attachmentIDInput) (*attachmentOutput, error) {
		a, err := svc.DeleteAttachment(ctx, in.ID)
		if err != nil {
			return nil, err
		}
		return &attachmentOutput{Body: attachmentOut(a)}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "restore-attachment", Method: http.MethodPost, Path: "/attachments/{id}/restore", Tags: tags,
		Summary:     "撤销删除附件",
		Description: "恢复已删除的附件；对未删除的附件不做任何修改。",
		Errors:      []int{401, 403, 404, 409},
	}, func(ctx context.Context, in *attachmentIDInput) (*attachmentOutput, error) {
		a, err := svc.RestoreAttachment(ctx, in.ID)
		if err != nil {
			return nil, err
		}
		return &attachmentOutput{Body: attachmentOut(a)}, nil
	})
}

// Attachments are served with a policy of their own instead of the UI's: a sandbox (no
// script, no same-origin access) for anything the browser might render. A PDF shown inline
// is the exception: Chromium's viewer shows an empty page in a sandboxed document (tried
// with the browser tests' chromium), and the viewer runs no script of ours, so the PDF gets
// a policy that allows the viewer's embed and nothing else.
const (
	cspDownload = "sandbox; default-src 'none'; frame-ancestors 'none'"
	cspImage    = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'"
	cspPDF      = "default-src 'none'; object-src 'self'; frame-ancestors 'none'"
)

func serveAttachment(w http.ResponseWriter, r *http.Request, a *zhaoyin.Attachment, data []byte, inline bool) {
	h := w.Header()
	h.Set("Content-Type", a.ContentType)
	h.Set("X-Content-Type-Options", "nosniff")
	// The bytes of an id never change: the browser may keep them and ask again with the
	// hash (a deleted attachment then answers 404).
	h.Set("Cache-Control", "private, no-cache")
	h.Set("ETag", `"`+a.SHA256+`"`)
	isImage := strings.HasPrefix(a.ContentType, "image/")
	switch {
	case inline && isImage:
		h.Set("Content-Disposition", dispositionOf("inline", a))
		h.Set("Content-Security-Policy", cspImage)
	case inline && a.ContentType == "application/pdf":
		h.Set("Content-Disposition", dispositionOf("inline", a))
		h.Set("Content-Security-Policy", cspPDF)
	default:
		h.Set("Content-Disposition", dispositionOf("attachment", a))
		h.Set("Content-Security-Policy", cspDownload)
	}
	http.ServeContent(w, r, "", a.UploadedAt, bytes.NewReader(data))
}

// dispositionOf names a file for the browser: filename* (RFC 5987, UTF-8) carries the real
// name, filename an ASCII stand-in for clients that know only that.
func dispositionOf(disposition string, a *zhaoyin.Attachment) string {
	fallback := a.FileName
	for _, r := range fallback {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.() ", r)) {
			fallback = fmt.Sprintf("attachment-%d%s", a.ID, strings.ToLower(path.Ext(a.FileName)))
			break
		}
	}
	return fmt.Sprintf(`%s; filename="%s"; filename*=UTF-8''%s`, disposition, fallback, rfc5987(a.FileName))
}

// rfc5987 percent-encodes every byte of s that is not an attr-char of RFC 5987 (url's
// escapers leave ';' and ',' as they are, which would end the header's parameter).
func rfc5987(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

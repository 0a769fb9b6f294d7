package zhaoyin

import (
	"context"
	"time"
)

// MaxAttachmentBytes bounds one attached file: a scanned agreement or a phone photo fits,
// a video does not.
const MaxAttachmentBytes = 20 << 20

// Attachment kinds.
const (
	AttachmentAgreement = "agreement" // 协议：投资协议、补充协议
	AttachmentPhoto     = "photo"     // 现场照片
	AttachmentOther     = "other"
)

var AttachmentKindLabels = []Label{{"agreement", "协议"}, {"photo", "现场照片"}, {"other", "其他"}}

// ValidAttachmentKind reports whether k is a known kind.
func ValidAttachmentKind(k string) bool {
	for _, l := range AttachmentKindLabels {
		if l.Value == k {
			return true
		}
	}
	return false
}

// Attachment is a file kept with a project (its bytes are read apart, see AttachmentService).
type Attachment struct {
	ID          int64  `json:"id"`
	ProjectCode string `json:"project_code"`
	Kind        string `json:"kind"`
	FileName    string `json:"file_name"`
	// ContentType is what the server found in the bytes, never what the uploader claimed.
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	// UploadedBy is the uploader's user id, 0 for the system (demo, command line).
	UploadedBy     int64      `json:"uploaded_by"`
	UploadedByName string     `json:"uploaded_by_name"`
	UploadedAt     time.Time  `json:"uploaded_at"`
	DeletedAt      *time.Time `json:"deleted_at"`
}

// NewAttachment is a file to attach to a project.
type NewAttachment struct {
	ProjectCode string
	Kind        string
	FileName    string
	Data        []byte
}

// AttachmentService keeps the files of projects. Every method applies the caller's region
// scope through the project: another region's attachments are "not found". Adding, deleting
// and restoring need a role that may change projects, and are written to the audit log.
type AttachmentService interface {
	AddAttachment(ctx context.Context, a NewAttachment) (*Attachment, error)
	// FindAttachments lists the project's attachments that are not deleted, newest first.
	FindAttachments(ctx context.Context, projectCode string) ([]*Attachment, error)
	// AttachmentData returns an attachment that is not deleted, and its bytes.
	AttachmentData(ctx context.Context, id int64) (*Attachment, []byte, error)
	// DeleteAttachment marks an attachment deleted; RestoreAttachment undoes that.
	DeleteAttachment(ctx context.Context, id int64) (*Attachment, error)
	RestoreAttachment(ctx context.Context, id int64) (*Attachment, error)
}

package zhaoyin

import (
	"context"
	"time"
)

// Audit actions: a fixed list, so that the log can be filtered and translated.
const (
	ActionProjectCreate  = "project.create"
	ActionProjectUpdate  = "project.update"
	ActionProjectStage   = "project.stage"
	ActionProjectImport  = "project.import"
	ActionProgressImport = "progress.import"
	ActionRegionCreate   = "region.create"
	ActionUserCreate     = "user.create"
	ActionUserUpdate     = "user.update"
	ActionTokenCreate    = "token.create"
	ActionLogin          = "auth.login"
	ActionPasswordChange = "auth.password"
	ActionPeriodOpen     = "period.open"
	ActionPeriodClose    = "period.close"
	ActionPeriodReopen   = "period.reopen"
	ActionPeriodRemind   = "period.remind"
	ActionSchemeCreate   = "assessment.create"
	ActionSchemeUpdate   = "assessment.update"
	ActionSchemeDelete   = "assessment.delete"

	ActionAttachmentAdd     = "attachment.add"
	ActionAttachmentDelete  = "attachment.delete"
	ActionAttachmentRestore = "attachment.restore"
	ActionDictCreate        = "dictionary.create"
	ActionDictUpdate        = "dictionary.update"
	ActionDictRename        = "dictionary.rename"
	ActionDictDelete        = "dictionary.delete"
)

// Change is one field's before and after.
type Change struct {
	Field  string `json:"field"`
	Before any    `json:"before"`
	After  any    `json:"after"`
}

// AuditEntry records who did what to which object, and when.
type AuditEntry struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	Username string    `json:"username"`
	Action   string    `json:"action"`
	Object   string    `json:"object"` // e.g. "project:WF2024-001"
	Changes  []Change  `json:"changes"`
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	Action   string
	Username string
	Object   string
	Offset   int
	Limit    int
}

// AuditService reads the audit log (entries are written by the services themselves).
type AuditService interface {
	FindAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, int, error)
}

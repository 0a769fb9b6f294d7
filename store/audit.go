package store

import (
	"context"
	"encoding/json"
	"time"

	"zhaoyin"
)

// AuditService implements zhaoyin.AuditService.
type AuditService struct{ db *DB }

var _ zhaoyin.AuditService = (*AuditService)(nil)

// NewAuditService returns the audit log reader over db.
func NewAuditService(db *DB) *AuditService { return &AuditService{db: db} }

func actor(ctx context.Context) string {
	if u := zhaoyin.UserFromContext(ctx); u != nil {
		return u.Username
	}
	return "system"
}

// audit writes one entry inside the caller's transaction.
func (db *DB) audit(ctx context.Context, q querier, action, object string, changes []zhaoyin.Change) error {
	if changes == nil {
		changes = []zhaoyin.Change{}
	}
	b, err := json.Marshal(changes)
	if err != nil {
		return internal(err)
	}
	_, err = q.ExecContext(ctx, db.rebind("INSERT INTO audit_log (at, username, action, object, changes) VALUES (?,?,?,?,?)"), db.nowText(), actor(ctx), action, object, string(b))
	return internal(err)
}

// Audit records an entry outside any other transaction (logins, token creation).
func (db *DB) Audit(ctx context.Context, action, object string, changes []zhaoyin.Change) error {
	return db.audit(ctx, db.write, action, object, changes)
}

func scanAudit(row interface{ Scan(...any) error }) (*zhaoyin.AuditEntry, error) {
	e := &zhaoyin.AuditEntry{}
	var at, changes string
	if err := row.Scan(&e.ID, &at, &e.Username, &e.Action, &e.Object, &changes); err != nil {
		return nil, err
	}
	e.At, _ = time.Parse("2006-01-02T15:04:05.000Z", at)
	if err := json.Unmarshal([]byte(changes), &e.Changes); err != nil {
		return nil, err
	}
	return e, nil
}

// FindAudit lists entries newest first; only administrators and the city bureau read the log.
func (s *AuditService) FindAudit(ctx context.Context, f zhaoyin.AuditFilter) ([]*zhaoyin.AuditEntry, int, error) {
	u := zhaoyin.UserFromContext(ctx)
	if u != nil && u.Role != zhaoyin.RoleAdmin && u.Role != zhaoyin.RoleCity {
		return nil, 0, zhaoyin.Errorf(zhaoyin.EFORBIDDEN, "只有管理员和市级招商部门可以查看操作日志")
	}
	b := s.db.builder().Select().From("audit_log")
	if f.Action != "" {
		b = b.Where("action = ?", f.Action)
	}
	if f.Username != "" {
		b = b.Where("username = ?", f.Username)
	}
	if f.Object != "" {
		b = b.Where("object = ?", f.Object)
	}
	q, args, err := b.Columns("COUNT(*)").ToSql()
	if err != nil {
		return nil, 0, internal(err)
	}
	var total int
	if err := s.db.read.QueryRowContext(ctx, q, args...).Scan(&total); err != nil {
		return nil, 0, internal(err)
	}
	lb := b.Columns("id, at, username, action, object, changes").OrderBy("id DESC")
	if f.Limit > 0 {
		lb = lb.Limit(uint64(f.Limit)).Offset(uint64(f.Offset))
	}
	q, args, err = lb.ToSql()
	if err != nil {
		return nil, 0, internal(err)
	}
	rows, err := s.db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, internal(err)
	}
	defer rows.Close()
	out := []*zhaoyin.AuditEntry{}
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, 0, internal(err)
		}
		out = append(out, e)
	}
	return out, total, internal(rows.Err())
}

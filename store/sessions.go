package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// SessionStore keeps web sessions in the database, so that any app server can serve any
// request. It implements scs.Store and scs.CtxStore.
type SessionStore struct{ db *DB }

// NewSessionStore returns the session store over db.
func NewSessionStore(db *DB) *SessionStore { return &SessionStore{db: db} }

func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}
func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}
func (s *SessionStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }

// FindCtx returns the data of an unexpired session.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.db.read.QueryRowContext(ctx, s.db.rebind("SELECT data FROM sessions WHERE token = ? AND expiry > ?"), token, s.db.nowText()).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	} else if err != nil {
		return nil, false, err
	}
	return b, true, nil
}

// CommitCtx stores a session, and now and then clears expired ones.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	exp := expiry.UTC().Format("2006-01-02T15:04:05.000Z")
	_, err := s.db.write.ExecContext(ctx, s.db.rebind("INSERT INTO sessions (token, data, expiry) VALUES (?,?,?) ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry"), token, b, exp)
	if err != nil {
		return err
	}
	_, err = s.db.write.ExecContext(ctx, s.db.rebind("DELETE FROM sessions WHERE expiry < ?"), s.db.nowText())
	return err
}

// DeleteCtx removes a session.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.db.write.ExecContext(ctx, s.db.rebind("DELETE FROM sessions WHERE token = ?"), token)
	return err
}

package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"

	"zhaoyin"
)

// UserService implements zhaoyin.UserService.
type UserService struct{ db *DB }

var _ zhaoyin.UserService = (*UserService)(nil)

// NewUserService returns the user store over db.
func NewUserService(db *DB) *UserService { return &UserService{db: db} }

// Login throttling: failures counted over a window, per user and per address.
const (
	throttleWindow  = 15 * time.Minute
	maxUserFailures = 5
	maxAddrFailures = 20
)

// argon2id parameters (RFC 9106's second recommendation, lighter memory for small servers).
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

func hashPassword(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

func checkPassword(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	key, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

// dummyHash is checked against for unknown users so that timing does not reveal names.
var dummyHash, _ = hashPassword("not a password")

// minPassword is the shortest password accepted.
const minPassword = 6

var usernameRE = regexp.MustCompile(`^[A-Za-z0-9_.\-]{2,32}$`)

func validPassword(pw string) error {
	if len([]rune(pw)) < minPassword {
		return zhaoyin.FieldError("password", "密码至少 %d 位", minPassword)
	}
	return nil
}

const userCols = "u.id, u.username, u.display_name, u.role, u.region_code, COALESCE(r.name, ''), u.disabled, u.created_at"

func scanUser(row interface{ Scan(...any) error }) (*zhaoyin.User, error) {
	u := &zhaoyin.User{}
	var created string
	if err := row.Scan(&u.ID, &u.Username, &u.DisplayName, &u.Role, &u.RegionCode, &u.RegionName, &u.Disabled, &created); err != nil {
		return nil, err
	}
	u.CreatedAt, _ = time.Parse("2006-01-02T15:04:05.000Z", created)
	return u, nil
}

func isAdmin(ctx context.Context) error {
	if u := zhaoyin.UserFromContext(ctx); u != nil && u.Role != zhaoyin.RoleAdmin {
		return zhaoyin.Errorf(zhaoyin.EFORBIDDEN, "只有系统管理员可以管理用户")
	}
	return nil
}

func (s *UserService) checkRoleRegion(ctx context.Context, role, region string) error {
	if !zhaoyin.ValidRole(role) {
		return zhaoyin.FieldError("role", "角色“%s”无效，应为 admin、city、district、department 或 leader", role)
	}
	if role == zhaoyin.RoleDistrict && region == "" {
		return zhaoyin.FieldError("region_code", "区县用户必须指定所属区域（--region）")
	}
	if region != "" {
		if _, err := s.db.region(ctx, s.db.rd, region); err != nil {
			return zhaoyin.FieldError("region_code", "区域代码 %s 不存在", region)
		}
	}
	return nil
}

// CreateUser adds a user with an argon2id password hash.
func (s *UserService) CreateUser(ctx context.Context, u *zhaoyin.User, password string) error {
	if err := isAdmin(ctx); err != nil {
		return err
	}
	if !usernameRE.MatchString(u.Username) {
		return zhaoyin.FieldError("username", "用户名“%s”无效：2–32 位字母、数字、下划线、点或连字符", u.Username)
	}
	if err := s.checkRoleRegion(ctx, u.Role, u.RegionCode); err != nil {
		return err
	}
	if err := validPassword(password); err != nil {
		return err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return internal(err)
	}
	if u.DisplayName == "" {
		u.DisplayName = u.Username
	}
	return s.db.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.db.rebind("INSERT INTO users (username, display_name, password_hash, role, region_code, created_at) VALUES (?,?,?,?,?,?) RETURNING id"),
			u.Username, u.DisplayName, hash, u.Role, u.RegionCode, s.db.nowText()).Scan(&u.ID)
		if isUniqueViolation(err) {
			return zhaoyin.FieldError("username", "用户名 %s 已存在", u.Username)
		} else if err != nil {
			return internal(err)
		}
		return s.db.audit(ctx, tx, zhaoyin.ActionUserCreate, "user:"+u.Username, []zhaoyin.Change{{Field: "role", After: u.Role}, {Field: "region_code", After: u.RegionCode}})
	})
}

func (s *UserService) findUser(ctx context.Context, q querier, username string) (*zhaoyin.User, string, error) {
	row := q.QueryRowContext(ctx, s.db.rebind("SELECT "+userCols+", u.password_hash FROM users u LEFT JOIN regions r ON r.code = u.region_code WHERE u.username = ?"), username)
	u := &zhaoyin.User{}
	var created, hash string
	err := row.Scan(&u.ID, &u.Username, &u.DisplayName, &u.Role, &u.RegionCode, &u.RegionName, &u.Disabled, &created, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", zhaoyin.Errorf(zhaoyin.ENOTFOUND, "用户 %s 不存在", username)
	} else if err != nil {
		return nil, "", internal(err)
	}
	u.CreatedAt, _ = time.Parse("2006-01-02T15:04:05.000Z", created)
	return u, hash, nil
}

// FindUser returns one user.
func (s *UserService) FindUser(ctx context.Context, username string) (*zhaoyin.User, error) {
	if me := zhaoyin.UserFromContext(ctx); me != nil && me.Username != username && me.Role != zhaoyin.RoleAdmin {
		return nil, zhaoyin.Errorf(zhaoyin.EFORBIDDEN, "只有系统管理员可以查看其他用户")
	}
	u, _, err := s.findUser(ctx, s.db.read, username)
	return u, err
}

// FindUsers lists every user (administrators only).
func (s *UserService) FindUsers(ctx context.Context) ([]*zhaoyin.User, error) {
	if err := isAdmin(ctx); err != nil {
		return nil, err
	}
	rows, err := s.db.rd.QueryContext(ctx, "SELECT "+userCols+" FROM users u LEFT JOIN regions r ON r.code = u.region_code ORDER BY u.id")
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	out := []*zhaoyin.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, internal(err)
		}
		out = append(out, u)
	}
	return out, internal(rows.Err())
}

// UpdateUser changes a user's role, region, password or disabled flag (administrators only).
func (s *UserService) UpdateUser(ctx context.Context, username string, upd zhaoyin.UserUpdate) (*zhaoyin.User, error) {
	if err := isAdmin(ctx); err != nil {
		return nil, err
	}
	var out *zhaoyin.User
	err := s.db.tx(ctx, func(tx *sql.Tx) error {
		u, hash, err := s.findUser(ctx, tx, username)
		if err != nil {
			return err
		}
		var changes []zhaoyin.Change
		if upd.DisplayName != nil {
			changes = append(changes, zhaoyin.Change{Field: "display_name", Before: u.DisplayName, After: *upd.DisplayName})
			u.DisplayName = *upd.DisplayName
		}
		if upd.Role != nil {
			changes = append(changes, zhaoyin.Change{Field: "role", Before: u.Role, After: *upd.Role})
			u.Role = *upd.Role
		}
		if upd.RegionCode != nil {
			changes = append(changes, zhaoyin.Change{Field: "region_code", Before: u.RegionCode, After: *upd.RegionCode})
			u.RegionCode = *upd.RegionCode
		}
		if upd.Disabled != nil {
			changes = append(changes, zhaoyin.Change{Field: "disabled", Before: u.Disabled, After: *upd.Disabled})
			u.Disabled = *upd.Disabled
		}
		if err := s.checkRoleRegion(ctx, u.Role, u.RegionCode); err != nil {
			return err
		}
		if upd.Password != nil {
			if err := validPassword(*upd.Password); err != nil {
				return err
			}
			if hash, err = hashPassword(*upd.Password); err != nil {
				return internal(err)
			}
			changes = append(changes, zhaoyin.Change{Field: "password", Before: "******", After: "******"})
		}
		_, err = tx.ExecContext(ctx, s.db.rebind("UPDATE users SET display_name = ?, role = ?, region_code = ?, disabled = ?, password_hash = ? WHERE id = ?"),
			u.DisplayName, u.Role, u.RegionCode, u.Disabled, hash, u.ID)
		if err != nil {
			return internal(err)
		}
		if u.Disabled || upd.Password != nil {
			// Revoke what the old credentials opened.
			if _, err := tx.ExecContext(ctx, s.db.rebind("DELETE FROM api_tokens WHERE user_id = ?"), u.ID); err != nil {
				return internal(err)
			}
		}
		out = u
		return s.db.audit(ctx, tx, zhaoyin.ActionUserUpdate, "user:"+username, changes)
	})
	return out, err
}

// Authenticate checks a password, refusing after too many recent failures for the user or
// the address (counted in the database, so that every app server sees them).
func (s *UserService) Authenticate(ctx context.Context, username, password, addr string) (*zhaoyin.User, error) {
	since := s.db.now().Add(-throttleWindow).UTC().Format("2006-01-02T15:04:05.000Z")
	keys := []string{"user:" + username, "addr:" + addr}
	limits := []int{maxUserFailures, maxAddrFailures}
	for i, key := range keys {
		var n int
		if err := s.db.rd.QueryRowContext(ctx, s.db.rebind("SELECT COUNT(*) FROM login_failures WHERE key = ? AND at > ?"), key, since).Scan(&n); err != nil {
			return nil, internal(err)
		}
		if n >= limits[i] {
			return nil, zhaoyin.Errorf(zhaoyin.ETHROTTLED, "登录失败次数过多，请 %d 分钟后再试", int(throttleWindow.Minutes()))
		}
	}
	u, hash, err := s.findUser(ctx, s.db.read, username)
	ok := false
	if err == nil {
		ok = checkPassword(hash, password) && !u.Disabled
	} else if zhaoyin.ErrorCode(err) == zhaoyin.ENOTFOUND {
		checkPassword(dummyHash, password)
	} else {
		return nil, err
	}
	if !ok {
		now := s.db.nowText()
		_, err := s.db.write.ExecContext(ctx, s.db.rebind("INSERT INTO login_failures (key, at) VALUES (?,?), (?,?)"), keys[0], now, keys[1], now)
		if err != nil {
			return nil, internal(err)
		}
		return nil, zhaoyin.Errorf(zhaoyin.EUNAUTHORIZED, "用户名或密码错误")
	}
	if _, err := s.db.write.ExecContext(ctx, s.db.rebind("DELETE FROM login_failures WHERE key = ? OR at < ?"), keys[0], since); err != nil {
		return nil, internal(err)
	}
	return u, s.db.Audit(zhaoyin.NewContextWithUser(ctx, u), zhaoyin.ActionLogin, "user:"+username, []zhaoyin.Change{{Field: "addr", After: addr}})
}

// ChangePassword lets a user change their own password.
func (s *UserService) ChangePassword(ctx context.Context, username, oldPassword, newPassword string) error {
	u, hash, err := s.findUser(ctx, s.db.read, username)
	if err != nil {
		return err
	}
	if !checkPassword(hash, oldPassword) {
		return zhaoyin.FieldError("old_password", "原密码不正确")
	}
	if err := validPassword(newPassword); err != nil {
		return zhaoyin.FieldError("new_password", "新密码至少 %d 位", minPassword)
	}
	h, err := hashPassword(newPassword)
	if err != nil {
		return internal(err)
	}
	return s.db.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.db.rebind("UPDATE users SET password_hash = ? WHERE id = ?"), h, u.ID); err != nil {
			return internal(err)
		}
		return s.db.audit(ctx, tx, zhaoyin.ActionPasswordChange, "user:"+username, nil)
	})
}

func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// CreateToken returns a new bearer token for username; only its SHA-256 is stored.
func (s *UserService) CreateToken(ctx context.Context, username, name string) (string, error) {
	if err := isAdmin(ctx); err != nil {
		return "", err
	}
	u, _, err := s.findUser(ctx, s.db.read, username)
	if err != nil {
		return "", err
	}
	raw := make([]byte, 24)
	if _, err := rand.Read(raw); err != nil {
		return "", internal(err)
	}
	token := "zy_" + base64.RawURLEncoding.EncodeToString(raw)
	err = s.db.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.db.rebind("INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?,?,?,?)"), u.ID, name, tokenHash(token), s.db.nowText()); err != nil {
			return internal(err)
		}
		return s.db.audit(ctx, tx, zhaoyin.ActionTokenCreate, "user:"+username, []zhaoyin.Change{{Field: "token", After: name}})
	})
	return token, err
}

// UserByToken returns the user a bearer token belongs to.
func (s *UserService) UserByToken(ctx context.Context, token string) (*zhaoyin.User, error) {
	row := s.db.rd.QueryRowContext(s.db.quickCtx(ctx), s.db.rebind("SELECT "+userCols+" FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN regions r ON r.code = u.region_code WHERE t.token_hash = ?"), tokenHash(token))
	u, err := scanUser(row)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && u.Disabled) {
		return nil, zhaoyin.Errorf(zhaoyin.EUNAUTHORIZED, "令牌无效或已被撤销")
	} else if err != nil {
		return nil, internal(err)
	}
	return u, nil
}

// UserByID returns a user by id (sessions keep the id).
func (s *UserService) UserByID(ctx context.Context, id int64) (*zhaoyin.User, error) {
	u, err := scanUser(s.db.rd.QueryRowContext(s.db.quickCtx(ctx), s.db.rebind("SELECT "+userCols+" FROM users u LEFT JOIN regions r ON r.code = u.region_code WHERE u.id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, zhaoyin.Errorf(zhaoyin.EUNAUTHORIZED, "会话已失效，请重新登录")
	} else if err != nil {
		return nil, internal(err)
	}
	return u, nil
}

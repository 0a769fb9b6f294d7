// Package zhaoyin holds the domain of the investment-promotion platform: projects and their
// lifecycle, regions, users and the rules that every store and handler shares. It imports no
// storage, HTTP or spreadsheet package.
package zhaoyin

import (
	"errors"
	"fmt"
)

// Error codes are stable: handlers map them to HTTP statuses in one place.
const (
	EINVALID      = "invalid"      // the input breaks a rule; the message says which
	ENOTFOUND     = "not_found"    // no such record (or the caller may not know it exists)
	ECONFLICT     = "conflict"     // a stale version or a duplicate key
	EUNAUTHORIZED = "unauthorized" // no or bad credentials
	EFORBIDDEN    = "forbidden"    // known caller, not allowed
	ETHROTTLED    = "throttled"    // too many attempts
	EINTERNAL     = "internal"     // our fault; logged, never shown in detail
)

// CellError names one bad cell of an imported sheet (Row is the spreadsheet's row number).
type CellError struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Message string `json:"message"`
}

// Error is the one error type that crosses package boundaries. Message is a sentence a user
// can act on, in Chinese.
type Error struct {
	Code    string
	Message string
	// Fields maps an input field (JSON name) to what is wrong with it.
	Fields map[string]string
	// Cells lists every bad cell of an import.
	Cells []CellError
}

func (e *Error) Error() string { return fmt.Sprintf("zhaoyin %s: %s", e.Code, e.Message) }

// Errorf builds an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError is an EINVALID error about one input field.
func FieldError(field, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	return &Error{Code: EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}

// ErrorCode returns the code of an application error, EINTERNAL for anything else.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing sentence of an error; internal errors get a generic one
// so that no SQL, path or stack ever reaches a user.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	return "系统内部错误，请稍后重试；如仍有问题请联系管理员。"
}

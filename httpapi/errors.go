package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"unicode"

	"github.com/danielgtaylor/huma/v2"

	"zhaoyin"
)

// Error is the body of every error response: {"error": "a sentence in Chinese"}, with the
// bad cells of an import in "errors" and the bad input fields in "fields". Nothing else is
// ever sent (no RFC 7807 members, no stack trace, SQL text or path).
type Error struct {
	Status  int                 `json:"-"`
	Message string              `json:"error" doc:"出错原因，一句可据此采取行动的中文" example:"项目 WF-001 已被他人修改，请刷新后再改"`
	Errors  []zhaoyin.CellError `json:"errors,omitempty" doc:"导入文件中每个出错的单元格（row 为表格行号）"`
	Fields  map[string]string   `json:"fields,omitempty" doc:"每个出错的输入字段（JSON 字段名或查询参数名）及原因"`
}

func (e *Error) Error() string  { return e.Message }
func (e *Error) GetStatus() int { return e.Status }

// StatusOf maps a zhaoyin error code to its HTTP status: the one place this happens.
func StatusOf(code string) int {
	switch code {
	case zhaoyin.EINVALID:
		return http.StatusUnprocessableEntity
	case zhaoyin.ENOTFOUND:
		return http.StatusNotFound
	case zhaoyin.ECONFLICT:
		return http.StatusConflict
	case zhaoyin.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case zhaoyin.EFORBIDDEN:
		return http.StatusForbidden
	case zhaoyin.ETHROTTLED:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// errorFrom turns any error into the response body and status. Internal errors are logged
// (with the request's logger when ctx carries one) and shown as zhaoyin.ErrorMessage's
// generic sentence.
func errorFrom(ctx context.Context, err error) *Error {
	var ae *Error
	if errors.As(err, &ae) {
		return ae
	}
	code := zhaoyin.ErrorCode(err)
	e := &Error{Status: StatusOf(code), Message: zhaoyin.ErrorMessage(err)}
	var ze *zhaoyin.Error
	if code != zhaoyin.EINTERNAL && errors.As(err, &ze) {
		e.Fields = ze.Fields
		e.Errors = ze.Cells
	}
	if code == zhaoyin.EINTERNAL {
		logInternal(ctx, err)
	}
	return e
}

func logInternal(ctx context.Context, err error) {
	lg := slog.Default()
	if ctx != nil {
		if ri := infoFrom(ctx); ri != nil && ri.logger != nil {
			lg = ri.logger
			ri.internal = true
		}
	}
	lg.ErrorContext(orBackground(ctx), "internal error", "err", err.Error())
}

func orBackground(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
}

// WriteError writes err as a JSON error response; for handlers registered on the mux given
// to Config.Extra (huma operations may simply return the error). Internal errors go to the
// server's log, with the request.
func WriteError(w http.ResponseWriter, err error) {
	var ctx context.Context
	for rw := w; rw != nil; {
		if sw, ok := rw.(*statusWriter); ok {
			ctx = context.WithValue(context.Background(), infoKey{}, sw.info)
			break
		}
		u, ok := rw.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			break
		}
		rw = u.Unwrap()
	}
	writeErrorCtx(ctx, w, err)
}

func writeErrorCtx(ctx context.Context, w http.ResponseWriter, err error) {
	e := errorFrom(ctx, err)
	writeJSON(w, e.Status, e)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"系统内部错误，请稍后重试；如仍有问题请联系管理员。"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte("\n"))
}

// newError replaces huma.NewError, so that huma's own errors (bad parameters, malformed
// JSON, a missing body) come out in our shape and in Chinese, and errors that handlers
// return (zhaoyin errors included) are mapped by StatusOf.
func newError(ctx context.Context, status int, msg string, errs ...error) huma.StatusError {
	for _, err := range errs {
		if err == nil {
			continue
		}
		var ae *Error
		var ze *zhaoyin.Error
		if errors.As(err, &ae) {
			return ae
		}
		if errors.As(err, &ze) {
			return errorFrom(ctx, err)
		}
	}
	var details []*huma.ErrorDetail
	var others []error
	for _, err := range errs {
		if err == nil {
			continue
		}
		var d huma.ErrorDetailer
		if errors.As(err, &d) {
			details = append(details, d.ErrorDetail())
		} else {
			others = append(others, err)
		}
	}
	if status == http.StatusServiceUnavailable && len(others) == 0 && hasHan(msg) {
		return &Error{Status: status, Message: msg} // e.g. a service not yet enabled
	}
	if status >= 500 || (status == 0 && len(others) > 0) {
		// A handler returned a raw error, or huma failed: ours to log, not to show.
		for _, err := range others {
			logInternal(ctx, err)
		}
		if len(others) == 0 && msg != "" {
			logInternal(ctx, errors.New(msg))
		}
		if status == 0 {
			status = http.StatusInternalServerError
		}
		return &Error{Status: status, Message: zhaoyin.ErrorMessage(errors.New(msg))}
	}
	if len(details) > 0 {
		return translateDetails(status, details)
	}
	if hasHan(msg) {
		return &Error{Status: status, Message: msg}
	}
	if m, st := translateMessage(msg); m != "" {
		if st != 0 {
			status = st
		}
		return &Error{Status: status, Message: m}
	}
	return &Error{Status: status, Message: genericMessage(status)}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func genericMessage(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "请求格式有误，请检查后重试"
	case http.StatusUnauthorized:
		return "请先登录"
	case http.StatusForbidden:
		return "您没有权限执行此操作"
	case http.StatusNotFound:
		return "请求的记录不存在"
	case http.StatusMethodNotAllowed:
		return "该接口不支持此请求方法"
	case http.StatusNotAcceptable:
		return "无法按请求的格式返回结果，请接受 application/json"
	case http.StatusConflict:
		return "数据已被他人修改，请刷新后重试"
	case http.StatusRequestEntityTooLarge:
		return "请求内容过大"
	case http.StatusUnsupportedMediaType:
		return "不支持的内容类型，请以 application/json 提交"
	case http.StatusUnprocessableEntity:
		return "提交的数据未通过校验"
	case http.StatusTooManyRequests:
		return "请求过于频繁，请稍后再试"
	}
	if status >= 500 {
		return zhaoyin.ErrorMessage(errors.New(""))
	}
	return "请求无法处理"
}

// translateMessage covers huma's messages that come without details.
func translateMessage(msg string) (string, int) {
	switch {
	case msg == "request body is required":
		return "请求体不能为空：请提交 JSON 数据", http.StatusBadRequest
	case strings.HasPrefix(msg, "request body is too large"):
		return "请求内容过大", http.StatusRequestEntityTooLarge
	case msg == "request body read timeout":
		return "读取请求内容超时，请重试", http.StatusRequestTimeout
	case msg == "unable to marshal response":
		return genericMessage(http.StatusNotAcceptable), http.StatusNotAcceptable
	}
	return "", 0
}

// huma's validation messages (package validation and huma.go), translated. The English texts
// are matched, never shown.
var (
	reRequiredProp = regexp.MustCompile(`^expected required property (\S+) to be present$`)
	reDependent    = regexp.MustCompile(`^expected property (\S+) to be present when (\S+) is present$`)
	reOneOf        = regexp.MustCompile(`^expected value to be one of "(.*)"$`)
	reCompare      = regexp.MustCompile(`^expected number (>=|>|<=|<) (\S+)$`)
	reLength       = regexp.MustCompile(`^expected length (>=|<=) (\d+)$`)
	reItems        = regexp.MustCompile(`^expected array length (>=|<=) (\d+)$`)
)

var simpleMessages = map[string]string{
	"expected integer":                                  "应为整数",
	"invalid integer":                                   "应为整数",
	"expected number":                                   "应为数字",
	"invalid float":                                     "应为数字",
	"invalid floating value":                            "应为数字",
	"expected boolean":                                  "应为 true 或 false",
	"invalid boolean":                                   "应为 true 或 false",
	"expected string":                                   "应为字符串",
	"expected array":                                    "应为数组",
	"expected object":                                   "应为对象",
	"unexpected property":                               "不支持该字段，请检查字段名",
	"unknown query parameter":                           "不支持该查询参数",
	"expected string to be RFC 3339 date":               "应为 YYYY-MM-DD 格式的日期",
	"expected string to be RFC 3339 date-time":          "应为 RFC 3339 格式的时间",
	"expected array items to be unique":                 "不能有重复项",
	"write only property is non-zero":                   "该字段只能写入",
	"Multiple files received but only one was expected": "只能上传一个文件",
	"expected at most one value, but received multiple values": "只能填写一个值",
}

// translateDetails builds one error from huma's error details: a message per field, and a
// sentence naming the first bad field.
func translateDetails(status int, details []*huma.ErrorDetail) *Error {
	e := &Error{Status: status, Fields: map[string]string{}}
	var sentences []string
	for _, d := range details {
		if d == nil {
			continue
		}
		loc, field := splitLocation(d.Location)
		msg := d.Message
		var fieldMsg, sentence string
		switch {
		case loc == "body" && field == "" && status == http.StatusUnsupportedMediaType:
			sentence = genericMessage(status)
		case loc == "body" && field == "" && status == http.StatusBadRequest:
			sentence = "请求体不是有效的 JSON，请检查引号、逗号和括号是否配对"
		case loc == "body" && field == "" && strings.HasPrefix(msg, "cannot read multipart form"):
			if strings.Contains(msg, "too large") {
				e.Status = http.StatusRequestEntityTooLarge
				sentence = fmt.Sprintf("上传的文件过大：最大 %d MB", maxUploadBytes>>20)
			} else {
				e.Status = http.StatusBadRequest
				sentence = "请以 multipart/form-data 格式上传文件，文件放在表单字段 file 中"
			}
		case msg == "File required" || msg == "At least one file is required":
			fieldMsg = "请选择要上传的文件"
			sentence = "请选择要上传的 .xlsx 文件（表单字段 " + field + "）"
		case reRequiredProp.MatchString(msg):
			name := reRequiredProp.FindStringSubmatch(msg)[1]
			field = joinField(field, name)
			fieldMsg = "必须填写"
			sentence = fmt.Sprintf("缺少必填字段 %s", field)
		case strings.HasPrefix(msg, "required ") && strings.HasSuffix(msg, " parameter is missing"):
			fieldMsg = "必须填写"
			sentence = fmt.Sprintf("缺少必填参数 %s", field)
		case reDependent.MatchString(msg):
			m := reDependent.FindStringSubmatch(msg)
			field = joinField(field, m[1])
			fieldMsg = fmt.Sprintf("填写 %s 时必须同时填写 %s", m[2], m[1])
		case reOneOf.MatchString(msg):
			vals := strings.Split(reOneOf.FindStringSubmatch(msg)[1], ", ")
			fieldMsg = "应为以下值之一：" + strings.Join(vals, "、")
		case reCompare.MatchString(msg):
			m := reCompare.FindStringSubmatch(msg)
			fieldMsg = map[string]string{">=": "不能小于 ", ">": "必须大于 ", "<=": "不能大于 ", "<": "必须小于 "}[m[1]] + m[2]
		case reLength.MatchString(msg):
			m := reLength.FindStringSubmatch(msg)
			fieldMsg = map[string]string{">=": "长度不能少于 ", "<=": "长度不能超过 "}[m[1]] + m[2] + " 个字符"
		case reItems.MatchString(msg):
			m := reItems.FindStringSubmatch(msg)
			fieldMsg = map[string]string{">=": "至少填写 ", "<=": "最多填写 "}[m[1]] + m[2] + " 项"
		case strings.HasPrefix(msg, "expected string to match pattern"), strings.HasPrefix(msg, "expected string to be "):
			fieldMsg = "格式不正确"
		case strings.HasPrefix(msg, "Invalid mime type"):
			fieldMsg = "文件类型不正确，请上传 .xlsx 文件"
		default:
			if t, ok := simpleMessages[msg]; ok {
				fieldMsg = t
			} else {
				fieldMsg = "取值无效"
			}
		}
		if sentence == "" {
			switch {
			case field == "" && loc == "body":
				sentence = "请求体" + fieldMsg
			case field == "":
				sentence = "请求" + fieldMsg
			case loc == "query" || loc == "path" || loc == "header":
				sentence = fmt.Sprintf("参数 %s 无效：%s", field, fieldMsg)
			default:
				sentence = fmt.Sprintf("字段 %s 无效：%s", field, fieldMsg)
			}
		}
		if field != "" {
			if fieldMsg == "" {
				fieldMsg = sentence
			}
			if _, dup := e.Fields[field]; !dup {
				e.Fields[field] = fieldMsg
			}
		}
		sentences = append(sentences, sentence)
	}
	if len(e.Fields) == 0 {
		e.Fields = nil
	}
	switch len(sentences) {
	case 0:
		e.Message = genericMessage(e.Status)
	case 1:
		e.Message = sentences[0]
	default:
		e.Message = fmt.Sprintf("%s（另有 %d 处错误）", sentences[0], len(sentences)-1)
	}
	return e
}

// splitLocation splits huma's "query.page", "body.investors[0].uscc" or "file" into where
// and the field name users know.
func splitLocation(loc string) (where, field string) {
	for _, p := range []string{"body", "query", "path", "header", "cookie", "form"} {
		if loc == p {
			return p, ""
		}
		if strings.HasPrefix(loc, p+".") {
			return p, strings.TrimPrefix(loc, p+".")
		}
	}
	return "body", loc
}

func joinField(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// install sets huma's error constructors once for the process: huma keeps them in package
// variables, so every API built here answers errors the same way.
func init() {
	huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
		return newError(nil, status, msg, errs...)
	}
	huma.NewErrorWithContext = func(hctx huma.Context, status int, msg string, errs ...error) huma.StatusError {
		var ctx context.Context
		if hctx != nil {
			ctx = hctx.Context()
		}
		return newError(ctx, status, msg, errs...)
	}
}

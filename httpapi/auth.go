package httpapi

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"zhaoyin"
)

type loginInput struct {
	Body struct {
		Username string `json:"username" minLength:"1" doc:"用户名"`
		Password string `json:"password" minLength:"1" doc:"密码"`
	}
}

type userBody struct {
	User *zhaoyin.User `json:"user"`
}

type userOutput struct {
	Body userBody
}

type passwordInput struct {
	Body struct {
		OldPassword string `json:"old_password" minLength:"1" doc:"原密码"`
		NewPassword string `json:"new_password" minLength:"1" doc:"新密码，至少 8 位"`
	}
}

func (s *Server) registerAuth() {
	huma.Register(s.api, huma.Operation{
		OperationID: "login", Method: http.MethodPost, Path: "/auth/login", Tags: []string{"认证"},
		Summary:     "登录",
		Description: "用户名和密码正确时设置会话 Cookie（HttpOnly，SameSite=Lax）并返回当前用户。密码错误 401；短时间内失败次数过多 429。",
		Metadata:    map[string]any{Public: true}, Security: []map[string][]string{{}},
		Errors: []int{401, 422, 429},
	}, s.login)
	huma.Register(s.api, huma.Operation{
		OperationID: "logout", Method: http.MethodPost, Path: "/auth/logout", Tags: []string{"认证"},
		Summary: "退出登录", Description: "结束会话（未登录时也返回 204）。",
		DefaultStatus: http.StatusNoContent,
		Metadata:      map[string]any{Public: true}, Security: []map[string][]string{{}},
	}, s.logout)
	huma.Register(s.api, huma.Operation{
		OperationID: "me", Method: http.MethodGet, Path: "/auth/me", Tags: []string{"认证"},
		Summary: "当前用户", Errors: []int{401},
	}, s.me)
	huma.Register(s.api, huma.Operation{
		OperationID: "change-password", Method: http.MethodPost, Path: "/auth/password", Tags: []string{"认证"},
		Summary: "修改自己的密码", DefaultStatus: http.StatusNoContent, Errors: []int{401, 422},
	}, s.changePassword)
}

func (s *Server) login(ctx context.Context, in *loginInput) (*userOutput, error) {
	addr := ""
	if ri := infoFrom(ctx); ri != nil {
		addr = ri.addr
	}
	u, err := s.cfg.Users.Authenticate(ctx, in.Body.Username, in.Body.Password, addr)
	if err != nil {
		return nil, err
	}
	// A new token on login: a session id planted before login is worth nothing after it.
	if err := s.sessions.RenewToken(ctx); err != nil {
		return nil, err
	}
	s.sessions.Put(ctx, sessionUserKey, u.ID)
	if ri := infoFrom(ctx); ri != nil {
		ri.user = u.Username
	}
	return &userOutput{Body: userBody{User: u}}, nil
}

func (s *Server) logout(ctx context.Context, _ *struct{}) (*struct{}, error) {
	if err := s.sessions.Destroy(ctx); err != nil {
		return nil, err
	}
	return nil, nil
}

func (s *Server) me(ctx context.Context, _ *struct{}) (*userOutput, error) {
	u, err := RequireUser(ctx)
	if err != nil {
		return nil, err
	}
	return &userOutput{Body: userBody{User: u}}, nil
}

func (s *Server) changePassword(ctx context.Context, in *passwordInput) (*struct{}, error) {
	u, err := RequireUser(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.cfg.Users.ChangePassword(ctx, u.Username, in.Body.OldPassword, in.Body.NewPassword); err != nil {
		return nil, err
	}
	// Keep this browser signed in under a fresh session id.
	if s.sessions.GetInt64(ctx, sessionUserKey) == u.ID {
		if err := s.sessions.RenewToken(ctx); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

package httpapi_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"

	"zhaoyin/httpapi"
)

// browser is a client with a cookie jar, as a browser on the same origin.
type browser struct {
	e      *env
	client *http.Client
}

func newBrowser(e *env) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{e: e, client: &http.Client{Jar: jar}}
}

func (b *browser) do(t *testing.T, method, url, body string, header map[string]string) (*http.Response, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, b.e.srv.URL+url, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := b.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res, string(out)
}

func sessionCookie(res *http.Response) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == "zhaoyin_session" {
			return c
		}
	}
	return nil
}

func TestSessionLogin(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	sameOrigin := map[string]string{"Origin": e.srv.URL, "Sec-Fetch-Site": "same-origin"}

	res, body := b.do(t, "POST", "/api/v1/auth/login", `{"username":"district","password":"`+password+`"}`, sameOrigin)
	if res.StatusCode != 200 || !strings.Contains(body, `"user":{`) || !strings.Contains(body, `"username":"district"`) {
		t.Fatalf("login: %d %s", res.StatusCode, body)
	}
	c := sessionCookie(res)
	if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure || c.Path != "/" {
		t.Fatalf("session cookie = %+v", c)
	}
	first := c.Value

	res, body = b.do(t, "GET", "/api/v1/auth/me", "", nil)
	if res.StatusCode != 200 || !strings.Contains(body, `"role":"district"`) {
		t.Fatalf("me: %d %s", res.StatusCode, body)
	}
	// The session scopes like a token does.
	if res, body = b.do(t, "GET", "/api/v1/projects/BH-001", "", nil); res.StatusCode != 404 {
		t.Fatalf("other district by session: %d %s", res.StatusCode, body)
	}

	// A cross-site page cannot write with the cookie.
	evil := map[string]string{"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}
	res, body = b.do(t, "POST", "/api/v1/projects", `{"code":"EVIL","name":"x","region_code":"370771","type":"industrial","stage":"lead","total_investment_yuan":1}`, evil)
	if res.StatusCode != 403 || !strings.Contains(body, `"error"`) || !strings.Contains(body, "跨站") {
		t.Fatalf("cross-origin POST: %d %s", res.StatusCode, body)
	}
	res, body = b.do(t, "PATCH", "/api/v1/projects/GX-001", `{"version":1,"name":"x"}`, map[string]string{"Origin": "http://evil.example"})
	if res.StatusCode != 403 {
		t.Fatalf("cross-origin PATCH (Origin only): %d %s", res.StatusCode, body)
	}
	if res, body = b.do(t, "GET", "/api/v1/projects/GX-001", "", nil); res.StatusCode != 200 || !strings.Contains(body, `"version":1`) {
		t.Fatalf("project after refused writes: %d %s", res.StatusCode, body)
	}
	// The same write from our own pages goes through.
	res, body = b.do(t, "POST", "/api/v1/projects", `{"code":"OK-1","name":"高新区项目","region_code":"370771","type":"industrial","stage":"lead","total_investment_yuan":1}`, sameOrigin)
	if res.StatusCode != 201 {
		t.Fatalf("same-origin POST: %d %s", res.StatusCode, body)
	}

	// Logging in again gives a new session id.
	res, _ = b.do(t, "POST", "/api/v1/auth/login", `{"username":"district","password":"`+password+`"}`, nil)
	if c := sessionCookie(res); c == nil || c.Value == first {
		t.Fatalf("session token not renewed on login: %+v", c)
	}

	res, _ = b.do(t, "POST", "/api/v1/auth/logout", "", sameOrigin)
	if res.StatusCode != 204 {
		t.Fatalf("logout: %d", res.StatusCode)
	}
	if c := sessionCookie(res); c == nil || c.MaxAge >= 0 {
		t.Fatalf("logout cookie = %+v", c)
	}
	res, body = b.do(t, "GET", "/api/v1/auth/me", "", nil)
	if res.StatusCode != 401 || !strings.Contains(body, "请先登录") {
		t.Fatalf("me after logout: %d %s", res.StatusCode, body)
	}
	// The old session id is dead even if replayed.
	req, _ := http.NewRequest("GET", e.srv.URL+"/api/v1/auth/me", nil)
	req.AddCookie(&http.Cookie{Name: "zhaoyin_session", Value: first})
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != 401 {
		t.Fatalf("replayed session: %v %v", res.StatusCode, err)
	}
}

// Scripts with a bearer token are not cross-origin requests: curl sends neither Origin nor
// Sec-Fetch-Site.
func TestBearerWritesPassCrossOriginProtection(t *testing.T) {
	e := newEnv(t)
	res := e.do(request{method: "POST", url: "/api/v1/projects/GX-001/stage", body: map[string]any{"stage": "approved", "on": "2024-03-01"}, as: "city"})
	if res.status != 200 {
		t.Fatalf("bearer POST: %d %s", res.status, res.body)
	}
}

func TestSecureCookies(t *testing.T) {
	e := newEnv(t, func(c *httpapi.Config) { c.SecureCookies = true })
	res, _ := newBrowser(e).do(t, "POST", "/api/v1/auth/login", `{"username":"city","password":"`+password+`"}`, nil)
	if c := sessionCookie(res); c == nil || !c.Secure {
		t.Fatalf("cookie = %+v", c)
	}
}

func TestLoginThrottled(t *testing.T) {
	e := newEnv(t)
	var last *response
	for i := 0; i < 6; i++ {
		last = e.do(request{method: "POST", url: "/api/v1/auth/login", body: map[string]any{"username": "leader", "password": "wrong-password"}})
	}
	if last.status != http.StatusTooManyRequests {
		t.Fatalf("6th failure: %d %s", last.status, last.body)
	}
	checkErrorBody(t, last)
	// The right password is refused too while throttled.
	res := e.do(request{method: "POST", url: "/api/v1/auth/login", body: map[string]any{"username": "leader", "password": password}})
	if res.status != http.StatusTooManyRequests {
		t.Fatalf("throttled login: %d", res.status)
	}
}

func TestLoginValidation(t *testing.T) {
	e := newEnv(t)
	res := e.do(request{method: "POST", url: "/api/v1/auth/login", body: map[string]any{"username": "leader"}})
	if res.status != 422 || !strings.Contains(string(res.body), "password") {
		t.Fatalf("missing password: %d %s", res.status, res.body)
	}
	checkErrorBody(t, res)
	res = e.do(request{method: "POST", url: "/api/v1/auth/login", body: `{"username":`})
	if res.status != 400 {
		t.Fatalf("malformed login: %d %s", res.status, res.body)
	}
	checkErrorBody(t, res)
}

// A disabled user's session stops working at the next request.
func TestDisabledUserSession(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	if res, body := b.do(t, "POST", "/api/v1/auth/login", `{"username":"district2","password":"`+password+`"}`, nil); res.StatusCode != 200 {
		t.Fatalf("login: %d %s", res.StatusCode, body)
	}
	if res := e.do(request{method: "PATCH", url: "/api/v1/users/district2", body: map[string]any{"disabled": true}, as: "admin"}); res.status != 200 {
		t.Fatalf("disable: %d %s", res.status, res.body)
	}
	if res, body := b.do(t, "GET", "/api/v1/projects", "", nil); res.StatusCode != 401 {
		t.Fatalf("disabled session: %d %s", res.StatusCode, body)
	}
}

package httpapi

import (
	"bytes"
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

// static serves the built UI: files as they are (hashed assets cached for a year), and
// index.html for every other path, so that the app's own router handles it.
type static struct {
	fsys  fs.FS
	index []byte
}

const placeholder = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>招引 · 界面尚未构建</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222;line-height:1.7}code,pre{background:#f4f4f5;border-radius:4px}pre{padding:.8rem 1rem}</style>
</head><body>
<h1>招引 · 招商引资平台</h1>
<p>服务已经启动，但这个程序编译时没有包含网页界面。请构建界面后重新编译：</p>
<pre>cd web &amp;&amp; npm ci &amp;&amp; npm run build
cd .. &amp;&amp; go build ./cmd/zhaoyin</pre>
<p>接口不受影响：<a href="/api/docs">接口文档</a>（<a href="/api/v1/openapi.json">OpenAPI</a>）。</p>
</body></html>
`

func newStatic(fsys fs.FS) *static {
	s := &static{fsys: fsys}
	if fsys != nil {
		if b, err := fs.ReadFile(fsys, "index.html"); err == nil {
			s.index = b
		}
	}
	if s.index == nil {
		s.fsys, s.index = nil, []byte(placeholder)
	}
	return s
}

func (s *static) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Method Not Allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if s.fsys != nil && name != "" && name != "index.html" {
		if st, err := fs.Stat(s.fsys, name); err == nil && st.Mode().IsRegular() {
			if hashed(name) {
				w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			} else {
				w.Header().Set("Cache-Control", "no-cache")
			}
			http.ServeFileFS(w, r, s.fsys, name)
			return
		}
		// A missing build asset is an error, not a page: an old tab asking for last
		// release's bundle must not get index.html as JavaScript.
		if name == "assets" || strings.HasPrefix(name, "assets/") {
			http.NotFound(w, r)
			return
		}
	}
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(s.index))
}

// hashed tells build outputs whose names change with their content (vite writes them to
// assets/ as name-HASH.ext).
func hashed(name string) bool {
	if !strings.HasPrefix(name, "assets/") {
		return false
	}
	base := path.Base(name)
	stem := strings.TrimSuffix(base, path.Ext(base))
	i := strings.LastIndexAny(stem, "-.")
	return i >= 0 && len(stem)-i-1 >= 8
}

//go:embed docs
var docsFS embed.FS

func serveDocs(w http.ResponseWriter, r *http.Request) {
	b, _ := docsFS.ReadFile("docs/index.html")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(b)
}

func serveDocsFile(w http.ResponseWriter, r *http.Request) {
	name := path.Clean("/" + r.URL.Path)
	if name == "/" {
		serveDocs(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	sub, _ := fs.Sub(docsFS, "docs")
	if st, err := fs.Stat(sub, strings.TrimPrefix(name, "/")); err != nil || !st.Mode().IsRegular() {
		writeJSON(w, http.StatusNotFound, &Error{Message: "接口不存在"})
		return
	}
	http.ServeFileFS(w, r, sub, strings.TrimPrefix(name, "/"))
}

package httpapi

import (
	"bytes"
	"context"
	"io"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"zhaoyin"
	"zhaoyin/sheet"
)

// maxUploadBytes bounds an uploaded sheet (the request as a whole).
const maxUploadBytes = 64 << 20

type importForm struct {
	File huma.FormFile `form:"file" contentType:"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/octet-stream" required:"true" doc:"Excel .xlsx 文件，第一个工作表第一行为表头"`
}

type importInput struct {
	DryRun  bool `query:"dry_run" doc:"true：只校验、不保存"`
	RawBody huma.MultipartFormFiles[importForm]
}

type importOutput struct {
	Body zhaoyin.ImportResult
}

// limitUpload caps the request body before huma reads the multipart form, and removes the
// form's temporary files afterwards (the server only cleans up the form of the request it
// created, not of the copies middleware make).
func limitUpload(ctx huma.Context, next func(huma.Context)) {
	r, w := humago.Unwrap(ctx)
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadBytes)
	defer func() {
		if r.MultipartForm != nil {
			r.MultipartForm.RemoveAll()
		}
	}()
	next(ctx)
}

func (s *Server) registerImports() {
	tags := []string{"导入"}
	huma.Register(s.api, huma.Operation{
		OperationID: "import-projects", Method: http.MethodPost, Path: "/imports/projects", Tags: tags,
		Summary: "导入项目（Excel）",
		Description: "multipart 表单字段 file 上传 .xlsx（格式见导入模板）。全部行正确才导入：返回 {created, updated}；" +
			"任何一处错误返回 422，errors 列出文件中每个出错的单元格（row 为表格行号，column 为列名），且不保存任何数据。按项目编码更新已有项目。",
		Errors:      []int{401, 403, 413, 422},
		Middlewares: huma.Middlewares{limitUpload},
	}, s.importProjects)
	huma.Register(s.api, huma.Operation{
		OperationID: "import-progress", Method: http.MethodPost, Path: "/imports/progress", Tags: tags,
		Summary: "导入月度调度（Excel）",
		Description: "multipart 表单字段 file 上传 .xlsx（列：项目编码*、月份*、到位资金(万元)、完成投资(万元)、形象进度）。" +
			"全部行正确才导入，否则 422 并列出每个出错的单元格。按项目编码和月份更新。",
		Errors:      []int{401, 403, 413, 422},
		Middlewares: huma.Middlewares{limitUpload},
	}, s.importProgress)
	huma.Register(s.api, huma.Operation{
		OperationID: "project-template", Method: http.MethodGet, Path: "/imports/projects/template", Tags: tags,
		Summary: "下载项目导入模板", Responses: XLSXResponse("项目导入模板.xlsx"), Errors: []int{401},
	}, s.template("项目导入模板.xlsx", "project-template.xlsx", sheet.WriteProjectTemplate))
	huma.Register(s.api, huma.Operation{
		OperationID: "progress-template", Method: http.MethodGet, Path: "/imports/progress/template", Tags: tags,
		Summary: "下载调度导入模板", Responses: XLSXResponse("调度导入模板.xlsx"), Errors: []int{401},
	}, s.template("调度导入模板.xlsx", "progress-template.xlsx", sheet.WriteProgressTemplate))
}

func (s *Server) template(name, fallback string, write func(io.Writer) error) func(context.Context, *struct{}) (*fileOutput, error) {
	return func(ctx context.Context, _ *struct{}) (*fileOutput, error) {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return nil, err
		}
		return &fileOutput{ContentType: XLSXType, ContentDisposition: Attachment(name, fallback), Body: buf.Bytes()}, nil
	}
}

// upload returns the uploaded file, closed when the request ends.
func upload(in *importInput) (io.Reader, func(), error) {
	f := in.RawBody.Data().File
	if !f.IsSet || f.File == nil {
		return nil, nil, zhaoyin.FieldError("file", "请选择要上传的 .xlsx 文件（表单字段 file）")
	}
	if f.Size == 0 {
		f.Close()
		return nil, nil, zhaoyin.FieldError("file", "上传的文件是空的")
	}
	return f.File, func() { f.Close() }, nil
}

func (s *Server) importProjects(ctx context.Context, in *importInput) (*importOutput, error) {
	r, done, err := upload(in)
	if err != nil {
		return nil, err
	}
	defer done()
	parse := func(r io.Reader) ([]*zhaoyin.Project, []int, error) {
		return sheet.ParseProjects(r, func(text string) (*zhaoyin.Region, error) { return s.cfg.Regions.ResolveRegion(ctx, text) })
	}
	res, err := sheet.Import(r, parse, func(ps []*zhaoyin.Project) (zhaoyin.ImportResult, error) {
		return s.cfg.Projects.ImportProjects(ctx, ps, in.DryRun)
	})
	if err != nil {
		return nil, err
	}
	return &importOutput{Body: res}, nil
}

func (s *Server) importProgress(ctx context.Context, in *importInput) (*importOutput, error) {
	r, done, err := upload(in)
	if err != nil {
		return nil, err
	}
	defer done()
	res, err := sheet.Import(r, sheet.ParseProgress, func(ps []*zhaoyin.Progress) (zhaoyin.ImportResult, error) {
		return s.cfg.Projects.ImportProgress(ctx, ps, in.DryRun)
	})
	if err != nil {
		return nil, err
	}
	return &importOutput{Body: res}, nil
}

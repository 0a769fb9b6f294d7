package demo

import (
	"bytes"
	"context"
	"image/png"
	"testing"

	"zhaoyin"
)

type fakeAttachments struct {
	zhaoyin.AttachmentService
	added []zhaoyin.NewAttachment
}

func (f *fakeAttachments) AddAttachment(_ context.Context, a zhaoyin.NewAttachment) (*zhaoyin.Attachment, error) {
	f.added = append(f.added, a)
	return &zhaoyin.Attachment{}, nil
}

func TestFillAttachesSitePhotos(t *testing.T) {
	f, fa := newFake(), &fakeAttachments{}
	if _, err := Fill(context.Background(), Services{Regions: f, Users: f, Imports: f, Attachments: fa}, testDays[0]); err != nil {
		t.Fatal(err)
	}
	if len(fa.added) != photoProjects {
		t.Fatalf("%d photos, want %d", len(fa.added), photoProjects)
	}
	stages := map[string]zhaoyin.Stage{}
	for _, p := range build(t, testDays[0]).Projects {
		stages[p.Code] = p.Stage
	}
	seen := map[string]bool{}
	for i, a := range fa.added {
		switch stages[a.ProjectCode] {
		case zhaoyin.StageStarted, zhaoyin.StageProducing, zhaoyin.StageAchieved:
		default:
			t.Errorf("photo %d on %s at stage %q: no site to photograph yet", i, a.ProjectCode, stages[a.ProjectCode])
		}
		if seen[a.ProjectCode] {
			t.Errorf("two photos on %s", a.ProjectCode)
		}
		seen[a.ProjectCode] = true
		img, err := png.Decode(bytes.NewReader(a.Data))
		if err != nil || img.Bounds().Dx() != 480 || a.Kind != zhaoyin.AttachmentPhoto || a.FileName == "" {
			t.Errorf("photo %d: %s %s %v", i, a.Kind, a.FileName, err)
		}
		if i > 0 && bytes.Equal(a.Data, fa.added[0].Data) {
			t.Errorf("photo %d is the same picture as photo 0", i)
		}
	}
}

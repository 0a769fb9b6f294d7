package demo

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"zhaoyin"
)

// photoProjects is how many projects under construction or producing get a site photo.
const photoProjects = 3

// attachPhotos gives the first projects that have started a drawn site photo (现场照片), so
// that the attachments tab of the demo is not empty. The pictures are generated: no real
// site is shown.
func (d *Data) attachPhotos(ctx context.Context, s zhaoyin.AttachmentService) error {
	n := 0
	for _, p := range d.Projects {
		if n == photoProjects {
			break
		}
		switch p.Stage {
		case zhaoyin.StageStarted, zhaoyin.StageProducing, zhaoyin.StageAchieved:
		default:
			continue
		}
		img, err := sitePhoto(n)
		if err != nil {
			return err
		}
		name := "施工现场.png"
		if p.Stage != zhaoyin.StageStarted {
			name = "厂区现场.png"
		}
		if _, err := s.AddAttachment(ctx, zhaoyin.NewAttachment{ProjectCode: p.Code, Kind: zhaoyin.AttachmentPhoto, FileName: name, Data: img}); err != nil {
			return fmt.Errorf("demo: attach photo to %s: %w", p.Code, err)
		}
		n++
	}
	return nil
}

// sitePhoto draws a plain picture of a site: sky, ground, buildings and a crane; variant
// moves things about so that no two look the same.
func sitePhoto(variant int) ([]byte, error) {
	const w, h = 480, 300
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fill := func(x0, y0, x1, y1 int, c color.Color) {
		for y := max(y0, 0); y < min(y1, h); y++ {
			for x := max(x0, 0); x < min(x1, w); x++ {
				img.Set(x, y, c)
			}
		}
	}
	for y := 0; y < h*2/3; y++ { // sky, lighter towards the horizon
		fill(0, y, w, y+1, color.RGBA{uint8(120 + y/3), uint8(170 + y/5), 235, 255})
	}
	fill(0, h*2/3, w, h, color.RGBA{150, 128, 96, 255}) // ground
	ground := h * 2 / 3
	for i := 0; i < 4; i++ { // buildings
		x := 30 + i*110 + (variant*37)%40
		top := ground - 60 - ((i+variant)*47)%90
		fill(x, top, x+80, ground, color.RGBA{uint8(170 - i*15), uint8(175 - i*12), 185, 255})
		for wy := top + 10; wy < ground-12; wy += 18 { // windows
			for wx := x + 8; wx < x+72; wx += 16 {
				fill(wx, wy, wx+8, wy+9, color.RGBA{230, 236, 245, 255})
			}
		}
	}
	cx := 380 - variant*90 // a crane: mast, jib, hook
	fill(cx, 40, cx+8, ground, color.RGBA{240, 180, 20, 255})
	fill(cx-120, 40, cx+60, 47, color.RGBA{240, 180, 20, 255})
	fill(cx-100, 47, cx-98, 140, color.RGBA{60, 60, 60, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

package preview

import (
	"bufio"
	"errors"
	"image"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"photoconsent/app/metadata/corpustest"
)

// Corpus files that are sound but that Go's decoders cannot draw.
var undrawable = map[string]string{
	"exiv2/table.jpg": "image/jpeg finds no SOS marker where other readers do",
}

// Corpus files whose embedded preview Embedded must find.
var previews = []string{"ianare/DSCN0010.jpg", "mei/Samsung GT-I9000 (Galaxy S).jpg", "mei/Nikon Coolpix P7000.webp"}

// Every corpus file gives a picture or a plain error, never a panic; sound
// photos in formats with a decoder give a picture, upright.
func TestCorpus(t *testing.T) {
	dir, files := corpustest.Load(t)
	drawable := map[string]bool{"JPEG": true, "PNG": true, "TIFF": true, "WEBP": true, "Extended WEBP": true, "GIF": true}
	for _, f := range files {
		t.Run(f.Path, func(t *testing.T) {
			path := filepath.Join(dir, f.Path)
			if m, err := Embedded(path, 256); err == nil && (size(m).X > 256 || size(m).Y > 256) {
				t.Errorf("embedded preview is %v, want at most 256 a side", size(m))
			} else if err != nil && slices.Contains(previews, f.Path) {
				t.Errorf("Embedded: %v, want its preview", err)
			}
			m, err := Decode(path, 256)
			if err != nil {
				if err.Error() == "" {
					t.Error("error has no words")
				}
				if drawable[f.Format] && !f.Malformed() && undrawable[f.Path] == "" {
					t.Errorf("Decode: %v (%v), want a picture", err, cause(err))
				}
				return
			}
			checkUpright(t, path, f, size(m))
		})
	}
}

// checkUpright compares the thumbnail's shape with the stored picture's:
// orientations 5-8 swap width and height; the longest side is 256, or the
// picture's own when smaller.
func checkUpright(t *testing.T, path string, f corpustest.File, got image.Point) {
	t.Helper()
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	format, _ := sniff(file)
	cfg, err := codecs[format].config(bufio.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	w, h := cfg.Width, cfg.Height
	if f.Orientation != nil && *f.Orientation >= 5 {
		w, h = h, w
	}
	if side := max(got.X, got.Y); side != min(256, max(w, h)) {
		t.Errorf("longest side: got %d, want %d", side, min(256, max(w, h)))
	}
	if w != h && (got.X > got.Y) != (w > h) {
		t.Errorf("shape: got %v, want the shape of %dx%d upright", got, w, h)
	}
}

// cause is the technical error behind a plain one, for test messages.
func cause(err error) error {
	var p *plain
	if errors.As(err, &p) {
		return p.cause
	}
	return nil
}

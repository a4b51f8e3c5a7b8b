package gate_test

import (
	"bytes"
	"context"
	"image/jpeg"
	"path/filepath"
	"testing"

	"photoconsent/app/gate"
	"photoconsent/app/publish"
)

// TestExportKeepsLogThumbnails: every exported or blocked photo's entry
// gets a small JPEG in the register, at most 160 pixels on its longest
// side; a file that cannot be read gets none and is still logged.
func TestExportKeepsLogThumbnails(t *testing.T) {
	f := newFixture(t)
	g, err := gate.New(f.sess)
	if err != nil {
		t.Fatal(err)
	}
	in, out := t.TempDir(), t.TempDir()
	ready := g.Load(writeJPEG(t, in, "a.jpg", 640, 320, true, 0))
	ready.Tags = f.tags(amelia, tom)
	refused := g.Load(writePNG(t, in, "b.png", 200, 400))
	refused.Tags = f.tags(amelia, rose)
	missing := gate.Item{Path: filepath.Join(in, "gone.jpg"), NoPupils: true}
	res, err := g.Export(context.Background(), []gate.Item{ready, refused, missing},
		gate.ExportOptions{To: publish.Website, OutDir: out}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 3 || res[0].Decision.Outcome != publish.Ready || res[1].Decision.Outcome != publish.Blocked {
		t.Fatalf("export results %+v, want one ready and two blocked", res)
	}
	tests := []struct {
		name   string
		seq    int64
		kept   bool
		wantW  int
		wantH  int
		source string
	}{
		{"exported copy", res[0].Entry.Seq, true, 160, 80, res[0].Output},
		{"blocked original", res[1].Entry.Seq, true, 80, 160, refused.Path},
		{"unreadable file", res[2].Entry.Seq, false, 0, 0, missing.Path},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, ok, err := f.sess.LogThumbnail(tc.seq)
			if err != nil || ok != tc.kept {
				t.Fatalf("LogThumbnail(%d) = %v, %v; want %v, nil", tc.seq, ok, err, tc.kept)
			}
			if !ok {
				return
			}
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("the thumbnail of %s is not a JPEG: %v", filepath.Base(tc.source), err)
			}
			if cfg.Width != tc.wantW || cfg.Height != tc.wantH {
				t.Errorf("thumbnail %d×%d, want %d×%d", cfg.Width, cfg.Height, tc.wantW, tc.wantH)
			}
		})
	}
	if problems, err := f.sess.VerifyLog(); err != nil || len(problems) > 0 {
		t.Errorf("VerifyLog = %v, %v; want intact", problems, err)
	}
}

package demo

import (
	"bytes"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"photoconsent/app/publog"
	"photoconsent/app/register"
	"photoconsent/storage"
)

// built is a demo school built into a temporary folder, signed in as the head.
type built struct {
	dir    string
	corpus string
	head   *register.Session
}

func buildDemo(t *testing.T, withFolder bool, now time.Time) built {
	t.Helper()
	samples, err := FindSamples(filepath.Join("..", "..", "..", "shared", "mis-samples"))
	if err != nil {
		t.Skip("the shared MIS samples are not here:", err)
	}
	dir := t.TempDir()
	v, err := storage.NewVault(dir, storage.Options{KDF: storage.InsecureTestKDF})
	if err != nil {
		t.Fatal(err)
	}
	folder := ""
	if withFolder {
		folder = dir
	}
	clock := func() time.Time { return now }
	if err := Build(v, samples, folder, clock); err != nil {
		t.Fatal(err)
	}
	head, db, err := register.SignIn(v, HeadLogin, Password, register.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return built{dir: dir, corpus: findCorpus(samples), head: head}
}

var lateNovember = time.Date(2026, time.November, 30, 10, 0, 0, 0, time.UTC)

func TestBuildPublishingHistory(t *testing.T) {
	b := buildDemo(t, true, lateNovember)
	entries, err := b.head.PublicationLog()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[publog.Kind]int{}
	noPupils := 0
	for _, e := range entries {
		kinds[e.Kind]++
		if e.NoPupils {
			noPupils++
		}
	}
	// One blocked attempt on purpose (a refused pupil); every other photo
	// goes out, the teacher's to the website too (she is an authoriser).
	if len(entries) < 6 || kinds[publog.Exported] < 5 || kinds[publog.Blocked] != 1 || noPupils < 1 {
		t.Errorf("the log has %d entries, %v, %d with no pupils; want at least 6, 5 exported, 1 blocked, 1 with no pupils",
			len(entries), kinds, noPupils)
	}
	if problems, err := b.head.VerifyLog(); err != nil || len(problems) > 0 {
		t.Errorf("VerifyLog() = %v, %v; want no problems", problems, err)
	}
	open, err := b.head.OpenTakedowns()
	if err != nil || open < 1 {
		t.Errorf("OpenTakedowns() = %d, %v; want at least 1", open, err)
	}
	published, _ := os.ReadDir(filepath.Join(b.dir, PublishedFolder))
	if len(published) != kinds[publog.Exported] {
		t.Errorf("%d copies in %s, want one per export (%d)", len(published), PublishedFolder, kinds[publog.Exported])
	}
}

func TestBuildSpreadsHistoryOverPastDays(t *testing.T) {
	tests := []struct {
		name       string
		now        time.Time
		wantSpread bool
	}{
		{"late in the autumn term", lateNovember, true},
		{"the first week of term", time.Date(2026, time.September, 3, 10, 0, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &history{clk: &clock{base: func() time.Time { return tt.now }}}
			got := h.daysBack(13)
			if want := map[bool]int{true: 13, false: 0}[tt.wantSpread]; got != want {
				t.Errorf("daysBack(13) = %d, want %d", got, want)
			}
		})
	}
	b := buildDemo(t, true, lateNovember)
	entries, err := b.head.PublicationLog()
	if err != nil || len(entries) == 0 {
		t.Fatalf("PublicationLog() = %d entries, %v", len(entries), err)
	}
	first, last := entries[0].At, entries[len(entries)-1].At
	if !first.Before(lateNovember.AddDate(0, 0, -10)) || !last.Before(lateNovember) {
		t.Errorf("the history runs from %s to %s, want from before %s to before %s", first, last,
			lateNovember.AddDate(0, 0, -10), lateNovember)
	}
}

func TestBuildWithoutFolderHasNoPhotos(t *testing.T) {
	b := buildDemo(t, false, lateNovember)
	entries, err := b.head.PublicationLog()
	if err != nil || len(entries) != 0 {
		t.Errorf("PublicationLog() = %d entries, %v; want none", len(entries), err)
	}
	if _, err := os.Stat(filepath.Join(b.dir, VetFolder)); err == nil {
		t.Errorf("%s exists, want no photo folders without a demo folder", VetFolder)
	}
}

func TestBuildPhotosToVet(t *testing.T) {
	b := buildDemo(t, true, lateNovember)
	if b.corpus == "" {
		t.Skip("the shared photo corpus is not here")
	}
	files, err := os.ReadDir(filepath.Join(b.dir, VetFolder))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(vetPhotos) {
		t.Errorf("%d photos to vet, want %d", len(files), len(vetPhotos))
	}
	rows, _, err := b.head.Register()
	if err != nil {
		t.Fatal(err)
	}
	pupils := map[string]bool{}
	for _, r := range rows {
		pupils[r.Name] = true
	}
	named := 0
	for _, f := range files {
		_, who, ok := strings.Cut(strings.TrimSuffix(f.Name(), ".jpg"), " - ")
		if ok && pupils[who] {
			named++
		}
	}
	if named != 2 {
		t.Errorf("%d photos to vet are named after a demo pupil, want 2", named)
	}
	for i, p := range vetPhotos[2:] {
		t.Run(p.name, func(t *testing.T) {
			orig, err := os.ReadFile(filepath.Join(b.corpus, p.path))
			if err != nil {
				t.Skip("not in the corpus:", err)
			}
			copied, err := os.ReadFile(filepath.Join(b.dir, VetFolder, vetPhotos[i+2].name))
			if err != nil || !bytes.Equal(copied, orig) {
				t.Errorf("the copy has %d bytes (%v), want the original's %d bytes unchanged", len(copied), err, len(orig))
			}
		})
	}
}

func TestEarlierPhotosWithoutCorpus(t *testing.T) {
	dir := t.TempDir()
	if err := makeEarlierFolder(dir, ""); err != nil {
		t.Fatal(err)
	}
	for _, p := range earlierPhotos {
		t.Run(p.name, func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, EarlierFolder, p.name))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			cfg, err := jpeg.DecodeConfig(f)
			if err != nil || cfg.Width != 640 || cfg.Height != 480 {
				t.Errorf("DecodeConfig() = %dx%d, %v; want a 640x480 JPEG", cfg.Width, cfg.Height, err)
			}
		})
	}
}

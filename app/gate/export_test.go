package gate_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/access"
	"photoconsent/app/consent"
	"photoconsent/app/gate"
	"photoconsent/app/media"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
	"photoconsent/app/register"
)

func sum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// outputs lists the files in dir (temp files included, to catch leftovers).
func outputs(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestExportCopiesReadyAndLogsEverything(t *testing.T) {
	f := newFixture(t)
	g, err := gate.New(f.sess)
	if err != nil {
		t.Fatal(err)
	}
	in, out := t.TempDir(), t.TempDir()
	ready := g.Load(writeJPEG(t, in, "Amelia Smith sports day.jpg", 32, 16, true, 0))
	ready.Tags, ready.Caption = f.tags(amelia, tom), "Sports day"
	refused := g.Load(writeJPEG(t, in, "b.jpg", 32, 16, true, 0))
	refused.Tags = f.tags(amelia, rose)
	named := g.Load(writeJPEG(t, in, "c.jpg", 32, 16, false, 0))
	named.Tags, named.Caption = f.tags(amelia, tom), "Amelia Smith wins"
	missing := gate.Item{Path: filepath.Join(in, "gone.jpg"), NoPupils: true}
	original, err := os.ReadFile(ready.Path)
	if err != nil {
		t.Fatal(err)
	}

	var progress []int
	res, err := g.Export(context.Background(), []gate.Item{ready, refused, named, missing},
		gate.ExportOptions{To: publish.Website, OutDir: out}, func(done, total int) {
			if total != 4 {
				t.Errorf("progress total %d, want 4", total)
			}
			progress = append(progress, done)
		})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{1, 2, 3, 4}, progress); diff != "" {
		t.Errorf("progress got %v, want 1..4", progress)
	}
	var outcomes []publish.Outcome
	for _, r := range res {
		outcomes = append(outcomes, r.Decision.Outcome)
	}
	want := []publish.Outcome{publish.Ready, publish.Blocked, publish.Blocked, publish.Blocked}
	if diff := cmp.Diff(want, outcomes); diff != "" {
		t.Fatalf("outcomes got %v, want %v", outcomes, want)
	}

	// One copy, neutrally named, without location; the original untouched.
	files := outputs(t, out)
	if len(files) != 1 || !regexp.MustCompile(`^website-\d{8}-001\.jpg$`).MatchString(files[0]) {
		t.Fatalf("output folder holds %v, want one website-YYYYMMDD-001.jpg", files)
	}
	if res[0].Output != filepath.Join(out, files[0]) {
		t.Errorf("Output %q, want %q", res[0].Output, filepath.Join(out, files[0]))
	}
	if r := media.Check(res[0].Output, nil); r.Error != "" || len(r.Location) > 0 {
		t.Errorf("the copy: error %q, location %v; want neither", r.Error, r.Location)
	}
	if now, _ := os.ReadFile(ready.Path); !bytes.Equal(now, original) {
		t.Error("the original was changed")
	}
	if res[3].Err == "" || res[1].Err != "" {
		t.Errorf("Err: missing file %q, refused photo %q; want only the missing file's", res[3].Err, res[1].Err)
	}

	log, err := f.sess.PublicationLog()
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 4 {
		t.Fatalf("the log has %d entries, want 4", len(log))
	}
	e := log[0]
	if e.Kind != publog.Exported || e.Destination != publish.Website || e.Caption != "Sports day" || e.Medium != consent.MediaPhoto {
		t.Errorf("first entry: kind %q, destination %q, caption %q, medium %q", e.Kind, e.Destination, e.Caption, e.Medium)
	}
	if e.Original.Name != "Amelia Smith sports day.jpg" || e.Original.SHA256 != sum(t, ready.Path) {
		t.Errorf("original got %+v, want the name and hash of %s", e.Original, ready.Path)
	}
	if e.Output.Name != files[0] || e.Output.SHA256 != sum(t, res[0].Output) {
		t.Errorf("output got %+v, want the name and hash of %s", e.Output, files[0])
	}
	wantPupils := []publog.Pupil{
		{PupilID: f.ids[amelia], Statuses: map[consent.Purpose]consent.Status{consent.School: consent.StatusGranted}},
		{PupilID: f.ids[tom], Statuses: map[consent.Purpose]consent.Status{consent.School: consent.StatusGranted}},
	}
	if diff := cmp.Diff(wantPupils, e.Pupils); diff != "" {
		t.Errorf("pupils (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(res[0].Entry, e); diff != "" {
		t.Errorf("Result.Entry differs from the stored entry (-result +stored):\n%s", diff)
	}

	b := log[1]
	if b.Kind != publog.Blocked || b.Output != (publog.File{}) || !strings.Contains(strings.Join(b.Reasons, " "), "Rose P.") {
		t.Errorf("refused entry: kind %q, output %v, reasons %q", b.Kind, b.Output, b.Reasons)
	}
	if b.Original.SHA256 != sum(t, refused.Path) {
		t.Error("a blocked entry lacks the original's hash")
	}
	if c := log[2]; c.Kind != publog.Blocked || c.Caption != "" {
		t.Errorf("caption entry: kind %q, caption %q; want blocked, the caption with a full name not kept", c.Kind, c.Caption)
	}
	if d := log[3]; d.Kind != publog.Blocked || len(d.Reasons) == 0 || d.Original.Name != "gone.jpg" {
		t.Errorf("missing file entry: kind %q, reasons %q, original %v", d.Kind, d.Reasons, d.Original)
	}
	if problems, err := f.sess.VerifyLog(); err != nil || len(problems) > 0 {
		t.Errorf("VerifyLog = %v, %v; want intact", problems, err)
	}
}

func TestExportResizes(t *testing.T) {
	f := newFixture(t)
	g, err := gate.New(f.sess)
	if err != nil {
		t.Fatal(err)
	}
	in := t.TempDir()
	tests := []struct {
		name    string
		path    string
		resize  int
		ext     string
		w, h    int
		resized int
	}{
		// Orientation 6: stored 400×200, seen 200×400.
		{"turned JPEG with GPS", writeJPEG(t, in, "a.jpg", 400, 200, true, 6), 100, ".jpg", 50, 100, 100},
		{"PNG", writePNG(t, in, "b.png", 300, 100), 150, ".png", 150, 50, 150},
		{"small JPEG is not upscaled", writeJPEG(t, in, "c.jpg", 40, 20, true, 0), 100, ".jpg", 40, 20, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			it := g.Load(tt.path)
			it.NoPupils = true
			res, err := g.Export(context.Background(), []gate.Item{it},
				gate.ExportOptions{To: publish.Newsletter, OutDir: out, Prefix: "fair", Resize: tt.resize}, nil)
			if err != nil {
				t.Fatal(err)
			}
			r := res[0]
			if r.Err != "" || filepath.Ext(r.Output) != tt.ext || !strings.HasPrefix(filepath.Base(r.Output), "fair-") {
				t.Fatalf("Output %q, Err %q; want a fair-…%s copy", r.Output, r.Err, tt.ext)
			}
			if w, h := size(t, r.Output); w != tt.w || h != tt.h {
				t.Errorf("copy is %d×%d, want %d×%d", w, h, tt.w, tt.h)
			}
			if c := media.Check(r.Output, nil); c.Error != "" || len(c.Location) > 0 {
				t.Errorf("copy: error %q, location %v", c.Error, c.Location)
			}
			if r.Entry.Resized != tt.resized || r.Entry.Output.SHA256 != sum(t, r.Output) || r.Entry.Original.SHA256 != sum(t, tt.path) {
				t.Errorf("entry: resized %d (want %d), hashes %v %v", r.Entry.Resized, tt.resized, r.Entry.Original, r.Entry.Output)
			}
			if files := outputs(t, out); len(files) != 1 {
				t.Errorf("output folder holds %v, want only the copy", files)
			}
		})
	}
}

func TestExportStopsWhenCancelled(t *testing.T) {
	f := newFixture(t)
	g, err := gate.New(f.sess)
	if err != nil {
		t.Fatal(err)
	}
	in, out := t.TempDir(), t.TempDir()
	a := g.Load(writeJPEG(t, in, "a.jpg", 16, 8, false, 0))
	a.NoPupils = true
	ctx, cancel := context.WithCancel(context.Background())
	res, err := g.Export(ctx, []gate.Item{a, a, a}, gate.ExportOptions{To: publish.Display, OutDir: out},
		func(done, total int) {
			if done == 1 {
				cancel()
			}
		})
	if !errors.Is(err, context.Canceled) || len(res) != 1 {
		t.Fatalf("Export = %d results, %v; want 1 and context.Canceled", len(res), err)
	}
	if log, err := f.sess.PublicationLog(); err != nil || len(log) != 1 {
		t.Errorf("log has %d entries (%v), want the one done before cancelling", len(log), err)
	}
	if files := outputs(t, out); len(files) != 1 {
		t.Errorf("output folder holds %v, want one copy", files)
	}
}

func TestExportRefusesAMissingFolder(t *testing.T) {
	f := newFixture(t)
	g, err := gate.New(f.sess)
	if err != nil {
		t.Fatal(err)
	}
	_, err = g.Export(context.Background(), nil, gate.ExportOptions{To: publish.Website, OutDir: filepath.Join(t.TempDir(), "nope")}, nil)
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("Export into a missing folder = %v, want an error saying so", err)
	}
}

func TestOverrideIsTheSignedInPersons(t *testing.T) {
	f := newFixture(t)
	head := f.sess.Me()
	in := t.TempDir()
	photo := writeJPEG(t, in, "a.jpg", 16, 8, false, 0)
	tests := []struct {
		name    string
		sess    *register.Session
		claimed publish.Approver // who the caller says overrode
		outcome publish.Outcome
	}{
		{"head", f.sess, publish.Approver{AccountID: "someone-else", Role: access.Teacher}, publish.Overridden},
		{"teacher claiming to be the head", f.teacher(t), publish.Approver{AccountID: head.ID, Name: head.Login, Role: access.Head}, publish.Blocked},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := gate.New(tt.sess)
			if err != nil {
				t.Fatal(err)
			}
			it := g.Load(photo)
			it.Tags = f.tags(tom) // alone on the website: needs individual consent, not returned
			it.Override = &publish.Override{By: tt.claimed, Reason: "His mother agreed by phone; the form follows"}
			res, err := g.Export(context.Background(), []gate.Item{it}, gate.ExportOptions{To: publish.Website, OutDir: t.TempDir()}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := res[0].Decision.Outcome; got != tt.outcome {
				t.Fatalf("outcome %q (reasons %q), want %q", got, res[0].Decision.Reasons, tt.outcome)
			}
			e := res[0].Entry
			if tt.outcome != publish.Overridden {
				if e.Kind != publog.Blocked || res[0].Output != "" || len(e.Approvers) != 0 {
					t.Errorf("entry kind %q, approvers %v, output %q; want blocked with no copy", e.Kind, e.Approvers, res[0].Output)
				}
				return
			}
			want := []publish.Approver{{AccountID: head.ID, Name: head.Login, Role: access.Head}}
			if diff := cmp.Diff(want, e.Approvers); diff != "" || e.Kind != publog.Overridden || e.Override == "" || res[0].Output == "" {
				t.Errorf("entry kind %q, override %q, output %q, approvers (-want +got):\n%s", e.Kind, e.Override, res[0].Output, diff)
			}
		})
	}
}

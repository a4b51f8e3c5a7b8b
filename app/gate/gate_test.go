package gate_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/consent"
	"photoconsent/app/gate"
	"photoconsent/app/metadata"
	"photoconsent/app/publish"
)

func TestLoadTellsPhotoFromVideo(t *testing.T) {
	f := newFixture(t)
	g, err := gate.New(f.sess)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tests := []struct {
		name   string
		path   string
		medium consent.Media
		format string
		err    bool
	}{
		{"jpeg", writeJPEG(t, dir, "a.jpg", 16, 8, true, 0), consent.MediaPhoto, "jpeg", false},
		// An MP4 header alone: a video, cut short.
		{"mp4", writeFile(t, dir, "b.mp4", []byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2\x00\x00\x00\x08free")), consent.MediaVideo, "mp4", true},
		{"missing", filepath.Join(dir, "nope.jpg"), consent.MediaPhoto, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := g.Load(tt.path)
			if it.Medium != tt.medium || it.Check.Format != tt.format || (it.Check.Error != "") != tt.err {
				t.Errorf("Load = medium %q, format %q, error %q; want %q, %q, error %v",
					it.Medium, it.Check.Format, it.Check.Error, tt.medium, tt.format, tt.err)
			}
			if it.Path != tt.path || len(it.Tags) != 0 {
				t.Errorf("Load = path %q, tags %v; want %q, untagged", it.Path, it.Tags, tt.path)
			}
		})
	}
	if it := g.Load(tests[0].path); len(it.Check.Location) == 0 {
		t.Error("Load found no location in a JPEG with GPS")
	}
}

func TestDecide(t *testing.T) {
	f := newFixture(t)
	g, err := gate.New(f.sess)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	photo := g.Load(writeJPEG(t, dir, "Amelia Smith on sports day.jpg", 16, 8, true, 0))
	item := func(edit func(*gate.Item)) gate.Item {
		it := photo
		it.Check.Names = slices.Clone(photo.Check.Names)
		edit(&it)
		return it
	}
	tests := []struct {
		name    string
		it      gate.Item
		to      publish.Destination
		outcome publish.Outcome
		reason  string // a reason that must be among the decision's
	}{
		{"two consented pupils", item(func(it *gate.Item) { it.Tags = f.tags(amelia, tom) }), publish.Website, publish.Ready, ""},
		{"a refused pupil", item(func(it *gate.Item) { it.Tags = f.tags(amelia, rose) }), publish.Website, publish.Blocked, "Rose P."},
		{"social without the answer", item(func(it *gate.Item) { it.Tags = f.tags(amelia, tom) }), publish.Social, publish.Blocked, "Amelia S."},
		{"one pupil on the website needs individual", item(func(it *gate.Item) { it.Tags = f.tags(tom) }), publish.Website, publish.Blocked, "Tom B."},
		{"one pupil in the newsletter", item(func(it *gate.Item) { it.Tags = f.tags(tom) }), publish.Newsletter, publish.Ready, ""},
		{"full name in the caption", item(func(it *gate.Item) { it.Tags = f.tags(amelia, tom); it.Caption = "Well done, Tom Brown!" }), publish.Website, publish.Blocked, "Tom B."},
		{"forename alone in the caption", item(func(it *gate.Item) { it.Tags = f.tags(amelia, tom); it.Caption = "Well done, Tom!" }), publish.Website, publish.Ready, ""},
		{"untagged", item(func(it *gate.Item) {}), publish.Display, publish.Blocked, ""},
		{"no pupils confirmed", item(func(it *gate.Item) { it.NoPupils = true }), publish.Display, publish.Ready, ""},
		{"location that cannot be removed", item(func(it *gate.Item) {
			it.NoPupils = true
			it.Check.Unremovable = []metadata.Finding{{}}
		}), publish.Website, publish.Blocked, ""},
		{"unreadable", item(func(it *gate.Item) { it.NoPupils = true; it.Check.Error = "no such file" }), publish.Website, publish.Blocked, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec, err := g.Decide(tt.it, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if dec.Outcome != tt.outcome {
				t.Errorf("outcome %q (reasons %q), want %q", dec.Outcome, dec.Reasons, tt.outcome)
			}
			if tt.reason != "" && !strings.Contains(strings.Join(dec.Reasons, "|"), tt.reason) {
				t.Errorf("reasons %q, want one mentioning %q", dec.Reasons, tt.reason)
			}
		})
	}
}

func TestCaptionNames(t *testing.T) {
	f := newFixture(t)
	g, err := gate.New(f.sess)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		caption string
		want    []string
	}{
		{"", nil},
		{"Sports day", nil},
		{"Rose and Tom at the fair", nil},
		{"Amelia Smith and Rose Patel", []string{"Amelia S.", "Rose P."}},
		{"AmeliaSmith, Amelia Smith, SMITH Amelia", []string{"Amelia S."}},
		{"Thomas Brown's painting", []string{"Tom B."}},
	}
	for _, tt := range tests {
		t.Run(tt.caption, func(t *testing.T) {
			got := g.CaptionNames(tt.caption)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CaptionNames(%q) got %v, want %v (-want +got):\n%s", tt.caption, got, tt.want, diff)
			}
		})
	}
}

package corpustest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"photoconsent/app/metadata"
)

// Clean reads f from dir and runs a container package's Inspect and Clean
// on it, with the checks every still-image cleaner must pass: Inspect
// succeeds and reports location where exiftool found some, and Clean
// succeeds. A file the manifest calls malformed may be refused with
// ErrMalformed: the test is skipped. It returns the original and the copy.
func Clean(t testing.TB, dir string, f File, inspect metadata.Inspector, clean metadata.Cleaner) (in, out []byte) {
	t.Helper()
	in, err := os.ReadFile(filepath.Join(dir, f.Path))
	if err != nil {
		t.Fatal(err)
	}
	found, err := inspect(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	if len(f.LocationTags) > 0 && len(found.Location) == 0 {
		t.Errorf("no location found; exiftool found %v", f.LocationTags)
	}
	var buf bytes.Buffer
	res, err := clean(bytes.NewReader(in), int64(len(in)), &buf, metadata.CleanOptions{})
	if errors.Is(err, metadata.ErrMalformed) && f.Malformed() {
		t.Skipf("Clean refuses a malformed file: %v", err)
	}
	if err != nil {
		t.Fatalf("Clean: %v", err)
	}
	t.Logf("removed %v, kept %v", res.Removed, res.Kept)
	return in, buf.Bytes()
}

// Still is the corpus test of a still-image cleaner that rewrites the file
// (png, webp): each corpus file of its formats goes through Clean and
// Check, then exiftool must find in no copy a tag of the corpus's location
// vocabulary or of a Dropped group, no warning but Harmless ones, and each
// rotated original's orientation.
type Still struct {
	Formats  []string // exiftool's FileType
	Ext      string   // of the copies
	Inspect  metadata.Inspector
	Clean    metadata.Cleaner
	Check    func(t *testing.T, in, out []byte) // the format's own: ICC profile, pixels
	Harmless func(warning string) bool
}

// Run runs the test, a subtest for each file.
func (s Still) Run(t *testing.T) {
	t.Helper()
	dir, all := Load(t)
	vocab := Vocabulary(all)
	copies := NewCopies(t, s.Ext)
	for _, f := range Only(all, s.Formats...) {
		t.Run(f.Path, func(t *testing.T) {
			in, out := Clean(t, dir, f, s.Inspect, s.Clean)
			s.Check(t, in, out)
			copies.Add(t, f, out)
		})
	}
	copies.Check(t, Oracle{
		Gone:        func(_ File, key string) bool { return vocab[key] || Dropped(key) },
		Harmless:    s.Harmless,
		DropUpright: true,
	})
}

// Reported is what Inspect found, by "Group:Tag" and by group alone, for
// checking it against the tags exiftool names.
func Reported(found []metadata.Finding) map[string]bool {
	got := map[string]bool{}
	for _, l := range found {
		got[l.String()] = true
		got[l.Group] = true
	}
	return got
}

// Missing lists the tags of want that Inspect did not report.
func Missing(found []metadata.Finding, want []string) []string {
	got := Reported(found)
	var out []string
	for _, w := range want {
		if !got[w] {
			out = append(out, w)
		}
	}
	return out
}

package corpustest

import (
	"iter"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// Copies are clean copies written to one folder, so that a single exiftool
// run can check them all. Add them from one goroutine.
type Copies struct {
	dir, ext string
	files    map[string]File // by the copy's path
}

// NewCopies makes an empty set of copies in a temporary folder; ext is
// their extension (".jpg"), since exiftool reads it, or "" to keep each
// original's.
func NewCopies(t testing.TB, ext string) *Copies {
	return &Copies{dir: t.TempDir(), ext: ext, files: map[string]File{}}
}

// Add writes b as the clean copy of f.
func (c *Copies) Add(t testing.TB, f File, b []byte) {
	t.Helper()
	ext := c.ext
	if ext == "" {
		ext = filepath.Ext(f.Path)
	}
	path := filepath.Join(c.dir, strconv.Itoa(len(c.files))+ext)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	c.files[path] = f
}

// Exiftool runs exiftool once over every copy (see Exiftool) and yields
// each copy's manifest entry with the tags exiftool sees in the copy.
func (c *Copies) Exiftool(t testing.TB) iter.Seq2[File, map[string]string] {
	t.Helper()
	seen := Exiftool(t, slices.Collect(maps.Keys(c.files))...)
	return func(yield func(File, map[string]string) bool) {
		for path, tags := range seen {
			if !yield(c.files[path], tags) {
				return
			}
		}
	}
}

// Oracle is what exiftool must, and must not, see in clean copies.
type Oracle struct {
	// Gone reports whether a tag (Group:Tag) must not be left in f's copy.
	Gone func(f File, key string) bool
	// Harmless, when not nil, says which exiftool warnings about a copy
	// are acceptable; any other fails the test. Nil: warnings are not checked.
	Harmless func(warning string) bool
	// DropUpright lets a copy lose an orientation of 1 (no orientation is
	// upright too); every other orientation the manifest gives must be kept.
	DropUpright bool
}

// Check runs exiftool once over every copy and fails the test for each
// tag, warning or orientation o does not allow.
func (c *Copies) Check(t testing.TB, o Oracle) {
	t.Helper()
	for f, tags := range c.Exiftool(t) {
		for key := range tags {
			if o.Gone(f, key) {
				t.Errorf("%s: %s left in the clean copy", f.Path, key)
			}
		}
		if w := tags["ExifTool:Warning"]; o.Harmless != nil && w != "" && !o.Harmless(w) {
			t.Errorf("%s: exiftool warns about the clean copy: %s", f.Path, w)
		}
		want := f.Orientation
		if want != nil && (*want > 1 || !o.DropUpright) && Orientation(tags) != *want {
			t.Errorf("%s: orientation %q in the clean copy, want %d", f.Path, tags["IFD0:Orientation"], *want)
		}
	}
}

// Package corpustest is what the metadata and media tests share about the
// sample corpus (../shared/corpus beside the module) and exiftool, the
// reference oracle. Like net/http/httptest it is an ordinary package, but
// only tests import it: it takes a testing.TB and runs exiftool.
package corpustest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// File is one entry of the corpus manifest, the fields the tests use.
type File struct {
	Path            string   `json:"path"` // relative to the corpus folder
	Format          string   `json:"format"`
	SHA256          string   `json:"sha256"`
	Size            int64    `json:"size"`
	LocationTags    []string `json:"location_tags"` // as exiftool -G1 names them
	Orientation     *int     `json:"orientation"`   // nil when exiftool saw none
	Categories      []string `json:"categories"`
	ExiftoolWarning string   `json:"exiftool_warning"`
}

// Has reports whether the manifest puts f in the category.
func (f File) Has(category string) bool { return slices.Contains(f.Categories, category) }

// Malformed reports whether the file is damaged: a cleaner may refuse it.
func (f File) Malformed() bool { return f.Has("malformed") }

// LocationTagsIn lists f's location tags whose name starts with prefix
// ("IPTC:", "XMP-").
func (f File) LocationTagsIn(prefix string) []string {
	var out []string
	for _, tag := range f.LocationTags {
		if strings.HasPrefix(tag, prefix) {
			out = append(out, tag)
		}
	}
	return out
}

// Dir is where the corpus should be: ../shared/corpus from the module root,
// found from this file so callers need no path arithmetic.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "corpus")
}

// Load returns the corpus folder and every file its manifest lists, or
// skips the test when the corpus is not there.
func Load(t testing.TB) (dir string, files []File) {
	t.Helper()
	dir = Dir()
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Skipf("corpus not found at %s: %v", dir, err)
	}
	var m struct {
		Files []File `json:"files"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("corpus manifest: %v", err)
	}
	return dir, m.Files
}

// Only keeps the files of the given formats (exiftool's FileType).
func Only(files []File, formats ...string) []File {
	var out []File
	for _, f := range files {
		if slices.Contains(formats, f.Format) {
			out = append(out, f)
		}
	}
	return out
}

// Vocabulary is every location tag the manifest names in any file: the
// tags the oracle knows place a photo.
func Vocabulary(files []File) map[string]bool {
	vocab := map[string]bool{}
	for _, f := range files {
		for _, tag := range f.LocationTags {
			vocab[tag] = true
		}
	}
	return vocab
}

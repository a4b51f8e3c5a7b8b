package gif

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/corpustest"
)

// TestExiftool checks with exiftool, the reference oracle, that the
// synthetic file's location is seen before cleaning and gone after.
func TestExiftool(t *testing.T) {
	in := insert(animation(t), comment("Amelia"), xmpApp(xmpGPS))
	var out bytes.Buffer
	if _, err := Clean(bytes.NewReader(in), int64(len(in)), &out, metadata.CleanOptions{}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	before, after := filepath.Join(dir, "before.gif"), filepath.Join(dir, "after.gif")
	for path, b := range map[string][]byte{before: in, after: out.Bytes()} {
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	seen := corpustest.Exiftool(t, before, after)
	for _, tt := range []struct {
		path string
		want bool
	}{{before, true}, {after, false}} {
		for _, tag := range []string{"GPSLatitude", "Comment"} {
			if got := lists(seen[tt.path], tag); got != tt.want {
				t.Errorf("%s: exiftool lists %s: %v, want %v\n%v", filepath.Base(tt.path), tag, got, tt.want, seen[tt.path])
			}
		}
	}
}

// lists reports whether tag appears anywhere in exiftool's listing, in a
// name or a value.
func lists(tags map[string]string, tag string) bool {
	for k, v := range tags {
		if strings.Contains(k, tag) || strings.Contains(v, tag) {
			return true
		}
	}
	return false
}

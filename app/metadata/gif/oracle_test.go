package gif

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"photoconsent/app/metadata"
)

// TestExiftool checks with exiftool, the reference oracle, that the
// synthetic file's location is seen before cleaning and gone after.
func TestExiftool(t *testing.T) {
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Skip("exiftool not installed")
	}
	in := insert(animation(t), comment("Amelia"), xmpApp(xmpGPS))
	var out bytes.Buffer
	if _, err := Clean(bytes.NewReader(in), int64(len(in)), &out, metadata.CleanOptions{}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		b    []byte
		want bool
	}{{"before.gif", in, true}, {"after.gif", out.Bytes(), false}} {
		path := filepath.Join(dir, tt.name)
		if err := os.WriteFile(path, tt.b, 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := exec.Command("exiftool", "-G1", "-a", "-s", path).Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, tag := range []string{"GPSLatitude", "Comment"} {
			if strings.Contains(string(got), tag) != tt.want {
				t.Errorf("%s: exiftool lists %s: %v, want %v\n%s", tt.name, tag, !tt.want, tt.want, got)
			}
		}
	}
}

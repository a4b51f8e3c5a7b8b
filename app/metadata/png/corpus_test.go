package png

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"photoconsent/app/metadata"
)

type manifestFile struct {
	Path         string   `json:"path"`
	Format       string   `json:"format"`
	LocationTags []string `json:"location_tags"`
	Orientation  *int     `json:"orientation"`
	Categories   []string `json:"categories"`
}

func (f manifestFile) Malformed() bool {
	for _, c := range f.Categories {
		if c == "malformed" {
			return true
		}
	}
	return false
}

// corpus returns the corpus directory, its files of the given format, and
// every location tag the manifest names anywhere (the oracle's vocabulary).
func corpus(t *testing.T, format string) (string, []manifestFile, map[string]bool) {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "../../../../shared/corpus")
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Skipf("corpus not found at %s", dir)
	}
	var m struct{ Files []manifestFile }
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	var files []manifestFile
	vocab := map[string]bool{}
	for _, f := range m.Files {
		for _, tag := range f.LocationTags {
			vocab[tag] = true
		}
		if f.Format == format {
			files = append(files, f)
		}
	}
	return dir, files, vocab
}

// exiftoolTags lists "Group:Tag" => value for a file, as exiftool -G1 sees it.
func exiftoolTags(t *testing.T, path string) map[string]string {
	t.Helper()
	out, err := exec.Command("exiftool", "-G1", "-a", "-s", "-ee", "-n", path).Output()
	if err != nil {
		t.Fatalf("exiftool: %v", err)
	}
	tags := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		g, rest, ok := strings.Cut(strings.TrimPrefix(line, "["), "]")
		if !ok {
			continue
		}
		tag, val, _ := strings.Cut(strings.TrimSpace(rest), ":")
		tags[g+":"+strings.TrimSpace(tag)] = strings.TrimSpace(val)
	}
	return tags
}

func TestCorpus(t *testing.T) {
	dir, files, vocab := corpus(t, "PNG")
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Skip("exiftool not installed")
	}
	for _, mf := range files {
		t.Run(mf.Path, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join(dir, mf.Path))
			if err != nil {
				t.Fatal(err)
			}
			f, err := Inspect(bytes.NewReader(in), int64(len(in)))
			if err != nil {
				t.Fatalf("Inspect: %v", err)
			}
			if len(mf.LocationTags) > 0 && len(f.Location) == 0 {
				t.Errorf("no location found; exiftool found %v", mf.LocationTags)
			}
			var out bytes.Buffer
			res, err := Clean(bytes.NewReader(in), int64(len(in)), &out, metadata.CleanOptions{})
			if errors.Is(err, metadata.ErrMalformed) && mf.Malformed() {
				t.Skipf("Clean refuses a malformed file: %v", err)
			}
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			t.Logf("removed %v, kept %v", res.Removed, res.Kept)
			path := filepath.Join(t.TempDir(), "clean.png")
			if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			tags := exiftoolTags(t, path)
			for tag := range tags {
				if vocab[tag] || strings.HasPrefix(tag, "GPS:") || strings.HasPrefix(tag, "XMP") || strings.HasPrefix(tag, "IPTC:") {
					t.Errorf("clean copy still has %s", tag)
				}
			}
			if w := tags["ExifTool:Warning"]; w != "" && !strings.Contains(w, "after PNG IDAT") {
				t.Errorf("exiftool warns about the clean copy: %s", w)
			}
			if mf.Orientation != nil && *mf.Orientation > 1 {
				if got := tags["IFD0:Orientation"]; got != strconv.Itoa(*mf.Orientation) {
					t.Errorf("orientation %q, want %d", got, *mf.Orientation)
				}
			}
			if bytes.Contains(in, []byte("iCCP")) && !bytes.Contains(out.Bytes(), []byte("iCCP")) {
				t.Errorf("ICC profile lost")
			}
			samePixels(t, in, out.Bytes())
		})
	}
}

package bmff

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"photoconsent/app/metadata"
)

type corpusFile struct {
	Path         string   `json:"path"`
	Format       string   `json:"format"`
	LocationTags []string `json:"location_tags"`
	Categories   []string `json:"categories"`
}

// corpus lists the ISO base media files of the shared corpus.
func corpus(t testing.TB) (string, []corpusFile) {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(here), "../../../../shared/corpus")
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Skipf("no corpus: %v", err)
	}
	var m struct {
		Files []corpusFile `json:"files"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	var out []corpusFile
	for _, f := range m.Files {
		switch f.Format {
		case "MP4", "MOV", "M4V", "3GP", "3G2", "HEIC", "HEIF", "AVIF", "CR3":
			out = append(out, f)
		}
	}
	return dir, out
}

// locationLine matches exiftool -G1 -s lines naming location.
var locationLine = regexp.MustCompile(`^\[([^\]]+)\]\s+(\S*(GPS|Location|City|Country|Latitude|Longitude|State|Sublocation)\S*)\s`)

func TestCorpus(t *testing.T) {
	dir, files := corpus(t)
	exiftool, _ := exec.LookPath("exiftool")
	for _, cf := range files {
		t.Run(cf.Path, func(t *testing.T) {
			path := filepath.Join(dir, cf.Path)
			orig, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(orig)
			fh, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer fh.Close()
			r := io.ReaderAt(fh)
			f, err := Inspect(r, int64(len(orig)))
			malformed := contains(cf.Categories, "malformed")
			if err != nil {
				if malformed && errors.Is(err, metadata.ErrMalformed) {
					t.Logf("malformed as expected: %v", err)
					return
				}
				t.Fatalf("Inspect: %v", err)
			}
			t.Logf("location %v identity %v texts %v orientation %d", f.Location, f.Identity, f.Texts, f.Orientation)
			if len(cf.LocationTags) > 0 && len(f.Location) == 0 && !hasUnreadable(f) {
				t.Errorf("no location found; exiftool lists %v", cf.LocationTags)
			}
			var out bytes.Buffer
			res, err := Clean(r, int64(len(orig)), &out, metadata.CleanOptions{})
			if cf.Format == "CR3" {
				if !errors.Is(err, ErrUnsupported) {
					t.Errorf("Clean of CR3: got %v, want ErrUnsupported", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			t.Logf("removed %q kept %q", res.Removed, res.Kept)
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := sha256.Sum256(after); got != sum {
				t.Fatal("original bytes changed")
			}
			checkClean(t, orig, out.Bytes())
			var kept bytes.Buffer
			if _, err := Clean(r, int64(len(orig)), &kept, metadata.CleanOptions{KeepDate: true}); err != nil {
				t.Fatalf("Clean keeping the date: %v", err)
			}
			checkClean(t, orig, kept.Bytes())
			if exiftool == "" {
				return
			}
			tmp := filepath.Join(t.TempDir(), "out"+filepath.Ext(cf.Path))
			if d := os.Getenv("BMFF_KEEP"); d != "" { // keep the copies to look at
				tmp = filepath.Join(d, strings.ReplaceAll(cf.Path, "/", "_"))
			}
			if err := os.WriteFile(tmp, out.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			eo, err := exec.Command(exiftool, "-G1", "-a", "-s", "-ee", tmp).CombinedOutput()
			if err != nil {
				t.Fatalf("exiftool: %v\n%s", err, eo)
			}
			for _, line := range strings.Split(string(eo), "\n") {
				m := locationLine.FindStringSubmatch(line)
				if m == nil || ((strings.HasPrefix(m[1], "Track") || m[1] == "Composite") && contains(cf.Categories, "timed-gps-track")) {
					continue
				}
				t.Errorf("exiftool still finds location: %s", line)
			}
		})
	}
}

func hasUnreadable(f metadata.Findings) bool {
	for _, i := range f.Identity {
		if i.Tag == "Unreadable" {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

package jpeg

import (
	"bytes"
	"encoding/json"
	"errors"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"photoconsent/app/metadata"
)

type entry struct {
	Path         string   `json:"path"`
	Format       string   `json:"format"`
	Orientation  *int     `json:"orientation"`
	LocationTags []string `json:"location_tags"`
	Categories   []string `json:"categories"`
}

// corpus returns the shared corpus directory and its JPEG entries, or skips.
func corpus(t testing.TB, format string) (string, []entry) {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "../../../../shared/corpus")
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Skipf("no corpus: %v", err)
	}
	var m struct{ Files []entry }
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var out []entry
	for _, e := range m.Files {
		if e.Format == format {
			out = append(out, e)
		}
	}
	return dir, out
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// wantMalformed lists corpus files that are cut short: Clean must refuse them.
var wantMalformed = map[string]bool{
	"photoprism/animated-earth.jpg": true,
	"sharp/truncated.jpg":           true,
	"exiv2/issue_1912_poc.jpg":      true,
	"exiv2/table.jpg":               true,
}

func TestCorpusClean(t *testing.T) {
	dir, files := corpus(t, "JPEG")
	out := t.TempDir()
	cleaned := map[string]entry{}
	for i, e := range files {
		t.Run(e.Path, func(t *testing.T) {
			src := filepath.Join(dir, e.Path)
			orig, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Inspect(bytes.NewReader(orig), int64(len(orig)))
			if err != nil && !wantMalformed[e.Path] {
				t.Errorf("Inspect: %v", err)
			}
			found := map[string]bool{}
			for _, l := range f.Location {
				found[l.String()] = true
				found[l.Group] = true
			}
			for _, tag := range e.LocationTags {
				if group, _, _ := strings.Cut(tag, ":"); (group == "GPS" || group == "Panasonic" || group == "RMETA") && !found[tag] || (group == "FLIR" && !found["FLIR"]) {
					t.Errorf("Inspect did not report %s; got %v", tag, f.Location)
				}
			}
			if e.Orientation != nil && f.Orientation != *e.Orientation {
				t.Errorf("Inspect orientation %d, want %d", f.Orientation, *e.Orientation)
			}
			var buf bytes.Buffer
			res, err := Clean(bytes.NewReader(orig), int64(len(orig)), &buf, metadata.CleanOptions{})
			if wantMalformed[e.Path] {
				if !errors.Is(err, metadata.ErrMalformed) {
					t.Fatalf("Clean: got %v, want ErrMalformed", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			if len(res.Removed) == 0 && len(e.LocationTags) > 0 {
				t.Errorf("Clean removed nothing from a file with location %v", e.LocationTags)
			}
			t.Logf("removed %q, kept %q", res.Removed, res.Kept)
			samePixels(t, orig, buf.Bytes())
			name := filepath.Join(out, strings.ReplaceAll(filepath.Base(filepath.Dir(e.Path)), " ", "_")+"-"+strconv.Itoa(i)+".jpg")
			if err := os.WriteFile(name, buf.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			cleaned[name] = e
		})
	}
	misnamed := false
	for _, e := range cleaned {
		misnamed = misnamed || strings.HasSuffix(e.Path, ".png")
	}
	if !misnamed {
		t.Error("the JPEG named .png (photoprism/this-is-a-jpeg.png) was not cleaned")
	}
	oracle(t, out, cleaned)
}

// samePixels checks the clean copy decodes to the original's pixels, or,
// where Go's decoder refuses the original, that its image data is intact.
func samePixels(t *testing.T, orig, clean []byte) {
	t.Helper()
	a, errA := jpeg.Decode(bytes.NewReader(orig))
	if errA == nil {
		b, err := jpeg.Decode(bytes.NewReader(clean))
		if err != nil {
			t.Fatalf("clean copy does not decode: %v", err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("pixels differ")
		}
		return
	}
	l, err := readHead(bytes.NewReader(orig), int64(len(orig)))
	if err != nil {
		t.Fatal(err)
	}
	res, err := scan(bytes.NewReader(orig), int64(len(orig)), l.sos, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(clean, orig[l.sos.off:res.eoiEnd]) {
		t.Fatalf("image data differs (original does not decode: %v)", errA)
	}
}

// oracle runs exiftool over the clean copies: no location tag may be left,
// and the orientation must be the original's.
func oracle(t *testing.T, dir string, cleaned map[string]entry) {
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Skip("exiftool not installed")
	}
	b, err := exec.Command("exiftool", "-j", "-G1", "-a", "-s", "-ee", "-n", dir).Output()
	if err != nil && len(b) == 0 {
		t.Fatalf("exiftool: %v", err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("exiftool output: %v", err)
	}
	if len(got) != len(cleaned) {
		t.Errorf("exiftool read %d files, want %d", len(got), len(cleaned))
	}
	for _, tags := range got {
		src, _ := tags["SourceFile"].(string)
		e := cleaned[src]
		for k := range tags {
			group, _, _ := strings.Cut(k, ":")
			if has(e.LocationTags, k) || group == "GPS" || strings.HasPrefix(group, "XMP") || group == "IPTC" ||
				group == "FLIR" || group == "MakerNotes" || group == "IFD1" {
				t.Errorf("%s: %s left after Clean", e.Path, k)
			}
		}
		if e.Orientation != nil {
			if o, _ := tags["IFD0:Orientation"].(float64); int(o) != *e.Orientation {
				t.Errorf("%s: orientation %v, want %d", e.Path, tags["IFD0:Orientation"], *e.Orientation)
			}
		}
	}
}

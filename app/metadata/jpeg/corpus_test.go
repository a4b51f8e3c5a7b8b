package jpeg

import (
	"bytes"
	"errors"
	"image/jpeg"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/corpustest"
)

// wantMalformed lists corpus files that are cut short: Clean must refuse them.
var wantMalformed = map[string]bool{
	"photoprism/animated-earth.jpg": true,
	"sharp/truncated.jpg":           true,
	"exiv2/issue_1912_poc.jpg":      true,
	"exiv2/table.jpg":               true,
}

func TestCorpusClean(t *testing.T) {
	dir, all := corpustest.Load(t)
	copies := corpustest.NewCopies(t, ".jpg")
	misnamed := false
	for _, e := range corpustest.Only(all, "JPEG") {
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
			found := corpustest.Reported(f.Location)
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
			copies.Add(t, e, buf.Bytes())
			misnamed = misnamed || strings.HasSuffix(e.Path, ".png")
		})
	}
	if !misnamed {
		t.Error("the JPEG named .png (photoprism/this-is-a-jpeg.png) was not cleaned")
	}
	oracle(t, copies)
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
// nor a maker note or thumbnail, and the orientation must be the original's.
func oracle(t *testing.T, copies *corpustest.Copies) {
	copies.Check(t, corpustest.Oracle{Gone: func(e corpustest.File, k string) bool {
		group, _, _ := strings.Cut(k, ":")
		return slices.Contains(e.LocationTags, k) || corpustest.Dropped(k) ||
			group == "FLIR" || group == "MakerNotes" || group == "IFD1"
	}})
}

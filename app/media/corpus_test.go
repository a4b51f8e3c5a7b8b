package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"photoconsent/app/metadata/corpustest"
)

// ours maps exiftool's FileType to whether we clean that format.
var ours = map[string]bool{
	"JPEG": true, "PNG": true, "WEBP": true, "Extended WEBP": true, "GIF": true, "TIFF": true,
	"HEIC": true, "HEIF": true, "AVIF": true, "MP4": true, "MOV": true, "M4V": true, "3GP": true,
}

// TestCleanCorpus copies every corpus file: each gets a copy or a stated
// reason; exiftool finds no location in any copy (bar GPS in a timed
// metadata track, which the report must call unremovable); the originals
// are byte-for-byte as the manifest describes them.
func TestCleanCorpus(t *testing.T) {
	dir, files := corpustest.Load(t)
	out := t.TempDir()
	c := NewCopier(CopyOptions{OutDir: out, Prefix: "test"})
	reports := map[string]Report{}
	var outputs []string
	for _, e := range files {
		t.Run(e.Path, func(t *testing.T) {
			path := filepath.Join(dir, e.Path)
			r := c.Copy(path, nil)
			if got := sha256File(t, path); got != e.SHA256 {
				t.Fatalf("the original changed: sha256 %s, manifest says %s", got, e.SHA256)
			}
			switch {
			case r.Output == "" && r.Error == "":
				t.Fatalf("no copy and no reason: %+v", r)
			case r.Output == "" && ours[e.Format] && !broken(e):
				t.Fatalf("a %s file we should clean was refused: %s", e.Format, r.Error)
			case r.Output == "":
				t.Logf("refused, with reason: %s", r.Error)
				return
			}
			if len(e.LocationTags) > 0 && len(r.Location) == 0 {
				t.Errorf("the report found no location; exiftool finds %v", e.LocationTags)
			}
			reports[e.Path] = r
			outputs = append(outputs, r.Output)
		})
	}
	gps := filepath.Join(dir, "ianare", "DSCN0010.jpg")
	left := exiftoolLocations(t, append(outputs, gps)...) // one exiftool run for every copy: it is slow to start
	if len(left[gps]) == 0 {
		t.Fatal("the oracle finds no location in a photo with GPS: this test is broken")
	}
	for _, e := range files {
		r, ok := reports[e.Path]
		if !ok {
			continue
		}
		for _, tag := range left[r.Output] {
			if !timedTrack(tag) || len(r.Unremovable) == 0 {
				t.Errorf("%s: location left in the copy: %s", e.Path, tag)
			}
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(out, ".photoconsent-*"))
	if len(leftovers) > 0 {
		t.Errorf("temp files left behind: %v", leftovers)
	}
}

// broken is a file we may refuse: the manifest calls it malformed, or
// exiftool itself had more than a minor complaint (a JPEG with no image).
func broken(e corpustest.File) bool {
	return e.Malformed() || (e.ExiftoolWarning != "" && !strings.HasPrefix(e.ExiftoolWarning, "[minor]"))
}

func timedTrack(tag string) bool { return strings.HasPrefix(tag, "Track") }

func sha256File(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// exiftoolLocations lists, for each file, the location tags exiftool (the
// reference oracle) finds, as Group:Tag, reading embedded tracks too (-ee),
// and says so when exiftool cannot read a file.
func exiftoolLocations(t *testing.T, paths ...string) map[string][]string {
	t.Helper()
	found := map[string][]string{}
	for src, tags := range corpustest.Exiftool(t, paths...) {
		for k, v := range tags {
			if k == "ExifTool:Error" {
				found[src] = append(found[src], fmt.Sprintf("exiftool cannot read it: %v", v))
			}
			if group, tag, ok := strings.Cut(k, ":"); ok && isLocation(group, tag) {
				found[src] = append(found[src], k)
			}
		}
	}
	return found
}

// isLocation is our reading of exiftool's tag names: anything that places
// a photo on a map or names the place.
func isLocation(group, tag string) bool {
	if group == "Composite" || group == "System" || group == "ExifTool" || tag == "SubjectLocation" {
		return false
	}
	switch {
	case group == "GPS", strings.HasPrefix(group, "GeoTiff"), strings.HasPrefix(group, "XMP-dwc"),
		strings.HasPrefix(group, "XMP-Geotate"), strings.Contains(tag, "GPS"),
		strings.HasPrefix(tag, "LocationCreated"), strings.HasPrefix(tag, "LocationShown"):
		return true
	}
	switch tag {
	case "City", "Country", "State", "Province-State", "Sub-location", "Country-PrimaryLocationCode",
		"Country-PrimaryLocationName", "CountryCode", "Location", "LocationName", "LocationInformation",
		"LocationAccuracyHorizontal", "ModelTransform", "ModelTiePoint", "ModelPixelScale", "GeoTiffDirectory",
		"GeoTiffDoubleParams", "GeoTiffAsciiParams":
		return true
	}
	return false
}

// TestSweepDryRunThenApply: a dry run changes nothing; --apply rewrites the
// file with no location left and its modification time kept; a second
// sweep finds nothing to do.
func TestSweepDryRunThenApply(t *testing.T) {
	dir, _ := corpustest.Load(t)
	data, err := os.ReadFile(filepath.Join(dir, "ianare", "DSCN0010.jpg"))
	if err != nil {
		t.Skip(err)
	}
	work := t.TempDir()
	p := filepath.Join(work, "DSCN0010.jpg")
	if err := os.WriteFile(p, data, 0o640); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2019, 6, 1, 12, 0, 0, 0, time.UTC)
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}

	r := Sweep(p, false)
	if len(r.Location) == 0 || r.Error != "" {
		t.Fatalf("dry run report: %+v, want location found", r)
	}
	if got, _ := os.ReadFile(p); !bytes.Equal(got, data) {
		t.Fatal("a dry run changed the file")
	}

	r = Sweep(p, true)
	if r.Error != "" || r.Output != p {
		t.Fatalf("apply report: %+v", r)
	}
	if left := exiftoolLocations(t, p)[p]; len(left) > 0 {
		t.Errorf("location left after sweep --apply: %v", left)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if !st.ModTime().Equal(old) || st.Mode().Perm() != 0o640 {
		t.Errorf("sweep changed the file's time or mode: %v %v", st.ModTime(), st.Mode())
	}
	if r := Sweep(p, false); len(r.Location) != 0 {
		t.Errorf("a second sweep still finds %v", r.Location)
	}
	entries, _ := os.ReadDir(work)
	if len(entries) != 1 {
		t.Errorf("sweep left %d files in the folder, want just the photo", len(entries))
	}
}

// TestDamagedFileStillReportsItsLocation: a JPEG with GPS but no image data
// cannot be copied, and the report still says it holds location.
func TestDamagedFileStillReportsItsLocation(t *testing.T) {
	dir, _ := corpustest.Load(t)
	r := Check(filepath.Join(dir, "exiv2", "issue_1912_poc.jpg"), nil)
	if r.Error == "" || len(r.Location) == 0 {
		t.Errorf("report = %+v, want the damage and the GPS", r)
	}
}

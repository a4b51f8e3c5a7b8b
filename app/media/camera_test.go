package media

import (
	"path/filepath"
	"testing"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/corpustest"
)

// cameraSources are the exiftool tags Check reads a camera from, in the
// order it prefers them; tags elsewhere (maker notes, GoPro's GPMF) are
// not read, so a file whose only make or serial is there must say none.
var cameraSources = struct{ make, model, serial []string }{
	make:   []string{"IFD0:Make", "Keys:Make", "UserData:Make", "ItemList:Make", "XMP-tiff:Make"},
	model:  []string{"IFD0:Model", "Keys:Model", "UserData:Model", "ItemList:Model", "XMP-tiff:Model"},
	serial: []string{"ExifIFD:SerialNumber", "IFD0:CameraSerialNumber", "XMP-exifEX:BodySerialNumber", "XMP-aux:SerialNumber"},
}

// TestCheckCameraCorpus checks every corpus file we read and compares the
// camera its report names with what exiftool reads from the same tags.
func TestCheckCameraCorpus(t *testing.T) {
	dir, files := corpustest.Load(t)
	var paths []string
	for _, f := range files {
		if ours[f.Format] {
			paths = append(paths, filepath.Join(dir, f.Path))
		}
	}
	oracle := corpustest.Exiftool(t, paths...)
	named := 0
	for _, path := range paths {
		tags := oracle[path]
		first := func(keys []string) string {
			for _, k := range keys {
				if v := metadata.CameraText(tags[k]); v != "" {
					return v
				}
			}
			return ""
		}
		want := metadata.Camera{Make: first(cameraSources.make), Model: first(cameraSources.model), Serial: first(cameraSources.serial)}
		got := Check(path, nil).Camera
		if got != want {
			t.Errorf("%s: camera %+v, exiftool reads %+v", path, got, want)
		}
		if want.Make != "" && want.Model != "" {
			named++
		}
	}
	if named < 20 {
		t.Fatalf("only %d corpus files name their camera: this test is not testing much", named)
	}
	t.Logf("%d of %d files name their camera's make and model", named, len(paths))
}

// TestCopyReportsCamera: a clean copy's report names the original's
// camera, though the copy no longer does.
func TestCopyReportsCamera(t *testing.T) {
	dir, _ := corpustest.Load(t)
	c := NewCopier(CopyOptions{OutDir: t.TempDir(), Prefix: "test"})
	r := c.Copy(filepath.Join(dir, "ianare", "DSCN0010.jpg"), nil)
	if r.Error != "" {
		t.Fatalf("copy failed: %s", r.Error)
	}
	want := metadata.Camera{Make: "NIKON", Model: "COOLPIX P6000"}
	if r.Camera != want {
		t.Errorf("camera %+v, want %+v", r.Camera, want)
	}
	if again := Check(r.Output, nil).Camera; !again.IsZero() {
		t.Errorf("the clean copy still names a camera: %+v", again)
	}
}

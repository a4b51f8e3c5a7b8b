package tiff

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	xtiff "golang.org/x/image/tiff"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/corpustest"
	"photoconsent/app/metadata/exif"
)

func TestCorpus(t *testing.T) {
	dir, all := corpustest.Load(t)
	copies := corpustest.NewCopies(t, "") // each keeps its original extension (.tif, .dng)
	for _, e := range corpustest.Only(all, "TIFF", "DNG") {
		t.Run(e.Path, func(t *testing.T) {
			orig, err := os.ReadFile(filepath.Join(dir, e.Path))
			if err != nil {
				t.Fatal(err)
			}
			f, err := Inspect(bytes.NewReader(orig), int64(len(orig)))
			if err != nil {
				t.Fatalf("Inspect: %v", err)
			}
			found := corpustest.Reported(f.Location)
			for _, tag := range e.LocationTags {
				group, _, _ := strings.Cut(tag, ":")
				if (group == "GPS" && !found[tag]) || (group == "GeoTiff" && !found["GeoTIFF"]) {
					t.Errorf("Inspect did not report %s; got %v", tag, f.Location)
				}
			}
			var buf bytes.Buffer
			res, err := Clean(bytes.NewReader(orig), int64(len(orig)), &buf, metadata.CleanOptions{})
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			got := buf.Bytes()
			if len(got) != len(orig) {
				t.Fatalf("clean copy is %d bytes, want %d", len(got), len(orig))
			}
			t.Logf("removed %q, kept %q", res.Removed, res.Kept)
			sameData(t, orig, got)
			g, err := Inspect(bytes.NewReader(got), int64(len(got)))
			if err != nil {
				t.Fatalf("Inspect of clean copy: %v", err)
			}
			if len(g.Location) > 0 || len(g.Texts) > 0 {
				t.Errorf("clean copy still has location %v, texts %v", g.Location, g.Texts)
			}
			copies.Add(t, e, got)
		})
	}
	oracle(t, copies)
}

// sameData checks that every strip and tile is byte-identical and, where
// x/image/tiff decodes the original, that the pixels are equal.
func sameData(t *testing.T, orig, got []byte) {
	t.Helper()
	d, err := exif.Read(bytes.NewReader(orig), int64(len(orig)))
	if err != nil {
		t.Fatal(err)
	}
	for _, ifd := range d.IFDs {
		spans, err := dataSpans(d, ifd, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range spans {
			if s.end > int64(len(orig)) || s.off < 0 || s.off > s.end {
				continue
			}
			if !bytes.Equal(orig[s.off:s.end], got[s.off:s.end]) {
				t.Errorf("%s image data at %d changed", ifd.Name, s.off)
			}
		}
	}
	a, err := xtiff.Decode(bytes.NewReader(orig))
	if err != nil {
		t.Logf("x/image/tiff cannot decode the original (%v): compared strips only", err)
		return
	}
	b, err := xtiff.Decode(bytes.NewReader(got))
	if err != nil {
		t.Fatalf("clean copy does not decode: %v", err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("pixels differ")
	}
}

// oracle runs exiftool over the clean copies: no location or identity tag
// may be left, and the orientation must be the original's.
func oracle(t *testing.T, copies *corpustest.Copies) {
	copies.Check(t, corpustest.Oracle{Gone: func(e corpustest.File, k string) bool {
		group, tag, _ := strings.Cut(k, ":")
		switch tag {
		case "Make", "Model", "Software", "Artist", "Copyright", "SerialNumber", "ImageDescription", "CameraSerialNumber":
			return true
		}
		return corpustest.Dropped(k) || slices.Contains(e.LocationTags, k) || group == "GeoTiff" ||
			group == "Photoshop" || group == "MakerNotes" || group == "Apple" || group == "ExifIFD"
	}})
}

// fixture is a little-endian TIFF: one 2x2 grey strip, Make, Orientation 8,
// a GPS IFD, an Exif IFD with a date and a maker note, GeoTIFF scale.
func fixture() []byte {
	le := binary.LittleEndian
	var b []byte
	b = append(b, "II*\x00"...)
	b = le.AppendUint32(b, 8)
	type ent struct {
		tag, typ uint16
		count, v uint32
	}
	dir := func(at int, es []ent, next uint32) {
		for len(b) < at {
			b = append(b, 0)
		}
		b = le.AppendUint16(b, uint16(len(es)))
		for _, e := range es {
			b = le.AppendUint16(b, e.tag)
			b = le.AppendUint16(b, e.typ)
			b = le.AppendUint32(b, e.count)
			b = le.AppendUint32(b, e.v)
		}
		b = le.AppendUint32(b, next)
	}
	// IFD0 at 8 (12 entries: 2+144+4 = 150 bytes, to 158).
	dir(8, []ent{
		{0x0100, 3, 1, 2}, {0x0101, 3, 1, 2}, {0x0103, 3, 1, 1}, {0x0106, 3, 1, 1},
		{exif.TagMake, 2, 8, 300}, {0x0111, 4, 1, 400}, {exif.TagOrientation, 3, 1, 8},
		{0x0115, 3, 1, 1}, {0x0117, 4, 1, 4}, {exif.TagExifIFD, 4, 1, 200},
		{exif.TagGPSIFD, 4, 1, 250}, {33550, 12, 3, 320},
	}, 0)
	dir(200, []ent{{exif.TagDateTimeOriginal, 2, 20, 344}, {exif.TagMakerNote, 7, 4, 0x11223344}}, 0)
	dir(250, []ent{{0, 1, 4, 0x00000302}, {1, 2, 2, 'N'}}, 0)
	for len(b) < 300 {
		b = append(b, 0)
	}
	b = append(b, "Makercam"...)
	for len(b) < 320 {
		b = append(b, 0)
	}
	b = append(b, make([]byte, 24)...) // GeoTIFF scale, 3 doubles
	b = append(b, "2019:05:06 07:08:09\x00"...)
	for len(b) < 400 {
		b = append(b, 0)
	}
	return append(b, 10, 20, 30, 40)
}

func TestClean(t *testing.T) {
	in := fixture()
	for _, keepDate := range []bool{false, true} {
		var out bytes.Buffer
		res, err := Clean(bytes.NewReader(in), int64(len(in)), &out, metadata.CleanOptions{KeepDate: keepDate})
		if err != nil {
			t.Fatal(err)
		}
		got := out.Bytes()
		f, err := Inspect(bytes.NewReader(got), int64(len(got)))
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Location) > 0 || len(f.Identity) > 0 || f.Orientation != 8 {
			t.Errorf("keepDate %v: clean copy findings %+v", keepDate, f)
		}
		if keepDate != (f.Date == "2019:05:06 07:08:09") {
			t.Errorf("keepDate %v: date %q", keepDate, f.Date)
		}
		for _, secret := range []string{"Makercam", "\x44\x33\x22\x11"} {
			if bytes.Contains(got, []byte(secret)) {
				t.Errorf("clean copy still holds %q", secret)
			}
		}
		if !bytes.Equal(got[400:], in[400:]) {
			t.Error("strip changed")
		}
		img, err := xtiff.Decode(bytes.NewReader(got))
		if err != nil {
			t.Fatalf("clean copy does not decode: %v", err)
		}
		if img.Bounds().Dx() != 2 {
			t.Errorf("bounds %v", img.Bounds())
		}
		removed := strings.Join(res.Removed, "; ")
		for _, w := range []string{"EXIF GPS (2 tags)", "GeoTIFF georeferencing (1 tag)", "camera details (1 tag)"} {
			if !strings.Contains(removed, w) {
				t.Errorf("removed %q lacks %q", removed, w)
			}
		}
	}
}

// TestThumbnail adds an IFD1 with an embedded JPEG: Clean drops the
// entries and zeroes the thumbnail's bytes, and leaves the strip alone.
func TestThumbnail(t *testing.T) {
	in := fixture()
	le := binary.LittleEndian
	ifd1 := len(in)
	le.PutUint32(in[8+2+12*12:], uint32(ifd1))
	in = le.AppendUint16(in, 2)
	for _, e := range [][3]uint32{{exif.TagThumbnailOffset, 4, uint32(ifd1 + 2 + 24 + 4)}, {exif.TagThumbnailLength, 4, 10}} {
		in = le.AppendUint16(in, uint16(e[0]))
		in = le.AppendUint16(in, uint16(e[1]))
		in = le.AppendUint32(in, 1)
		in = le.AppendUint32(in, e[2])
	}
	in = le.AppendUint32(in, 0)
	in = append(in, "THUMBJPEG!"...)
	f, err := Inspect(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(f.Identity, metadata.Finding{Group: "IFD1", Tag: "ThumbnailImage"}) {
		t.Errorf("Inspect identity %v lacks the thumbnail", f.Identity)
	}
	var out bytes.Buffer
	res, err := Clean(bytes.NewReader(in), int64(len(in)), &out, metadata.CleanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out.Bytes(), []byte("THUMB")) {
		t.Error("thumbnail bytes left")
	}
	if !slices.Contains(res.Removed, "embedded thumbnail (10 bytes)") {
		t.Errorf("removed %q", res.Removed)
	}
	if !bytes.Equal(out.Bytes()[400:404], in[400:404]) {
		t.Error("strip changed")
	}
	g, err := Inspect(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil || len(g.Identity) > 0 || len(g.Location) > 0 {
		t.Errorf("Inspect of clean copy: %+v, %v", g, err)
	}
}

func TestMalformed(t *testing.T) {
	in := fixture()
	for n := 0; n < len(in); n++ {
		_, err := Clean(bytes.NewReader(in[:n]), int64(n), &bytes.Buffer{}, metadata.CleanOptions{})
		if err != nil && !errors.Is(err, metadata.ErrMalformed) {
			t.Fatalf("Clean of %d bytes: %v", n, err)
		}
		if n < 8 && err == nil {
			t.Fatalf("Clean of %d bytes: no error", n)
		}
	}
}

func FuzzClean(f *testing.F) {
	f.Add(fixture())
	f.Fuzz(func(t *testing.T, b []byte) {
		var out bytes.Buffer
		_, err := Clean(bytes.NewReader(b), int64(len(b)), &out, metadata.CleanOptions{})
		if err != nil {
			if !errors.Is(err, metadata.ErrMalformed) {
				t.Fatalf("error not ErrMalformed: %v", err)
			}
			return
		}
		if out.Len() != len(b) {
			t.Fatalf("clean copy is %d bytes, want %d", out.Len(), len(b))
		}
		if _, err := Inspect(bytes.NewReader(b), int64(len(b))); err != nil && !errors.Is(err, metadata.ErrMalformed) {
			t.Fatalf("Inspect error not ErrMalformed: %v", err)
		}
	})
}

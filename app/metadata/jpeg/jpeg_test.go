package jpeg

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/exif"
)

// plain encodes a small image with Go's encoder: SOI, DQT, SOF, DHT, SOS,
// data, EOI.
func plain(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 24))
	for y := 0; y < 24; y++ {
		for x := 0; x < 40; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 6), uint8(y * 10), uint8(x * y), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func seg(marker byte, payload ...[]byte) []byte {
	p := bytes.Join(payload, nil)
	b := []byte{0xFF, marker}
	b = binary.BigEndian.AppendUint16(b, uint16(len(p)+2))
	return append(b, p...)
}

// gpsExif is a big-endian EXIF block: IFD0 with Make and a GPS IFD holding
// GPSVersionID and GPSLatitudeRef, Orientation 6.
func gpsExif() []byte {
	be := binary.BigEndian
	b := []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08")
	b = be.AppendUint16(b, 3)
	entry := func(tag, typ uint16, count, v uint32) {
		b = be.AppendUint16(b, tag)
		b = be.AppendUint16(b, typ)
		b = be.AppendUint32(b, count)
		b = be.AppendUint32(b, v)
	}
	entry(exif.TagMake, 2, 4, be.Uint32([]byte("Sny\x00")))
	entry(exif.TagOrientation, 3, 1, 6<<16)
	entry(exif.TagGPSIFD, 4, 1, 8+2+3*12+4)
	b = be.AppendUint32(b, 0)
	b = be.AppendUint16(b, 2)
	entry(0, 1, 4, 0x02030000)
	entry(1, 2, 2, be.Uint32([]byte("N\x00\x00\x00")))
	return be.AppendUint32(b, 0)
}

// dressed wraps Go's plain JPEG in every kind of metadata segment, fill
// bytes, junk, a comment between the scan and EOI, and trailing data.
func dressed(t testing.TB) []byte {
	p := plain(t)
	body := p[2 : len(p)-2] // between SOI and EOI
	var b []byte
	b = append(b, 0xFF, 0xD8)
	b = append(b, seg(0xE0, []byte("JFIF\x00\x01\x02\x00\x00\x01\x00\x01\x01\x01"), []byte{1, 2, 3})...)
	b = append(b, seg(0xE1, gpsExif())...)
	b = append(b, seg(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta/>"))...)
	b = append(b, seg(0xE2, []byte("ICC_PROFILE\x00\x01\x02"), []byte("first half"))...)
	b = append(b, 0xFF, 0xFF, 0xFF) // fill bytes before the next marker
	b = append(b, seg(0xE2, []byte("ICC_PROFILE\x00\x02\x02"), []byte("second half"))...)
	b = append(b, seg(0xE2, []byte("MPF\x00MM\x00\x2a"))...)
	b = append(b, seg(0xED, []byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x00"))...)
	b = append(b, seg(0xFE, []byte("Photo of Amelia Hartley-Jones"))...)
	b = append(b, seg(0xE6, []byte("GoPro\x00secret"))...)
	b = append(b, seg(0xE1, []byte("FLIR\x00\x01\x00\x00FFF\x00"))...)
	b = append(b, "junk!"...) // bytes that are not a segment
	b = append(b, seg(0xEE, []byte("Adobe\x00\x64\x00\x00\x00\x00\x01"))...)
	b = append(b, body...)
	b = append(b, seg(0xFE, []byte("between scan and EOI"))...)
	b = append(b, seg(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00late"))...)
	b = append(b, 0xFF, 0xD9)
	b = append(b, "\xFF\xD8\xFF\xE0 a preview after the end"...)
	return b
}

// markers lists the markers of a JPEG up to SOS, with APPn identifiers.
func markers(t *testing.T, b []byte) []string {
	t.Helper()
	l, err := readHead(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range l.head {
		name := segName(s.marker)
		if isAPP(s.marker) {
			name += ":" + ident(b[s.payloadOff():s.end()])
		}
		out = append(out, name)
	}
	return out
}

func segName(m byte) string {
	switch {
	case isAPP(m):
		return fmt.Sprintf("APP%d", m-markAPP0)
	case m == 0xDB:
		return "DQT"
	case m == 0xC4:
		return "DHT"
	case m == 0xC0:
		return "SOF0"
	}
	return "other"
}

func TestClean(t *testing.T) {
	in := dressed(t)
	tests := []struct {
		name        string
		opt         metadata.CleanOptions
		wantMarkers []string
		wantKept    []string
	}{
		{
			name:        "default",
			wantMarkers: []string{"APP0:JFIF", "APP1:Exif", "APP2:ICC_PROFILE", "APP2:ICC_PROFILE", "APP14:Adobe", "DQT", "SOF0", "DHT"},
			wantKept:    []string{"ICC colour profile", "Orientation 6"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			res, err := Clean(bytes.NewReader(in), int64(len(in)), &out, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			got := out.Bytes()
			if d := cmp.Diff(tt.wantMarkers, markers(t, got)); d != "" {
				t.Errorf("markers (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.wantKept, res.Kept); d != "" {
				t.Errorf("kept (-want +got):\n%s", d)
			}
			removed := strings.Join(res.Removed, "; ")
			for _, w := range []string{"EXIF GPS (2 tags)", "JFIF thumbnail (3 bytes)", "XMP packet", "MPF preview index",
				"Photoshop/IPTC block", "2 comments", "APP6 GoPro segment", "FLIR camera data", "unknown bytes between segments (5 bytes)",
				"trailing data after the image (28 bytes)"} {
				if !strings.Contains(removed, w) {
					t.Errorf("removed %q lacks %q", removed, w)
				}
			}
			for _, secret := range []string{"Amelia", "secret", "Sny", "xmpmeta", "between scan", "late", "preview", "second half"} {
				if secret == "second half" {
					if !bytes.Contains(got, []byte(secret)) {
						t.Errorf("ICC profile lost")
					}
					continue
				}
				if bytes.Contains(got, []byte(secret)) {
					t.Errorf("clean copy still holds %q", secret)
				}
			}
			a, err := jpeg.Decode(bytes.NewReader(plain(t)))
			if err != nil {
				t.Fatal(err)
			}
			b, err := jpeg.Decode(bytes.NewReader(got))
			if err != nil {
				t.Fatalf("clean copy does not decode: %v", err)
			}
			if !reflect.DeepEqual(a, b) {
				t.Error("pixels differ")
			}
			f, err := Inspect(bytes.NewReader(got), int64(len(got)))
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Location)+len(f.Identity)+len(f.Texts) != 0 || f.Orientation != 6 {
				t.Errorf("Inspect of clean copy: %+v", f)
			}
		})
	}
}

func TestCleanKeepDate(t *testing.T) {
	in := append([]byte{0xFF, 0xD8}, seg(0xE1, []byte("Exif\x00\x00"), exif.Minimal(3, "2019:05:06 07:08:09"))...)
	in = append(in, plain(t)[2:]...)
	var out bytes.Buffer
	res, err := Clean(bytes.NewReader(in), int64(len(in)), &out, metadata.CleanOptions{KeepDate: true})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"Orientation 3", "capture date 2019:05:06 07:08:09"}, res.Kept); d != "" {
		t.Errorf("kept (-want +got):\n%s", d)
	}
	f, err := Inspect(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil || f.Date != "2019:05:06 07:08:09" || f.Orientation != 3 {
		t.Errorf("Inspect of clean copy: %+v, %v", f, err)
	}
	out.Reset()
	if _, err := Clean(bytes.NewReader(in), int64(len(in)), &out, metadata.CleanOptions{}); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out.Bytes(), []byte("2019:05:06")) {
		t.Error("date kept without KeepDate")
	}
}

func TestInspect(t *testing.T) {
	in := dressed(t)
	f, err := Inspect(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		t.Fatal(err)
	}
	want := metadata.Findings{
		Location: []metadata.Finding{{Group: "GPS", Tag: "GPSVersionID"}, {Group: "GPS", Tag: "GPSLatitudeRef"}},
		Identity: []metadata.Finding{
			{Group: "JFIF", Tag: "ThumbnailImage"}, {Group: "IFD0", Tag: "Make"}, {Group: "APP1", Tag: "XMP"},
			{Group: "MPF", Tag: "PreviewImage"}, {Group: "APP6", Tag: "GoPro"}, {Group: "FLIR", Tag: "CameraInfo"},
			{Group: "APP13", Tag: "Photoshop"}, {Group: "File", Tag: "TrailingData"},
		},
		Texts: []metadata.Text{
			{Where: "JPEG:Comment", Text: "Photo of Amelia Hartley-Jones"},
			{Where: "JPEG:Comment", Text: "between scan and EOI"},
		},
		Orientation: 6,
	}
	// The xmp and iptc packages may report more, or nothing while stubs.
	f.Identity = filter(f.Identity, want.Identity)
	if d := cmp.Diff(want.Location, f.Location); d != "" {
		t.Errorf("location (-want +got):\n%s", d)
	}
	if d := cmp.Diff(want.Texts, f.Texts); d != "" {
		t.Errorf("texts (-want +got):\n%s", d)
	}
	for _, id := range []metadata.Finding{{Group: "IFD0", Tag: "Make"}, {Group: "JFIF", Tag: "ThumbnailImage"},
		{Group: "MPF", Tag: "PreviewImage"}, {Group: "APP6", Tag: "GoPro"}, {Group: "File", Tag: "TrailingData"}} {
		if !hasFinding(f.Identity, id) {
			t.Errorf("identity %v lacks %v", f.Identity, id)
		}
	}
	if f.Orientation != 6 {
		t.Errorf("orientation %d, want 6", f.Orientation)
	}
}

func filter(got, allowed []metadata.Finding) []metadata.Finding {
	var out []metadata.Finding
	for _, g := range got {
		if hasFinding(allowed, g) {
			out = append(out, g)
		}
	}
	return out
}

func hasFinding(list []metadata.Finding, f metadata.Finding) bool {
	for _, g := range list {
		if g == f {
			return true
		}
	}
	return false
}

func next(n int) int {
	if n < 400 {
		return n + 1
	}
	return n + 7
}

// TestTruncated cuts the file at many lengths: each cut before EOI is
// ErrMalformed, none panics.
func TestTruncated(t *testing.T) {
	in := dressed(t)
	eoi := bytes.LastIndex(in, []byte{0xFF, 0xD9}) + 2
	// Every cut in the segments, then every 7th byte of the image data.
	for n := 0; n < eoi; n = next(n) {
		b := in[:n]
		if _, err := Clean(bytes.NewReader(b), int64(n), &bytes.Buffer{}, metadata.CleanOptions{}); !errors.Is(err, metadata.ErrMalformed) {
			t.Fatalf("Clean of %d bytes: got %v, want ErrMalformed", n, err)
		}
		if _, err := Inspect(bytes.NewReader(b), int64(n)); !errors.Is(err, metadata.ErrMalformed) {
			t.Fatalf("Inspect of %d bytes: got %v, want ErrMalformed", n, err)
		}
	}
}

func TestMalformed(t *testing.T) {
	p := plain(t)
	tests := map[string][]byte{
		"empty":            nil,
		"not a JPEG":       []byte("\x89PNG\r\n\x1a\n"),
		"EOI before image": {0xFF, 0xD8, 0xFF, 0xD9},
		"bad length":       append([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x01}, p[2:]...),
		"length past end":  {0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xF0, 0x00},
		"second SOI":       append([]byte{0xFF, 0xD8}, p...),
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := Clean(bytes.NewReader(b), int64(len(b)), &bytes.Buffer{}, metadata.CleanOptions{}); !errors.Is(err, metadata.ErrMalformed) {
				t.Errorf("Clean: got %v, want ErrMalformed", err)
			}
		})
	}
}

func FuzzClean(f *testing.F) {
	f.Add(dressed(f))
	f.Add(plain(f))
	f.Fuzz(func(t *testing.T, b []byte) {
		var out bytes.Buffer
		_, err := Clean(bytes.NewReader(b), int64(len(b)), &out, metadata.CleanOptions{KeepDate: true})
		if err != nil && !errors.Is(err, metadata.ErrMalformed) {
			t.Fatalf("Clean error is not ErrMalformed: %v", err)
		}
		if _, err := Inspect(bytes.NewReader(b), int64(len(b))); err != nil && !errors.Is(err, metadata.ErrMalformed) {
			t.Fatalf("Inspect error is not ErrMalformed: %v", err)
		}
		if err == nil {
			// A clean copy cleans to itself.
			var again bytes.Buffer
			if _, err := Clean(bytes.NewReader(out.Bytes()), int64(out.Len()), &again, metadata.CleanOptions{KeepDate: true}); err != nil {
				t.Fatalf("clean copy does not clean: %v", err)
			}
			if !bytes.Equal(out.Bytes(), again.Bytes()) {
				t.Fatalf("cleaning a clean copy changed it")
			}
		}
	})
}

// TestProgressive puts an XMP segment and a comment between the scans of a
// progressive JPEG (made by ImageMagick): Clean drops both, and the pixels
// stay the same.
func TestProgressive(t *testing.T) {
	orig, err := os.ReadFile("testdata/progressive.jpg")
	if err != nil {
		t.Fatal(err)
	}
	third := 0
	for i, n := 0, 0; i+1 < len(orig); i++ {
		if orig[i] == 0xFF && orig[i+1] == markSOS {
			if n++; n == 3 {
				third = i
				break
			}
		}
	}
	if third == 0 {
		t.Fatal("fixture has fewer than 3 scans")
	}
	var in []byte
	in = append(in, orig[:third]...)
	in = append(in, seg(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<secret-xmp/>"))...)
	in = append(in, seg(markCOM, []byte("secret comment"))...)
	in = append(in, orig[third:]...)
	f, err := Inspect(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]metadata.Text{{Where: "JPEG:Comment", Text: "secret comment"}}, f.Texts); d != "" {
		t.Errorf("texts (-want +got):\n%s", d)
	}
	var out bytes.Buffer
	res, err := Clean(bytes.NewReader(in), int64(len(in)), &out, metadata.CleanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out.Bytes(), []byte("secret")) {
		t.Errorf("clean copy keeps a segment between scans; removed %q", res.Removed)
	}
	samePixels(t, orig, out.Bytes())
	if !bytes.Equal(out.Bytes(), orig) {
		t.Errorf("clean copy differs from the file without the inserted segments")
	}
}

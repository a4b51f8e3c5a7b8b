package webp

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	xwebp "golang.org/x/image/webp"

	"photoconsent/app/metadata"
)

// rawChunk builds one RIFF chunk with its pad byte.
func rawChunk(fourCC string, data []byte) []byte {
	var b bytes.Buffer
	if err := writeChunk(&b, fourCC, data); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func riff(parts ...[]byte) []byte {
	body := append([]byte("WEBP"), bytes.Join(parts, nil)...)
	out := []byte("RIFF")
	out = binary.LittleEndian.AppendUint32(out, uint32(len(body)))
	return append(out, body...)
}

// fixture returns the chunks of testdata/riff.webp (exiftool's sample:
// VP8X, ALPH, VP8, EXIF, XMP) by FourCC.
func fixture(t testing.TB) map[string][]byte {
	t.Helper()
	b, err := os.ReadFile("testdata/riff.webp")
	if err != nil {
		t.Fatal(err)
	}
	cs, _, err := chunks(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, c := range cs {
		m[c.fourCC] = b[c.off : c.off+c.span()]
	}
	return m
}

// vp8x builds a VP8X chunk with the given flags for a 1x1 canvas.
func vp8x(flags byte) []byte {
	return rawChunk("VP8X", []byte{flags, 0, 0, 0, 0, 0, 0, 0, 0, 0})
}

type fakeEXIF struct{ got [][]byte }

func (f *fakeEXIF) inspect(b []byte) (metadata.Findings, error) {
	f.got = append(f.got, append([]byte(nil), b...))
	return metadata.Findings{Location: []metadata.Finding{{Group: "GPS", Tag: "GPSLatitude"}}, Orientation: 6, Date: "2024:05:01 10:11:12"}, nil
}

func withFakes(t *testing.T) *fakeEXIF {
	f := &fakeEXIF{}
	oldI, oldM := inspectEXIF, minimalEXIF
	inspectEXIF = f.inspect
	minimalEXIF = func(o int, d string) []byte {
		if o == 0 && d == "" {
			return nil
		}
		return []byte(fmt.Sprintf("MINIMAL %d %s", o, d))
	}
	t.Cleanup(func() { inspectEXIF, minimalEXIF = oldI, oldM })
	return f
}

const xmpGPS = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30N"/></rdf:RDF></x:xmpmeta>`

func TestInspect(t *testing.T) {
	fake := withFakes(t)
	fx := fixture(t)
	file := riff(vp8x(flagAlpha|flagEXIF|flagXMP), fx["ALPH"], fx["VP8 "],
		rawChunk("EXIF", []byte("Exif\x00\x00MM\x00*odd")), rawChunk("XMP ", []byte(xmpGPS)))
	f, err := Inspect(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]byte{[]byte("MM\x00*odd")}, fake.got); diff != "" {
		t.Errorf("EXIF handed on (-want +got):\n%s", diff)
	}
	var got []string
	for _, l := range f.Location {
		got = append(got, l.String())
	}
	if diff := cmp.Diff([]string{"GPS:GPSLatitude", "XMP-exif:GPSLatitude"}, got); diff != "" {
		t.Errorf("location (-want +got):\n%s", diff)
	}
}

func TestClean(t *testing.T) {
	fx := fixture(t)
	iccp := rawChunk("ICCP", bytes.Repeat([]byte{9}, 101))
	exifChunk := rawChunk("EXIF", []byte("MM\x00*gps!"))
	xmpChunk := rawChunk("XMP ", []byte(xmpGPS))
	tests := []struct {
		name      string
		in        []byte
		keepDate  bool
		wantTypes []string
		wantFlags byte
		wantEXIF  string
		wantKept  []string
	}{
		{
			name:      "extended with orientation",
			in:        riff(vp8x(flagICC|flagAlpha|flagEXIF|flagXMP), iccp, fx["ALPH"], fx["VP8 "], exifChunk, xmpChunk, rawChunk("ZZZZ", []byte("x"))),
			wantTypes: []string{"VP8X", "ICCP", "ALPH", "VP8 ", "EXIF"},
			wantFlags: flagICC | flagAlpha | flagEXIF,
			wantEXIF:  "MINIMAL 6 ",
			wantKept:  []string{"ICC colour profile", "Orientation 6"},
		},
		{
			name:      "keep date",
			in:        riff(vp8x(flagAlpha|flagEXIF), fx["ALPH"], fx["VP8 "], exifChunk),
			keepDate:  true,
			wantTypes: []string{"VP8X", "ALPH", "VP8 ", "EXIF"},
			wantFlags: flagAlpha | flagEXIF,
			wantEXIF:  "MINIMAL 6 2024:05:01 10:11:12",
			wantKept:  []string{"Orientation 6", "Date 2024:05:01 10:11:12"},
		},
		{
			name:      "extended, XMP only",
			in:        riff(vp8x(flagAlpha|flagXMP), fx["ALPH"], fx["VP8 "], xmpChunk),
			wantTypes: []string{"VP8X", "ALPH", "VP8 "},
			wantFlags: flagAlpha,
		},
		{
			name:      "simple with trailing junk",
			in:        append(riff(fx["VP8 "]), "trailing"...),
			wantTypes: []string{"VP8 "},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			withFakes(t)
			var out bytes.Buffer
			res, err := Clean(bytes.NewReader(tt.in), int64(len(tt.in)), &out, metadata.CleanOptions{KeepDate: tt.keepDate})
			if err != nil {
				t.Fatal(err)
			}
			b := out.Bytes()
			cs, trailing, err := chunks(bytes.NewReader(b), int64(len(b)))
			if err != nil || trailing != 0 {
				t.Fatalf("clean copy does not walk: %v, %d trailing bytes", err, trailing)
			}
			var types []string
			for _, c := range cs {
				types = append(types, c.fourCC)
				data := b[c.off+8 : c.off+8+int64(c.size)]
				switch c.fourCC {
				case "VP8X":
					if data[0] != tt.wantFlags {
						t.Errorf("VP8X flags %#x, want %#x", data[0], tt.wantFlags)
					}
				case "EXIF":
					if string(data) != tt.wantEXIF {
						t.Errorf("EXIF = %q, want %q", data, tt.wantEXIF)
					}
				default:
					if !bytes.Contains(tt.in, b[c.off:c.off+c.span()]) {
						t.Errorf("%q chunk changed", c.fourCC)
					}
				}
			}
			if diff := cmp.Diff(tt.wantTypes, types); diff != "" {
				t.Errorf("chunks (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantKept, res.Kept); diff != "" {
				t.Errorf("kept (-want +got):\n%s", diff)
			}
			samePixels(t, tt.in, b)
		})
	}
}

func samePixels(t *testing.T, a, b []byte) {
	t.Helper()
	ia, err := xwebp.Decode(bytes.NewReader(a))
	if err != nil {
		t.Logf("original does not decode (%v); pixels not compared", err)
		return
	}
	ib, err := xwebp.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("clean copy does not decode: %v", err)
	}
	if !equalImages(ia, ib) {
		t.Fatal("pixels differ")
	}
}

func equalImages(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

func TestMalformed(t *testing.T) {
	fx := fixture(t)
	good := riff(vp8x(flagAlpha), fx["ALPH"], fx["VP8 "])
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"not webp", []byte("RIFF\x04\x00\x00\x00WAVE")},
		{"truncated", good[:len(good)-5]},
		{"chunk past end", riff([]byte("VP8 \xff\x00\x00\x00"))},
		{"no chunks", riff()},
		{"starts with EXIF", riff(rawChunk("EXIF", []byte("x")))},
		{"short VP8X", riff(rawChunk("VP8X", []byte{0}))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Clean(bytes.NewReader(tt.in), int64(len(tt.in)), &bytes.Buffer{}, metadata.CleanOptions{})
			if !errors.Is(err, metadata.ErrMalformed) {
				t.Errorf("Clean err = %v, want ErrMalformed", err)
			}
		})
	}
}

func FuzzClean(f *testing.F) {
	fx := fixture(f)
	f.Add(riff(vp8x(flagICC|flagAlpha|flagEXIF|flagXMP), rawChunk("ICCP", []byte("abc")), fx["ALPH"], fx["VP8 "],
		rawChunk("EXIF", []byte("II*\x00\x08\x00\x00\x00\x00\x00")), rawChunk("XMP ", []byte(xmpGPS))))
	if b, err := os.ReadFile("testdata/riff.webp"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, ierr := Inspect(bytes.NewReader(b), int64(len(b)))
		var out bytes.Buffer
		_, cerr := Clean(bytes.NewReader(b), int64(len(b)), &out, metadata.CleanOptions{KeepDate: true})
		if cerr == nil && ierr != nil {
			t.Fatalf("Inspect err %v, Clean fine", ierr)
		}
		if cerr != nil {
			if !errors.Is(cerr, metadata.ErrMalformed) {
				t.Fatalf("error does not wrap ErrMalformed: %v", cerr)
			}
			return
		}
		if _, trailing, err := chunks(bytes.NewReader(out.Bytes()), int64(out.Len())); err != nil || trailing != 0 {
			t.Fatalf("clean copy does not walk: %v, %d trailing", err, trailing)
		}
	})
}

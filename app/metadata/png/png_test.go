package png

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	stdpng "image/png"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/metadata"
)

// raw builds one chunk with its CRC.
func raw(typ string, data []byte) []byte {
	var b bytes.Buffer
	if err := writeChunk(&b, typ, data); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func zlibBytes(b []byte) []byte {
	var out bytes.Buffer
	zw := zlib.NewWriter(&out)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

// picture is a small image with every pixel different.
func picture() image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, 7, 5))
	for y := 0; y < 5; y++ {
		for x := 0; x < 7; x++ {
			img.Set(x, y, color.NRGBA{uint8(x * 30), uint8(y * 50), uint8(x * y), 200})
		}
	}
	return img
}

// split returns a PNG's chunks as raw byte slices.
func split(t testing.TB, b []byte) [][]byte {
	t.Helper()
	var out [][]byte
	for off := 8; off+12 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[off:]))
		out = append(out, b[off:off+12+n])
		off += 12 + n
	}
	return out
}

func types(cs [][]byte) []string {
	var out []string
	for _, c := range cs {
		out = append(out, string(c[4:8]))
	}
	return out
}

// build encodes picture() and puts extra chunks after IHDR (before) and
// after the image data (after).
func build(t testing.TB, before, after [][]byte) []byte {
	t.Helper()
	var enc bytes.Buffer
	if err := stdpng.Encode(&enc, picture()); err != nil {
		t.Fatal(err)
	}
	cs := split(t, enc.Bytes())
	out := []byte(signature)
	out = append(out, cs[0]...)
	for _, c := range before {
		out = append(out, c...)
	}
	for _, c := range cs[1 : len(cs)-1] {
		out = append(out, c...)
	}
	for _, c := range after {
		out = append(out, c...)
	}
	return append(out, cs[len(cs)-1]...)
}

const xmpGPS = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30N"/></rdf:RDF></x:xmpmeta>`

const xmpCity = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="Leeds"/></rdf:RDF></x:xmpmeta>`

func itxt(key string, compressed bool, value []byte) []byte {
	b := append([]byte(key), 0)
	if compressed {
		b = append(b, 1, 0)
		value = zlibBytes(value)
	} else {
		b = append(b, 0, 0)
	}
	b = append(b, "en\x00\x00"...)
	return append(b, value...)
}

func rawProfileText(name string, payload []byte) []byte {
	h := hex.EncodeToString(payload)
	var b bytes.Buffer
	fmt.Fprintf(&b, "\n%s\n%8d\n", name, len(payload))
	for len(h) > 72 {
		b.WriteString(h[:72] + "\n")
		h = h[72:]
	}
	b.WriteString(h + "\n")
	return b.Bytes()
}

// fakeEXIF stands in for the exif package, recording what it is handed.
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

func sorted(fs []metadata.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.String())
	}
	sort.Strings(out)
	return out
}

func TestInspect(t *testing.T) {
	fake := withFakes(t)
	iim := []byte{0x1C, 2, 90, 0, 5, 'L', 'e', 'e', 'd', 's'}
	file := build(t,
		[][]byte{
			raw("tEXt", []byte("Author\x00Zo\xeb Smith")),
			raw("zTXt", append([]byte("Comment\x00\x00"), zlibBytes([]byte("Amelia Hartley-Jones"))...)),
			raw("iTXt", itxt("XML:com.adobe.xmp", false, []byte(xmpGPS))),
			raw("zTXt", append([]byte("Raw profile type iptc\x00\x00"), zlibBytes(rawProfileText("iptc", iim))...)),
			raw("tIME", []byte{0x07, 0xE8, 1, 2, 3, 4, 5}),
			raw("iTXt", itxt("Title", true, []byte("Ben Ó Briain"))),
			raw("tEXt", append([]byte("Raw profile type APP1\x00"), rawProfileText("APP1", []byte("http://ns.adobe.com/xap/1.0/\x00"+xmpCity))...)),
		},
		[][]byte{raw("eXIf", []byte("Exif\x00\x00MM\x00*after idat"))})
	f, err := Inspect(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]byte{[]byte("MM\x00*after idat")}, fake.got); diff != "" {
		t.Errorf("EXIF handed on (-want +got):\n%s", diff)
	}
	wantLoc := []string{"GPS:GPSLatitude", "IPTC:City", "XMP-exif:GPSLatitude", "XMP-photoshop:City"}
	if diff := cmp.Diff(wantLoc, sorted(f.Location)); diff != "" {
		t.Errorf("location (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"PNG:Author"}, sorted(f.Identity)); diff != "" {
		t.Errorf("identity (-want +got):\n%s", diff)
	}
	wantTexts := []metadata.Text{
		{Where: "PNG:tEXt Author", Text: "Zoë Smith"},
		{Where: "PNG:zTXt Comment", Text: "Amelia Hartley-Jones"},
		{Where: "PNG:iTXt Title", Text: "Ben Ó Briain"},
	}
	if diff := cmp.Diff(wantTexts, f.Texts); diff != "" {
		t.Errorf("texts (-want +got):\n%s", diff)
	}
	if f.Orientation != 6 || f.Date != "2024:05:01 10:11:12" {
		t.Errorf("orientation, date = %d, %q", f.Orientation, f.Date)
	}
}

func TestClean(t *testing.T) {
	iccp := raw("iCCP", append([]byte("sRGB profile\x00\x00"), zlibBytes(bytes.Repeat([]byte{7}, 200))...))
	gama := raw("gAMA", []byte{0, 0, 0xB1, 0x8F})
	text := raw("tEXt", []byte("Comment\x00Amelia"))
	xmpChunk := raw("iTXt", itxt("XML:com.adobe.xmp", false, []byte(xmpGPS)))
	exifChunk := raw("eXIf", []byte("MM\x00*gps"))
	private := raw("prVt", []byte("secret"))
	tests := []struct {
		name      string
		before    [][]byte
		after     [][]byte
		keepDate  bool
		wantTypes []string
		wantEXIF  string
		wantKept  []string
	}{
		{
			name:      "orientation needs a fresh eXIf",
			before:    [][]byte{iccp, gama, text, xmpChunk, private},
			after:     [][]byte{exifChunk},
			wantTypes: []string{"IHDR", "iCCP", "gAMA", "eXIf", "IDAT", "IEND"},
			wantEXIF:  "MINIMAL 6 ",
			wantKept:  []string{"ICC colour profile", "Orientation 6"},
		},
		{
			name:      "keep date",
			after:     [][]byte{exifChunk},
			keepDate:  true,
			wantTypes: []string{"IHDR", "eXIf", "IDAT", "IEND"},
			wantEXIF:  "MINIMAL 6 2024:05:01 10:11:12",
			wantKept:  []string{"Orientation 6", "Date 2024:05:01 10:11:12"},
		},
		{
			name: "APNG and colour chunks kept",
			before: [][]byte{raw("acTL", []byte{0, 0, 0, 2, 0, 0, 0, 0}), raw("fcTL", make([]byte, 26)),
				raw("sBIT", []byte{8, 8, 8, 8}), raw("pHYs", make([]byte, 9))},
			after:     [][]byte{raw("fcTL", make([]byte, 26)), raw("fdAT", []byte{0, 0, 0, 2, 1, 2, 3})},
			wantTypes: []string{"IHDR", "acTL", "fcTL", "sBIT", "pHYs", "IDAT", "fcTL", "fdAT", "IEND"},
		},
		{
			name:      "no orientation, nothing added",
			before:    [][]byte{text, raw("tIME", []byte{0x07, 0xE8, 1, 2, 3, 4, 5})},
			keepDate:  true,
			wantTypes: []string{"IHDR", "IDAT", "IEND"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			withFakes(t)
			in := build(t, tt.before, tt.after)
			var out bytes.Buffer
			res, err := Clean(bytes.NewReader(in), int64(len(in)), &out, metadata.CleanOptions{KeepDate: tt.keepDate})
			if err != nil {
				t.Fatal(err)
			}
			cs := split(t, out.Bytes())
			if diff := cmp.Diff(tt.wantTypes, types(cs)); diff != "" {
				t.Errorf("chunks (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantKept, res.Kept); diff != "" {
				t.Errorf("kept (-want +got):\n%s", diff)
			}
			// Every kept chunk is byte-identical to the original's.
			for _, c := range cs {
				if string(c[4:8]) == "eXIf" {
					if got := string(c[8 : len(c)-4]); got != tt.wantEXIF {
						t.Errorf("eXIf = %q, want %q", got, tt.wantEXIF)
					}
					continue
				}
				if !bytes.Contains(in, c) {
					t.Errorf("%s chunk changed", c[4:8])
				}
			}
			if _, _, err := chunks(bytes.NewReader(out.Bytes()), int64(out.Len()), true); err != nil {
				t.Errorf("output does not walk: %v", err)
			}
			samePixels(t, in, out.Bytes())
		})
	}
}

func samePixels(t *testing.T, a, b []byte) {
	t.Helper()
	ia, err := stdpng.Decode(bytes.NewReader(a))
	if err != nil {
		t.Skipf("original does not decode: %v", err)
	}
	ib, err := stdpng.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("clean copy does not decode: %v", err)
	}
	if ia.Bounds() != ib.Bounds() {
		t.Fatalf("bounds %v, want %v", ib.Bounds(), ia.Bounds())
	}
	for y := ia.Bounds().Min.Y; y < ia.Bounds().Max.Y; y++ {
		for x := ia.Bounds().Min.X; x < ia.Bounds().Max.X; x++ {
			if ia.At(x, y) != ib.At(x, y) {
				t.Fatalf("pixel %d,%d = %v, want %v", x, y, ib.At(x, y), ia.At(x, y))
			}
		}
	}
}

func TestMalformed(t *testing.T) {
	good := build(t, [][]byte{raw("tEXt", []byte("Comment\x00hi"))}, nil)
	noIEND := good[:len(good)-12]
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"not a png", []byte("GIF89a.........")},
		{"truncated", good[:len(good)-30]},
		{"no IEND", noIEND},
		{"huge length", append([]byte(signature), 0xFF, 0xFF, 0xFF, 0xFF, 'I', 'H', 'D', 'R', 0, 0, 0, 0)},
		{"IHDR not first", append([]byte(signature), raw("IEND", nil)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Inspect(bytes.NewReader(tt.in), int64(len(tt.in)))
			if !errors.Is(err, metadata.ErrMalformed) {
				t.Errorf("Inspect err = %v, want ErrMalformed", err)
			}
			_, err = Clean(bytes.NewReader(tt.in), int64(len(tt.in)), &bytes.Buffer{}, metadata.CleanOptions{})
			if !errors.Is(err, metadata.ErrMalformed) {
				t.Errorf("Clean err = %v, want ErrMalformed", err)
			}
		})
	}
}

func TestBadCRC(t *testing.T) {
	in := build(t, [][]byte{raw("tEXt", []byte("Comment\x00hi"))}, nil)
	in[len(signature)+25+15] ^= 0xFF // inside the tEXt chunk after IHDR
	if _, err := Inspect(bytes.NewReader(in), int64(len(in))); err != nil {
		t.Errorf("Inspect err = %v, want findings despite the CRC", err)
	}
	_, err := Clean(bytes.NewReader(in), int64(len(in)), &bytes.Buffer{}, metadata.CleanOptions{})
	if !errors.Is(err, metadata.ErrMalformed) {
		t.Errorf("Clean err = %v, want ErrMalformed", err)
	}
}

func TestCompressionBomb(t *testing.T) {
	bomb := zlibBytes(make([]byte, metadata.MaxPayload+10))
	in := build(t, [][]byte{raw("zTXt", append([]byte("Comment\x00\x00"), bomb...))}, nil)
	f, err := Inspect(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Texts) != 0 {
		t.Errorf("texts = %v, want none from an over-cap chunk", f.Texts)
	}
}

func FuzzInspect(f *testing.F) {
	var enc bytes.Buffer
	if err := stdpng.Encode(&enc, picture()); err != nil {
		f.Fatal(err)
	}
	f.Add(enc.Bytes())
	f.Add(build(f, [][]byte{
		raw("iTXt", itxt("XML:com.adobe.xmp", true, []byte(xmpGPS))),
		raw("zTXt", append([]byte("Raw profile type exif\x00\x00"), zlibBytes(rawProfileText("exif", []byte("Exif\x00\x00II*\x00\x08\x00\x00\x00")))...)),
	}, [][]byte{raw("eXIf", []byte("II*\x00\x08\x00\x00\x00\x00\x00"))}))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, ierr := Inspect(bytes.NewReader(b), int64(len(b)))
		var out bytes.Buffer
		_, cerr := Clean(bytes.NewReader(b), int64(len(b)), &out, metadata.CleanOptions{KeepDate: true})
		if cerr == nil && ierr != nil {
			t.Fatalf("Inspect err %v, Clean err %v", ierr, cerr)
		}
		if cerr != nil {
			if !errors.Is(cerr, metadata.ErrMalformed) {
				t.Fatalf("error does not wrap ErrMalformed: %v", cerr)
			}
			return
		}
		if _, _, err := chunks(bytes.NewReader(out.Bytes()), int64(out.Len()), true); err != nil {
			t.Fatalf("clean copy does not walk: %v", err)
		}
	})
}

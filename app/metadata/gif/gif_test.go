package gif

import (
	"bytes"
	"errors"
	"image"
	"image/color/palette"
	stdgif "image/gif"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/metadata"
)

// animation encodes two frames with a loop count (a NETSCAPE2.0 block).
func animation(t testing.TB) []byte {
	t.Helper()
	g := &stdgif.GIF{LoopCount: 3}
	for i := 0; i < 2; i++ {
		img := image.NewPaletted(image.Rect(0, 0, 6, 4), palette.Plan9)
		for y := 0; y < 4; y++ {
			for x := 0; x < 6; x++ {
				img.SetColorIndex(x, y, uint8(x*40+y*7+i*3))
			}
		}
		g.Image = append(g.Image, img)
		g.Delay = append(g.Delay, 10)
	}
	var b bytes.Buffer
	if err := stdgif.EncodeAll(&b, g); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// subBlocksOf splits data into GIF sub-blocks with the terminator.
func subBlocksOf(data []byte) []byte {
	var out []byte
	for len(data) > 0 {
		n := min(len(data), 255)
		out = append(out, byte(n))
		out = append(out, data[:n]...)
		data = data[n:]
	}
	return append(out, 0)
}

func comment(s string) []byte { return append([]byte{0x21, 0xFE}, subBlocksOf([]byte(s))...) }

func app(id string, data []byte) []byte {
	return append(append([]byte{0x21, 0xFF, 11}, id...), subBlocksOf(data)...)
}

// xmpApp stores a packet the way XMP's GIF spec does: raw, then the
// 258-byte magic trailer that makes it parse as sub-blocks.
func xmpApp(packet string) []byte {
	b := append([]byte{0x21, 0xFF, 11}, "XMP DataXMP"...)
	b = append(b, packet...)
	b = append(b, 1)
	for i := 255; i >= 0; i-- {
		b = append(b, byte(i))
	}
	return append(b, 0)
}

// headerEnd is where the blocks start after the screen descriptor and
// the global colour table of animation()'s output (it has none).
func headerEnd(g []byte) int {
	n := 13
	if g[10]&0x80 != 0 {
		n += 3 << (1 + g[10]&7)
	}
	return n
}

// insert puts blocks right after the header.
func insert(g []byte, blocks ...[]byte) []byte {
	n := headerEnd(g)
	out := append([]byte(nil), g[:n]...)
	for _, b := range blocks {
		out = append(out, b...)
	}
	return append(out, g[n:]...)
}

const xmpGPS = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30N"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`

func TestInspectAndClean(t *testing.T) {
	plain := animation(t)
	iim := []byte{0x1C, 2, 90, 0, 5, 'L', 'e', 'e', 'd', 's'}
	icc := app("ICCRGBG1012", bytes.Repeat([]byte{5}, 300))
	in := insert(plain, comment("Amelia Hartley-Jones"), xmpApp(xmpGPS), icc,
		app("MGKIPTC0000", iim), app("SOMEAPP1.00", []byte("owner")), comment("Zo\xeb"))
	in = append(in, "trailing"...)

	f, err := Inspect(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		t.Fatal(err)
	}
	var loc []string
	for _, l := range f.Location {
		loc = append(loc, l.String())
	}
	if diff := cmp.Diff([]string{"XMP-exif:GPSLatitude", "IPTC:City"}, loc); diff != "" {
		t.Errorf("location (-want +got):\n%s", diff)
	}
	want := []metadata.Text{{Where: "GIF:Comment", Text: "Amelia Hartley-Jones"}, {Where: "GIF:Comment", Text: "Zoë"}}
	if diff := cmp.Diff(want, f.Texts); diff != "" {
		t.Errorf("texts (-want +got):\n%s", diff)
	}

	var out bytes.Buffer
	res, err := Clean(bytes.NewReader(in), int64(len(in)), &out, metadata.CleanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := insert(plain, icc); !bytes.Equal(out.Bytes(), want) {
		t.Errorf("clean copy is not the original plus the ICC block:\n got %q\nwant %q", out.Bytes(), want)
	}
	if len(res.Removed) != 6 || len(res.Kept) != 1 {
		t.Errorf("result %+v", res)
	}
	a, err := stdgif.DecodeAll(bytes.NewReader(plain))
	if err != nil {
		t.Fatal(err)
	}
	b, err := stdgif.DecodeAll(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatalf("clean copy does not decode: %v", err)
	}
	if len(a.Image) != len(b.Image) || a.LoopCount != b.LoopCount {
		t.Fatalf("frames %d loop %d, want %d loop %d", len(b.Image), b.LoopCount, len(a.Image), a.LoopCount)
	}
	for i := range a.Image {
		if !bytes.Equal(a.Image[i].Pix, b.Image[i].Pix) || a.Delay[i] != b.Delay[i] {
			t.Errorf("frame %d differs", i)
		}
	}
}

func TestPlainTextKept(t *testing.T) {
	plain := animation(t)
	grid := []byte{12, 0, 0, 0, 0, 6, 0, 4, 0, 1, 1, 0, 1}
	pt := append([]byte{0x21, 0x01}, grid...)
	pt = append(pt, subBlocksOf([]byte("Hello Ben"))...)
	in := insert(plain, pt)
	f, err := Inspect(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]metadata.Text{{Where: "GIF:PlainText", Text: "Hello Ben"}}, f.Texts); diff != "" {
		t.Errorf("texts (-want +got):\n%s", diff)
	}
	var out bytes.Buffer
	if _, err := Clean(bytes.NewReader(in), int64(len(in)), &out, metadata.CleanOptions{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), in) {
		t.Error("plain text block not kept")
	}
}

func TestMalformed(t *testing.T) {
	g := animation(t)
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"not a gif", []byte("\x89PNG\r\n\x1a\n.....")},
		{"no trailer", g[:len(g)-1]},
		{"cut in image data", g[:len(g)-10]},
		{"bad block", insert(g, []byte{0x99})},
		{"colour table cut", []byte("GIF89a\x01\x00\x01\x00\x87\x00\x00abc")},
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

func FuzzClean(f *testing.F) {
	g := animation(f)
	f.Add(g)
	f.Add(insert(g, comment("hi"), xmpApp(xmpGPS), app("MGK8BIM0000", []byte("8BIM\x04\x04\x00\x00\x00\x00\x00\x00"))))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, ierr := Inspect(bytes.NewReader(b), int64(len(b)))
		var out bytes.Buffer
		_, cerr := Clean(bytes.NewReader(b), int64(len(b)), &out, metadata.CleanOptions{})
		if (ierr == nil) != (cerr == nil) {
			t.Fatalf("Inspect err %v, Clean err %v", ierr, cerr)
		}
		if cerr != nil {
			if !errors.Is(cerr, metadata.ErrMalformed) {
				t.Fatalf("error does not wrap ErrMalformed: %v", cerr)
			}
			return
		}
		if _, trailing, err := blocks(bytes.NewReader(out.Bytes()), int64(out.Len())); err != nil || trailing != 0 {
			t.Fatalf("clean copy does not walk: %v, %d trailing", err, trailing)
		}
	})
}

package bmff

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/metadata"
)

// bx builds a box from a type and its body parts.
func bx(typ string, parts ...[]byte) []byte {
	body := bytes.Join(parts, nil)
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
	return append(append(b, typ...), body...)
}

// full builds a FullBox.
func full(typ string, version byte, parts ...[]byte) []byte {
	return bx(typ, append([][]byte{{version, 0, 0, 0}}, parts...)...)
}

func u16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }
func u32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }
func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

// qtText is a QuickTime udta international text item body.
func qtText(s string) []byte { return append(append(u16(uint16(len(s))), 0x15, 0xc7), s...) }

func ftyp(brand string) []byte { return bx("ftyp", []byte(brand), u32(0), []byte(brand+"isom")) }

// mdatBytes is recognisable media data.
var mdatBytes = bytes.Repeat([]byte("MEDIA"), 50)

// movie builds ftyp, a moov holding extra, and an mdat.
func movie(extra ...[]byte) []byte {
	mvhd := full("mvhd", 0, u32(3600), u32(3700), make([]byte, 88))
	trak := bx("trak",
		full("tkhd", 0, u32(3600), u32(3700), make([]byte, 28), u32(0x10000), make([]byte, 12), u32(0x10000), make([]byte, 20)),
		bx("mdia", full("mdhd", 0, u32(3600), u32(3700), make([]byte, 12)),
			full("hdlr", 0, u32(0), []byte("vide"), make([]byte, 13)),
			bx("minf", bx("stbl", full("stsd", 0, u32(1), bx("avc1", make([]byte, 8)))))))
	moov := bx("moov", append([][]byte{mvhd, trak}, extra...)...)
	return bytes.Join([][]byte{ftyp("isom"), moov, bx("mdat", mdatBytes)}, nil)
}

func keysMeta(pairs ...string) []byte {
	var keys, items [][]byte
	for i := 0; i+1 < len(pairs); i += 2 {
		keys = append(keys, append(append(u32(uint32(8+len(pairs[i]))), "mdta"...), pairs[i]...))
		items = append(items, bx(string(u32(uint32(i/2+1))), bx("data", u32(1), u32(0), []byte(pairs[i+1]))))
	}
	return bx("meta",
		full("hdlr", 0, u32(0), []byte("mdta"), make([]byte, 13)),
		full("keys", 0, append([][]byte{u32(uint32(len(keys)))}, keys...)...),
		bx("ilst", items...))
}

var xmpPacket = []byte(`<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.0N" exif:GPSLongitude="0,7.0W"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`)

func TestInspectMovies(t *testing.T) {
	xmpUUID := bx("uuid", uuidXMP[:], xmpPacket)
	tests := []struct {
		name     string
		file     []byte
		location []string
		identity []string
		texts    []string
	}{
		{"udta ©xyz", movie(bx("udta", bx("\xa9xyz", qtText("+51.5000-000.1200/")))), []string{"UserData:GPSCoordinates"}, nil, nil},
		{"udta loci", movie(bx("udta", full("loci", 0, u16(0x15c7), []byte("School\x00"), make([]byte, 13)))), []string{"UserData:LocationInformation"}, nil, nil},
		{"udta make and title", movie(bx("udta", bx("\xa9mak", qtText("Apple")), bx("\xa9nam", qtText("Amelia Hartley")))),
			nil, []string{"UserData:Make"}, []string{"UserData:Title=Amelia Hartley"}},
		{"keys ISO6709", movie(keysMeta("com.apple.quicktime.location.ISO6709", "+51.5000-000.1200/", "com.apple.quicktime.model", "iPhone", "com.apple.quicktime.description", "Sports day")),
			[]string{"Keys:GPSCoordinates"}, []string{"Keys:Model"}, []string{"Keys:Description=Sports day"}},
		{"keys location name", movie(keysMeta("com.apple.quicktime.location.name", "Field")), []string{"Keys:LocationName"}, nil, nil},
		{"keys in udta", movie(bx("udta", keysMeta("com.apple.quicktime.location.ISO6709", "+51.5-000.1/"))), []string{"Keys:GPSCoordinates"}, nil, nil},
		{"ilst ©nam in udta meta", movie(bx("udta", full("meta", 0, full("hdlr", 0, u32(0), []byte("mdir"), make([]byte, 13)), bx("ilst", bx("\xa9nam", bx("data", u32(1), u32(0), []byte("Zoë"))))))),
			nil, nil, []string{"ItemList:Title=Zoë"}},
		{"XMP uuid at top", append(movie(), xmpUUID...), []string{"XMP-exif:GPSLatitude", "XMP-exif:GPSLongitude"}, nil, nil},
		{"XMP_ in udta", movie(bx("udta", bx("XMP_", xmpPacket))), []string{"XMP-exif:GPSLatitude", "XMP-exif:GPSLongitude"}, nil, nil},
		{"nothing", movie(), nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Inspect(bytes.NewReader(tt.file), int64(len(tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.location, names(f.Location)); diff != "" {
				t.Errorf("location (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.identity, names(f.Identity)); diff != "" {
				t.Errorf("identity (-want +got):\n%s", diff)
			}
			var texts []string
			for _, x := range f.Texts {
				texts = append(texts, x.Where+"="+x.Text)
			}
			if diff := cmp.Diff(tt.texts, texts); diff != "" {
				t.Errorf("texts (-want +got):\n%s", diff)
			}
			var out bytes.Buffer
			if _, err := Clean(bytes.NewReader(tt.file), int64(len(tt.file)), &out, metadata.CleanOptions{}); err != nil {
				t.Fatal(err)
			}
			checkClean(t, tt.file, out.Bytes())
			if bytes.Contains(out.Bytes(), []byte("51.5")) || bytes.Contains(out.Bytes(), []byte("Hartley")) {
				t.Error("cleaned copy still holds the values")
			}
		})
	}
}

func names(fs []metadata.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.String())
	}
	return out
}

// gpmdTrak is a GoPro GPMF track whose first sample, size n, is at off.
func gpmdTrak(off, n uint32) []byte {
	return bx("trak",
		full("tkhd", 0, make([]byte, 80)),
		bx("mdia", full("hdlr", 0, u32(0), []byte("meta"), make([]byte, 13)),
			bx("minf", bx("stbl", full("stsd", 0, u32(1), bx("gpmd", make([]byte, 8))),
				full("stsz", 0, u32(0), u32(1), u32(n)),
				full("stco", 0, u32(1), u32(off))))))
}

// goPro builds a movie with a GPMF track whose sample holds sample.
func goPro(sample []byte) []byte {
	trak := gpmdTrak(0, 0)
	file := movie(trak)
	off := len(file) + 8
	return append(movie(gpmdTrak(uint32(off), uint32(len(sample)))), bx("mdat", sample)...)
}

func TestGoProTrack(t *testing.T) {
	for _, tt := range []struct {
		name   string
		sample []byte
		want   int
	}{
		{"with GPS5", []byte("DEVC\x01\x02\x00\x10GPS5\x6c\x14\x00\x01"), 2},
		{"without GPS", []byte("DEVC\x01\x02\x00\x10ACCL\x73\x06\x00\x01"), 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			file := goPro(tt.sample)
			f, err := Inspect(bytes.NewReader(file), int64(len(file)))
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Location) != tt.want {
				t.Errorf("location %v, want %d findings", f.Location, tt.want)
			}
		})
	}
}

func TestGoProTrackKept(t *testing.T) {
	file := goPro([]byte("GPS5"))
	var out bytes.Buffer
	res, err := Clean(bytes.NewReader(file), int64(len(file)), &out, metadata.CleanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkClean(t, file, out.Bytes())
	f, err := Inspect(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	want := []metadata.Finding{
		{Group: "QuickTime-timed-track", Tag: "GPSLatitude", Unremovable: true},
		{Group: "QuickTime-timed-track", Tag: "GPSLongitude", Unremovable: true},
	}
	if diff := cmp.Diff(want, f.Location); diff != "" {
		t.Errorf("location (-want +got):\n%s", diff)
	}
	if !strings.Contains(strings.Join(res.Kept, "|"), "GoPro GPMF): not removed") {
		t.Errorf("kept %q: want the GPMF track named", res.Kept)
	}
}

// heifFile builds a HEIF image whose Exif item and XMP item live in the
// mdat (iloc version ilocV, construction method 0) or in idat (method 1).
func heifFile(t *testing.T, ilocV byte, inIdat bool) (file []byte, image []byte) {
	t.Helper()
	image = bytes.Repeat([]byte{0xAB}, 64)
	exifPayload := append(u32(6), []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00GPSGPSGPS")...)
	infe := func(id uint16, typ, mime string) []byte {
		parts := [][]byte{u16(id), u16(0), []byte(typ), {0}}
		if mime != "" {
			parts = append(parts, []byte(mime+"\x00"))
		}
		return full("infe", 2, parts...)
	}
	iinf := full("iinf", 0, u16(3), infe(1, "hvc1", ""), infe(2, "Exif", ""), infe(3, "mime", "application/rdf+xml"))
	build := func(mdatStart int) []byte {
		var method []byte
		if ilocV > 0 {
			method = u16(0)
		}
		entry := func(id uint16, m byte, off, n int) []byte {
			mm := method
			if ilocV > 0 {
				mm = u16(uint16(m))
			}
			idb := u16(id)
			if ilocV == 2 {
				idb = u32(uint32(id))
			}
			return bytes.Join([][]byte{idb, mm, u16(0), u16(1), u32(uint32(off)), u32(uint32(n))}, nil)
		}
		var entries [][]byte
		var idat []byte
		entries = append(entries, entry(1, 0, mdatStart, len(image)))
		if inIdat {
			entries = append(entries, entry(2, 1, 0, len(exifPayload)), entry(3, 1, len(exifPayload), len(xmpPacket)))
			idat = bx("idat", exifPayload, xmpPacket)
		} else {
			entries = append(entries, entry(2, 0, mdatStart+len(image), len(exifPayload)),
				entry(3, 0, mdatStart+len(image)+len(exifPayload), len(xmpPacket)))
		}
		count := u16(3)
		if ilocV == 2 {
			count = u32(3)
		}
		iloc := full("iloc", ilocV, []byte{0x44, 0x00}, count, bytes.Join(entries, nil))
		meta := full("meta", 0, full("hdlr", 0, u32(0), []byte("pict"), make([]byte, 13)),
			full("pitm", 0, u16(1)), iinf, iloc, idat,
			bx("iprp", bx("ipco", bx("irot", []byte{1}), bx("colr", []byte("prof"), make([]byte, 8)))))
		mdat := bx("mdat", image)
		if !inIdat {
			mdat = bx("mdat", image, exifPayload, xmpPacket)
		}
		return bytes.Join([][]byte{ftyp("heic"), meta, mdat}, nil)
	}
	first := build(0)
	mdat := bytes.LastIndex(first, []byte("mdat")) + 4
	return build(mdat), image
}

func TestHEIFItems(t *testing.T) {
	for _, tt := range []struct {
		name   string
		ilocV  byte
		inIdat bool
	}{{"iloc v0", 0, false}, {"iloc v1", 1, false}, {"iloc v1 idat", 1, true}, {"iloc v2 idat", 2, true}} {
		t.Run(tt.name, func(t *testing.T) {
			file, image := heifFile(t, tt.ilocV, tt.inIdat)
			p, err := scan(bytes.NewReader(file), int64(len(file)), metadata.CleanOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := p.removed; len(got) != 2 || !strings.HasPrefix(got[0], "EXIF (HEIF item 2") || !strings.HasPrefix(got[1], "XMP packet (HEIF item 3") {
				t.Errorf("removed %q", got)
			}
			if diff := cmp.Diff([]string{"XMP-exif:GPSLatitude", "XMP-exif:GPSLongitude"}, names(p.f.Location)); diff != "" {
				t.Errorf("location (-want +got):\n%s", diff)
			}
			var out bytes.Buffer
			res, err := Clean(bytes.NewReader(file), int64(len(file)), &out, metadata.CleanOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkClean(t, file, out.Bytes())
			if !bytes.Contains(out.Bytes(), image) {
				t.Error("image data changed")
			}
			if bytes.Contains(out.Bytes(), []byte("GPSGPS")) || bytes.Contains(out.Bytes(), []byte("51,30")) {
				t.Error("Exif or XMP payload left")
			}
			if !bytes.Contains(out.Bytes(), emptyXMP) || !bytes.Contains(out.Bytes(), append(u32(0), "MM\x00\x2a"...)) {
				t.Error("no minimal XMP or TIFF header written in place")
			}
			for _, k := range []string{"Rotation (irot)", "Colour profile (colr)"} {
				if !strings.Contains(strings.Join(res.Kept, "|"), k) {
					t.Errorf("kept %q: want %q", res.Kept, k)
				}
			}
		})
	}
}

func TestParseIloc(t *testing.T) {
	// version 1, offset 8 bytes, length 4, base 0, index 4; one item, one extent.
	b := bytes.Join([][]byte{{1, 0, 0, 0, 0x84, 0x04}, u16(1), u16(7), u16(1), u16(0), u16(1), u32(9), u64(1000), u32(50)}, nil)
	got, err := parseIloc(b)
	if err != nil {
		t.Fatal(err)
	}
	want := []location{{id: 7, method: 1, extents: []ilocExtent{{1000, 50}}}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(location{}, ilocExtent{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, bad := range [][]byte{nil, {3, 0, 0, 0, 0x44, 0}, {0, 0, 0, 0, 0x24, 0}, b[:len(b)-1]} {
		if _, err := parseIloc(bad); !errors.Is(err, metadata.ErrMalformed) {
			t.Errorf("parseIloc(%x): got %v, want ErrMalformed", bad, err)
		}
	}
}

func TestBoxSizes(t *testing.T) {
	// A largesize mdat and a size-0 (to the end) trailing box.
	large := append(append(u32(1), "mdat"...), u64(16+uint64(len(mdatBytes)))...)
	large = append(large, mdatBytes...)
	udta := bx("udta", bx("\xa9xyz", qtText("+51.5-000.1/")))
	moov := bx("moov", udta)
	tail := append(u32(0), "free"...)
	tail = append(tail, "junk"...)
	file := bytes.Join([][]byte{ftyp("qt  "), large, moov, tail}, nil)
	var out bytes.Buffer
	if _, err := Clean(bytes.NewReader(file), int64(len(file)), &out, metadata.CleanOptions{}); err != nil {
		t.Fatal(err)
	}
	checkClean(t, file, out.Bytes())
	w := &walker{r: bytes.NewReader(file), size: int64(len(file))}
	bs, err := w.children(0, w.size)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range bs {
		got = append(got, b.typ)
	}
	if diff := cmp.Diff([]string{"ftyp", "mdat", "moov", "free"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !bs[1].large || bs[3].end != int64(len(file)) {
		t.Errorf("boxes %+v", bs)
	}
}

func TestMalformed(t *testing.T) {
	good := movie(bx("udta", bx("\xa9xyz", qtText("+51.5-000.1/"))))
	for _, tt := range []struct {
		name string
		file []byte
	}{
		{"empty", nil},
		{"cut short", good[:len(good)-10]},
		{"size below header", append(u32(4), "moov"...)},
		{"no moov or meta", ftyp("isom")},
		{"largesize past end", append(append(u32(1), "mdat"...), u64(1<<40)...)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Inspect(bytes.NewReader(tt.file), int64(len(tt.file)))
			if !errors.Is(err, metadata.ErrMalformed) {
				t.Errorf("got %v, want ErrMalformed", err)
			}
			_, err = Clean(bytes.NewReader(tt.file), int64(len(tt.file)), io.Discard, metadata.CleanOptions{})
			if !errors.Is(err, metadata.ErrMalformed) {
				t.Errorf("Clean: got %v, want ErrMalformed", err)
			}
		})
	}
}

func TestKeepDate(t *testing.T) {
	file := movie()
	for _, keep := range []bool{false, true} {
		var out bytes.Buffer
		if _, err := Clean(bytes.NewReader(file), int64(len(file)), &out, metadata.CleanOptions{KeepDate: keep}); err != nil {
			t.Fatal(err)
		}
		if got := bytes.Contains(out.Bytes(), u32(3600)); got != keep {
			t.Errorf("KeepDate %v: date present %v", keep, got)
		}
	}
}

func TestSniffKind(t *testing.T) {
	for _, tt := range []struct {
		head  []byte
		brand string
		ok    bool
		kind  string
	}{
		{ftyp("heic"), "heic", true, "heic"},
		{bx("ftyp", []byte("mif1"), u32(0), []byte("mif1avifmiaf")), "avif", true, "avif"},
		{bx("ftyp", []byte("mif1"), u32(0), []byte("mif1miaf")), "mif1", true, "heif"},
		{ftyp("qt  "), "qt  ", true, "mov"},
		{ftyp("M4V "), "M4V ", true, "m4v"},
		{ftyp("3gp5"), "3gp5", true, "3gp"},
		{ftyp("isom"), "isom", true, "mp4"},
		{ftyp("crx "), "crx ", true, "cr3"},
		{append(u32(8), "wide"...), "qt  ", true, "mov"},
		{bx("moov"), "qt  ", true, "mov"},
		{[]byte("\xff\xd8\xff\xe0\x00\x10JFIF"), "", false, "mp4"},
		{[]byte("short"), "", false, "mp4"},
	} {
		brand, ok := Sniff(tt.head)
		if brand != tt.brand || ok != tt.ok || Kind(brand) != tt.kind {
			t.Errorf("Sniff(%q) = %q, %v, kind %q; want %q, %v, %q", tt.head, brand, ok, Kind(brand), tt.brand, tt.ok, tt.kind)
		}
	}
}

// bigMovie is a 200 MB movie made up on the fly: a small moov with a
// location box, then an mdat of zeros that is never stored.
type bigMovie struct {
	head []byte
	size int64
}

func (m bigMovie) ReadAt(p []byte, off int64) (int, error) {
	if off >= m.size {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && off+int64(n) < m.size {
		at := off + int64(n)
		if at < int64(len(m.head)) {
			n += copy(p[n:], m.head[at:])
			continue
		}
		k := min(int64(len(p)-n), m.size-at)
		clear(p[n : n+int(k)])
		n += int(k)
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// sumWriter counts and checks what Clean writes without keeping it.
type sumWriter struct {
	n       int64
	nonzero int64 // nonzero bytes past the head
	head    int64
}

func (w *sumWriter) Write(p []byte) (int, error) {
	for i, c := range p {
		if c != 0 && w.n+int64(i) >= w.head {
			w.nonzero++
		}
	}
	w.n += int64(len(p))
	return len(p), nil
}

func TestCleanLargeFileConstantMemory(t *testing.T) {
	const size = 200 << 20
	moov := bx("moov", bx("udta", bx("\xa9xyz", qtText("+51.5-000.1/"))))
	head := bytes.Join([][]byte{ftyp("isom"), moov}, nil)
	head = append(head, append(append(u32(1), "mdat"...), u64(uint64(size-len(head)))...)...)
	m := bigMovie{head: head, size: size}
	w := &sumWriter{head: int64(len(head))}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if _, err := Clean(m, size, w, metadata.CleanOptions{}); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if w.n != size || w.nonzero != 0 {
		t.Errorf("wrote %d bytes, %d nonzero media bytes; want %d, 0", w.n, w.nonzero, int64(size))
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("Clean allocated %d bytes for a 200 MB file", alloc)
	}
}

func TestUUIDPayloads(t *testing.T) {
	other := []byte("0123456789abcdef")
	tiff := append([]byte("MM\x00\x2a\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00"), "SECRET-SERIAL"...)
	for _, tt := range []struct {
		name    string
		box     []byte
		removed string // "" when the box must be left alone
	}{
		{"EXIF in an unknown uuid", bx("uuid", other, tiff), "EXIF (uuid box"},
		{"XMP in an unknown uuid", bx("uuid", other, xmpPacket), "XMP packet (uuid box"},
		{"XMP uuid", bx("uuid", uuidXMP[:], xmpPacket), "XMP packet (uuid box"},
		{"unknown uuid", bx("uuid", other, []byte("SECRET-SERIAL is not ours to judge")), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			file := append(movie(), tt.box...)
			var out bytes.Buffer
			res, err := Clean(bytes.NewReader(file), int64(len(file)), &out, metadata.CleanOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkClean(t, file, out.Bytes())
			removed := strings.Join(res.Removed, "|")
			left := bytes.Contains(out.Bytes(), []byte("SECRET-SERIAL")) || bytes.Contains(out.Bytes(), []byte("GPSLatitude"))
			if tt.removed == "" {
				if strings.Contains(removed, "uuid") || !left {
					t.Errorf("removed %q: want the box left alone", res.Removed)
				}
				return
			}
			if !strings.Contains(removed, tt.removed) || left {
				t.Errorf("removed %q (payload left: %v), want %q", res.Removed, left, tt.removed)
			}
		})
	}
}

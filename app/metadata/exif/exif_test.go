package exif

import (
	"encoding/binary"
	"errors"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"photoconsent/app/metadata"
)

type bo interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// A tiny TIFF writer for fixtures: directories are laid out one after
// another, values longer than 4 bytes after their directory.
type tEntry struct {
	tag, typ uint16
	count    uint32
	data     []byte
	sub      *tIFD  // pointer entry: lay this directory out and point to it
	raw      uint32 // with rawSet, the value field as is (bad pointers)
	rawSet   bool
}

type tIFD struct {
	entries []tEntry
	next    *tIFD
	nextRaw uint32 // a next-IFD offset written as is, when next is nil
}

type builder struct {
	order bo
	buf   []byte
}

func build(order bo, ifd0 *tIFD) []byte {
	b := &builder{order: order}
	if order == binary.LittleEndian {
		b.buf = []byte{'I', 'I', 42, 0, 0, 0, 0, 0}
	} else {
		b.buf = []byte{'M', 'M', 0, 42, 0, 0, 0, 0}
	}
	v := b.place(ifd0)
	order.PutUint32(b.buf[4:], v)
	return b.buf
}

func (b *builder) place(d *tIFD) uint32 {
	off := len(b.buf)
	n := len(d.entries)
	b.buf = append(b.buf, make([]byte, 2+12*n+4)...)
	b.order.PutUint16(b.buf[off:], uint16(n))
	for i, e := range d.entries {
		p := off + 2 + 12*i
		b.order.PutUint16(b.buf[p:], e.tag)
		b.order.PutUint16(b.buf[p+2:], e.typ)
		b.order.PutUint32(b.buf[p+4:], e.count)
		switch {
		case e.rawSet:
			b.order.PutUint32(b.buf[p+8:], e.raw)
		case e.sub != nil:
			v := b.place(e.sub)
			b.order.PutUint32(b.buf[p+8:], v)
		case len(e.data) <= 4:
			copy(b.buf[p+8:], e.data)
		default:
			v := len(b.buf)
			b.buf = append(b.buf, e.data...)
			if len(b.buf)%2 == 1 {
				b.buf = append(b.buf, 0)
			}
			b.order.PutUint32(b.buf[p+8:], uint32(v))
		}
	}
	switch {
	case d.next != nil:
		v := b.place(d.next)
		b.order.PutUint32(b.buf[off+2+12*n:], v)
	case d.nextRaw != 0:
		b.order.PutUint32(b.buf[off+2+12*n:], d.nextRaw)
	}
	return uint32(off)
}

func str(tag uint16, s string) tEntry {
	return tEntry{tag: tag, typ: 2, count: uint32(len(s) + 1), data: append([]byte(s), 0)}
}

func short(o bo, tag uint16, v uint16) tEntry {
	return tEntry{tag: tag, typ: 3, count: 1, data: o.AppendUint16(nil, v)}
}

func undef(tag uint16, b []byte) tEntry {
	return tEntry{tag: tag, typ: 7, count: uint32(len(b)), data: b}
}

func ptr(tag uint16, d *tIFD) tEntry { return tEntry{tag: tag, typ: 4, count: 1, sub: d} }

func xp(tag uint16, s string) tEntry {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return tEntry{tag: tag, typ: 1, count: uint32(len(b) + 2), data: append(b, 0, 0)}
}

func gpsIFD(o bo) *tIFD {
	rat := func(v ...uint32) []byte {
		var b []byte
		for _, x := range v {
			b = o.AppendUint32(b, x)
			b = o.AppendUint32(b, 1)
		}
		return b
	}
	return &tIFD{entries: []tEntry{
		{tag: 0, typ: 1, count: 4, data: []byte{2, 3, 0, 0}},
		str(1, "N"),
		{tag: 2, typ: 5, count: 3, data: rat(51, 30, 0)},
		str(3, "W"),
		{tag: 4, typ: 5, count: 3, data: rat(0, 7, 0)},
	}}
}

func TestInspect(t *testing.T) {
	gpsTags := []metadata.Finding{
		{Group: "GPS", Tag: "GPSVersionID"}, {Group: "GPS", Tag: "GPSLatitudeRef"},
		{Group: "GPS", Tag: "GPSLatitude"}, {Group: "GPS", Tag: "GPSLongitudeRef"},
		{Group: "GPS", Tag: "GPSLongitude"},
	}
	for _, o := range []bo{binary.LittleEndian, binary.BigEndian} {
		tests := []struct {
			name string
			ifd0 *tIFD
			want metadata.Findings
		}{
			{
				name: "camera with GPS, owner and texts",
				ifd0: &tIFD{
					entries: []tEntry{
						str(TagImageDescription, "Amelia at sports day"),
						str(TagMake, "Canon"),
						str(TagModel, "EOS"),
						short(o, TagOrientation, 6),
						str(TagDateTime, "2020:01:01 00:00:00"),
						str(TagArtist, "Mr Smith"),
						xp(TagXPKeywords, "Zoë; trip"),
						ptr(TagExifIFD, &tIFD{entries: []tEntry{
							str(TagDateTimeOriginal, "2019:05:06 07:08:09"),
							undef(TagMakerNote, []byte("Nikon\x00 maker note bytes")),
							undef(TagUserComment, append([]byte("ASCII\x00\x00\x00"), "Ben Okafor"...)),
							str(TagSerialNumber, "12345"),
							str(TagOwnerName, "Jo Bloggs"),
						}}),
						ptr(TagGPSIFD, gpsIFD(o)),
					},
					next: &tIFD{entries: []tEntry{
						{tag: TagThumbnailOffset, typ: 4, count: 1, data: o.AppendUint32(nil, 8)},
						{tag: TagThumbnailLength, typ: 4, count: 1, data: o.AppendUint32(nil, 4)},
					}},
				},
				want: metadata.Findings{
					Location: gpsTags,
					Identity: []metadata.Finding{
						{Group: "IFD0", Tag: "Make"}, {Group: "IFD0", Tag: "Model"},
						{Group: "IFD0", Tag: "Artist"}, {Group: "ExifIFD", Tag: "MakerNotes"},
						{Group: "ExifIFD", Tag: "SerialNumber"}, {Group: "ExifIFD", Tag: "OwnerName"},
						{Group: "IFD1", Tag: "ThumbnailImage"},
					},
					Texts: []metadata.Text{
						{Where: "EXIF:ImageDescription", Text: "Amelia at sports day"},
						{Where: "EXIF:Artist", Text: "Mr Smith"},
						{Where: "EXIF:XPKeywords", Text: "Zoë; trip"},
						{Where: "EXIF:UserComment", Text: "Ben Okafor"},
						{Where: "EXIF:OwnerName", Text: "Jo Bloggs"},
					},
					Orientation: 6,
					Date:        "2019:05:06 07:08:09",
					Camera:      metadata.Camera{Make: "Canon", Model: "EOS", Serial: "12345"},
				},
			},
			{
				name: "empty GPS IFD still counts",
				ifd0: &tIFD{entries: []tEntry{ptr(TagGPSIFD, &tIFD{})}},
				want: metadata.Findings{Location: []metadata.Finding{{Group: "GPS", Tag: "GPSInfo"}}},
			},
			{
				name: "GPS pointer outside the block",
				ifd0: &tIFD{entries: []tEntry{{tag: TagGPSIFD, typ: 4, count: 1, raw: 1 << 30, rawSet: true}}},
				want: metadata.Findings{Location: []metadata.Finding{{Group: "GPS", Tag: "GPSInfo"}}},
			},
			{
				name: "date falls back to DateTime; bad orientation ignored",
				ifd0: &tIFD{entries: []tEntry{short(o, TagOrientation, 9), str(TagDateTime, "2021:02:03 04:05:06")}},
				want: metadata.Findings{Date: "2021:02:03 04:05:06"},
			},
			{
				name: "loops end: IFD0 chains to itself, Exif IFD points at IFD0",
				ifd0: &tIFD{
					entries: []tEntry{
						{tag: TagExifIFD, typ: 4, count: 1, raw: 8, rawSet: true},
						str(TagSoftware, "GIMP"),
					},
					nextRaw: 8,
				},
				want: metadata.Findings{Identity: []metadata.Finding{{Group: "IFD0", Tag: "Software"}}},
			},
			{
				name: "Panasonic maker note with a city",
				ifd0: &tIFD{entries: []tEntry{ptr(TagExifIFD, &tIFD{entries: []tEntry{
					undef(TagMakerNote, panasonic(o, "Bath")),
				}})}},
				want: metadata.Findings{
					Location: []metadata.Finding{{Group: "Panasonic", Tag: "City"}},
					Identity: []metadata.Finding{{Group: "ExifIFD", Tag: "MakerNotes"}},
				},
			},
			{
				name: "unicode and JIS user comments",
				ifd0: &tIFD{entries: []tEntry{ptr(TagExifIFD, &tIFD{entries: []tEntry{
					undef(TagUserComment, append([]byte("UNICODE\x00"), utf16bytes(o, "Chloé")...)),
				}})}},
				want: metadata.Findings{Texts: []metadata.Text{{Where: "EXIF:UserComment", Text: "Chloé"}}},
			},
		}
		for _, tt := range tests {
			t.Run(tt.name+"/"+o.String(), func(t *testing.T) {
				got, err := Inspect(build(o, tt.ifd0))
				if err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); d != "" {
					t.Errorf("Inspect (-want +got):\n%s", d)
				}
			})
		}
	}
}

// panasonic is a Panasonic maker note whose IFD holds City, inline.
func panasonic(o bo, city string) []byte {
	b := []byte("Panasonic\x00\x00\x00")
	b = o.AppendUint16(b, 1)
	b = o.AppendUint16(b, 0x6d)
	b = o.AppendUint16(b, 7)
	b = o.AppendUint32(b, uint32(len(city)))
	b = append(b, city...)
	return o.AppendUint32(b, 0)
}

func utf16bytes(o bo, s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = o.AppendUint16(b, u)
	}
	return b
}

func TestInspectMalformed(t *testing.T) {
	for _, b := range [][]byte{
		nil,
		[]byte("II*"),
		[]byte("XX*\x00\x08\x00\x00\x00"),
		[]byte("II+\x00\x08\x00\x00\x00"),
		[]byte("II\x2b\x00\x08\x00\x00\x00"),
	} {
		if _, err := Inspect(b); !errors.Is(err, metadata.ErrMalformed) {
			t.Errorf("Inspect(%q): got %v, want ErrMalformed", b, err)
		}
	}
	// A leftover "Exif\0\0" prefix is skipped.
	if f, err := Inspect(append([]byte("Exif\x00\x00"), Minimal(3, "")...)); err != nil || f.Orientation != 3 {
		t.Errorf("Inspect with Exif prefix: %+v, %v", f, err)
	}
	// A directory running past the end is skipped, not fatal.
	b := build(binary.BigEndian, &tIFD{entries: []tEntry{str(TagMake, "Sony")}})
	b[9] = 200
	if _, err := Inspect(b); err != nil {
		t.Errorf("Inspect with a cut directory: %v", err)
	}
}

func TestMinimal(t *testing.T) {
	tests := []struct {
		orientation int
		date        string
		want        metadata.Findings
		isNil       bool
	}{
		{orientation: 0, isNil: true},
		{orientation: 9, isNil: true},
		{orientation: 6, want: metadata.Findings{Orientation: 6}},
		{orientation: 1, date: "2019:05:06 07:08:09", want: metadata.Findings{Orientation: 1, Date: "2019:05:06 07:08:09"}},
		{orientation: 0, date: "2019:05:06 07:08:09", want: metadata.Findings{Date: "2019:05:06 07:08:09"}},
	}
	for _, tt := range tests {
		b := Minimal(tt.orientation, tt.date)
		if tt.isNil {
			if b != nil {
				t.Errorf("Minimal(%d, %q) = %d bytes, want nil", tt.orientation, tt.date, len(b))
			}
			continue
		}
		got, err := Inspect(b)
		if err != nil {
			t.Fatalf("Minimal(%d, %q) does not parse: %v", tt.orientation, tt.date, err)
		}
		if d := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); d != "" {
			t.Errorf("Minimal(%d, %q) (-want +got):\n%s", tt.orientation, tt.date, d)
		}
	}
}

func FuzzInspect(f *testing.F) {
	f.Add(build(binary.LittleEndian, &tIFD{entries: []tEntry{short(binary.LittleEndian, TagOrientation, 3), ptr(TagGPSIFD, gpsIFD(binary.LittleEndian))}}))
	f.Add(build(binary.BigEndian, &tIFD{entries: []tEntry{str(TagMake, "x"), ptr(TagExifIFD, &tIFD{entries: []tEntry{str(TagDateTimeOriginal, "2019:05:06 07:08:09")}})}, nextRaw: 8}))
	f.Add(Minimal(6, "2019:05:06 07:08:09"))
	f.Fuzz(func(t *testing.T, b []byte) {
		f, err := Inspect(b)
		if err != nil && !errors.Is(err, metadata.ErrMalformed) {
			t.Fatalf("error not ErrMalformed: %v", err)
		}
		if f.Orientation < 0 || f.Orientation > 8 {
			t.Fatalf("orientation %d", f.Orientation)
		}
	})
}

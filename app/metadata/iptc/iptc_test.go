package iptc

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/corpustest"
)

// iim builds one IIM dataset.
func iim(record, num byte, value string) []byte {
	b := []byte{0x1C, record, num, 0, 0}
	binary.BigEndian.PutUint16(b[3:], uint16(len(value)))
	return append(b, value...)
}

// irb builds one 8BIM image resource with an empty name.
func irb(id uint16, data []byte) []byte {
	b := []byte("8BIM")
	b = binary.BigEndian.AppendUint16(b, id)
	b = append(b, 0, 0) // empty Pascal name, padded
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	if len(data)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func names(fs []metadata.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.String())
	}
	sort.Strings(out)
	return out
}

func texts(ts []metadata.Text) []string {
	out := []string{}
	for _, t := range ts {
		out = append(out, t.Where+"="+t.Text)
	}
	sort.Strings(out)
	return out
}

func TestInspect(t *testing.T) {
	place := cat(iim(1, 90, "\x1b%G"), iim(2, 90, "Leeds"), iim(2, 92, "Park"), iim(2, 95, "Yorks"),
		iim(2, 100, "GBR"), iim(2, 101, "UK"), iim(2, 26, "x"), iim(2, 80, "Zoë Smith"), iim(2, 116, "(c) School"),
		iim(2, 110, "Credit"), iim(2, 25, "Amelia"), iim(2, 25, "Ben"), iim(2, 120, "Sports day"), iim(2, 105, "Head"),
		iim(2, 5, "Obj"), iim(2, 55, "20240501"), iim(2, 60, "101112+0100"))
	xmpPacket := []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="York"/></rdf:RDF></x:xmpmeta>`)
	wantLoc := []string{"IPTC:City", "IPTC:ContentLocationCode", "IPTC:Country-PrimaryLocationCode",
		"IPTC:Country-PrimaryLocationName", "IPTC:Province-State", "IPTC:Sub-location"}
	wantID := []string{"IPTC:By-line", "IPTC:CopyrightNotice", "IPTC:Credit"}
	wantTexts := []string{"IPTC:By-line=Zoë Smith", "IPTC:Caption-Abstract=Sports day", "IPTC:CopyrightNotice=(c) School",
		"IPTC:Credit=Credit", "IPTC:Headline=Head", "IPTC:Keywords=Amelia", "IPTC:Keywords=Ben", "IPTC:ObjectName=Obj"}
	tests := []struct {
		name     string
		in       []byte
		location []string
		identity []string
		texts    []string
		date     string
		wantErr  bool
	}{
		{"raw IIM", place, wantLoc, wantID, wantTexts, "2024:05:01 10:11:12", false},
		{"resource block", irb(0x0404, place), wantLoc, wantID, wantTexts, "2024:05:01 10:11:12", false},
		{"APP13 payload with header", cat([]byte(photoshopHeader), irb(0x03ED, make([]byte, 16)), irb(0x0404, place), []byte{0, 0}),
			wantLoc, wantID, wantTexts, "2024:05:01 10:11:12", false},
		{"latin-1 without charset", iim(2, 80, "Zo\xeb O\x92Neill"), []string{}, []string{"IPTC:By-line"},
			[]string{"IPTC:By-line=Zoë O’Neill"}, "", false},
		{"thumbnails and XMP", cat(irb(0x040C, []byte("jpegdata")), irb(0x0409, []byte("x")), irb(0x0424, xmpPacket)),
			[]string{"XMP-photoshop:City"}, []string{"Photoshop:PhotoshopThumbnail"}, []string{}, "", false},
		{"named resource", cat([]byte("8BIM\x04\x04\x03abc\x00\x00\x00\x08"), iim(2, 90, "Hul"), irb(0x0409, nil)),
			[]string{"IPTC:City"}, []string{"Photoshop:PhotoshopThumbnail"}, []string{}, "", false},
		{"extended length", cat([]byte{0x1C, 2, 120, 0x80, 0x04, 0, 0, 0, 3}, []byte("abc")),
			[]string{}, []string{}, []string{"IPTC:Caption-Abstract=abc"}, "", false},
		{"IIM cut short", iim(2, 90, "Leeds")[:7], []string{}, []string{}, []string{}, "", true},
		{"resource cut short", irb(0x0404, place)[:20], []string{}, []string{}, []string{}, "", true},
		{"junk", []byte("junk junk"), []string{}, []string{}, []string{}, "", true},
		{"bad extended length", []byte{0x1C, 2, 120, 0x80, 0x00}, []string{}, []string{}, []string{}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Inspect(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil && !errors.Is(err, metadata.ErrMalformed) {
				t.Fatalf("err = %v, want ErrMalformed", err)
			}
			if diff := cmp.Diff(tt.location, names(f.Location)); diff != "" {
				t.Errorf("location (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.identity, names(f.Identity)); diff != "" {
				t.Errorf("identity (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.texts, texts(f.Texts)); diff != "" {
				t.Errorf("texts (-want +got):\n%s", diff)
			}
			if f.Date != tt.date {
				t.Errorf("date = %q, want %q", f.Date, tt.date)
			}
		})
	}
}

// app13 returns the Photoshop APP13 payloads of a JPEG, concatenated.
func app13(b []byte) []byte {
	var out []byte
	i := 2
	for i+4 <= len(b) && b[i] == 0xFF {
		marker := b[i+1]
		if marker == 0xDA || marker == 0xD9 {
			break
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			break
		}
		seg := b[i+4 : i+2+n]
		if marker == 0xED && bytes.HasPrefix(seg, []byte(photoshopHeader)) {
			out = append(out, seg[len(photoshopHeader):]...)
		}
		i += 2 + n
	}
	return out
}

// TestCorpus checks that every IPTC location tag exiftool finds in a
// corpus JPEG is among ours.
func TestCorpus(t *testing.T) {
	dir, files := corpustest.Load(t)
	for _, mf := range corpustest.Only(files, "JPEG") {
		want := mf.LocationTagsIn("IPTC:")
		if len(want) == 0 {
			continue
		}
		t.Run(mf.Path, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, mf.Path))
			if err != nil {
				t.Fatal(err)
			}
			p := app13(b)
			if len(p) == 0 {
				t.Skip("no APP13 before the scan")
			}
			f, err := Inspect(p)
			if err != nil {
				t.Logf("Inspect: %v", err)
			}
			if missing := corpustest.Missing(f.Location, want); len(missing) > 0 {
				t.Errorf("missing %v; got %v", missing, names(f.Location))
			}
		})
	}
}

func FuzzInspect(f *testing.F) {
	f.Add(cat(irb(0x0404, cat(iim(1, 90, "\x1b%G"), iim(2, 90, "Leeds"))), irb(0x0409, []byte("x"))))
	f.Add(iim(2, 25, "kw"))
	if seeds, err := filepath.Glob("testdata/*.irb"); err == nil {
		for _, s := range seeds {
			if b, err := os.ReadFile(s); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, err := Inspect(b)
		if err != nil && !errors.Is(err, metadata.ErrMalformed) {
			t.Fatalf("error does not wrap ErrMalformed: %v", err)
		}
	})
}

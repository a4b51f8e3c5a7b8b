package xmp

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/corpustest"
)

const head = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`
const tail = `</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`

func packet(body string) []byte { return []byte(head + body + tail) }

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
	tests := []struct {
		name        string
		body        string
		location    []string
		identity    []string
		texts       []string
		orientation int
		date        string
	}{
		{
			name: "attributes on description",
			body: `<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:tiff="http://ns.adobe.com/tiff/1.0/"
				exif:GPSLatitude="51,30.1N" exif:GPSLongitude="0,7.5W" exif:DateTimeOriginal="2024-05-01T10:11:12+01:00"
				tiff:Orientation="6" tiff:Make="Canon" tiff:Model="EOS"/>`,
			location:    []string{"XMP-exif:GPSLatitude", "XMP-exif:GPSLongitude"},
			identity:    []string{"XMP-tiff:Make", "XMP-tiff:Model"},
			texts:       []string{},
			orientation: 6,
			date:        "2024:05:01 10:11:12",
		},
		{
			name: "elements, lists and lang alternatives",
			body: `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
				<photoshop:City>Leeds</photoshop:City><photoshop:State>West Yorkshire</photoshop:State><photoshop:Country>UK</photoshop:Country>
				<photoshop:Headline>Sports day</photoshop:Headline>
				<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Amelia Hartley-Jones</rdf:li><rdf:li xml:lang="fr">Amélie</rdf:li></rdf:Alt></dc:title>
				<dc:subject><rdf:Bag><rdf:li>Zoë</rdf:li><rdf:li>O'Neill</rdf:li></rdf:Bag></dc:subject>
				<dc:creator><rdf:Seq><rdf:li>Jo Bloggs</rdf:li></rdf:Seq></dc:creator>
				<xmp:CreateDate>2020-01-02</xmp:CreateDate>
			</rdf:Description>`,
			location: []string{"XMP-photoshop:City", "XMP-photoshop:Country", "XMP-photoshop:State"},
			identity: []string{"XMP-dc:Creator"},
			texts: []string{"XMP-dc:Creator=Jo Bloggs", "XMP-dc:Subject=O'Neill", "XMP-dc:Subject=Zoë",
				"XMP-dc:Title=Amelia Hartley-Jones", "XMP-dc:Title=Amélie", "XMP-photoshop:Headline=Sports day"},
			date: "2020:01:02 00:00:00",
		},
		{
			name: "iptc extension structures and darwin core",
			body: `<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/" xmlns:dwc="http://rs.tdwg.org/dwc/index.htm">
				<Iptc4xmpExt:LocationShown><rdf:Bag><rdf:li rdf:parseType="Resource"><Iptc4xmpExt:City>York</Iptc4xmpExt:City><Iptc4xmpExt:GPSLatitude>53.9</Iptc4xmpExt:GPSLatitude></rdf:li></rdf:Bag></Iptc4xmpExt:LocationShown>
				<Iptc4xmpExt:LocationCreated><rdf:Bag><rdf:li><rdf:Description Iptc4xmpExt:Sublocation="Park"/></rdf:li></rdf:Bag></Iptc4xmpExt:LocationCreated>
				<Iptc4xmpExt:PersonInImage><rdf:Bag><rdf:li>Amelia Hartley</rdf:li></rdf:Bag></Iptc4xmpExt:PersonInImage>
				<Iptc4xmpCore:Location>Main hall</Iptc4xmpCore:Location>
				<Iptc4xmpCore:CreatorContactInfo rdf:parseType="Resource"><Iptc4xmpCore:CiAdrCity>Hull</Iptc4xmpCore:CiAdrCity></Iptc4xmpCore:CreatorContactInfo>
				<dwc:dctermsLocation><rdf:Description><dwc:decimalLatitude>-0.7</dwc:decimalLatitude></rdf:Description></dwc:dctermsLocation>
			</rdf:Description>`,
			location: []string{"XMP-dwc:DCDecimalLatitude", "XMP-iptcCore:Location", "XMP-iptcExt:LocationCreatedSublocation",
				"XMP-iptcExt:LocationShownCity", "XMP-iptcExt:LocationShownGPSLatitude"},
			identity: []string{"XMP-iptcCore:CreatorContactInfoCiAdrCity"},
			texts:    []string{"XMP-iptcExt:PersonInImage=Amelia Hartley"},
		},
		{
			name: "face regions, keywords and unique ids",
			body: `<rdf:Description rdf:about="" xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/" xmlns:MP="http://ns.microsoft.com/photo/1.2/"
				xmlns:MPRI="http://ns.microsoft.com/photo/1.2/t/RegionInfo#" xmlns:MPReg="http://ns.microsoft.com/photo/1.2/t/Region#"
				xmlns:lr="http://ns.adobe.com/lightroom/1.0/" xmlns:digiKam="http://www.digikam.org/ns/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
				xmlns:aux="http://ns.adobe.com/exif/1.0/aux/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpGImg="http://ns.adobe.com/xap/1.0/g/img/"
				xmpMM:DocumentID="xmp.did:1" aux:SerialNumber="123">
				<mwg-rs:Regions rdf:parseType="Resource"><mwg-rs:RegionList><rdf:Bag><rdf:li rdf:parseType="Resource"><mwg-rs:Name>Ben Smith</mwg-rs:Name></rdf:li></rdf:Bag></mwg-rs:RegionList></mwg-rs:Regions>
				<MP:RegionInfo rdf:parseType="Resource"><MPRI:Regions><rdf:Bag><rdf:li MPReg:PersonDisplayName="Cara Jones"/></rdf:Bag></MPRI:Regions></MP:RegionInfo>
				<lr:hierarchicalSubject><rdf:Bag><rdf:li>People|Dev Patel</rdf:li></rdf:Bag></lr:hierarchicalSubject>
				<digiKam:TagsList><rdf:Seq><rdf:li>People/Eve</rdf:li></rdf:Seq></digiKam:TagsList>
				<xmp:Thumbnails><rdf:Alt><rdf:li rdf:parseType="Resource"><xmpGImg:image>/9j/4AAQ</xmpGImg:image></rdf:li></rdf:Alt></xmp:Thumbnails>
			</rdf:Description>`,
			location: []string{},
			identity: []string{"XMP-aux:SerialNumber", "XMP-xmp:ThumbnailsImage", "XMP-xmpMM:DocumentID"},
			texts: []string{"XMP-MP:RegionPersonDisplayName=Cara Jones", "XMP-digiKam:TagsList=People/Eve",
				"XMP-lr:HierarchicalSubject=People|Dev Patel", "XMP-mwg-rs:RegionName=Ben Smith"},
		},
		{
			name:     "unknown namespace with location words",
			body:     `<rdf:Description xmlns:Geotate="http://ns.geotate.com/1.0/" xmlns:photomech="http://ns.photomechanic.com/ns/1.0/" Geotate:GeotatePOI="x" photomech:CountryCode="GB"/>`,
			location: []string{"XMP-Geotate:GeotatePOI", "XMP-photomech:CountryCode"},
			identity: []string{},
			texts:    []string{},
		},
		{
			name:     "qualified value",
			body:     `<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title rdf:parseType="Resource"><rdf:value>Amelia</rdf:value></dc:title></rdf:Description>`,
			location: []string{},
			identity: []string{},
			texts:    []string{"XMP-dc:Title=Amelia"},
		},
		{
			name:     "empty values say nothing",
			body:     `<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"><photoshop:City> </photoshop:City></rdf:Description>`,
			location: []string{},
			identity: []string{},
			texts:    []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Inspect(packet(tt.body))
			if err != nil {
				t.Fatal(err)
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
			if f.Orientation != tt.orientation || f.Date != tt.date {
				t.Errorf("orientation, date = %d, %q; want %d, %q", f.Orientation, f.Date, tt.orientation, tt.date)
			}
		})
	}
}

func TestInspectJunk(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		wantErr bool
	}{
		{"empty", nil, true},
		{"no xml", []byte("hello"), true},
		{"binary", []byte{0, 1, 2, '<', 0xff, 0xfe}, true},
		{"cut short", packet(`<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="1"/>`)[:250], false},
		{"deep", []byte(strings.Repeat("<a>", 100000)), true},
		{"utf-16", utf16le(string(packet(`<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="1"/>`))), false},
		{"junk before and after", append(append([]byte("\x00\x01junk"), packet("")...), "\x00\x00trailing"...), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Inspect(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil && !errors.Is(err, metadata.ErrMalformed) {
				t.Errorf("err = %v, want ErrMalformed", err)
			}
		})
	}
	big := make([]byte, metadata.MaxPayload+1)
	if _, err := Inspect(big); !errors.Is(err, metadata.ErrMalformed) {
		t.Errorf("oversized packet: err = %v, want ErrMalformed", err)
	}
}

// TestCorpus checks, for every corpus file with XMP, that each XMP location
// tag exiftool reports is among ours.
func TestCorpus(t *testing.T) {
	dir, all := corpustest.Load(t)
	var files []corpustest.File
	var paths []string
	for _, mf := range all {
		if len(mf.LocationTagsIn("XMP-")) > 0 {
			files = append(files, mf)
			paths = append(paths, filepath.Join(dir, mf.Path))
		}
	}
	packets := corpustest.XMP(t, paths...)
	for i, mf := range files {
		t.Run(mf.Path, func(t *testing.T) {
			packet := packets[paths[i]]
			if len(packet) == 0 {
				t.Skip("exiftool gave no XMP packet")
			}
			f, err := Inspect(packet)
			if err != nil {
				t.Fatal(err)
			}
			if missing := corpustest.Missing(f.Location, mf.LocationTagsIn("XMP-")); len(missing) > 0 {
				t.Errorf("missing %v; got %v", missing, names(f.Location))
			}
		})
	}
}

func FuzzInspect(f *testing.F) {
	f.Add(packet(`<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="1"><exif:X><rdf:Bag><rdf:li rdf:parseType="Resource"><exif:Y>z</exif:Y></rdf:li></rdf:Bag></exif:X></rdf:Description>`))
	f.Add([]byte("<a"))
	if seeds, err := filepath.Glob("testdata/*.xmp"); err == nil {
		for _, s := range seeds {
			if b, err := os.ReadFile(s); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		f, err := Inspect(b)
		if err != nil && !errors.Is(err, metadata.ErrMalformed) {
			t.Fatalf("error does not wrap ErrMalformed: %v", err)
		}
		if f.Orientation < 0 || f.Orientation > 8 {
			t.Fatalf("orientation %d", f.Orientation)
		}
	})
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func TestInspectUTF16(t *testing.T) {
	body := `<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="1"/>`
	le := utf16le(string(packet(body)))
	be := make([]byte, len(le))
	for i := 0; i+1 < len(le); i += 2 {
		be[i], be[i+1] = le[i+1], le[i]
	}
	for name, in := range map[string][]byte{"little-endian": le, "big-endian": append([]byte{0xFE, 0xFF}, be...)} {
		t.Run(name, func(t *testing.T) {
			f, err := Inspect(in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{"XMP-exif:GPSLatitude"}, names(f.Location)); diff != "" {
				t.Errorf("location (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPaddingSkippedButNotWhatFollows: the whitespace before the closing
// <?xpacket end?> is not parsed, but a packet with more after that
// instruction is read whole, so nothing can hide behind a fake end.
func TestPaddingSkippedButNotWhatFollows(t *testing.T) {
	desc := `<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Amelia</dc:title></rdf:Description>`
	padded := []byte(head + desc + `</rdf:RDF></x:xmpmeta>` + strings.Repeat(" \n", 1000) + `<?xpacket end="w"?>` + "\n\x00")
	if got := withoutPadding(padded); strings.Contains(string(got), "xpacket end") || strings.HasSuffix(string(got), " ") {
		t.Errorf("padding and end kept: ...%q", got[max(0, len(got)-40):])
	}
	hidden := []byte(head + `</rdf:RDF></x:xmpmeta>` + strings.Repeat(" ", 100) + `<?xpacket end="w"?>` +
		`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + desc + tail)
	if got := withoutPadding(hidden); !strings.Contains(string(got), "<dc:title>Amelia") {
		t.Errorf("what follows a closing instruction was cut: ...%q", got[max(0, len(got)-80):])
	}
	for _, b := range [][]byte{padded, packet(desc), hidden} {
		f, err := Inspect(b)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff([]string{"XMP-dc:Title=Amelia"}, texts(f.Texts)); d != "" {
			t.Errorf("texts (-want +got):\n%s", d)
		}
	}
}

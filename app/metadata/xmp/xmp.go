// Package xmp reads XMP packets (RDF/XML) handed over by the container
// packages, reporting location, identity and name-carrying text with the
// group and tag names exiftool -G1 uses. It only reads: containers remove
// XMP whole when they clean.
package xmp

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"photoconsent/app/metadata"
)

const (
	rdfNS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	xmlNS = "http://www.w3.org/XML/1998/namespace"
	// maxDepth bounds the element nesting we follow; real packets stay
	// under a dozen levels, hostile ones may go on for ever.
	maxDepth = 64
	// maxTextLen bounds one reported text value.
	maxTextLen = 4096
)

// Inspect reports what the XMP packet holds. Junk before the first '<' and
// after the packet is ignored; a packet that breaks off part-way reports
// what was read before the break. Input that holds no XML at all, or more
// than metadata.MaxPayload bytes, is malformed.
func Inspect(b []byte) (metadata.Findings, error) {
	if len(b) > metadata.MaxPayload {
		return metadata.Findings{}, metadata.Malformedf("XMP packet of %d bytes is over the %d byte cap", len(b), metadata.MaxPayload)
	}
	i := bytes.IndexByte(b, '<')
	if i < 0 {
		return metadata.Findings{}, metadata.Malformedf("XMP packet holds no XML")
	}
	b = withoutPadding(toUTF8(b, i))
	p := newParser()
	err := p.parse(b)
	if err != nil && p.props == 0 && !p.sawRDF {
		return metadata.Findings{}, metadata.Malformedf("XMP packet is not XML: %v", err)
	}
	return p.f, nil
}

// kind is the role of an element in RDF/XML.
type kind int

const (
	kindRoot     kind = iota // x:xmpmeta, rdf:RDF: holds nodes
	kindNode                 // rdf:Description or a typed node: holds properties
	kindProperty             // a property: holds a value, a list or a node
	kindList                 // rdf:Bag, rdf:Seq, rdf:Alt: holds rdf:li
)

type frame struct {
	kind     kind
	path     []xml.Name // property path from the top-level property down
	text     strings.Builder
	children bool
	lang     string
}

type parser struct {
	f      metadata.Findings
	prefix map[string]string // namespace URI -> first prefix declared for it
	seen   map[metadata.Finding]bool
	props  int
	sawRDF bool
}

func newParser() *parser {
	return &parser{prefix: map[string]string{}, seen: map[metadata.Finding]bool{}}
}

func (p *parser) parse(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	// Packets declaring another encoding are almost always UTF-8 anyway;
	// read them as they are rather than failing.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var stack []*frame
	skip := 0 // depth of elements ignored below maxDepth
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 || len(stack) >= maxDepth {
				skip++
				continue
			}
			p.declare(t)
			var parent *frame
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
				parent.children = true
			}
			stack = append(stack, p.start(parent, t))
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			if len(stack) == 0 {
				continue
			}
			fr := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if fr.kind == kindProperty && !fr.children {
				p.emit(fr.path, fr.text.String())
			}
		case xml.CharData:
			if skip == 0 && len(stack) > 0 {
				fr := stack[len(stack)-1]
				if fr.kind == kindProperty && fr.text.Len() < maxTextLen {
					fr.text.Write(t)
				}
			}
		}
	}
}

// declare remembers the prefixes a start element declares, so properties
// of namespaces we do not know are grouped as exiftool does: XMP-<prefix>.
func (p *parser) declare(t xml.StartElement) {
	for _, a := range t.Attr {
		if a.Name.Space == "xmlns" {
			if _, ok := p.prefix[a.Value]; !ok {
				p.prefix[a.Value] = a.Name.Local
			}
		}
	}
}

func isRDF(n xml.Name, local string) bool { return n.Space == rdfNS && n.Local == local }

func (p *parser) start(parent *frame, t xml.StartElement) *frame {
	fr := &frame{}
	if parent != nil {
		fr.lang = parent.lang
	}
	for _, a := range t.Attr {
		if a.Name.Space == xmlNS && a.Name.Local == "lang" {
			fr.lang = a.Value
		}
	}
	resource := false
	for _, a := range t.Attr {
		if isRDF(a.Name, "parseType") && a.Value == "Resource" {
			resource = true
		}
	}
	switch {
	case parent == nil || parent.kind == kindRoot:
		// x:xmpmeta (x:xapmeta in old packets) and rdf:RDF wrap nodes.
		fr.kind = kindNode
		if isRDF(t.Name, "RDF") {
			p.sawRDF = true
			fr.kind = kindRoot
		} else if parent == nil && !isRDF(t.Name, "Description") {
			fr.kind = kindRoot
		}
	case parent.kind == kindNode:
		fr.path = appendPath(parent.path, t.Name)
		if isRDF(t.Name, "value") && len(parent.path) > 0 {
			fr.path = parent.path // a qualified value is its property's value
		}
		fr.kind = kindProperty
		if resource {
			fr.kind = kindNode
		}
	case parent.kind == kindProperty:
		fr.path = parent.path
		switch {
		case isRDF(t.Name, "Bag"), isRDF(t.Name, "Seq"), isRDF(t.Name, "Alt"):
			fr.kind = kindList
		default:
			fr.kind = kindNode
		}
	case parent.kind == kindList:
		fr.path = parent.path
		fr.kind = kindProperty
		if resource {
			fr.kind = kindNode
		}
	}
	// Attributes are properties in shorthand form, on nodes and on
	// property elements alike (<exif:Flash exif:Fired="False"/>).
	for _, a := range t.Attr {
		if a.Name.Space == rdfNS || a.Name.Space == xmlNS || a.Name.Space == "xmlns" ||
			a.Name.Local == "xmlns" || a.Name.Space == "" {
			if fr.kind == kindProperty && isRDF(a.Name, "resource") {
				p.emit(fr.path, a.Value)
				fr.children = true
			}
			continue
		}
		if fr.kind == kindRoot {
			continue // x:xmptk and friends on the wrapper
		}
		p.emit(appendPath(fr.path, a.Name), a.Value)
		if fr.kind == kindProperty {
			fr.children = true
		}
	}
	return fr
}

func appendPath(path []xml.Name, n xml.Name) []xml.Name {
	out := make([]xml.Name, len(path), len(path)+1)
	copy(out, path)
	return append(out, n)
}

// emit classifies one property value found at path.
func (p *parser) emit(path []xml.Name, value string) {
	if len(path) == 0 {
		return
	}
	p.props++
	group := p.group(path[0].Space)
	tag := flatten(group, path)
	value = strings.TrimSpace(value)
	c := classify(group, tag)
	f := metadata.Finding{Group: group, Tag: tag}
	if value == "" {
		// An empty property says nothing (exiftool's oracle skips it too).
		return
	}
	if c.location {
		p.add(&p.f.Location, f)
	}
	if c.identity {
		p.add(&p.f.Identity, f)
	}
	if c.text {
		p.f.Texts = append(p.f.Texts, metadata.Text{Where: f.String(), Text: clip(value)})
	}
	p.camera(group, tag, value)
	switch {
	case group == "XMP-tiff" && tag == "Orientation" && p.f.Orientation == 0:
		if n, err := strconv.Atoi(value); err == nil && n >= 1 && n <= 8 {
			p.f.Orientation = n
		}
	case group == "XMP-exif" && tag == "DateTimeOriginal",
		group == "XMP-xmp" && tag == "CreateDate",
		group == "XMP-photoshop" && tag == "DateCreated":
		if d := exifDate(value); d != "" && (p.f.Date == "" || tag == "DateTimeOriginal") {
			p.f.Date = d
		}
	}
}

// camera fills an empty field of the camera from tiff:Make, tiff:Model or
// a body serial (exifEX:BodySerialNumber, aux:SerialNumber, and the
// exif:BodySerialNumber some writers used before exifEX existed).
func (p *parser) camera(group, tag, value string) {
	var field *string
	switch group + ":" + tag {
	case "XMP-tiff:Make":
		field = &p.f.Camera.Make
	case "XMP-tiff:Model":
		field = &p.f.Camera.Model
	case "XMP-exifEX:BodySerialNumber", "XMP-aux:SerialNumber", "XMP-exif:BodySerialNumber":
		field = &p.f.Camera.Serial
	default:
		return
	}
	if *field == "" {
		*field = metadata.CameraText(value)
	}
}

func (p *parser) add(list *[]metadata.Finding, f metadata.Finding) {
	key := f
	if list == &p.f.Identity {
		key.Group += "\x00id"
	}
	if p.seen[key] {
		return
	}
	p.seen[key] = true
	*list = append(*list, f)
}

func clip(s string) string {
	if len(s) <= maxTextLen {
		return s
	}
	return strings.ToValidUTF8(s[:maxTextLen], "")
}

// group names a namespace the way exiftool's -G1 does.
func (p *parser) group(uri string) string {
	if g, ok := groups[uri]; ok {
		return g
	}
	if pre, ok := p.prefix[uri]; ok && pre != "" {
		return "XMP-" + pre
	}
	if uri != "" && !strings.Contains(uri, "/") && !strings.Contains(uri, ":") {
		return "XMP-" + uri // an undeclared prefix
	}
	return "XMP"
}

var groups = map[string]string{
	"http://ns.adobe.com/exif/1.0/":                            "XMP-exif",
	"http://cipa.jp/exif/1.0/":                                 "XMP-exifEX",
	"http://ns.adobe.com/tiff/1.0/":                            "XMP-tiff",
	"http://ns.adobe.com/exif/1.0/aux/":                        "XMP-aux",
	"http://ns.adobe.com/photoshop/1.0/":                       "XMP-photoshop",
	"http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/":              "XMP-iptcCore",
	"http://iptc.org/std/Iptc4xmpExt/2008-02-29/":              "XMP-iptcExt",
	"http://rs.tdwg.org/dwc/index.htm":                         "XMP-dwc",
	"http://rs.tdwg.org/dwc/terms/":                            "XMP-dwc",
	"http://purl.org/dc/elements/1.1/":                         "XMP-dc",
	"http://www.metadataworkinggroup.com/schemas/regions/":     "XMP-mwg-rs",
	"http://www.metadataworkinggroup.com/schemas/keywords/":    "XMP-mwg-kw",
	"http://www.metadataworkinggroup.com/schemas/collections/": "XMP-mwg-coll",
	"http://ns.microsoft.com/photo/1.2/":                       "XMP-MP",
	"http://ns.microsoft.com/photo/1.0/":                       "XMP-microsoft",
	"http://ns.adobe.com/xap/1.0/":                             "XMP-xmp",
	"http://ns.adobe.com/xap/1.0/mm/":                          "XMP-xmpMM",
	"http://ns.adobe.com/xap/1.0/rights/":                      "XMP-xmpRights",
	"http://ns.adobe.com/xap/1.0/bj/":                          "XMP-xmpBJ",
	"http://ns.adobe.com/xmp/1.0/DynamicMedia/":                "XMP-xmpDM",
	"http://ns.adobe.com/lightroom/1.0/":                       "XMP-lr",
	"http://www.digikam.org/ns/1.0/":                           "XMP-digiKam",
	"http://ns.adobe.com/camera-raw-settings/1.0/":             "XMP-crs",
	"http://ns.useplus.org/ldf/xmp/1.0/":                       "XMP-plus",
	"http://ns.adobe.com/photoshop/1.0/camera-profile":         "XMP-crs",
	"http://ns.google.com/photos/1.0/camera/":                  "XMP-GCamera",
	"http://ns.apple.com/faceinfo/1.0/":                        "XMP-apple-fi",
	"http://ns.iview-multimedia.com/mediapro/1.0/":             "XMP-mediapro",
	"http://ns.adobe.com/xmp/Identifier/qual/1.0/":             "XMP-xmpidq",
	"http://ns.adobe.com/pdf/1.3/":                             "XMP-pdf",
	"http://prismstandard.org/namespaces/basic/2.0/":           "XMP-prism",
	"http://ns.photomechanic.com/ns/1.0/":                      "XMP-photomech",
	"http://ns.camerabits.com/photomechanic/1.0/":              "XMP-photomech",
	"adobe:ns:meta/":                                           "XMP-x",
}

// flatten names a property path the way exiftool flattens structures:
// LocationCreated/City becomes LocationCreatedCity.
func flatten(group string, path []xml.Name) string {
	top := path[0].Local
	switch {
	case group == "XMP-mwg-rs" && top == "Regions" && len(path) > 1,
		group == "XMP-MP" && top == "RegionInfo" && len(path) > 1:
		// exiftool: RegionName, RegionPersonDisplayName, RegionAreaX ...
		var b strings.Builder
		b.WriteString("Region")
		for _, n := range path[1:] {
			if n.Local == "RegionList" || n.Local == "Regions" {
				continue
			}
			b.WriteString(upperFirst(n.Local))
		}
		return b.String()
	case group == "XMP-dwc" && top == "dctermsLocation":
		var b strings.Builder
		b.WriteString("DC")
		for _, n := range path[1:] {
			b.WriteString(upperFirst(n.Local))
		}
		return b.String()
	}
	var b strings.Builder
	for i, n := range path {
		name := upperFirst(n.Local)
		// exiftool shortens Darwin Core's repeated struct names:
		// GeologicalContext/geologicalContextID is GeologicalContextID.
		if group == "XMP-dwc" && i > 0 && strings.HasPrefix(strings.ToLower(name), strings.ToLower(path[i-1].Local)) {
			name = name[len(path[i-1].Local):]
		}
		b.WriteString(name)
	}
	if group == "XMP-exif" && b.String() == "GPSTimeStamp" {
		return "GPSDateTime" // exiftool's name for the XMP form
	}
	return b.String()
}

// withoutPadding drops the whitespace XMP writers leave before the packet's
// closing <?xpacket end="w"?> for editing in place (often half a packet)
// when nothing but that instruction follows it: the XML parser would read
// it a byte at a time for nothing.
func withoutPadding(b []byte) []byte {
	j := bytes.LastIndex(b, []byte("<?xpacket end="))
	if j < 0 {
		return b
	}
	k := bytes.Index(b[j:], []byte("?>"))
	if k < 0 || len(bytes.Trim(b[j+k+2:], " \t\r\n\x00")) > 0 {
		return b
	}
	return bytes.TrimRight(b[:j], " \t\r\n")
}

// toUTF8 returns the packet from its first '<' (at i) as UTF-8, decoding
// UTF-16 packets, which some writers produce.
func toUTF8(b []byte, i int) []byte {
	var big bool
	switch {
	case i > 0 && b[i-1] == 0:
		big, i = true, i-1
	case i+1 < len(b) && b[i+1] == 0:
		big = false
	default:
		return b[i:]
	}
	b = b[i:]
	u := make([]uint16, 0, len(b)/2)
	for j := 0; j+1 < len(b); j += 2 {
		if big {
			u = append(u, uint16(b[j])<<8|uint16(b[j+1]))
		} else {
			u = append(u, uint16(b[j+1])<<8|uint16(b[j]))
		}
	}
	return []byte(string(utf16.Decode(u)))
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// exifDate turns an XMP date ("2008-03-14T13:59:26-06:00", "2008-03-14")
// into EXIF's "2008:03:14 13:59:26", or "" when it is not a date.
func exifDate(v string) string {
	if len(v) < 10 {
		return ""
	}
	d := v[:10]
	for i, c := range []byte(d) {
		if i == 4 || i == 7 {
			if c != '-' && c != ':' {
				return ""
			}
		} else if c < '0' || c > '9' {
			return ""
		}
	}
	clock := "00:00:00"
	if len(v) >= 19 && (v[10] == 'T' || v[10] == ' ') {
		clock = v[11:19]
		if clock[2] != ':' || clock[5] != ':' {
			return ""
		}
		for i, c := range []byte(clock) {
			if i != 2 && i != 5 && (c < '0' || c > '9') {
				return ""
			}
		}
	} else if len(v) >= 16 && (v[10] == 'T' || v[10] == ' ') && v[13] == ':' {
		clock = v[11:16] + ":00"
	}
	return d[:4] + ":" + d[5:7] + ":" + d[8:10] + " " + clock
}

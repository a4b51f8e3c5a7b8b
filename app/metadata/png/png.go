// Package png inspects and cleans PNG (and APNG) files losslessly. Image
// chunks are copied byte for byte; text, EXIF, XMP and time chunks are
// read for the report and left out of the clean copy, which gets a fresh
// minimal eXIf chunk only when the orientation (or, if asked, the date)
// must survive.
package png

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/exif"
	"photoconsent/app/metadata/iptc"
	"photoconsent/app/metadata/xmp"
)

// The payload readers, swappable so tests can see what is handed on.
var (
	inspectEXIF = exif.Inspect
	inspectXMP  = xmp.Inspect
	inspectIPTC = iptc.Inspect
	minimalEXIF = exif.Minimal
)

// maxText bounds one reported text value.
const maxText = 4096

// Inspect reports the file's location, identity and text metadata. It
// does not check CRCs: a file whose writer left them out (they exist) still
// shows what it carries; Clean refuses it.
func Inspect(r io.ReaderAt, size int64) (metadata.Findings, error) {
	cs, _, err := chunks(r, size, false)
	if err != nil {
		return metadata.Findings{}, err
	}
	f, _, err := inspect(r, cs)
	return f, err
}

// inspect reports the chunks' findings and, apart, the capture date (the
// findings' date may be tIME's last-modified time, which is not one).
func inspect(r io.ReaderAt, cs []chunk) (metadata.Findings, string, error) {
	// EXIF's orientation and date come first, then XMP's, then tIME's.
	var fromEXIF, other metadata.Findings
	var modified string
	for _, c := range cs {
		switch c.typ {
		case "eXIf", "tEXt", "zTXt", "iTXt", "tIME":
		default:
			continue
		}
		b, err := c.data(r)
		if err != nil {
			return metadata.Findings{}, "", err
		}
		switch c.typ {
		case "eXIf":
			g, _ := inspectEXIF(bytes.TrimPrefix(b, []byte("Exif\x00\x00")))
			fromEXIF.Add(g)
		case "tIME":
			modified = timeChunk(b)
		default:
			t, ok := readText(c.typ, b)
			if ok {
				fe, fo := inspectText(c.typ, t)
				fromEXIF.Add(fe)
				other.Add(fo)
			}
		}
	}
	var f metadata.Findings
	f.Add(fromEXIF)
	f.Add(other)
	captured := f.Date
	if f.Date == "" {
		f.Date = modified
	}
	return f, captured, nil
}

// text is a decoded tEXt, zTXt or iTXt chunk.
type text struct {
	keyword, value string
	raw            []byte // the value's bytes, for payloads such as XMP
}

// readText decodes a text chunk; it reports false for a chunk it cannot
// read (a bad compression stream), which cleaning drops all the same.
func readText(typ string, b []byte) (text, bool) {
	k, rest, ok := bytes.Cut(b, []byte{0})
	if !ok || len(k) == 0 || len(k) > 79 {
		return text{}, false
	}
	t := text{keyword: latin1(k)}
	switch typ {
	case "tEXt":
		t.raw = rest
		t.value = latin1(rest)
	case "zTXt":
		if len(rest) < 1 || rest[0] != 0 {
			return text{}, false
		}
		v, err := inflate(rest[1:])
		if err != nil {
			return text{}, false
		}
		t.raw = v
		t.value = latin1(v)
	case "iTXt":
		if len(rest) < 2 {
			return text{}, false
		}
		compressed, method := rest[0], rest[1]
		rest = rest[2:]
		_, rest, ok1 := bytes.Cut(rest, []byte{0}) // language tag
		translated, rest, ok2 := bytes.Cut(rest, []byte{0})
		if !ok1 || !ok2 {
			return text{}, false
		}
		if compressed == 1 {
			if method != 0 {
				return text{}, false
			}
			v, err := inflate(rest)
			if err != nil {
				return text{}, false
			}
			rest = v
		}
		t.raw = rest
		t.value = string(bytes.ToValidUTF8(rest, []byte("\uFFFD")))
		if len(translated) > 0 {
			t.keyword += " (" + string(bytes.ToValidUTF8(translated, nil)) + ")"
		}
	}
	return t, true
}

// inflate decompresses zlib data, refusing to expand past metadata.MaxPayload.
func inflate(b []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	v, err := io.ReadAll(io.LimitReader(zr, metadata.MaxPayload+1))
	if err != nil {
		return nil, err
	}
	if len(v) > metadata.MaxPayload {
		return nil, metadata.Malformedf("PNG compressed text expands past the %d byte cap", metadata.MaxPayload)
	}
	return v, nil
}

func latin1(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	s, err := charmap.ISO8859_1.NewDecoder().Bytes(b)
	if err != nil {
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	}
	return string(s)
}

// inspectText reports one text chunk: an XMP packet, a hex-encoded raw
// profile (ImageMagick's "Raw profile type exif/iptc/xmp/APP1/8bim"), or
// plain text. EXIF found in it is returned apart, as it ranks first.
func inspectText(typ string, t text) (fromEXIF, other metadata.Findings) {
	key := strings.ToLower(t.keyword)
	if key == "xml:com.adobe.xmp" {
		g, _ := inspectXMP(t.raw)
		return metadata.Findings{}, g
	}
	if kind, ok := strings.CutPrefix(key, "raw profile type "); ok {
		payload, err := rawProfile(t.raw)
		if err != nil {
			return metadata.Findings{}, metadata.Findings{}
		}
		switch kind {
		case "exif", "app1":
			// An APP1 profile is a JPEG APP1 payload: EXIF, or XMP.
			if p, ok := bytes.CutPrefix(payload, []byte("http://ns.adobe.com/xap/1.0/\x00")); ok {
				g, _ := inspectXMP(p)
				return metadata.Findings{}, g
			}
			payload = bytes.TrimPrefix(payload, []byte("Exif\x00\x00"))
			g, _ := inspectEXIF(payload)
			return g, metadata.Findings{}
		case "iptc", "8bim":
			g, _ := inspectIPTC(payload)
			return metadata.Findings{}, g
		case "xmp":
			g, _ := inspectXMP(payload)
			return metadata.Findings{}, g
		}
		return metadata.Findings{}, metadata.Findings{}
	}
	var f metadata.Findings
	tag := tagName(t.keyword)
	fd := metadata.Finding{Group: "PNG", Tag: tag}
	switch {
	case isLocation(key):
		f.Location = append(f.Location, fd)
	case isIdentity(key):
		f.Identity = append(f.Identity, fd)
	}
	if v := strings.TrimSpace(t.value); v != "" {
		if len(v) > maxText {
			v = strings.ToValidUTF8(v[:maxText], "")
		}
		f.Texts = append(f.Texts, metadata.Text{Where: "PNG:" + typ + " " + t.keyword, Text: v})
	}
	return metadata.Findings{}, f
}

// tagName names a keyword as exiftool does: "create-date" is CreateDate.
func tagName(k string) string {
	var b strings.Builder
	up := true
	for _, r := range k {
		if r == ' ' || r == '-' || r == '_' || r == ':' {
			up = true
			continue
		}
		if up && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		up = false
		b.WriteRune(r)
	}
	return b.String()
}

func isLocation(key string) bool {
	for _, w := range []string{"gps", "latitude", "longitude", "location", "city", "country", "geo", "address"} {
		if strings.Contains(key, w) {
			return true
		}
	}
	return false
}

func isIdentity(key string) bool {
	for _, w := range []string{"author", "copyright", "software", "make", "model", "serial", "owner", "artist", "source", "disclaimer", "creator", "host", "user"} {
		if strings.Contains(key, w) {
			return true
		}
	}
	return false
}

// rawProfile decodes ImageMagick's raw profile text:
// "\n<name>\n<decimal length>\n<hex digits over lines>".
func rawProfile(b []byte) ([]byte, error) {
	fields := bytes.Fields(b)
	if len(fields) < 3 {
		return nil, metadata.Malformedf("PNG raw profile is too short")
	}
	n, err := strconv.Atoi(string(fields[1]))
	if err != nil || n < 0 || n > metadata.MaxPayload {
		return nil, metadata.Malformedf("PNG raw profile length %q is bad", fields[1])
	}
	hexDigits := bytes.Join(fields[2:], nil)
	if len(hexDigits) > 2*metadata.MaxPayload {
		return nil, metadata.Malformedf("PNG raw profile is over the cap")
	}
	out := make([]byte, hex.DecodedLen(len(hexDigits)))
	m, err := hex.Decode(out, hexDigits)
	if err != nil {
		return nil, metadata.Malformedf("PNG raw profile is not hex: %v", err)
	}
	if m > n {
		m = n
	}
	return out[:m], nil
}

// timeChunk turns tIME (the last modification) into EXIF's date form.
func timeChunk(b []byte) string {
	if len(b) != 7 {
		return ""
	}
	year := int(b[0])<<8 | int(b[1])
	if year < 1 || b[2] < 1 || b[2] > 12 || b[3] < 1 || b[3] > 31 || b[4] > 23 || b[5] > 59 || b[6] > 60 {
		return ""
	}
	return fmt.Sprintf("%04d:%02d:%02d %02d:%02d:%02d", year, b[2], b[3], b[4], b[5], b[6])
}

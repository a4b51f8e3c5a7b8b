package bmff

import (
	"encoding/binary"
	"fmt"
	"strings"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/xmp"
)

// kind says what a metadata tag is about; a tag can be several.
type kind uint8

const (
	loc kind = 1 << iota
	ident
	text
)

type tagInfo struct {
	name string
	kind kind
}

// userTags names the udta (and iTunes-style ilst) items the way exiftool
// -G1 does.
var userTags = map[string]tagInfo{
	"\xa9xyz": {"GPSCoordinates", loc},
	"loci":    {"LocationInformation", loc},
	"\xa9mak": {"Make", ident},
	"\xa9mod": {"Model", ident},
	"\xa9swr": {"SoftwareVersion", ident},
	"\xa9too": {"Encoder", ident},
	"\xa9hst": {"HostComputer", ident},
	"\xa9aut": {"Author", ident | text},
	"\xa9ART": {"Artist", ident | text},
	"\xa9cpy": {"Copyright", ident | text},
	"\xa9wrt": {"Composer", ident | text},
	"\xa9com": {"Composer", ident | text},
	"\xa9dir": {"Director", ident | text},
	"\xa9prd": {"Producer", ident | text},
	"\xa9prf": {"Performers", ident | text},
	"\xa9enc": {"EncodedBy", ident | text},
	"\xa9nam": {"Title", text},
	"\xa9cmt": {"Comment", text},
	"\xa9des": {"Description", text},
	"\xa9inf": {"Information", text},
	"\xa9key": {"Keywords", text},
	"\xa9alb": {"Album", text},
	"desc":    {"Description", text},
	"ldes":    {"LongDescription", text},
	"aART":    {"AlbumArtist", ident | text},
	"titl":    {"Title", text},
	"dscp":    {"Description", text},
	"cprt":    {"Copyright", ident | text},
	"perf":    {"Performer", ident | text},
	"auth":    {"Author", ident | text},
	"kywd":    {"Keywords", text},
	"albm":    {"Album", text},
	"manu":    {"Make", ident},
	"modl":    {"Model", ident},
	"FIRM":    {"FirmwareVersion", ident},
	"CAME":    {"SerialNumberHash", ident},
	"MUID":    {"MediaUID", ident},
	"LENS":    {"LensSerialNumber", ident},
	"GPMF":    {"GoProGPMF", ident},
	"smta":    {"SamsungTags", ident},
	"NCDT":    {"NikonTags", ident},
	"CNTH":    {"ThumbnailImage", ident},
	"CNMN":    {"Model", ident},
	"TAGS":    {"MakerNotes", ident},
	"PENT":    {"PentaxTags", ident},
	"MVTG":    {"FujiFilmTags", ident},
	"Xtra":    {"MicrosoftXtra", ident},
}

const (
	maxTextLen     = 4096 // bytes of one reported text value
	maxKeys        = 4096 // entries of a keys box
	appleKeyPrefix = "com.apple.quicktime."
)

// udta reports a user data box's items and neutralises the whole box:
// nothing in it is needed to play the file.
func (p *plan) udta(b box, depth int) error {
	if depth > maxDepth {
		return metadata.Malformedf("boxes nested too deep")
	}
	kids, err := p.w.kids(b, false)
	if err != nil {
		return err
	}
	var names []string
	for _, k := range kids {
		names = append(names, printable(k.typ))
		switch k.typ {
		case "meta":
			if err := p.qtMeta(k, depth+1, false); err != nil {
				return err
			}
			continue
		case "XMP_":
			if err := p.inspectBox("XMP", k, xmp.Inspect); err != nil {
				return err
			}
			continue
		case "uuid":
			if err := p.uuid(k, depth+1); err != nil {
				return err
			}
			continue
		}
		info, ok := userTags[k.typ]
		if !ok {
			continue
		}
		var val string
		cam := strings.HasPrefix(k.typ, "\xa9") && isCamera(info)
		if info.kind&text != 0 || cam {
			body, err := p.w.read(k.body(), min(k.bodyLen(), int64(maxTextLen)))
			if err != nil && info.kind&text != 0 {
				return err
			}
			val = userText(k.typ, body) // a broken make or model is left unread
		}
		if cam {
			p.camera(info, val)
		}
		p.tag("UserData", info, val)
	}
	if len(names) > 0 {
		p.removed = append(p.removed, "QuickTime user data (udta: "+strings.Join(names, ", ")+")")
	}
	p.free(b)
	return nil
}

// tag records one metadata item.
func (p *plan) tag(group string, info tagInfo, val string) {
	f := metadata.Finding{Group: group, Tag: info.name}
	if info.kind&loc != 0 {
		p.f.Location = append(p.f.Location, f)
	}
	if info.kind&ident != 0 {
		p.f.Identity = append(p.f.Identity, f)
	}
	if info.kind&text != 0 && strings.TrimSpace(val) != "" {
		p.f.Texts = append(p.f.Texts, metadata.Text{Where: group + ":" + info.name, Text: val})
	}
}

// payload hands an EXIF or XMP payload to its parser. A payload the parser
// cannot read is still reported: it is removed all the same.
func (p *plan) payload(group string, b []byte, inspect func([]byte) (metadata.Findings, error)) {
	f, err := inspect(b)
	if err != nil {
		p.f.Identity = append(p.f.Identity, metadata.Finding{Group: group, Tag: "Unreadable"})
		return
	}
	p.f.Add(f)
}

// inspectBox hands a box's payload to its parser; one too big to hold is
// reported unread.
func (p *plan) inspectBox(group string, b box, inspect func([]byte) (metadata.Findings, error)) error {
	if b.bodyLen() > metadata.MaxPayload {
		p.f.Identity = append(p.f.Identity, metadata.Finding{Group: group, Tag: "Unreadable"})
		return nil
	}
	body, err := p.w.payload(b)
	if err != nil {
		return err
	}
	p.payload(group, body, inspect)
	return nil
}

// qtMeta reports a metadata box (keys + ilst, or iTunes-style ilst) and,
// unless its container is neutralised whole, neutralises it. QuickTime's
// meta is a plain box; ISO's is a FullBox.
func (p *plan) qtMeta(b box, depth int, neutralise bool) error {
	if depth > maxDepth {
		return metadata.Malformedf("boxes nested too deep")
	}
	full, err := p.isFullMeta(b)
	if err != nil {
		return err
	}
	kids, err := p.w.kids(b, full)
	if err != nil {
		return err
	}
	var keys []string
	if k, ok := find(kids, "keys"); ok {
		body, err := p.w.payload(k)
		if err != nil {
			return err
		}
		if keys, err = parseKeys(body); err != nil {
			return err
		}
	}
	items := 0
	if il, ok := find(kids, "ilst"); ok {
		list, err := p.w.kids(il, false)
		if err != nil {
			return err
		}
		for _, it := range list {
			items++
			if err := p.ilstItem(it, keys); err != nil {
				return err
			}
		}
	}
	if x, ok := find(kids, "XMP_"); ok {
		if err := p.inspectBox("XMP", x, xmp.Inspect); err != nil {
			return err
		}
	}
	if neutralise {
		p.removed = append(p.removed, fmt.Sprintf("QuickTime metadata (meta: %d keys, %d items)", len(keys), items))
		p.free(b)
	}
	return nil
}

// isFullMeta tells an ISO meta (FullBox: version and flags, then boxes)
// from a QuickTime one (boxes straight away).
func (p *plan) isFullMeta(b box) (bool, error) {
	if b.bodyLen() < 8 {
		return false, nil
	}
	h, err := p.w.read(b.body(), 8)
	if err != nil {
		return false, err
	}
	switch string(h[4:8]) {
	case "hdlr", "keys", "ilst", "free", "XMP_", "uuid":
		return false, nil
	}
	return true, nil
}

// parseKeys reads a QuickTime keys box body: version and flags, a count,
// then size/namespace/name entries.
func parseKeys(b []byte) ([]string, error) {
	if len(b) < 8 {
		return nil, metadata.Malformedf("keys box too short")
	}
	n := binary.BigEndian.Uint32(b[4:8])
	if n > maxKeys {
		return nil, metadata.Malformedf("%d keys", n)
	}
	var keys []string
	pos := 8
	for i := uint32(0); i < n; i++ {
		if len(b)-pos < 8 {
			return nil, metadata.Malformedf("keys box cut short")
		}
		size := int(binary.BigEndian.Uint32(b[pos:]))
		if size < 8 || size > len(b)-pos {
			return nil, metadata.Malformedf("key entry of bad size %d", size)
		}
		keys = append(keys, string(b[pos+8:pos+size]))
		pos += size
	}
	return keys, nil
}

// ilstItem reports one item of an item list, named by its key when keys
// are present, else by its own type.
func (p *plan) ilstItem(it box, keys []string) error {
	var info tagInfo
	group := "ItemList"
	if idx := binary.BigEndian.Uint32([]byte(it.typ)); len(keys) > 0 && idx >= 1 && idx <= uint32(len(keys)) {
		group = "Keys"
		info = keyInfo(keys[idx-1])
	} else if i, ok := userTags[it.typ]; ok {
		info = i
	}
	if info.kind == 0 {
		return nil
	}
	var val string
	cam := isCamera(info) && (group == "Keys" || strings.HasPrefix(it.typ, "\xa9"))
	if info.kind&text != 0 || cam {
		v, err := p.itemText(it)
		if err != nil && info.kind&text != 0 {
			return err
		}
		val = v // a broken make or model is only left unread, as before
	}
	if cam {
		p.camera(info, val)
	}
	p.tag(group, info, val)
	return nil
}

// itemText reads the text in an item's data box.
func (p *plan) itemText(it box) (string, error) {
	kids, err := p.w.kids(it, false)
	if err != nil {
		return "", err
	}
	d, ok := find(kids, "data")
	if !ok || d.bodyLen() < 8 {
		return "", nil
	}
	body, err := p.w.read(d.body(), min(d.bodyLen(), int64(maxTextLen)+8))
	if err != nil {
		return "", err
	}
	return dataText(body), nil
}

// isCamera reports whether a tag names the camera's make or model: the
// Keys com.apple.quicktime.make and .model, or udta/ilst ©mak and ©mod.
func isCamera(info tagInfo) bool {
	return info.kind == ident && (info.name == "Make" || info.name == "Model")
}

// camera fills the make or model, if still empty, with a tag's value.
func (p *plan) camera(info tagInfo, val string) {
	field := &p.f.Camera.Make
	if info.name == "Model" {
		field = &p.f.Camera.Model
	}
	if *field == "" {
		*field = metadata.CameraText(val)
	}
}

// keyInfo names a QuickTime metadata key the way exiftool does and says
// what it is about.
func keyInfo(key string) tagInfo {
	k := strings.TrimPrefix(key, appleKeyPrefix)
	k = strings.TrimPrefix(k, "com.android.")
	if k == "location.ISO6709" {
		return tagInfo{"GPSCoordinates", loc}
	}
	name := camel(k)
	lk := strings.ToLower(k)
	switch {
	case strings.Contains(lk, "location") || strings.Contains(lk, "gps"):
		return tagInfo{name, loc}
	case lk == "make" || lk == "model" || lk == "software" || lk == "version" ||
		(strings.HasPrefix(lk, "camera.") && !strings.Contains(lk, "focal")) || strings.Contains(lk, "identifier") ||
		strings.Contains(lk, "serial") || lk == "manufacturer":
		return tagInfo{name, ident}
	case lk == "author" || lk == "artist" || lk == "copyright" || lk == "publisher" ||
		lk == "displayname" || lk == "director" || lk == "producer" || lk == "performer":
		return tagInfo{name, ident | text}
	case lk == "title" || lk == "comment" || lk == "description" || lk == "keywords" ||
		lk == "information" || lk == "album" || lk == "content.description":
		return tagInfo{name, text}
	}
	return tagInfo{}
}

// camel turns "location.accuracy.horizontal" into "LocationAccuracyHorizontal".
func camel(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if r == '.' || r == '_' || r == '-' || r == ' ' {
			up = true
			continue
		}
		if up {
			b.WriteString(strings.ToUpper(string(r)))
			up = false
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

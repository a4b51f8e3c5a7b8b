package bmff

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// dataText decodes an ilst 'data' box body: type, locale, value.
func dataText(b []byte) string {
	if len(b) < 8 {
		return ""
	}
	t := binary.BigEndian.Uint32(b) & 0xffffff
	v := b[8:]
	switch t {
	case 1:
		return clip(v)
	case 2:
		return utf16be(v)
	}
	return ""
}

// userText decodes a udta text item: QuickTime's ©xxx list of
// (size, language, text) strings, an iTunes-style data box, or a 3GPP
// full box with a language code and a string.
func userText(typ string, b []byte) string {
	if len(b) >= 16 && string(b[4:8]) == "data" {
		return dataText(b[8:])
	}
	if strings.HasPrefix(typ, "\xa9") {
		var parts []string
		for pos := 0; len(b)-pos >= 4; {
			n := int(binary.BigEndian.Uint16(b[pos:]))
			if n > len(b)-pos-4 {
				break
			}
			s := b[pos+4 : pos+4+n]
			if lang := binary.BigEndian.Uint16(b[pos+2:]); lang < 0x400 && !utf8.Valid(s) {
				s = macRoman(s)
			}
			parts = append(parts, clip(s))
			pos += 4 + n
		}
		if len(parts) > 0 {
			return strings.Join(parts, " ")
		}
		return clip(b)
	}
	if len(b) >= 6 { // 3GPP: version, flags, language
		v := b[6:]
		if typ == "kywd" && len(v) >= 1 {
			var parts []string
			for pos := 1; pos < len(v); {
				n := int(v[pos])
				if n > len(v)-pos-1 {
					break
				}
				parts = append(parts, decode(v[pos+1:pos+1+n]))
				pos += 1 + n
			}
			return strings.Join(parts, " ")
		}
		return decode(v)
	}
	return ""
}

// macRoman decodes text in a Macintosh language code's encoding.
func macRoman(b []byte) []byte {
	out, err := charmap.Macintosh.NewDecoder().Bytes(b)
	if err != nil {
		return b
	}
	return out
}

// decode reads a 3GPP string: UTF-16 with a byte order mark, else UTF-8.
func decode(b []byte) string {
	if len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff {
		return utf16be(b[2:])
	}
	return clip(b)
}

func utf16be(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		c := binary.BigEndian.Uint16(b[i:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return clip([]byte(string(utf16.Decode(u))))
}

// clip makes text printable: up to a NUL, valid UTF-8, bounded.
func clip(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	if len(b) > maxTextLen {
		b = b[:maxTextLen]
	}
	return strings.TrimSpace(strings.ToValidUTF8(string(b), "\uFFFD"))
}

// printable renders a box type for a report (© is byte 0xA9 in MacRoman).
func printable(typ string) string {
	if strings.HasPrefix(typ, "\xa9") {
		return "©" + clip([]byte(typ[1:]))
	}
	if utf8.ValidString(typ) {
		return typ
	}
	return fmt.Sprintf("%q", typ)
}

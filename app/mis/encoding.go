package mis

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Byte-order marks a spreadsheet or MIS may put before the text.
var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decodeText turns a file's bytes into UTF-8 text. UTF-8 (with or without a
// BOM) is the norm; Excel's "Unicode text" is UTF-16; anything else that is
// not valid UTF-8 is taken to be Windows-1252, which is what Excel and older
// SIMS reports write on a British Windows PC. Latin-1 is a subset of it for
// every printable character, so one guess covers both.
func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return validUTF8(data[len(bomUTF8):])
	case bytes.HasPrefix(data, bomUTF16LE):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data)
	case bytes.HasPrefix(data, bomUTF16BE):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data)
	case looksUTF16(data, 1):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), data)
	case looksUTF16(data, 0):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), data)
	case utf8.Valid(data):
		return string(data), nil
	}
	return decodeWith(charmap.Windows1252, data)
}

// validUTF8 accepts text after a UTF-8 BOM. A BOM followed by bytes that are
// not UTF-8 is a mislabelled cp1252 file; decoding it as such beats
// rejecting it.
func validUTF8(data []byte) (string, error) {
	if utf8.Valid(data) {
		return string(data), nil
	}
	return decodeWith(charmap.Windows1252, data)
}

// looksUTF16 spots UTF-16 without a BOM from its zero bytes: ASCII text in
// UTF-16 has a zero in every other byte (odd positions for little-endian).
func looksUTF16(data []byte, zeroAt int) bool {
	if len(data) < 4 {
		return false
	}
	return data[zeroAt] == 0 && data[zeroAt+2] == 0 && data[1-zeroAt] != 0 && data[3-zeroAt] != 0
}

func decodeWith(enc encoding.Encoding, data []byte) (string, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("decode text: %w", err)
	}
	return string(bytes.TrimPrefix(out, bomUTF8)), nil
}

package mis

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

func utf16LE(t *testing.T, s string, bom bool) []byte {
	t.Helper()
	policy := unicode.IgnoreBOM
	if bom {
		policy = unicode.UseBOM
	}
	b, err := unicode.UTF16(unicode.LittleEndian, policy).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode utf-16: %v", err)
	}
	return b
}

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"utf-8", []byte("Zoë"), "Zoë"},
		{"utf-8 with bom", []byte("\xEF\xBB\xBFZoë"), "Zoë"},
		{"cp1252", []byte("Zo\xEB Si\xE2n O\x92Brien"), "Zoë Siân O\u2019Brien"},
		{"cp1252 behind a utf-8 bom", []byte("\xEF\xBB\xBFZo\xEB"), "Zoë"},
		{"utf-16le with bom", utf16LE(t, "Zoë, Łukasz", true), "Zoë, Łukasz"},
		{"utf-16le without bom", utf16LE(t, "UPN,Łukasz", false), "UPN,Łukasz"},
		{"utf-16be with bom", []byte{0xFE, 0xFF, 0, 'Z', 0, 'o'}, "Zo"},
		{"empty", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := decodeText(tc.data)
			if err != nil {
				t.Fatalf("decodeText: %v", err)
			}
			if got != tc.want {
				t.Errorf("decodeText = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestParseEncodings: one pupil in every encoding and line ending a school
// PC produces reads the same.
func TestParseEncodings(t *testing.T) {
	const csv = "UPN,Legal Surname,Legal Forename,Preferred Surname\nX999200119033,Adeyemi,Zoë,D’Souza\n"
	cp1252 := []byte("UPN,Legal Surname,Legal Forename,Preferred Surname\r\nX999200119033,Adeyemi,Zo\xEB,D\x92Souza\r\n")
	tests := []struct {
		name string
		data []byte
	}{
		{"utf-8 lf", []byte(csv)},
		{"utf-8 bom crlf", append([]byte("\xEF\xBB\xBF"), []byte(crlf(csv))...)},
		{"cr only", []byte(cr(csv))},
		{"cp1252 crlf", cp1252},
		{"utf-16 tab separated", utf16LE(t, tabs(csv), true)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("enc.csv", tc.data, Options{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(f.Rows) != 1 || len(f.Warnings) != 0 {
				t.Fatalf("rows %d, file warnings %q; want 1 row, no warnings", len(f.Rows), f.Warnings)
			}
			p := f.Rows[0].Pupil
			if p.UPN != "X999200119033" || p.LegalForename != "Zoë" || p.PreferredSurname != "D’Souza" {
				t.Errorf("got %q %q %q; want X999200119033, Zoë, D’Souza", p.UPN, p.LegalForename, p.PreferredSurname)
			}
		})
	}
}

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
func cr(s string) string   { return strings.ReplaceAll(s, "\n", "\r") }
func tabs(s string) string { return strings.ReplaceAll(s, ",", "\t") }

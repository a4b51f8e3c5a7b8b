package register

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold reduces a name for searching and matching: lower case, accents
// removed (Zoë = Zoe, composed or decomposed), apostrophes dropped
// (O'Neill = O’Neill = ONeill), runs of spaces, hyphens and other separators
// made one space.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: drop it
		case r == '\'' || r == '’' || r == '‘' || r == '`' || r == 'ʼ':
			// apostrophes join: O'Neill is ONeill
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(foldRune(r))
		default:
			space = true
		}
	}
	return b.String()
}

// foldRune lower-cases a letter and spells out the few Latin letters that
// have no decomposition (ø, ł, ı, ß, æ, œ, đ, þ).
func foldRune(r rune) string {
	switch r = unicode.ToLower(r); r {
	case 'ø':
		return "o"
	case 'ł':
		return "l"
	case 'ı':
		return "i"
	case 'ß':
		return "ss"
	case 'æ':
		return "ae"
	case 'œ':
		return "oe"
	case 'đ':
		return "d"
	case 'þ':
		return "th"
	}
	return string(r)
}

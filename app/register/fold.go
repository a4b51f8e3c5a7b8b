package register

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"photoconsent/app/names"
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

// foldRune lower-cases a letter and spells out the Latin letters that have
// no decomposition (ø, ł, ß, æ...), the same way the name search does.
func foldRune(r rune) string {
	r = unicode.ToLower(r)
	if s := names.SpellOut(r); s != "" {
		return s
	}
	return string(r)
}

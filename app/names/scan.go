package names

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A word is a run of letters between boundaries. Hard boundaries are
// separators (spaces, _ - . + digits, punctuation); soft ones are camelCase
// steps ("Amelia|Hartley", "IMG|Amelia") and apostrophes ("O|Neill").
type word struct {
	a, b       int32 // folded bytes [a, b) in scan.folded
	from, to   int32 // original bytes [from, to) in the text
	hard       bool  // a separator, not a soft boundary, comes before it
	spaceAfter bool  // the rune right after it is white space
}

// scan is a text cut into folded words. The folded letters of all words
// sit back to back in folded, so a run of words joined is a sub-slice: a
// map lookup needs no allocation.
type scan struct {
	folded []byte
	words  []word
}

// letter case of the last letter seen
const (
	caseNone = iota
	caseUpper
	caseLower
)

// tokenise cuts text into words, folding each letter: lower case, accents
// dropped (composed or decomposed), compatibility forms flattened (full-width
// letters, ligatures), and the few Latin letters without a decomposition
// spelled out (ø, ł, ß, æ...). Invalid UTF-8 separates words.
func tokenise(text string) *scan {
	s := &scan{
		folded: make([]byte, 0, len(text)),
		words:  make([]word, 0, len(text)/4+1),
	}
	s.run(text)
	return s
}

// run tokenises text into s, reusing its buffers.
func (s *scan) run(text string) {
	s.folded, s.words = s.folded[:0], s.words[:0]
	in := false               // inside a word
	hard := true              // the boundary before the next word is a separator
	prev := 0                 // case of the last letter in this word
	prev2 := 0                // case of the letter before it
	var lastA, lastFrom int32 // where the last letter began (folded, original)
	end := func(spaceAfter bool) {
		w := &s.words[len(s.words)-1]
		w.b = int32(len(s.folded))
		w.spaceAfter = spaceAfter
		if w.a == w.b {
			s.words = s.words[:len(s.words)-1] // letters that fold to nothing
		}
		in = false
	}
	for i, r := range text {
		size := utf8.RuneLen(r) // letters and marks only: never RuneError
		switch {
		case isApostrophe(r):
			if in {
				end(false)
				hard = false // O'Neill: the next letter starts a soft word
			} else {
				hard = true
			}
		case unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me):
			if in {
				s.words[len(s.words)-1].to = int32(i + size)
			}
		case unicode.IsLetter(r):
			c := caseOf(r)
			if in {
				switch {
				case c == caseUpper && prev == caseLower:
					// camelCase: "ameliaHartley"
					end(false)
					hard = false
				case c == caseLower && prev == caseUpper && prev2 == caseUpper:
					// "IMGAmelia", "HJones": the last capital starts a word
					w := &s.words[len(s.words)-1]
					if lastA > w.a {
						w.b, w.to = lastA, lastFrom
						s.words = append(s.words, word{a: lastA, from: lastFrom})
					}
				}
			}
			if !in {
				s.words = append(s.words, word{a: int32(len(s.folded)), from: int32(i), hard: hard})
				in, hard = true, true
				prev = caseNone
			}
			lastA, lastFrom = int32(len(s.folded)), int32(i)
			s.folded = foldLetter(s.folded, r)
			s.words[len(s.words)-1].to = int32(i + size)
			prev2, prev = prev, c
		default:
			if in {
				end(unicode.IsSpace(r))
			}
			hard = true
		}
	}
	if in {
		end(false)
	}
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', '`', 'ʼ', '´', 'ʻ', '′':
		return true
	}
	return false
}

func caseOf(r rune) int {
	switch {
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		return caseUpper
	case unicode.IsLower(r):
		return caseLower
	}
	return caseNone
}

// foldLetter appends the folded form of the letter r to dst.
func foldLetter(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	}
	if sp := SpellOut(unicode.ToLower(r)); sp != "" {
		return append(dst, sp...)
	}
	var src, dec [32]byte
	d := norm.NFKD.Append(dec[:0], utf8.AppendRune(src[:0], r)...)
	for len(d) > 0 {
		q, n := utf8.DecodeRune(d)
		d = d[n:]
		if !unicode.IsLetter(q) || isApostrophe(q) {
			continue // accents and anything else a compatibility form adds (ŉ is ʼn)
		}
		q = unicode.ToLower(q)
		if sp := SpellOut(q); sp != "" {
			dst = append(dst, sp...)
		} else {
			dst = utf8.AppendRune(dst, q)
		}
	}
	return dst
}

// special spells out the lower-case letters that have no decomposition but
// that people type without their mark (Søren = Soren, Łukasz = Lukasz).
func SpellOut(r rune) string {
	switch r {
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
	case 'đ', 'ð':
		return "d"
	case 'þ':
		return "th"
	case 'ħ':
		return "h"
	case 'ŀ':
		return "l"
	case 'ς':
		return "σ"
	}
	return ""
}

// Fold reduces a name or text to its folded words separated by single
// spaces: "Hartley-Jones, Zoë" is "hartley jones zoe", "O’Neill" is
// "o neill" (apostrophes and camelCase split words, so joining the words
// of either spelling gives the same letters).
func Fold(s string) string {
	sc := tokenise(s)
	out := make([]byte, 0, len(sc.folded)+len(sc.words))
	for i, w := range sc.words {
		if i > 0 {
			out = append(out, ' ')
		}
		out = append(out, sc.folded[w.a:w.b]...)
	}
	return string(out)
}

// origAt is the original offset of the letter behind folded byte q of
// word w (w.to when q is w.b). Only run-together matches need it, so it is
// worked out again rather than kept for every letter.
func origAt(text string, w word, q int32) int32 {
	if q >= w.b {
		return w.to
	}
	var buf [16]byte
	pos := w.a
	for i, r := range text[w.from:w.to] {
		if !unicode.IsLetter(r) || isApostrophe(r) {
			continue
		}
		pos += int32(len(foldLetter(buf[:0], r)))
		if pos > q {
			return w.from + int32(i)
		}
	}
	return w.to
}

// hasLower says whether s has a lower-case letter.
func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// allUpper says whether s has capitals and no lower-case letter.
func allUpper(s string) bool {
	upper := false
	for _, r := range s {
		switch caseOf(r) {
		case caseLower:
			return false
		case caseUpper:
			upper = true
		}
	}
	return upper
}

package names

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var fuzzSeeds = []string{
	"IMG_20240612_SportsDay_AmeliaHartleyJones.jpg",
	"Hartley-Jones, Amelia; Zoe\u0308 O’Neill",
	"sportsdayameliahartleyjonesfinal.mov",
	"AmeliaHJ Amelia H.J. May I go",
	"ＡｍｅｌｉａＨａｒｔｌｅｙ Søren Straße İpek",
	"Amelia\xffHartley\xc3",
	"\u0308\u0308'''ABCdEF'g",
	"",
}

// checkMatches holds for any text: every match quotes the text, each pupil
// once, blocks before warns.
func checkMatches(t *testing.T, text string, got []Match) {
	t.Helper()
	seen := map[string]bool{}
	warned := false
	for _, m := range got {
		if !strings.Contains(text, m.Text) || m.Text == "" {
			t.Fatalf("match text %q is not in the text", m.Text)
		}
		if seen[m.PersonID] {
			t.Fatalf("pupil %q matched twice: %v", m.PersonID, got)
		}
		seen[m.PersonID] = true
		switch m.Severity {
		case Warn:
			warned = true
		case Block:
			if warned {
				t.Fatalf("block after warn: %v", got)
			}
		default:
			t.Fatalf("severity %q", m.Severity)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	ix := NewIndex(pupils)
	f.Fuzz(func(t *testing.T, text string) {
		got := ix.Find(text)
		checkMatches(t, text, got)
		if again := ix.Find(text); !slices.Equal(got, again) {
			t.Fatalf("Find is not deterministic: %v then %v", got, again)
		}
	})
}

// FuzzFindName builds an index from fuzzed names: a pupil's forename and
// surname written with a space between must always block.
func FuzzFindName(f *testing.F) {
	f.Add("Amelia", "Hartley-Jones", "x")
	f.Add("Zoë", "O’Neill", "Zoe ONeill")
	f.Add("Jo", "Li", "joli")
	f.Add("Ó", "Briain", "ÓBriain")
	f.Add("'", "a\u0308", "")
	f.Fuzz(func(t *testing.T, fore, sur, text string) {
		ix := NewIndex([]Person{{ID: "p", Forenames: []string{fore}, Surnames: []string{sur}}, pupils[0]})
		checkMatches(t, text, ix.Find(text))
		full := fore + " " + sur
		got := ix.Find(full)
		checkMatches(t, full, got)
		fk, sk := Fold(fore), Fold(sur)
		if fk == "" || sk == "" || len(fk)+len(sk) > 200 || len(strings.Fields(fk+" "+sk)) > 60 {
			return // Find looks at names of up to 64 words (found by FuzzFindName)
		}
		if !slices.ContainsFunc(got, func(m Match) bool { return m.PersonID == "p" && m.Severity == Block }) {
			t.Fatalf("%q %q: full name not blocked: %v", fk, sk, got)
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) = %q: not UTF-8", s, got)
		}
		if again := Fold(got); again != got {
			t.Fatalf("Fold not idempotent: %q → %q → %q", s, got, again)
		}
		if nfd := Fold(norm.NFD.String(s)); utf8.ValidString(s) && nfd != got {
			t.Fatalf("Fold(NFD(%q)) = %q, Fold = %q", s, nfd, got)
		}
	})
}

func FuzzReadList(f *testing.F) {
	f.Add("Amelia\tHartley-Jones\n# c\n\nZoë\tO’Neill\r\n")
	f.Add("\uFEFFx\ty")
	f.Add("no tab")
	f.Fuzz(func(t *testing.T, in string) {
		people, err := ReadList(strings.NewReader(in))
		if err != nil {
			if people != nil {
				t.Fatalf("people and an error")
			}
			return
		}
		for _, p := range people {
			if len(p.Forenames) != 1 || len(p.Surnames) != 1 || p.Forenames[0] == "" || p.Surnames[0] == "" {
				t.Fatalf("bad person %+v", p)
			}
		}
	})
}

package mis

import (
	"strings"
)

// titles a one-cell name may begin with ("Mrs Rachel Hargreaves").
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true,
	"prof": true, "rev": true, "revd": true, "sir": true, "dame": true, "lady": true, "lord": true,
}

// particles start a surname of several words: van der Berg, de la Cruz,
// Ó Briain, Ní Bhriain, St John-Smythe, bin Hassan, ap Rhys. A particle
// only counts after the first word and before the last, so "Al Smith" and
// "Van Morrison" still split at the last space.
var particles = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "de": true, "del": true, "della": true,
	"di": true, "da": true, "du": true, "la": true, "le": true, "dos": true, "das": true, "do": true,
	"st": true, "saint": true, "ó": true, "o": true, "ní": true, "ni": true, "nic": true, "mac": true,
	"mc": true, "uí": true, "ui": true, "bin": true, "binti": true, "bint": true, "ibn": true,
	"al": true, "el": true, "abu": true, "ap": true, "ferch": true, "ten": true, "ter": true,
}

// splitName splits a name written in one cell into title, forename and
// surname. "Surname, Forename" splits at the comma. Otherwise the surname is
// the longest ending that equals one of the given surnames (the pupil's, so
// "María de la Cruz" on Emily de la Cruz's row splits before "de"), else
// starts at the first particle, else is the last word.
func splitName(full string, surnames ...string) (title, forename, surname string) {
	if before, after, ok := strings.Cut(full, ","); ok {
		title, forename = stripTitle(strings.Fields(after))
		return title, forename, strings.Join(strings.Fields(before), " ")
	}
	words := strings.Fields(full)
	if len(words) > 1 && titles[titleKey(words[0])] {
		title, words = words[0], words[1:]
	}
	if len(words) == 0 {
		return title, "", ""
	}
	at := surnameStart(words, surnames)
	return title, strings.Join(words[:at], " "), strings.Join(words[at:], " ")
}

// stripTitle takes a leading title off the forename part of "Surname, Mrs
// Jane".
func stripTitle(words []string) (title, rest string) {
	if len(words) > 1 && titles[titleKey(words[0])] {
		return words[0], strings.Join(words[1:], " ")
	}
	return "", strings.Join(words, " ")
}

// surnameStart is the index of the surname's first word in words.
func surnameStart(words, surnames []string) int {
	best := 0
	for _, s := range surnames {
		sw := strings.Fields(s)
		if len(sw) > best && len(sw) < len(words) && sameWords(words[len(words)-len(sw):], sw) {
			best = len(sw)
		}
	}
	if best > 0 {
		return len(words) - best
	}
	for i := 1; i < len(words)-1; i++ {
		if particles[strings.ToLower(words[i])] {
			return i
		}
	}
	return len(words) - 1
}

// sameWords compares names ignoring case and the typographic apostrophe
// Arbor and Word put in place of '.
func sameWords(a, b []string) bool {
	for i := range a {
		if !strings.EqualFold(plainApostrophe(a[i]), plainApostrophe(b[i])) {
			return false
		}
	}
	return true
}

func plainApostrophe(s string) string { return strings.ReplaceAll(s, "\u2019", "'") }

func titleKey(w string) string { return strings.ToLower(strings.TrimSuffix(w, ".")) }

// Package names finds pupils' names in file names and metadata text.
//
// It is a leaf of app/: it knows nothing of the register, storage or the
// screen, and it never logs or prints a name. Errors name line numbers,
// never the names on them.
//
// # What matches
//
// Texts are cut into words at separators (spaces, _ - . + digits,
// punctuation), at camelCase steps ("SportsDay|Amelia|Hartley|Jones") and
// at apostrophes; letters are folded (case, accents composed or decomposed,
// full-width forms). A name matches a run of whole words whose letters,
// joined, are the name's letters: "HartleyJones", "Hartley-Jones",
// "hartleyjones" and "Hartley Jones" are all Hartley-Jones, and "ONeill",
// "O’Neill" and "oneill" are all O'Neill. A separator in the text must fall
// where the name has one ("Ro_se" is not Rose); camelCase and apostrophe
// splits may fall anywhere ("MacDonald" is Macdonald).
//
//   - Full name → Block: any forename with any surname of the same pupil
//     (legal and preferred), adjacent in either order ("Amelia Hartley-Jones",
//     "Hartley-Jones, Amelia", "HartleyJones_Amelia", "AmeliaHartleyJones").
//     The forename/surname junction must be a word boundary, unless the full
//     name has 8 letters or more: then it is also found run together, even
//     inside a longer word ("sportsdayameliahartleyjones"). Below 8 letters
//     too many ordinary words are two short names run together (Ed Ward is
//     "edward", Lee Ward is "leeward"), so short full names need a boundary.
//   - Forename + surname initials → Block: "AmeliaHJ", "Amelia HJ",
//     "Amelia H.J." for Amelia Hartley-Jones, "RoseS" and "Rose S." for Rose
//     Smith. The initials are one per part of the surname, all of them (van
//     der Berg is VDB): "AmeliaH" only warns for Amelia Hartley-Jones. Schools
//     write forename and initials to mean one child, and anyone who knows
//     the class can tell who it is, so it must not be published. The initials
//     must be capitals after a forename that is not all capitals ("GRACE AT
//     PLAY" is not Grace Adams-Turner), and a lone initial after a space must
//     not be followed by a space ("May I go" is not May Ingram; "Rose S." and
//     "Rose S, Tom B" are). Surname + forename initial is not looked for.
//   - Forename alone or surname alone → Warn, never Block (May, Grace and
//     Rose are also words), and only as whole words: "Primrose" holds no
//     Rose, and run-together text is searched for full names only. Names of
//     one or two letters (Al, Jo, Li) never warn alone. The words of a full
//     name found do not also warn for other pupils: "Amelia Hartley-Jones"
//     names her, not every Amelia in the register.
//
// A pupil is reported once per text, at the strongest severity found, with
// the words as the text has them. Find's work is linear in the text: a long
// text is searched in overlapping 1 MiB windows cut between words, and each
// name is looked at in at most 8 places of a text.
package names

import (
	"cmp"
	"io"
	"slices"
	"unicode/utf8"
)

// Person is one pupil as the index knows them: every forename and surname
// they go by (legal and preferred). Any forename with any surname is a full
// name.
type Person struct {
	ID        string
	Forenames []string
	Surnames  []string
}

// Severity says how sure a match is: a full name blocks, a forename or
// surname alone only warns (May, Grace and Rose are also words).
type Severity string

const (
	Block Severity = "block"
	Warn  Severity = "warn"
)

// Match is one pupil found in a text.
type Match struct {
	PersonID string
	Severity Severity
	Text     string // the words as they appear in the text
}

// runTogether is the fewest letters a full name needs to be found without
// a boundary between forename and surname (see the package comment).
const runTogether = 8

// minAlone is the fewest letters a forename or surname needs to warn alone.
const minAlone = 3

// maxRepeat caps the places one name is looked at in one text.
const maxRepeat = 8

// maxKey caps the folded length of a name the index keeps; longer names
// are cut to it (no real name is near it, and it bounds Find's work).
const maxKey = 255

// kinds of key
const (
	kindAlone    = iota // a forename or a surname alone
	kindFull            // forename and surname, either order
	kindInitials        // forename and surname initials
)

// ref is one pupil behind a key. Refs with the same key are chained
// through next, so the maps hold one int32 per key.
type ref struct {
	person int32
	next   int32  // the next ref with the same key, or -1
	split  uint8  // where the second name begins in the key (full, initials)
	kind   uint8  // kindAlone, kindFull or kindInitials
	bounds uint64 // bit i: the name has a word boundary i bytes into the key
}

// Index finds any of a register's pupils in a text. Build it once per
// register; Find costs microseconds per file name even with 50,000 pupils.
// An Index is read-only after NewIndex: Find is safe for concurrent use.
type Index struct {
	ids               []string          // by pupil number: pupils are numbered in ID order
	alone             map[string]int32  // folded forename or surname → first ref
	pairs             map[string]int32  // folded full name or forename+initials → first ref
	prefix            map[string]uint64 // first 8 bytes of a long full name → its lengths
	refs              []ref
	maxAlone, maxPair int
	maxSpan           int    // most words a name can be written in
	buf               []byte // NewIndex's scratch
}

// NewIndex builds the index.
func NewIndex(people []Person) *Index {
	ix := &Index{
		ids:    make([]string, len(people)),
		alone:  make(map[string]int32, len(people)),
		pairs:  make(map[string]int32, 4*len(people)),
		prefix: make(map[string]uint64, 4*len(people)),
		refs:   make([]ref, 0, 8*len(people)),
	}
	// Pupils are numbered in ID order, so Find orders its result by ID
	// sorting packed integers; added last to first, so chains of refs meet
	// them in that order and the sort has little to do.
	order := make([]int, len(people))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(people[a].ID, people[b].ID) })
	var sc scan // reused: building the index allocates little per pupil
	for n := len(order) - 1; n >= 0; n-- {
		p, i := people[order[n]], int32(n)
		ix.ids[i] = p.ID
		fore, sur := foldAll(&sc, p.Forenames), foldAll(&sc, p.Surnames)
		for _, f := range fore {
			ix.addAlone(i, f)
		}
		for _, s := range sur {
			ix.addAlone(i, s)
		}
		for _, f := range fore {
			for _, s := range sur {
				ix.addPair(i, kindFull, f, s)
				ix.addPair(i, kindFull, s, f)
				ix.addPair(i, kindInitials, f, s.initials())
			}
		}
	}
	ix.buf = nil // Find does not use it
	return ix
}

// folded is a name ready for the index: its letters and where its own
// word boundaries fall.
type folded struct {
	key    string
	bounds uint64
	caps   string // one letter per part between separators: Hartley-Jones is hj
	words  int    // how many words it is written in
}

func (f folded) initials() folded {
	return folded{key: f.caps, bounds: ^uint64(0), words: utf8.RuneCountInString(f.caps)} // "H.J.", "HJ": any split
}

func foldAll(sc *scan, names []string) []folded {
	var out []folded
	for _, n := range names {
		sc.run(n)
		if len(sc.folded) == 0 {
			continue
		}
		f := folded{key: string(sc.folded[:min(len(sc.folded), maxKey)]), words: len(sc.words)}
		for _, w := range sc.words {
			if int(w.a) >= len(f.key) {
				break
			}
			f.bounds |= bit(int(w.a))
			if w.hard {
				r, _ := utf8.DecodeRune(sc.folded[w.a:])
				f.caps += string(r)
			}
		}
		f.bounds &^= 1
		if len(f.key) > 63 {
			f.bounds |= bit(63) // see bit
		}
		if !slices.ContainsFunc(out, func(g folded) bool { return g.key == f.key }) {
			out = append(out, f)
		}
	}
	return out
}

// bit is the bounds bit for offset i. Offsets from 63 on share bit 63,
// which every key longer than 63 bytes sets: past it, a boundary is allowed
// anywhere (no real name is that long).
func bit(i int) uint64 { return 1 << min(i, 63) }

func (ix *Index) addAlone(person int32, f folded) {
	if utf8.RuneCountInString(f.key) < minAlone {
		return
	}
	add(ix, ix.alone, f.key, ref{person: person, kind: kindAlone, bounds: f.bounds})
	ix.maxAlone = max(ix.maxAlone, len(f.key))
	ix.span(f.words)
}

func (ix *Index) addPair(person int32, kind uint8, first, second folded) {
	if first.key == "" || second.key == "" || len(first.key) >= maxKey {
		return
	}
	ix.buf = append(append(ix.buf[:0], first.key...), second.key...)
	split := len(first.key)
	bounds := first.bounds | bit(split) | second.bounds<<min(split, 63)
	if len(ix.buf) > 63 {
		bounds |= bit(63) // see bit
	}
	add(ix, ix.pairs, ix.buf, ref{person: person, kind: kind, split: uint8(split), bounds: bounds})
	ix.maxPair = max(ix.maxPair, len(ix.buf))
	ix.span(first.words + second.words)
	if kind == kindFull && utf8.RuneCount(ix.buf) >= runTogether {
		p, b := ix.buf[:runTogether], bit(len(ix.buf))
		if ix.prefix[string(p)]&b == 0 {
			ix.prefix[string(p)] |= b
		}
	}
}

// span makes room for a name written in n words, and a few more where the
// text splits it further (camelCase, apostrophes); capped, as a bound on
// Find's work.
func (ix *Index) span(n int) { ix.maxSpan = min(max(ix.maxSpan, n+4), 64) }

// add puts r at the head of key's chain, unless the pupil is there already
// with the same kind and split (Amelia and amelia, one pupil's legal and
// preferred names folding alike). Pupils are added one at a time, so a
// pupil's refs sit together at the head.
func add[K string | []byte](ix *Index, m map[string]int32, key K, r ref) {
	r.next = -1
	if head, found := m[string(key)]; found {
		for q := head; q >= 0 && ix.refs[q].person == r.person; q = ix.refs[q].next {
			if ix.refs[q].kind == r.kind && ix.refs[q].split == r.split {
				return
			}
		}
		r.next = head
	}
	m[string(key)] = int32(len(ix.refs))
	ix.refs = append(ix.refs, r)
}

// ReadList reads a --names file: one pupil per line, Forename<TAB>Surname.
func ReadList(r io.Reader) ([]Person, error) { return readList(r) }

package names

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// hit is a chain of refs found at one place in the text, before each ref
// is checked and the strongest match per pupil chosen.
type hit struct {
	head     int32    // first ref of the chain
	from, to int32    // original bytes
	words    [2]int32 // first and last word, for the checks; -1: run together
	block    bool     // a full name or initials chain, not a name alone
}

// Find returns the pupils named in text, strongest match per pupil: blocks
// first, then in the order they appear in the text, then by ID.
func (ix *Index) Find(text string) []Match {
	if ix == nil || len(ix.refs) == 0 || text == "" {
		return nil
	}
	if len(text) <= maxText {
		return ix.find(text)
	}
	// Search a long text in overlapping windows cut at separators: memory
	// stays small, and offsets fit in int32.
	var all []Match
	for at := 0; ; {
		end := len(text)
		if at+maxText < len(text) {
			end = cut(text, at+maxText-overlap, at+maxText, true)
		}
		all = append(all, ix.find(text[at:end])...)
		if end == len(text) {
			break
		}
		at = cut(text, end-overlap, end, false)
	}
	seen := make(map[string]bool, len(all))
	var out []Match
	for _, sev := range []Severity{Block, Warn} {
		for _, m := range all {
			if m.Severity == sev && !seen[m.PersonID] {
				seen[m.PersonID] = true
				out = append(out, m)
			}
		}
	}
	return out
}

// maxText is the longest text searched in one piece, and overlap how much
// the windows of a longer one share (more than any name's length).
var maxText, overlap = 1 << 20, 4 << 10

// cut finds an ASCII separator in text[lo:hi], the last one or the first,
// so that a window does not begin or end inside a word; failing that, hi
// or lo.
func cut(text string, lo, hi int, last bool) int {
	isCut := func(c byte) bool {
		return c < utf8.RuneSelf && c != '\'' && c != '`' && !('a' <= c|0x20 && c|0x20 <= 'z')
	}
	if last {
		for j := hi - 1; j > lo; j-- {
			if isCut(text[j]) {
				return j
			}
		}
		return hi
	}
	for j := lo; j < hi; j++ {
		if isCut(text[j]) {
			return j
		}
	}
	return lo
}

func (ix *Index) find(text string) []Match {
	sc := tokenise(text)
	var c collector
	ix.findWords(sc, &c)
	ix.findRunTogether(sc, text, &c)
	return ix.matches(sc, text, c.hits)
}

// collector gathers hits, a few per chain: a text that says one name a
// million times needs no more work than one that says it eight times.
type collector struct {
	hits  []hit
	count map[int32]int
}

// room says whether chain r may have another hit.
func (c *collector) room(r int32) bool { return c.count[r] < maxRepeat }

func (c *collector) add(h hit) {
	if c.count == nil {
		c.count = map[int32]int{}
	}
	if c.count[h.head] < maxRepeat {
		c.count[h.head]++
		c.hits = append(c.hits, h)
	}
}

// findWords looks up every run of whole words.
func (ix *Index) findWords(sc *scan, c *collector) {
	longest := max(ix.maxAlone, ix.maxPair)
	for i, wi := range sc.words {
		for k := i; k < len(sc.words) && k-i < ix.maxSpan && int(sc.words[k].b-wi.a) <= longest; k++ {
			key := sc.folded[wi.a:sc.words[k].b]
			h := hit{from: wi.from, to: sc.words[k].to, words: [2]int32{int32(i), int32(k)}}
			if len(key) <= ix.maxAlone {
				if h.head = head(ix.alone, key); h.head >= 0 {
					c.add(h)
				}
			}
			if len(key) <= ix.maxPair {
				if h.head = head(ix.pairs, key); h.head >= 0 {
					h.block = true
					c.add(h)
				}
			}
		}
	}
}

// head is the first ref of key's chain, or -1.
func head(m map[string]int32, key []byte) int32 {
	if r, found := m[string(key)]; found {
		return r
	}
	return -1
}

// findRunTogether looks for long full names inside single words, where
// nothing shows where one name ends and the next begins.
func (ix *Index) findRunTogether(sc *scan, text string, c *collector) {
	for _, w := range sc.words {
		for p := w.a; p+runTogether <= w.b; p++ {
			lengths := ix.prefix[string(sc.folded[p:p+runTogether])]
			if lengths == 0 {
				continue
			}
			for n := int32(runTogether); p+n <= w.b && int(n) <= ix.maxPair; n++ {
				if lengths&bit(int(n)) == 0 {
					continue
				}
				if r := head(ix.pairs, sc.folded[p:p+n]); r >= 0 && c.room(r) {
					from, to := origAt(text, w, p), origAt(text, w, p+n)
					c.add(hit{head: r, from: from, to: to, words: [2]int32{-1, -1}, block: true})
				}
			}
		}
	}
}

// fits says whether every separator inside words i..k falls where the name
// has a boundary.
func fits(sc *scan, i, k int, bounds uint64) bool {
	for m := i + 1; m <= k; m++ {
		if sc.words[m].hard && bounds&bit(int(sc.words[m].a-sc.words[i].a)) == 0 {
			return false
		}
	}
	return true
}

// check says whether ref r holds where hit h was found.
func check(sc *scan, text string, h hit, r ref) bool {
	i, k := int(h.words[0]), int(h.words[1])
	switch {
	case i < 0: // run together inside one word: long full names only
		return r.kind == kindFull
	case r.kind == kindAlone:
		return fits(sc, i, k, r.bounds)
	case !fits(sc, i, k, r.bounds):
		return false
	}
	at := sc.words[i].a + int32(r.split)
	junction := -1 // the word the second name starts at
	for m := i + 1; m <= k; m++ {
		if sc.words[m].a == at {
			junction = m
			break
		}
	}
	if r.kind == kindFull {
		return junction >= 0 || utf8.RuneCount(sc.folded[sc.words[i].a:sc.words[k].b]) >= runTogether
	}
	if junction < 0 {
		return false
	}
	if !hasLower(text[sc.words[i].from:sc.words[junction-1].to]) {
		return false // "GRACE AT PLAY"
	}
	for m := junction; m <= k; m++ {
		if !allUpper(text[sc.words[m].from:sc.words[m].to]) {
			return false
		}
	}
	lone := junction == k && sc.words[k].b-sc.words[k].a == 1
	if lone && sc.words[junction].hard && sc.words[junction-1].spaceAfter && sc.words[k].spaceAfter {
		return false // "May I go"
	}
	return true
}

// matches checks the refs of each hit and keeps the strongest, earliest,
// longest match per pupil. Words inside a full name found do not also warn
// for other pupils: "Amelia Hartley-Jones" names her, not every Amelia. A common forename can warn for hundreds of
// pupils of a large register, so pupils are marked in a bit set and the
// hits taken strongest first, rather than sorting every ref found.
func (ix *Index) matches(sc *scan, text string, hits []hit) []Match {
	if len(hits) == 0 {
		return nil
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		if a.block != b.block {
			if a.block {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(b.to, a.to))
	})
	taken := make([]uint64, (len(ix.ids)+63)/64)
	type found struct {
		key uint64 // weak<<62 | from<<31 | pupil: the order of the result
		to  int32
	}
	var out []found
	var blocked [][2]int32 // spans of the full names found
	for _, h := range hits {
		if !h.block && slices.ContainsFunc(blocked, func(b [2]int32) bool { return b[0] <= h.from && h.to <= b[1] }) {
			continue // "Amelia" in "Amelia Hartley-Jones" is not any other Amelia
		}
		n := len(out)
		var last ref // refs of a chain mostly share kind and bounds: check once
		var lastOK, checked bool
		for r := h.head; r >= 0; r = ix.refs[r].next {
			ref := ix.refs[r]
			p := ref.person
			if taken[p/64]&(1<<(p%64)) != 0 {
				continue
			}
			if !checked || ref.kind != last.kind || ref.bounds != last.bounds || ref.split != last.split {
				last, lastOK, checked = ref, check(sc, text, h, ref), true
			}
			if !lastOK {
				continue
			}
			taken[p/64] |= 1 << (p % 64)
			weak := uint64(1)
			if h.block {
				weak = 0
			}
			out = append(out, found{key: weak<<62 | uint64(h.from)<<31 | uint64(p), to: h.to})
		}
		if h.block && len(out) > n {
			blocked = append(blocked, [2]int32{h.from, h.to})
		}
	}
	if len(out) == 0 {
		return nil
	}
	slices.SortFunc(out, func(a, b found) int { return cmp.Compare(a.key, b.key) })
	ms := make([]Match, len(out))
	for i, f := range out {
		sev := Block
		if f.key>>62 != 0 {
			sev = Warn
		}
		from := int32(f.key >> 31 & (1<<31 - 1))
		ms[i] = Match{PersonID: ix.ids[f.key&(1<<31-1)], Severity: sev, Text: text[from:f.to]}
	}
	return ms
}

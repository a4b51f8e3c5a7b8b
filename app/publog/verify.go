package publog

import (
	"fmt"
	"slices"
	"sort"
)

// Verify checks every entry's hash, the links between them, their order
// and the head. No problems means the log is intact. entries are in the
// order the store holds them; one damaged entry is reported once, not again
// for each check that follows from it.
func Verify(entries []Entry, head Head) []Problem {
	var v verifier
	changed := make([]bool, len(entries))
	for i, e := range entries {
		if e.Seq < 1 {
			changed[i] = true
			v.add(e.Seq, "an entry has the number %d, which no entry can have", e.Seq)
		} else if hashOf(e) != e.Hash || !textIntact(e) {
			changed[i] = true
			v.add(e.Seq, "entry %d was changed after it was written", e.Seq)
		}
	}
	v.order(entries)
	v.gaps(entries)
	v.links(entries, changed)
	v.head(entries, changed, head)
	sort.SliceStable(v.found, func(i, j int) bool { return v.found[i].Seq < v.found[j].Seq })
	return v.found
}

type verifier struct{ found []Problem }

func (v *verifier) add(seq int64, format string, a ...any) {
	v.found = append(v.found, Problem{Seq: seq, What: fmt.Sprintf(format, a...)})
}

// order reports neighbours stored in the wrong order.
func (v *verifier) order(entries []Entry) {
	for i := 1; i < len(entries); i++ {
		a, b := entries[i-1].Seq, entries[i].Seq
		if b < a && b >= 1 {
			v.add(b, "entries %d and %d are out of order", b, a)
		}
	}
}

// gaps reports numbers missing between 1 and the highest entry, as ranges,
// and numbers held by more than one entry.
func (v *verifier) gaps(entries []Entry) {
	var seqs []int64
	for _, e := range entries {
		if e.Seq >= 1 {
			seqs = append(seqs, e.Seq)
		}
	}
	slices.Sort(seqs)
	next := int64(1)
	for i, s := range seqs {
		switch {
		case i > 0 && s == seqs[i-1]:
			if i == 1 || seqs[i-2] != s {
				v.add(s, "entry %d appears more than once", s)
			}
			continue
		case s > next:
			v.missing(next, s-1)
		}
		next = s + 1
	}
}

func (v *verifier) missing(from, to int64) {
	switch to - from {
	case 0:
		v.add(from, "entry %d is missing", from)
	case 1:
		v.add(from, "entries %d and %d are missing", from, to)
	default:
		v.add(from, "entries %d to %d are missing", from, to)
	}
}

// links checks that each entry holds the hash of the one before it. Pairs
// already reported (a changed entry, a gap, a wrong order) are skipped.
func (v *verifier) links(entries []Entry, changed []bool) {
	for i, e := range entries {
		if changed[i] {
			continue
		}
		if i == 0 {
			if e.Seq == 1 && e.Prev != "" {
				v.add(1, "entry 1 was replaced after it was written")
			}
			continue
		}
		a := entries[i-1]
		if changed[i-1] || e.Seq != a.Seq+1 {
			continue
		}
		if e.Prev != a.Hash {
			v.add(e.Seq, "entry %d or entry %d before it was replaced after it was written", e.Seq, a.Seq)
		}
	}
}

// head checks the count and last hash the store keeps beside the entries,
// which is how removing entries from the end is found.
func (v *verifier) head(entries []Entry, changed []bool, h Head) {
	last, at := int64(0), -1
	for i, e := range entries {
		if e.Seq >= last {
			last, at = e.Seq, i
		}
	}
	switch {
	case h.Count > last && h.Count-last == 1:
		v.add(h.Count, "the last entry was removed")
	case h.Count > last:
		v.add(last+1, "the last %d entries were removed", h.Count-last)
	case h.Count < last && h.Count == 0:
		v.add(1, "the log's record of how many entries it holds is missing, but it holds entries up to %d", last)
	case h.Count < last:
		v.add(h.Count+1, "the log should end at entry %d, but it goes on to entry %d", h.Count, last)
	case at >= 0 && !changed[at] && entries[at].Hash != h.Last:
		v.add(last, "entry %d was replaced, or the log's record of its last entry was changed", last)
	}
}

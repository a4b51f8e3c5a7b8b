package bmff

import (
	"bytes"
	"testing"

	"photoconsent/app/metadata"
)

// checkClean verifies a cleaned copy: same length, the same box layout,
// every changed byte inside a patch of the plan, media data identical, and
// nothing removable left for Inspect to find.
func checkClean(t *testing.T, orig, out []byte) {
	t.Helper()
	if len(out) != len(orig) {
		t.Fatalf("cleaned copy is %d bytes, original %d", len(out), len(orig))
	}
	p, err := scan(bytes.NewReader(orig), int64(len(orig)), metadata.CleanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	patched := make([]bool, len(orig))
	for _, pt := range p.patches {
		for i := pt.off; i < pt.off+pt.n; i++ {
			patched[i] = true
		}
	}
	for i := range orig {
		if orig[i] != out[i] && !patched[i] {
			t.Fatalf("byte %d changed outside any neutralised box or item", i)
		}
	}
	tops := func(b []byte) []box {
		w := &walker{r: bytes.NewReader(b), size: int64(len(b))}
		bs, err := w.children(0, int64(len(b)))
		if err != nil {
			t.Fatalf("cleaned copy does not parse: %v", err)
		}
		return bs
	}
	a, c := tops(orig), tops(out)
	if len(a) != len(c) {
		t.Fatalf("top-level boxes: got %d, want %d", len(c), len(a))
	}
	for i := range a {
		if a[i].start != c[i].start || a[i].end != c[i].end {
			t.Errorf("top-level box %d moved: got %+v, want %+v", i, c[i], a[i])
		}
		if a[i].typ == "mdat" && len(p.items) == 0 && !bytes.Equal(orig[a[i].start:a[i].end], out[c[i].start:c[i].end]) {
			t.Errorf("mdat at %d changed", a[i].start)
		}
	}
	thumbs := thumbItems(p)
	for _, it := range p.items {
		if thumbs[it.id] {
			for _, e := range it.extents {
				if bytes.ContainsFunc(out[e.off:e.off+e.n], func(r rune) bool { return r != 0 }) {
					t.Errorf("thumbnail item %d (%s) not zeroed", it.id, it.typ)
				}
			}
			continue
		}
		if it.typ == "Exif" || it.typ == "mime" {
			continue
		}
		for _, e := range it.extents {
			if !bytes.Equal(orig[e.off:e.off+e.n], out[e.off:e.off+e.n]) {
				t.Errorf("item %d (%s) changed", it.id, it.typ)
			}
		}
	}
	f, err := Inspect(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatalf("cleaned copy: %v", err)
	}
	for _, l := range f.Location {
		if !l.Unremovable {
			t.Errorf("cleaned copy still has %v", l)
		}
	}
	for _, l := range f.Identity {
		if l.Tag != "Unreadable" {
			t.Errorf("cleaned copy still has identity %v", l)
		}
	}
	if len(f.Texts) > 0 {
		t.Errorf("cleaned copy still has texts %v", f.Texts)
	}
}

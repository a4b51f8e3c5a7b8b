package bmff

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"strings"

	"photoconsent/app/metadata"
)

// ref is one SingleItemTypeReference of an iref box: b.typ says what
// from is to each item of to ('thmb': a thumbnail of, 'dimg': built from,
// 'auxl': an auxiliary image of, 'cdsc': describes).
type ref struct {
	b    box
	from uint32
	to   []uint32
}

// iref lists the item references. A reference box cut short keeps the
// IDs that were there: a thumbnail must be found even in a broken file.
func (p *plan) iref(b box) ([]ref, error) {
	v, err := p.w.read(b.body(), min(b.bodyLen(), 1))
	if err != nil || len(v) == 0 {
		return nil, err
	}
	idSize := 2
	if v[0] != 0 {
		idSize = 4
	}
	kids, err := p.w.kids(b, true)
	if err != nil {
		return nil, err
	}
	var refs []ref
	total := 0
	for _, k := range kids {
		body, err := p.w.read(k.body(), min(k.bodyLen(), int64(idSize+2+0xffff*idSize)))
		if err != nil {
			return nil, err
		}
		pos := 0
		from, ok := uintN(body, &pos, idSize)
		n, _ := uintN(body, &pos, 2)
		r := ref{b: k, from: uint32(from)}
		for i := uint64(0); ok && i < n; i++ {
			var to uint64
			if to, ok = uintN(body, &pos, idSize); ok {
				r.to = append(r.to, uint32(to))
			}
		}
		if total += len(r.to); total > maxRefs {
			return nil, metadata.Malformedf("more than %d item references", maxRefs)
		}
		refs = append(refs, r)
	}
	return refs, nil
}

// pitm returns the primary item's ID, 0 when there is none.
func (p *plan) pitm(kids []box) (uint32, error) {
	b, ok := find(kids, "pitm")
	if !ok {
		return 0, nil
	}
	body, err := p.w.read(b.body(), min(b.bodyLen(), 8))
	if err != nil {
		return 0, err
	}
	pos, n := 4, 2
	if len(body) > 0 && body[0] != 0 {
		n = 4
	}
	id, ok := uintN(body, &pos, n)
	if !ok {
		return 0, metadata.Malformedf("pitm box too short")
	}
	return uint32(id), nil
}

// thumbnails removes embedded thumbnails, which can show the picture
// before it was cropped. Nothing moves: a thumbnail's coded data (and that
// of the tiles and alpha plane it is built from) is zeroed inside its own
// extents, the item is marked hidden, and its 'thmb' reference is retyped
// to 'free' with its IDs left as they were, since libheif and libavif read
// iref as a flat run of references and would misread a zeroed one.
// Anything the primary image needs to be shown — its tiles, its alpha
// plane, depth map or HDR gain map ('auxl') — is kept: those show the same
// frame as the primary, and some change how it looks.
func (p *plan) thumbnails(items []item, refs []ref, primary uint32) {
	var thumbs []uint32
	for _, r := range refs {
		if r.b.typ != "thmb" {
			continue
		}
		p.f.Identity = append(p.f.Identity, metadata.Finding{Group: "HEIF", Tag: "ThumbnailImage"})
		p.patches = append(p.patches, patch{off: r.b.start + 4, n: 4, data: []byte("free")})
		thumbs = append(thumbs, r.from)
	}
	if len(thumbs) == 0 {
		return
	}
	g := newGraph(refs)
	keep := g.reach(primary, nil)
	byID := make(map[uint32]item, len(items))
	for _, it := range items {
		byID[it.id] = it
	}
	kept := keptExtents(keep, byID)
	done := make(map[uint32]bool)
	for _, t := range thumbs {
		if keep[t] || done[t] {
			continue
		}
		var size int64
		for _, id := range slices.Sorted(maps.Keys(g.reach(t, keep))) {
			it, ok := byID[id]
			if !ok || done[id] {
				continue
			}
			done[id] = true
			size += p.zeroItem(it, kept)
			p.thumbs = append(p.thumbs, id)
		}
		what := "no data"
		if it, ok := byID[t]; ok {
			what = codec(it.typ) + ", " + kb(size)
		}
		p.removed = append(p.removed, fmt.Sprintf("Embedded thumbnail (HEIF item %d, %s)", t, what))
	}
}

// maxRefs bounds the item IDs all iref boxes of a file may name.
const maxRefs = 1 << 18

// graph is how items are built from each other: tiles by 'dimg' from the
// derived image, auxiliary images by 'auxl' to the image they serve.
type graph struct {
	dimg map[uint32][]uint32 // derived image -> its inputs
	auxl map[uint32][]uint32 // image -> its auxiliary images
}

func newGraph(refs []ref) graph {
	g := graph{dimg: make(map[uint32][]uint32), auxl: make(map[uint32][]uint32)}
	for _, r := range refs {
		switch r.b.typ {
		case "dimg":
			g.dimg[r.from] = append(g.dimg[r.from], r.to...)
		case "auxl":
			for _, to := range r.to {
				g.auxl[to] = append(g.auxl[to], r.from)
			}
		}
	}
	return g
}

// reach returns an image and every item it is built from, recursively,
// leaving out those in stop.
func (g graph) reach(id uint32, stop map[uint32]bool) map[uint32]bool {
	out := make(map[uint32]bool)
	todo := []uint32{id}
	for len(todo) > 0 {
		id := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if out[id] || stop[id] {
			continue
		}
		out[id] = true
		todo = append(append(todo, g.dimg[id]...), g.auxl[id]...)
	}
	return out
}

// spans are the bytes of the items kept: extent starts in order, and for
// each, the furthest end of it and every extent before it.
type spans struct{ off, end []int64 }

func keptExtents(keep map[uint32]bool, byID map[uint32]item) spans {
	var ex []extent
	for id := range keep {
		for _, e := range byID[id].extents {
			if e.n > 0 {
				ex = append(ex, e)
			}
		}
	}
	slices.SortFunc(ex, func(a, b extent) int { return cmp.Compare(a.off, b.off) })
	var s spans
	for i, e := range ex {
		end := e.off + e.n
		if i > 0 {
			end = max(end, s.end[i-1])
		}
		s.off, s.end = append(s.off, e.off), append(s.end, end)
	}
	return s
}

// overlaps says whether any kept extent shares a byte with e.
func (s spans) overlaps(e extent) bool {
	if e.n <= 0 {
		return false
	}
	i, _ := slices.BinarySearch(s.off, e.off+e.n) // extents starting before e ends
	return i > 0 && s.end[i-1] > e.off
}

// zeroItem blanks a thumbnail item's data and hides it, returning its size.
// An item sharing bytes with one that is kept is refused rather than
// blanked: the primary image's data must stay as it was.
func (p *plan) zeroItem(it item, kept spans) int64 {
	for _, e := range it.extents {
		if kept.overlaps(e) {
			p.bad = metadata.Malformedf("thumbnail item %d shares data with the image", it.id)
			return 0
		}
	}
	if it.flags&1 == 0 {
		f := binary.BigEndian.AppendUint32(nil, it.flags|1)
		p.patches = append(p.patches, patch{off: it.infe + 1, n: 3, data: f[1:]})
	}
	return p.overwrite(it, nil)
}

// codec names an image item's coding for the report.
func codec(typ string) string {
	switch typ {
	case "hvc1":
		return "HEVC"
	case "av01":
		return "AV1"
	case "jpeg":
		return "JPEG"
	case "avc1":
		return "H.264"
	case "grid":
		return "tiled"
	}
	return printable(typ)
}

// auxiliaries names, among what a clean copy keeps, the auxiliary images
// of the primary: an alpha plane, a depth map, an HDR gain map. They show
// the same frame as the primary and carry no metadata of their own.
func (p *plan) auxiliaries(iprp box, refs []ref, primary uint32) error {
	g := newGraph(refs)
	keep := g.reach(primary, nil)
	var aux []uint32
	for _, r := range refs {
		if r.b.typ == "auxl" && keep[r.from] && !slices.Contains(aux, r.from) {
			aux = append(aux, r.from)
		}
	}
	if len(aux) == 0 {
		return nil
	}
	slices.Sort(aux)
	urns, err := p.auxTypes(iprp)
	if err != nil {
		return err
	}
	for _, id := range aux {
		p.kept = append(p.kept, fmt.Sprintf("Auxiliary image (HEIF item %d, %s)", id, auxKind(urns[id])))
	}
	return nil
}

// auxTypes reads the auxC type URN of each item that has one: the item
// property containers (ipco) and their associations (ipma).
func (p *plan) auxTypes(iprp box) (map[uint32]string, error) {
	kids, err := p.w.kids(iprp, false)
	if err != nil {
		return nil, err
	}
	ipco, ok := find(kids, "ipco")
	if !ok {
		return nil, nil
	}
	props, err := p.w.kids(ipco, false)
	if err != nil {
		return nil, err
	}
	out := make(map[uint32]string)
	for _, k := range kids {
		if k.typ != "ipma" {
			continue
		}
		body, err := p.w.payload(k)
		if err != nil {
			return nil, err
		}
		assoc, err := parseIpma(body)
		if err != nil {
			continue // only names what is kept: not worth refusing the file for
		}
		for id, idx := range assoc {
			for _, i := range idx {
				if i == 0 || i > len(props) || props[i-1].typ != "auxC" {
					continue
				}
				b, err := p.w.read(props[i-1].body(), min(props[i-1].bodyLen(), 256))
				if err != nil {
					return nil, err
				}
				if len(b) > 4 {
					pos := 4
					out[id] = cstring(b, &pos)
				}
			}
		}
	}
	return out, nil
}

// parseIpma reads an item property association box body: for each item,
// the 1-based indexes of its properties in ipco.
func parseIpma(b []byte) (map[uint32][]int, error) {
	short := metadata.Malformedf("ipma box cut short")
	if len(b) < 8 {
		return nil, short
	}
	idSize, wide := 2, b[3]&1 != 0
	if b[0] >= 1 {
		idSize = 4
	}
	pos := 4
	n, _ := uintN(b, &pos, 4)
	if n > maxItems {
		return nil, metadata.Malformedf("%d items", n)
	}
	out := make(map[uint32][]int)
	for i := uint64(0); i < n; i++ {
		id, ok1 := uintN(b, &pos, idSize)
		count, ok2 := uintN(b, &pos, 1)
		if !ok1 || !ok2 {
			return nil, short
		}
		for j := uint64(0); j < count; j++ {
			var v uint64
			var ok bool
			if wide {
				v, ok = uintN(b, &pos, 2)
				v &= 0x7fff
			} else {
				v, ok = uintN(b, &pos, 1)
				v &= 0x7f
			}
			if !ok {
				return nil, short
			}
			out[uint32(id)] = append(out[uint32(id)], int(v))
		}
	}
	return out, nil
}

// auxKind names an auxiliary image by its auxC type URN.
func auxKind(urn string) string {
	u := strings.ToLower(urn)
	switch {
	case urn == "":
		return "of unknown type"
	case strings.Contains(u, "alpha") || strings.HasSuffix(u, "auxid:1"):
		return "alpha plane"
	case strings.Contains(u, "depth") || strings.Contains(u, "disparity") || strings.HasSuffix(u, "auxid:2"):
		return "depth map"
	case strings.Contains(u, "gainmap"):
		return "HDR gain map"
	case strings.Contains(u, "matte"):
		return "segmentation matte"
	}
	return clip([]byte(urn))
}

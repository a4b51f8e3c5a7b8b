package faces

import pigo "github.com/esimov/pigo/core"

// window is one search: square windows from minSize to maxSize pixels of
// g, moved by shift of their size, each size scale times the last (and at
// least 2 px larger), as pigo's CascadeParams say.
type window struct {
	minSize, maxSize int
	shift, scale     float64
}

// scan runs the cascade over g and returns every window that passes it:
// exactly what pigo's RunCascade returns. offs is scratch space from
// newOffsets.
func (c *trees) scan(g grey, w window, offs *offsets) []pigo.Detection {
	var dets []pigo.Detection
	offs.stride = g.w
	for s := w.minSize; s <= w.maxSize; s = int(float64(s) + max(2, float64(s)*w.scale-float64(s))) {
		offs.s, offs.ready = s, 0
		l := newLattice(g, s, w.shift)
		b := newBatch(l.cols)
		all := make([]int32, l.cols)
		for j := range all {
			all[j] = int32(j)
		}
		for i := range l.rows {
			dets = c.row(dets, g, l, offs, i, all, b)
		}
	}
	return dets
}

// lattice is where windows of one size go: rows×cols centres, step
// apart, the first half a window's size from the top left.
type lattice struct{ size, step, half, rows, cols int }

func newLattice(g grey, s int, shift float64) lattice {
	l := lattice{size: s, step: int(max(shift*float64(s), 1)), half: s/2 + 1}
	if g.h >= 2*l.half && g.w >= 2*l.half {
		l.rows = (g.h-2*l.half)/l.step + 1
		l.cols = (g.w-2*l.half)/l.step + 1
	}
	return l
}

// centre is the index in g.pix of lattice point i, j.
func (l lattice) centre(g grey, i, j int) int {
	return (l.half+i*l.step)*g.w + l.half + j*l.step
}

func (l lattice) detection(i, j int, q float32) pigo.Detection {
	return pigo.Detection{Row: l.half + i*l.step, Col: l.half + j*l.step, Scale: l.size, Q: q}
}

// batch is scratch space for one lattice row: the windows still in play
// and their scores so far.
type batch struct {
	cols []int32
	outs []float32
}

func newBatch(n int) batch { return batch{make([]int32, n), make([]float32, n)} }

// batchTrees is how many trees row runs over all its windows in turn
// before going on window by window. Most windows fail the first trees;
// testing them a row at a time, and dropping failures without a branch,
// keeps the processor from mispredicting which windows go on.
const batchTrees = 5

// row classifies the windows at columns cols of lattice row i and appends
// those that pass to dets.
func (c *trees) row(dets []pigo.Detection, g grey, l lattice, offs *offsets, i int, cols []int32, b batch) []pigo.Detection {
	first := min(batchTrees, len(c.thresh))
	n := c.survivors(g, l, offs, i, cols, first, b)
	for k, j := range b.cols[:n] {
		if q := c.classifyFrom(g.pix, l.centre(g, i, int(j)), offs, first, b.outs[k]); q > 0 {
			dets = append(dets, l.detection(i, int(j), q))
		}
	}
	return dets
}

// survivors runs the first trees (at least one) on the windows at columns
// cols of lattice row i, and leaves those that pass them all in b.cols[:n]
// with their scores in b.outs[:n].
func (c *trees) survivors(g grey, l lattice, offs *offsets, i int, cols []int32, trees int, b batch) (n int) {
	if trees > offs.ready {
		c.fill(offs, trees-1)
	}
	base := l.centre(g, i, 0)
	for t := range trees {
		from, outs := cols, b.outs
		if t > 0 {
			from = b.cols[:n]
		}
		m, k := 0, 0
		for ; k+4 <= len(from); k += 4 {
			var in [4]float32
			if t > 0 {
				in = [4]float32(outs[k : k+4])
			}
			m = c.tree4(g.pix, base, l.step, from[k:k+4], in, offs, t, b, m)
		}
		for ; k < len(from); k++ {
			j, in := from[k], float32(0)
			if t > 0 {
				in = outs[k]
			}
			out, ok := c.tree(g.pix, base+int(j)*l.step, offs, t, in)
			b.cols[m], b.outs[m] = j, out
			m += ok
		}
		n = m
	}
	return n
}

// tree4 runs tree t on four windows at once, so the processor can overlap
// their chains of dependent loads, and keeps those that pass it in b from
// n on; it returns the new count. in holds their scores so far.
func (c *trees) tree4(pix []uint8, base, step int, cols []int32, in [4]float32, offs *offsets, t int, b batch, n int) int {
	node := offs.offs[t*2*c.leaves : (t+1)*2*c.leaves]
	p0, p1, p2, p3 := base+int(cols[0])*step, base+int(cols[1])*step, base+int(cols[2])*step, base+int(cols[3])*step
	i0, i1, i2, i3 := 1, 1, 1, 1
	for range c.depth {
		i0 = 2*i0 + le(pix[p0+int(node[2*i0])], pix[p0+int(node[2*i0+1])])
		i1 = 2*i1 + le(pix[p1+int(node[2*i1])], pix[p1+int(node[2*i1+1])])
		i2 = 2*i2 + le(pix[p2+int(node[2*i2])], pix[p2+int(node[2*i2+1])])
		i3 = 2*i3 + le(pix[p3+int(node[2*i3])], pix[p3+int(node[2*i3+1])])
	}
	th, preds := c.thresh[t], c.preds[t*c.leaves:(t+1)*c.leaves]
	cs := [4]int32(cols)
	for k, idx := range [4]int{i0, i1, i2, i3} {
		out := in[k] + preds[idx-c.leaves]
		b.cols[n], b.outs[n] = cs[k], out
		if out > th {
			n++
		}
	}
	return n
}

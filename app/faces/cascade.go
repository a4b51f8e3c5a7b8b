package faces

import (
	"encoding/binary"
	"errors"
	"math"
)

// trees is pigo's face cascade in a form that scans faster than pigo's
// own RunCascade (see scan.go): for each window size the pixel pairs every
// tree node compares are turned into offsets from the window's centre
// once, so each node costs two loads and a subtraction. A full scan gives
// exactly pigo's detections (TestScanMatchesPigo).
type trees struct {
	depth  int       // comparisons per tree
	leaves int       // 1 << depth
	codes  []int8    // per tree: leaves×4 codes, node i at 4*i (node 0 unused)
	preds  []float32 // per tree: leaves predictions
	thresh []float32 // per tree: running-score threshold
}

// errCascade is returned for cascade bytes that do not parse.
var errCascade = errors.New("faces: malformed cascade")

// parseCascade reads pigo's binary cascade format: 8 bytes skipped, the
// tree depth and count, then per tree its node codes, leaf predictions and
// threshold.
func parseCascade(b []byte) (*trees, error) {
	if len(b) < 16 {
		return nil, errCascade
	}
	depth := binary.LittleEndian.Uint32(b[8:])
	count := binary.LittleEndian.Uint32(b[12:])
	if depth < 1 || depth > 16 || count < 1 || count > 1<<16 {
		return nil, errCascade
	}
	leaves := 1 << depth
	size := 4*(leaves-1) + 4*leaves + 4
	if uint64(len(b)-16) < uint64(count)*uint64(size) {
		return nil, errCascade
	}
	c := &trees{depth: int(depth), leaves: leaves}
	pos := 16
	for range count {
		c.codes = append(c.codes, 0, 0, 0, 0)
		for _, v := range b[pos : pos+4*(leaves-1)] {
			c.codes = append(c.codes, int8(v))
		}
		pos += 4 * (leaves - 1)
		for range leaves {
			c.preds = append(c.preds, math.Float32frombits(binary.LittleEndian.Uint32(b[pos:])))
			pos += 4
		}
		c.thresh = append(c.thresh, math.Float32frombits(binary.LittleEndian.Uint32(b[pos:])))
		pos += 4
	}
	return c, nil
}

// offsets are, for windows of one size in an image of one stride, the
// offsets from a window's centre of the two pixels each node compares.
// They are worked out a few trees at a time as windows get that far: most
// never pass the first few trees.
type offsets struct {
	offs      []int32 // per tree 2×leaves, node i's pair at 2i
	ready     int     // trees filled in so far
	s, stride int
}

// newOffsets returns room for the offsets; scan fills it in for each
// window size.
func (c *trees) newOffsets() *offsets {
	return &offsets{offs: make([]int32, len(c.codes)/2)}
}

// fill makes the offsets of trees up to t (and a few beyond) ready.
// (r*256+code*s)>>8 is r+(code*s)>>8, which is how pigo computes them.
func (c *trees) fill(o *offsets, t int) {
	end := min(max(t+1, 2*o.ready, 8), len(c.thresh))
	for i := 4 * c.leaves * o.ready; i < 4*c.leaves*end; i += 4 {
		r1, c1 := (int(c.codes[i])*o.s)>>8, (int(c.codes[i+1])*o.s)>>8
		r2, c2 := (int(c.codes[i+2])*o.s)>>8, (int(c.codes[i+3])*o.s)>>8
		o.offs[i/2] = int32(r1*o.stride + c1)
		o.offs[i/2+1] = int32(r2*o.stride + c2)
	}
	o.ready = end
}

// tree adds tree t's prediction for the window centred on pixel centre to
// out; ok is 1 when the window passes that tree's threshold, else 0.
// Its offsets must be ready.
func (c *trees) tree(pix []uint8, centre int, o *offsets, t int, out float32) (_ float32, ok int) {
	leaves := c.leaves
	node := o.offs[t*2*leaves : (t+1)*2*leaves]
	idx := 1
	for range c.depth {
		idx = 2*idx + le(pix[centre+int(node[2*idx])], pix[centre+int(node[2*idx+1])])
	}
	out += c.preds[t*leaves+idx-leaves]
	if out > c.thresh[t] {
		ok = 1
	}
	return out, ok
}

// le is 1 when a <= b, else 0, computed without a branch: the processor
// would mispredict it half the time.
func le(a, b uint8) int { return 1 + (int(b)-int(a))>>63 }

// classifyFrom goes on classifying a window that has passed the trees
// before first with score out: it returns its score above the last
// threshold when it passes every tree, or -1 as soon as one rejects it.
func (c *trees) classifyFrom(pix []uint8, centre int, o *offsets, first int, out float32) float32 {
	for t := first; t < len(c.thresh); t++ {
		if t >= o.ready {
			c.fill(o, t)
		}
		var ok int
		if out, ok = c.tree(pix, centre, o, t, out); ok == 0 {
			return -1
		}
	}
	return out - c.thresh[len(c.thresh)-1]
}

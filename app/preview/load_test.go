package preview

import (
	"context"
	"image"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// recorder keeps what Load emits, in the order it came.
type recorder struct {
	mu     sync.Mutex
	thumbs []Thumb
}

func (r *recorder) emit(t Thumb) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.thumbs = append(r.thumbs, t)
}

// outcome is what a test checks of one path's Thumbs.
type outcome struct {
	Embedded []image.Point // sizes of embedded Thumbs, in order
	Final    []image.Point // sizes of final Thumbs (zero for no image)
	Err      []string
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	thumb := encodeJPEG(t, quadrants(40, 20))
	withThumb := exifJPEG(t, quadrants(400, 200), 6, thumb)
	paths := []string{
		write(t, dir, "a.jpg", withThumb),
		write(t, dir, "b.png", encodePNG(t, quadrants(400, 200))),
		write(t, dir, "c.jpg", withThumb[:len(withThumb)*2/3]), // cut short after its thumbnail
		write(t, dir, "d.heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")),
		dir + "/gone.jpg",
		write(t, dir, "f.jpg", withThumb),
		write(t, dir, "g.dng", dng(thumb, 1)),
	}
	want := []outcome{
		{Embedded: []image.Point{{20, 40}}, Final: []image.Point{{128, 256}}, Err: []string{""}},
		{Final: []image.Point{{256, 128}}, Err: []string{""}},
		{Embedded: []image.Point{{20, 40}}, Final: []image.Point{{20, 40}}, Err: []string{"the picture is damaged or cut short"}},
		{Final: []image.Point{{}}, Err: []string{"no preview for HEIC photos"}},
		{Final: []image.Point{{}}, Err: []string{"the file is no longer there"}},
		{Embedded: []image.Point{{20, 40}}, Final: []image.Point{{128, 256}}, Err: []string{""}},
		{Embedded: []image.Point{{40, 20}}, Final: []image.Point{{40, 20}}, Err: []string{"no preview for raw photos"}},
	}
	for _, workers := range []int{1, 2, 8} {
		t.Run(string(rune('0'+workers)), func(t *testing.T) {
			var r recorder
			Load(context.Background(), paths, 256, workers, r.emit)
			got := make([]outcome, len(paths))
			seenFinal := make([]bool, len(paths))
			var embeddedOrder, finalOrder []int
			for _, th := range r.thumbs {
				o := &got[th.Index]
				if th.Embedded {
					if seenFinal[th.Index] {
						t.Errorf("path %d: embedded Thumb after its final one", th.Index)
					}
					embeddedOrder = append(embeddedOrder, th.Index)
					o.Embedded = append(o.Embedded, size(th.Image))
					continue
				}
				seenFinal[th.Index] = true
				finalOrder = append(finalOrder, th.Index)
				o.Final = append(o.Final, size(th.Image))
				msg := ""
				if th.Err != nil {
					msg = th.Err.Error()
				}
				o.Err = append(o.Err, msg)
			}
			if diff := cmp.Diff(got, want); diff != "" {
				t.Errorf("Thumbs per path (-got +want):\n%s", diff)
			}
			if diff := cmp.Diff(embeddedOrder, []int{0, 2, 5, 6}); diff != "" {
				t.Errorf("embedded order (-got +want):\n%s", diff)
			}
			// With one worker the order is fixed: photos showing nothing yet first.
			if diff := cmp.Diff(finalOrder, []int{1, 3, 4, 0, 2, 5, 6}); workers == 1 && diff != "" {
				t.Errorf("final order (-got +want):\n%s", diff)
			}
		})
	}
}

func TestLoadEmpty(t *testing.T) {
	var r recorder
	Load(context.Background(), nil, 256, 2, r.emit)
	if len(r.thumbs) != 0 {
		t.Errorf("got %d Thumbs, want 0", len(r.thumbs))
	}
}

// Cancelling stops Load quickly, and nothing is emitted after it returns.
func TestLoadCancel(t *testing.T) {
	dir := t.TempDir()
	big := write(t, dir, "big.jpg", exifJPEG(t, noise(1600, 1200), 1, encodeJPEG(t, quadrants(40, 20))))
	paths := make([]string, 150)
	for i := range paths {
		paths[i] = big
	}
	tests := []struct {
		name  string
		after func(Thumb) bool // cancel once this Thumb is emitted
	}{
		{"before start", nil},
		{"during embedded pass", func(th Thumb) bool { return th.Embedded && th.Index == 3 }},
		{"during decodes", func(th Thumb) bool { return !th.Embedded }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.after == nil {
				cancel()
			}
			var returned, late, count atomic.Int64
			var cancelled atomic.Int64 // when cancel was called, in ns since start
			start := time.Now()
			Load(ctx, paths, 256, 2, func(th Thumb) {
				if returned.Load() != 0 {
					late.Add(1)
				}
				count.Add(1)
				if tt.after != nil && tt.after(th) && cancelled.Load() == 0 {
					cancelled.Store(int64(time.Since(start)))
					cancel()
				}
			})
			returned.Store(1)
			stop := time.Since(start) - time.Duration(cancelled.Load())
			time.Sleep(300 * time.Millisecond)
			if n := late.Load(); n != 0 {
				t.Errorf("got %d Thumbs after Load returned, want 0", n)
			}
			if stop > time.Second {
				t.Errorf("Load took %v after cancel, want under a second", stop)
			}
			if tt.after == nil && count.Load() != 0 {
				t.Errorf("got %d Thumbs with ctx cancelled first, want 0", count.Load())
			}
			if n := count.Load(); n >= int64(2*len(paths)) {
				t.Errorf("got %d Thumbs, want fewer than %d after a cancel", n, 2*len(paths))
			}
		})
	}
}

// noise is a picture that costs as much to decode as a photo.
func noise(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	x := uint32(1)
	for i := range m.Pix {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		m.Pix[i] = byte(x)
		if i%4 == 3 {
			m.Pix[i] = 255
		}
	}
	return m
}

package preview

import (
	"context"
	"image"
	"runtime"
	"sync"
)

// Load previews every path. A quick first pass emits, in order, each file's
// embedded preview (Embedded true) where it has one; then full decodes run
// on workers goroutines and emit each file's final Thumb (Embedded false),
// files with no embedded preview first, since they show nothing yet. So
// every path gets exactly one final Thumb, after its embedded one. A final
// Thumb whose decode failed carries Err, and the embedded preview as Image
// when there is one, so a screen can keep showing it: show Image when it is
// not nil, a placeholder otherwise.
//
// emit is called from Load's goroutines, possibly concurrently. Load returns
// when all is done, or promptly once ctx is cancelled; it never emits after
// returning. workers is capped at the number of CPUs, since decoding is CPU
// work and each full decode holds tens of megabytes.
func Load(ctx context.Context, paths []string, max, workers int, emit func(Thumb)) {
	if ctx.Err() != nil {
		return
	}
	workers = capWorkers(workers)
	had := embeddedPass(ctx, paths, max, workers, emit)
	if ctx.Err() != nil {
		return
	}
	decodePass(ctx, paths, max, workers, had, emit)
}

// embeddedPass reads embedded previews on workers goroutines and emits
// them in path order. It reports which paths had one.
func embeddedPass(ctx context.Context, paths []string, limit, workers int, emit func(Thumb)) []bool {
	had := make([]bool, len(paths))
	slots := make([]chan image.Image, len(paths))
	for i := range slots {
		slots[i] = make(chan image.Image, 1) // workers never block on a slot
	}
	ahead := make(chan struct{}, 4*workers) // how far workers may run ahead of emit
	jobs := feed(ctx, indexes(len(paths)), ahead)
	var wg sync.WaitGroup
	defer wg.Wait()
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				img, err := embeddedFile(paths[i], limit, quickPixels)
				if err != nil {
					img = nil
				}
				slots[i] <- img
			}
		})
	}
	for i := range paths {
		select {
		case <-ctx.Done():
			return had
		case img := <-slots[i]:
			if img != nil && ctx.Err() == nil {
				had[i] = true
				emit(Thumb{Index: i, Image: img, Embedded: true})
			}
			<-ahead
		}
	}
	return had
}

// decodePass decodes every file in full on workers goroutines, those
// without an embedded preview first, and emits each one's final Thumb.
func decodePass(ctx context.Context, paths []string, limit, workers int, had []bool, emit func(Thumb)) {
	var order []int
	for _, first := range []bool{false, true} {
		for i := range paths {
			if had[i] == first {
				order = append(order, i)
			}
		}
	}
	jobs := feed(ctx, order, nil)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				t := final(ctx, paths[i], i, limit)
				if ctx.Err() != nil {
					return
				}
				emit(t)
			}
		})
	}
	wg.Wait()
}

// final is a file's last Thumb: the full decode, or why it failed with
// the embedded preview as Image when there is one, even one too large for
// the quick pass (a raw photo's).
func final(ctx context.Context, path string, i, limit int) Thumb {
	img, err := decode(ctx, path, limit)
	if err != nil && ctx.Err() == nil {
		if m, embErr := Embedded(path, limit); embErr == nil {
			img = m
		}
	}
	return Thumb{Index: i, Image: img, Err: err}
}

// feed sends the indexes on the returned channel until they run out or ctx
// is done, then closes it. With ahead not nil, it takes a slot in ahead
// before each send; the receiver frees it.
func feed(ctx context.Context, idx []int, ahead chan struct{}) <-chan int {
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for _, i := range idx {
			if ahead != nil {
				select {
				case ahead <- struct{}{}:
				case <-ctx.Done():
					return
				}
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return jobs
}

func indexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// capWorkers keeps the worker count between 1 and the number of CPUs.
func capWorkers(n int) int {
	return min(max(n, 1), runtime.NumCPU())
}

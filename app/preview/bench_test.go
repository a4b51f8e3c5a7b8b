package preview

import (
	"bufio"
	"context"
	"image/jpeg"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"photoconsent/app/metadata/corpustest"
)

// BenchmarkLoad500 feeds 500 photos (the corpus's JPEGs and PNGs, cycled)
// to Load as the vet screen does, and reports how long until every photo
// shows something (its embedded preview or its final thumbnail) and until
// every photo has its final thumbnail.
func BenchmarkLoad500(b *testing.B) {
	dir, files := corpustest.Load(b)
	var photos []string
	for _, f := range corpustest.Only(files, "JPEG", "PNG") {
		photos = append(photos, filepath.Join(dir, f.Path))
	}
	paths := make([]string, 500)
	for i := range paths {
		paths[i] = photos[i%len(photos)]
	}
	var pass, first, full, embedded float64
	b.ResetTimer()
	for range b.N {
		p, f, a, e := load500(paths)
		pass += p.Seconds()
		first += f.Seconds()
		full += a.Seconds()
		embedded += float64(e)
	}
	n := float64(b.N)
	b.ReportMetric(pass/n, "s-embedded-pass")
	b.ReportMetric(first/n, "s-to-all-first")
	b.ReportMetric(full/n, "s-to-all-full")
	b.ReportMetric(embedded/n, "embedded-previews")
}

// load500 runs Load once and times the quick pass (until the first final
// Thumb), the first Thumb of the last photo to get one, and the last final
// Thumb.
func load500(paths []string) (pass, first, full time.Duration, embedded int) {
	var mu sync.Mutex
	seen := make([]bool, len(paths))
	shown := 0
	start := time.Now()
	Load(context.Background(), paths, 256, runtime.NumCPU(), func(t Thumb) {
		mu.Lock()
		defer mu.Unlock()
		if t.Embedded {
			embedded++
		} else if pass == 0 {
			pass = time.Since(start)
		}
		if !seen[t.Index] {
			seen[t.Index] = true
			if shown++; shown == len(paths) {
				first = time.Since(start)
			}
		}
	})
	return pass, first, time.Since(start), embedded
}

// BenchmarkQuickPass500Phones times Load's quick pass over 500 paths of a
// 12-megapixel JPEG with an EXIF thumbnail, as a phone writes, until the
// last embedded preview; Load is then cancelled, so the full decodes are
// not timed.
func BenchmarkQuickPass500Phones(b *testing.B) {
	path := write(b, b.TempDir(), "phone.jpg", exifJPEG(b, quadrants(4000, 3000), 6, encodeJPEG(b, quadrants(160, 120))))
	paths := make([]string, 500)
	for i := range paths {
		paths[i] = path
	}
	var pass float64
	b.ResetTimer()
	for range b.N {
		ctx, cancel := context.WithCancel(context.Background())
		start := time.Now()
		Load(ctx, paths, 256, runtime.NumCPU(), func(t Thumb) {
			if t.Embedded && t.Index == len(paths)-1 { // the quick pass emits in order
				pass += time.Since(start).Seconds()
				cancel()
			}
		})
		cancel()
	}
	b.ReportMetric(pass/float64(b.N), "s-embedded-pass")
}

// BenchmarkDecodePhone is one full decode of the largest JPEG in the
// corpus (an 8-megapixel iPhone photo, through the DC decoder), the cost
// of each photo without an embedded preview.
func BenchmarkDecodePhone(b *testing.B) {
	b.Run("image/jpeg", func(b *testing.B) { benchDecode(b, false) })
	b.Run("DC", func(b *testing.B) { benchDecode(b, true) })
}

func benchDecode(b *testing.B, dc bool) {
	dir, files := corpustest.Load(b)
	var big corpustest.File
	for _, f := range corpustest.Only(files, "JPEG") {
		if f.Size > big.Size && !f.Malformed() {
			big = f
		}
	}
	path := filepath.Join(dir, big.Path)
	b.ResetTimer()
	for range b.N {
		if dc {
			if _, err := Decode(path, 256); err != nil {
				b.Fatal(err)
			}
			continue
		}
		f, err := os.Open(path) // what Decode did before the DC path
		if err != nil {
			b.Fatal(err)
		}
		m, err := jpeg.Decode(bufio.NewReaderSize(f, 64<<10))
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		scale(m, 256)
	}
}

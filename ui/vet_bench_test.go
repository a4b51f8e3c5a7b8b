package ui

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"photoconsent/app/register"
	"photoconsent/storage"
)

// corpusPhotos lists the shared corpus's JPEG and PNG photos, or skips.
func corpusPhotos(b *testing.B) []string {
	b.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "shared", "corpus")
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".jpg", ".jpeg", ".png":
			out = append(out, p)
		}
		return nil
	})
	if err != nil || len(out) == 0 {
		b.Skipf("no corpus photos under %s (%v); skipping", dir, err)
	}
	return out
}

// benchApp is the headless app signed in as the head of a school with the
// test class list, without a second UI goroutine: the benchmark runs one.
func benchApp(b *testing.B) *App {
	b.Helper()
	v, err := storage.NewVault(b.TempDir(), storage.Options{KDF: storage.InsecureTestKDF})
	if err != nil {
		b.Fatal(err)
	}
	s, st, _, err := register.CreateRegister(v, "Oakfield Primary", headLogin, headPassword, register.Options{})
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(testdata("class_list.csv"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Import(context.Background(), "class_list.csv", data, register.ImportOptions{}, nil); err != nil {
		b.Fatal(err)
	}
	a := New(test.NewTempApp(b), Config{Vault: v})
	a.queueForTests()
	a.win.Resize(windowSize)
	a.signedIn(s, st, headPassword)
	a.settle()
	b.Cleanup(func() {
		a.settle()
		a.closeStore()
	})
	return a
}

// uiLoop stands in for the driver's event loop: one goroutine runs
// everything posted to the UI, timing each callback, while a probe posted
// every 10 ms measures how late the UI goroutine gets to it.
type uiLoop struct {
	a        *App
	mu       sync.Mutex
	longest  time.Duration // the longest single callback
	maxLate  time.Duration // the longest a probe waited: the worst stall
	stop     chan struct{}
	finished sync.WaitGroup
}

func startUILoop(a *App) *uiLoop {
	l := &uiLoop{a: a, stop: make(chan struct{})}
	l.finished.Add(2)
	go l.run()
	go l.probe()
	return l
}

func (l *uiLoop) run() {
	defer l.finished.Done()
	for {
		select {
		case <-l.stop:
			return
		default:
		}
		fns := l.a.queue.take()
		if len(fns) == 0 {
			time.Sleep(200 * time.Microsecond)
			continue
		}
		for _, fn := range fns {
			t0 := time.Now()
			fn()
			d := time.Since(t0)
			l.mu.Lock()
			l.longest = max(l.longest, d)
			l.mu.Unlock()
		}
	}
}

func (l *uiLoop) probe() {
	defer l.finished.Done()
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
			posted := time.Now()
			l.a.post(func() {
				late := time.Since(posted)
				l.mu.Lock()
				l.maxLate = max(l.maxLate, late)
				l.mu.Unlock()
			})
		}
	}
}

// do runs fn on the UI goroutine and waits for it.
func (l *uiLoop) do(fn func()) {
	done := make(chan struct{})
	l.a.post(func() {
		fn()
		close(done)
	})
	<-done
}

func (l *uiLoop) close() (longest, maxLate time.Duration) {
	close(l.stop)
	l.finished.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.longest, l.maxLate
}

// BenchmarkVetLoad500 feeds 500 photos (the corpus's JPEGs and PNGs, over
// and over) to the vet screen's loader and reports the seconds until every
// tile shows a picture, until every full decode has arrived, until every
// photo is decided, until the face detector has looked at every photo, and
// the UI goroutine's longest stall and callback.
func BenchmarkVetLoad500(b *testing.B) {
	photos := corpusPhotos(b)
	paths := make([]string, 500)
	for i := range paths {
		paths[i] = photos[i%len(photos)]
	}
	a := benchApp(b)
	s := newVetScreen(a)
	a.shell.body.Objects = []fyne.CanvasObject{s.content}
	a.shell.body.Refresh()
	a.settle()
	var firstAll, fullAll, decidedAll, facesAll time.Duration
	l := startUILoop(a)
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		l.do(func() { s.show(paths) })
		var first, full, decided, faced time.Duration
		for first == 0 || full == 0 || decided == 0 || faced == 0 {
			time.Sleep(5 * time.Millisecond)
			l.do(func() {
				shown, final, dec := s.progress()
				if faced == 0 && s.facesDone() == len(paths) {
					faced = time.Since(start)
				}
				at := time.Since(start)
				if first == 0 && shown == len(paths) {
					first = at
				}
				if full == 0 && final == len(paths) {
					full = at
				}
				if decided == 0 && dec == len(paths) {
					decided = at
				}
			})
			if time.Since(start) > 10*time.Minute {
				b.Fatal("the photos did not load within ten minutes")
			}
		}
		facesAll += faced
		firstAll += first
		fullAll += full
		decidedAll += decided
	}
	b.StopTimer()
	longest, late := l.close()
	n := float64(b.N)
	b.ReportMetric(firstAll.Seconds()/n, "s-all-thumbs")
	b.ReportMetric(fullAll.Seconds()/n, "s-all-full-decodes")
	b.ReportMetric(decidedAll.Seconds()/n, "s-all-decided")
	b.ReportMetric(facesAll.Seconds()/n, "s-all-faces")
	b.ReportMetric(float64(late.Milliseconds()), "ms-max-ui-stall")
	b.ReportMetric(float64(longest.Microseconds())/1000, "ms-longest-callback")
}

// progress counts the tiles showing a picture (or why there is none), the
// final thumbnails and the decisions.
func (s *vetScreen) progress() (shown, final, decided int) {
	for _, p := range s.photos {
		if p.thumb != nil || (p.full && p.thumbErr != "") {
			shown++
		}
		if p.full {
			final++
		}
		if p.decided {
			decided++
		}
	}
	return
}

// facesDone counts the photos the face detector has looked at.
func (s *vetScreen) facesDone() int {
	n := 0
	for _, p := range s.photos {
		if p.item.FacesChecked {
			n++
		}
	}
	return n
}

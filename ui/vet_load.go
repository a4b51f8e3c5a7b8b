package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"photoconsent/app/gate"
	"photoconsent/app/media"
	"photoconsent/app/preview"
)

// thumbMax is the longest side of a thumbnail: enough for a tile and for
// the detail area's larger view.
const thumbMax = 360

// vetLoad is one set of chosen photos being read: the gate's checks and the
// thumbnails arrive from goroutines and are applied in batches on the UI
// goroutine, so 500 photos never make 1,000 separate trips.
type vetLoad struct {
	s      *vetScreen
	photos []*vetPhoto // the set this load fills; a newer load replaces it
	stop   context.CancelFunc

	mu     sync.Mutex
	thumbs []preview.Thumb
	items  map[int]gate.Item
	faces  map[int]gate.Item // items the face detector has looked at
	posted bool              // a flush is waiting for the UI goroutine
	done   int               // goroutines finished (checks and faces, thumbnails)
}

// openTyped opens the typed path: a photo or a folder.
func (s *vetScreen) openTyped() {
	p := strings.Trim(strings.TrimSpace(s.path.Text), `"'`)
	if p == "" {
		say(s.problem, "Type the path of a photo or a folder, or use Choose photos.")
		return
	}
	s.open([]string{p})
}

// chooseFiles picks one photo with the file dialog (Fyne's dialog picks
// one file at a time; a folder brings many).
func (s *vetScreen) chooseFiles() {
	a := s.app
	fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			say(s.problem, sentence(err))
			return
		}
		if rc == nil {
			return
		}
		path := rc.URI().Path()
		if err := rc.Close(); err != nil {
			say(s.problem, sentence(err))
		}
		s.path.SetText(path)
		s.open([]string{path})
	}, a.win)
	fd.Resize(fyne.NewSize(900, 600))
	a.showDialog(fd)
}

// chooseFolder picks a folder; every photo inside it is vetted.
func (s *vetScreen) chooseFolder() {
	a := s.app
	fd := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			say(s.problem, sentence(err))
			return
		}
		if l == nil {
			return
		}
		s.path.SetText(l.Path())
		s.open([]string{l.Path()})
	}, a.win)
	fd.Resize(fyne.NewSize(900, 600))
	a.showDialog(fd)
}

// drop opens what was dropped on the window: files and folders.
func (s *vetScreen) drop(uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 {
		s.open(paths)
	}
}

// open replaces the photos on screen with those at paths (folders are
// searched for photos). The files are only read.
func (s *vetScreen) open(paths []string) {
	a := s.app
	s.cancelLoad()
	say(s.problem, "")
	s.busy(true)
	type expanded struct {
		files    []string
		problems []media.Report
	}
	background(a, func() (expanded, error) {
		files, problems := media.Expand(paths)
		return expanded{files, problems}, nil
	}, func(e expanded, _ error) {
		s.busy(false)
		if len(e.problems) > 0 {
			r := e.problems[0]
			say(s.problem, fmt.Sprintf("%s: %s", filepath.Base(r.File), r.Error))
		}
		if len(e.files) == 0 && len(e.problems) == 0 {
			say(s.problem, "There are no photos or videos there.")
		}
		s.show(e.files)
	})
}

// show puts a tile for each file on screen at once, then starts the checks
// and the thumbnails.
func (s *vetScreen) show(files []string) {
	s.cancelLoad()
	s.waiting = nil
	s.photos = make([]*vetPhoto, len(files))
	for i, f := range files {
		s.photos[i] = &vetPhoto{item: gate.Item{Path: f}, name: filepath.Base(f)}
	}
	s.cur, s.anchor = -1, -1
	if len(files) > 0 {
		s.cur = 0
	}
	if len(files) == 0 {
		s.grid.Hide()
		s.empty.Show()
	} else {
		s.empty.Hide()
		s.grid.Show()
	}
	s.grid.ScrollToTop()
	s.gridBox.Refresh() // draws the grid's tiles too
	s.tags.refreshSelection()
	s.detail.show()
	s.updateCount()
	switch {
	case len(files) == 0:
	case s.gate == nil:
		s.waiting = files // the register is still loading; reload starts them
	default:
		s.startLoad(files)
	}
}

func (s *vetScreen) busy(on bool) {
	if on {
		s.loading.Show()
		s.loading.Start()
		return
	}
	s.loading.Stop()
	s.loading.Hide()
}

func (s *vetScreen) cancelLoad() {
	if s.load != nil {
		s.load.stop()
		s.load = nil
		s.busy(false)
	}
}

// startLoad runs the gate's checks and the thumbnails in goroutines.
func (s *vetScreen) startLoad(files []string) {
	a := s.app
	ctx, stop := context.WithCancel(context.Background())
	l := &vetLoad{s: s, photos: s.photos, stop: stop, items: map[int]gate.Item{}, faces: map[int]gate.Item{}}
	s.load = l
	g := s.gate
	s.busy(true)
	a.busy.Add(2)
	thumbsDone := make(chan struct{})
	go func() {
		defer a.busy.Done()
		defer l.add(func() { l.done++ })
		checked := make([]gate.Item, 0, len(files))
		for i, f := range files {
			if ctx.Err() != nil {
				return
			}
			it := g.Check(f)
			checked = append(checked, it)
			l.add(func() { l.items[i] = it })
		}
		// Faces take longest: every photo's checks and thumbnails come
		// first, so the teacher can look and tag while the detector works.
		select {
		case <-thumbsDone:
		case <-ctx.Done():
			return
		}
		l.findFaces(ctx, g, checked)
	}()
	go func() {
		defer a.busy.Done()
		preview.Load(ctx, files, thumbMax, decoders(), func(t preview.Thumb) {
			l.add(func() { l.thumbs = append(l.thumbs, t) })
		})
		close(thumbsDone)
		l.add(func() { l.done++ })
	}()
}

// findFaces runs the face detector over the checked items on every core
// but one, which the window keeps for itself: the detector is in no hurry,
// and full-size decodes on every core make the window stutter.
func (l *vetLoad) findFaces(ctx context.Context, g *gate.Gate, items []gate.Item) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, runtime.NumCPU()-1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				found := g.FindFaces(items[i])
				l.add(func() { l.faces[i] = found })
			}
		}()
	}
	for i := range items {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
}

// add records a result under the lock and makes sure one flush is on its
// way to the UI goroutine.
func (l *vetLoad) add(record func()) {
	l.mu.Lock()
	record()
	post := !l.posted
	l.posted = true
	l.mu.Unlock()
	if post {
		l.s.app.post(l.flush)
	}
}

// flush applies every result that arrived since the last flush.
func (l *vetLoad) flush() {
	l.mu.Lock()
	thumbs, items, found, done := l.thumbs, l.items, l.faces, l.done
	l.thumbs, l.items, l.faces, l.posted = nil, map[int]gate.Item{}, map[int]gate.Item{}, false
	l.mu.Unlock()
	s := l.s
	if s.load != l {
		return // a newer choice replaced these photos
	}
	var changed []int
	for _, t := range thumbs {
		if l.applyThumb(t) {
			changed = append(changed, t.Index)
		}
	}
	var checked []int
	for i, it := range items {
		if i < len(l.photos) {
			p := l.photos[i]
			it.Tags, it.NoPupils, it.Caption, it.Override = p.item.Tags, p.item.NoPupils, p.item.Caption, p.item.Override
			p.item, p.checked = it, true
			checked = append(checked, i)
		}
	}
	for i, it := range found {
		if i < len(l.photos) && l.photos[i].checked {
			p := &l.photos[i].item
			p.Faces, p.FacesChecked, p.FacesNote, p.Size = it.Faces, true, it.FacesNote, it.Size
			checked = append(checked, i)
		}
	}
	if done == 2 {
		s.busy(false)
		s.load = nil
	}
	if len(checked) > 0 {
		s.redecide(checked)
	}
	s.refreshPhotos(append(changed, checked...))
	s.updateCount()
}

// applyThumb keeps a thumbnail and reports whether the tile changed.
func (l *vetLoad) applyThumb(t preview.Thumb) bool {
	if t.Index < 0 || t.Index >= len(l.photos) {
		return false
	}
	p := l.photos[t.Index]
	if t.Embedded && p.full {
		return false
	}
	if t.Image != nil {
		p.thumb = t.Image
		p.thumbVer++
	}
	p.full = !t.Embedded
	if t.Err != nil && !t.Embedded {
		p.thumbErr = sentence(t.Err)
	}
	return true
}

// decoders is how many full decodes run at once: every core on a small
// machine (thumbnails first), all but one where there are four or more, so
// the window keeps a core to itself.
func decoders() int {
	n := runtime.NumCPU()
	if n >= 4 {
		n--
	}
	return max(1, n)
}

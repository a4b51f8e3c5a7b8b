package demo

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
)

// The demo's photo folders, inside the demo's own folder.
const (
	VetFolder       = "Photos to vet"  // photos waiting for the vet screen
	EarlierFolder   = "Earlier photos" // the originals of what was published before
	PublishedFolder = "Published"      // the gate's publish-safe copies
)

// corpusPhoto is a real photo from the shared test corpus and the name the
// demo gives its copy. A name with %s gets a demo pupil's full name.
type corpusPhoto struct {
	path string // under the corpus folder
	name string
}

// vetPhotos are the photos waiting to be vetted, chosen from the corpus's
// manifest.json: outdoor and people scenes, five with GPS, one rotated
// (Orientation 6), and two whose names hold a pupil's full name.
var vetPhotos = []corpusPhoto{
	{"exifr/Bush-dog.jpg", "Athletics club - %s.jpg"},
	{"ianare/DSCN0021.jpg", "Autumn walk - %s.jpg"},
	{"mei/Samsung GT-I9000 (Galaxy S).jpg", "Train journey.jpg"},
	{"photoprism/elephants.jpg", "Zoo trip.jpg"},
	{"ianare/DSCN0027.jpg", "Church visit.jpg"},
	{"photoprism/ship.jpg", "Canal walk.jpg"},
	{"photoprism/gps-2000.jpg", "Beach day.jpg"},
	{"immich/el_torcal_rocks.jpg", "Nature walk.jpg"},
}

// earlierPhotos are the originals of the demo's publishing history.
var earlierPhotos = []corpusPhoto{
	{"ianare/DSCN0010.jpg", "Harvest festival.jpg"},
	{"photoprism/Iceland-P3.jpg", "Residential trip sunset.jpg"},
	{"mei/Olympus μ Digital 800.JPG", "Harbour visit.jpg"},
	{"exiv2/Reagan.jpg", "Harbour visit 2.jpg"},
	{"immich/thompson-springs.jpg", "Geography field trip.jpg"},
}

// findCorpus returns the shared photo corpus beside the MIS samples, or ""
// when there is none.
func findCorpus(samples string) string {
	dir := filepath.Join(samples, "..", "corpus")
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
		return ""
	}
	return dir
}

// makeVetFolder copies the photos to vet from the corpus; the first two
// names get the pupils' full names. Photos missing from the corpus are left out.
func makeVetFolder(folder, corpus string, pupils [2]string) error {
	dir := filepath.Join(folder, VetFolder)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	for i, p := range vetPhotos {
		name := p.name
		if i < len(pupils) {
			name = fmt.Sprintf(name, pupils[i])
		}
		if err := copyIfThere(filepath.Join(corpus, p.path), filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return nil
}

// makeEarlierFolder copies the published photos' originals from the
// corpus, or draws plain ones when there is no corpus.
func makeEarlierFolder(folder, corpus string) error {
	dir := filepath.Join(folder, EarlierFolder)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	for i, p := range earlierPhotos {
		dst := filepath.Join(dir, p.name)
		if corpus != "" {
			if err := copyIfThere(filepath.Join(corpus, p.path), dst); err != nil {
				return err
			}
		}
		if _, err := os.Stat(dst); errors.Is(err, os.ErrNotExist) {
			if err := drawPhoto(dst, i); err != nil {
				return err
			}
		}
	}
	return nil
}

// copyIfThere copies src's bytes to dst; a missing src is skipped.
func copyIfThere(src, dst string) error {
	in, err := os.Open(src)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// drawPhoto writes a plain 640×480 JPEG, a sky over a field, tinted by n.
func drawPhoto(path string, n int) error {
	img := image.NewRGBA(image.Rect(0, 0, 640, 480))
	for y := range 480 {
		c := color.RGBA{uint8(90 + 20*n), uint8(150 + y/8), 230, 255}
		if y > 300 {
			c = color.RGBA{uint8(60 + 10*n), uint8(140 - (y-300)/4), 60, 255}
		}
		for x := range 640 {
			img.Set(x, y, c)
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 85}); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

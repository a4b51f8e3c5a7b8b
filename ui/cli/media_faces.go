package cli

import (
	"fmt"
	"io"
	"strings"

	"photoconsent/app/faces"
	"photoconsent/app/gate"
	"photoconsent/app/media"
)

// facesJSON is check --json's report of the faces in a photo.
type facesJSON struct {
	Count int       `json:"count"`
	Boxes []boxJSON `json:"boxes"`
	Note  string    `json:"note,omitempty"` // why faces could not be looked for
}

type boxJSON struct {
	X int `json:"x"`
	Y int `json:"y"`
	W int `json:"w"`
	H int `json:"h"`
}

// facesIn looks for faces in a file that was read; one that could not be
// read gets nil (its error says why).
func facesIn(d *faces.Detector, r media.Report) *facesJSON {
	if r.Error != "" {
		return nil
	}
	boxes, _, note := gate.DetectFaces(d, r)
	f := &facesJSON{Count: len(boxes), Boxes: []boxJSON{}, Note: note}
	for _, b := range boxes {
		f.Boxes = append(f.Boxes, boxJSON{b.X, b.Y, b.W, b.H})
	}
	return f
}

// printFaces writes check's line about faces: "faces: 2 at 120,80,64,64
// and 300,90,60,60".
func printFaces(w io.Writer, f *facesJSON) {
	switch {
	case f == nil:
	case f.Note != "":
		fmt.Fprintf(w, "  faces: %s\n", f.Note)
	case f.Count == 0:
		fmt.Fprintln(w, "  faces: none found")
	default:
		at := make([]string, len(f.Boxes))
		for i, b := range f.Boxes {
			at[i] = fmt.Sprintf("%d,%d,%d,%d", b.X, b.Y, b.W, b.H)
		}
		fmt.Fprintf(w, "  faces: %d at %s (x,y,w,h)\n", f.Count, strings.Join(at, " and "))
	}
}

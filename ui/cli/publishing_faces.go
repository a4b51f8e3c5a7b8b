package cli

import (
	"fmt"
	"strconv"
	"strings"

	"photoconsent/app/faces"
	"photoconsent/app/gate"
	"photoconsent/app/register"
)

// faceFlag is one --face WHO=x,y,w,h.
type faceFlag struct {
	who string // a UPN, or "adult"
	box faces.Box
}

// faceFlags collects the repeated --face flags.
type faceFlags []faceFlag

func (f *faceFlags) String() string { return "" }

// Set parses WHO=x,y,w,h.
func (f *faceFlags) Set(v string) error {
	who, box, ok := strings.Cut(v, "=")
	parts := strings.Split(box, ",")
	if !ok || strings.TrimSpace(who) == "" || len(parts) != 4 {
		return fmt.Errorf("--face wants WHO=x,y,w,h, such as K999200119014=120,80,64,64")
	}
	var n [4]int
	for i, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || v < 0 || (i >= 2 && v == 0) {
			return fmt.Errorf("--face %s: x and y are whole pixels from 0, width and height at least 1", box)
		}
		n[i] = v
	}
	*f = append(*f, faceFlag{who: strings.TrimSpace(who), box: faces.Box{X: n[0], Y: n[1], W: n[2], H: n[3]}})
	return nil
}

// anyPupil reports whether a --face names a pupil (who is then tagged).
func (f faceFlags) anyPupil() bool {
	for _, x := range f {
		if !strings.EqualFold(x.who, "adult") {
			return true
		}
	}
	return false
}

// listFlag collects a repeated flag's values; commas separate several.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, x := range strings.Split(v, ",") {
		if x = strings.TrimSpace(x); x != "" {
			*l = append(*l, x)
		}
	}
	return nil
}

// applyFaces puts --face and --blur on the item: each box lands on the
// face the detector found there (or becomes one), tagged with the pupil
// or marked as an adult; each --blur pupil is published obscured.
func (p *publishFlags) applyFaces(s *register.Session, it gate.Item) (gate.Item, error) {
	for _, f := range p.faces {
		var i int
		it, i = it.PlaceFace(f.box)
		if strings.EqualFold(f.who, "adult") {
			it = it.MarkNotPupil(i)
			continue
		}
		pupil, err := s.FindPupil(f.who)
		if err != nil {
			return it, err
		}
		it = it.TagFace(i, pupil.ID)
	}
	for _, upn := range p.blur {
		pupil, err := s.FindPupil(upn)
		if err != nil {
			return it, err
		}
		if _, ok := it.FaceOf(pupil.ID); !ok {
			return it, usagef("--blur %s: say where their face is with --face %s=x,y,w,h", upn, upn)
		}
		it = it.SetBlur(pupil.ID, true)
	}
	return it, nil
}

// plural is "1 pupil", "2 pupils".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

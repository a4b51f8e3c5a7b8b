package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/gate"
)

// The choices for who a face is, besides the pupils tagged in the photo.
const (
	faceNotSaid = "Not said yet"
	faceAdult   = "Adult or not identifiable"
)

// vetFaces is the selected photo's faces under its preview: how many were
// found and tagged, and for each face who it is and whether to publish it
// blurred. The same menu opens from a face's button and from its box in
// the preview.
type vetFaces struct {
	d       *vetDetail
	summary *widget.Label
	rows    *fyne.Container
	drawn   string // what the rows show, so typing elsewhere keeps focus here
	content fyne.CanvasObject
}

func newVetFaces(d *vetDetail) *vetFaces {
	f := &vetFaces{d: d, summary: widget.NewLabel(""), rows: container.NewVBox()}
	f.summary.Wrapping = fyne.TextWrapWord
	f.content = container.NewVBox(f.summary, f.rows)
	return f
}

// show describes the faces of the photo on show.
func (f *vetFaces) show(p *vetPhoto) {
	it := p.item
	key := fmt.Sprint(p.checked, it.FacesChecked, it.FacesNote, it.Faces, it.Tags, it.Blur, f.d.shown)
	if key == f.drawn {
		return
	}
	f.drawn = key
	f.rows.Objects = nil
	f.summary.Importance = widget.MediumImportance
	switch found, resolved := it.FaceCounts(); {
	case !p.checked || it.Check.Error != "":
		f.summary.SetText("")
	case !it.FacesChecked:
		f.summary.SetText("Looking for faces…")
	case it.FacesNote != "":
		f.summary.SetText(capitalise(it.FacesNote) + ".")
	case found == 0:
		f.summary.SetText("No faces found. The detector can miss faces turned away or very small: tag everyone you can see.")
	default:
		if it.Unaccounted() > 0 {
			f.summary.Importance = widget.WarningImportance
		}
		f.summary.SetText(fmt.Sprintf("%s found, %d said who. Click a face in the photo, or choose below, to say who it is.",
			plural(found, "face"), resolved))
		for i := range it.Faces {
			f.rows.Add(f.row(it, i))
		}
	}
	f.summary.Refresh()
	f.rows.Refresh()
}

// row is one face: its number, who it is, and the blur choice once a
// pupil is tagged to it.
func (f *vetFaces) row(it gate.Item, i int) fyne.CanvasObject {
	face := it.Faces[i]
	names, ids := f.choices(it)
	// A button opening the same menu as the face's box: a Select would be
	// as wide as its longest name and widen the whole window.
	var who *widget.Button
	who = widget.NewButtonWithIcon(faceChoice(face, names, ids), theme.MenuDropDownIcon(), func() {
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(who)
		f.menu(i, at.Add(fyne.NewPos(0, who.Size().Height)))
	})
	who.IconPlacement = widget.ButtonIconTrailingText
	who.Alignment = widget.ButtonAlignLeading
	// Just the number, as on the face's box: the detail area is narrow.
	label := bold(fmt.Sprint(i + 1))
	if face.Pupil == "" {
		return container.NewBorder(nil, nil, label, nil, who)
	}
	blur := widget.NewCheck("Publish with this child blurred", func(on bool) {
		f.d.s.editOne(f.d.shown, func(it *gate.Item) { *it = it.SetBlur(face.Pupil, on) })
	})
	blur.Checked = slices.Contains(it.Blur, face.Pupil)
	return container.NewVBox(container.NewBorder(nil, nil, label, nil, who), blur)
}

// choices are the names a face can be given: not said, an adult, then each
// pupil tagged in the photo (by name, with the class when two share one).
func (f *vetFaces) choices(it gate.Item) (names, ids []string) {
	names, ids = []string{faceNotSaid, faceAdult}, []string{"", ""}
	byID := f.d.s.tags.byID
	seen := map[string]int{}
	for _, id := range it.Tags {
		seen[byID[id].Name]++
	}
	for _, id := range it.Tags {
		r := byID[id]
		name := r.Name
		if name == "" {
			name = "A pupil no longer in the register"
		}
		if seen[r.Name] > 1 && r.Class != "" {
			name += " (" + r.Class + ")"
		}
		names, ids = append(names, name), append(ids, id)
	}
	return names, ids
}

func faceChoice(face gate.Face, names, ids []string) string {
	switch {
	case face.NotPupil:
		return faceAdult
	case face.Pupil != "":
		if i := slices.Index(ids, face.Pupil); i >= 0 {
			return names[i]
		}
	}
	return faceNotSaid
}

// choose applies a choice for face i to the photo on show.
func (f *vetFaces) choose(i int, choice string, names, ids []string) {
	k := slices.Index(names, choice)
	if k < 0 {
		return
	}
	f.d.s.editOne(f.d.shown, func(it *gate.Item) {
		switch {
		case choice == faceAdult:
			*it = it.MarkNotPupil(i)
		case ids[k] == "":
			*it = it.ClearFace(i)
		default:
			*it = it.TagFace(i, ids[k])
		}
	})
}

// menu asks who face i is, at a point on the window (a tap on its box).
func (f *vetFaces) menu(i int, at fyne.Position) {
	s := f.d.s
	if f.d.shown < 0 || i >= len(s.photos[f.d.shown].item.Faces) {
		return
	}
	it := s.photos[f.d.shown].item
	names, ids := f.choices(it)
	var items []*fyne.MenuItem
	for _, name := range names {
		item := fyne.NewMenuItem(name, func() { f.choose(i, name, names, ids) })
		item.Checked = name == faceChoice(it.Faces[i], names, ids)
		items = append(items, item)
	}
	if more := f.classItems(i, it); more != nil {
		items = append(items, more)
	} else if len(ids) == 2 {
		hintItem := fyne.NewMenuItem("Choose a class, or tag pupils, to name this face", nil)
		hintItem.Disabled = true
		items = append(items, hintItem)
	}
	c := s.app.win.Canvas()
	pop := widget.NewPopUpMenu(fyne.NewMenu(fmt.Sprintf("Face %d", i+1), items...), c)
	// Faces near the right edge would push the menu off the window.
	at.X = max(0, min(at.X, c.Size().Width-pop.MinSize().Width-theme.Padding()))
	pop.ShowAtPosition(at)
}

// classItems offers the pupils of the class chosen in the tagging panel
// who are not tagged yet: choosing one tags them and names the face. It is
// nil while no class is chosen or everyone in it is tagged.
func (f *vetFaces) classItems(i int, it gate.Item) *fyne.MenuItem {
	s := f.d.s
	class := s.tags.chosenClass()
	if class == "" {
		return nil
	}
	var sub []*fyne.MenuItem
	for _, r := range s.rows {
		if r.Class != class || !r.OnRoll || slices.Contains(it.Tags, r.PupilID) {
			continue
		}
		id := r.PupilID
		sub = append(sub, fyne.NewMenuItem(r.Name, func() {
			s.editOne(f.d.shown, func(it *gate.Item) {
				*it = it.TagFace(i, id)
				it.NoPupils = false
			})
			s.tags.refreshSelection()
		}))
	}
	if len(sub) == 0 {
		return nil
	}
	parent := fyne.NewMenuItem("Someone in "+class, nil)
	parent.ChildMenu = fyne.NewMenu("", sub...)
	return parent
}

// capitalise starts a sentence with a capital letter.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

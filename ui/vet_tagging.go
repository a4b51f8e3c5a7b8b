package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/consent"
	"photoconsent/app/gate"
	"photoconsent/app/publish"
	"photoconsent/app/register"
)

const (
	vetEveryone = "Everyone"
	maxMatches  = 12
)

// vetTagging is the tagging panel: the class first, then a type-ahead over
// its pupils, the pupils tagged in the selected photos, the "no
// identifiable pupils" confirmation, and the class's pupils who may not
// appear at the destination.
type vetTagging struct {
	s        *vetScreen
	byID     map[string]register.Row
	class    *widget.Select
	search   *entry
	matches  *fyne.Container
	shown    []register.Row // the matches offered, first one for Enter
	target   *widget.Label
	tagged   *fyne.Container
	noPupils *widget.Check
	quiet    bool // set while the check is set from the selection

	blockedTitle *widget.Label
	blocked      *fyne.Container
	blockedNames []string // who is listed, for tests: "Name: reason"
	blockedVer   int

	content fyne.CanvasObject
}

func newVetTagging(s *vetScreen) *vetTagging {
	t := &vetTagging{s: s, byID: map[string]register.Row{}}
	t.class = widget.NewSelect([]string{vetEveryone}, func(string) {
		t.refreshMatches()
		t.refreshBlocked()
	})
	t.class.Selected = vetEveryone
	t.search = newEntry(s.app, "Type a name to tag; Enter adds the first")
	t.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	t.search.OnChanged = func(string) { t.refreshMatches() }
	t.search.OnSubmitted = func(string) { t.addFirst() }
	t.matches = container.NewVBox()
	t.target = widget.NewLabel("")
	t.target.Wrapping = fyne.TextWrapWord
	t.tagged = container.NewVBox()
	t.noPupils = widget.NewCheck("No identifiable pupils in these photos", func(on bool) {
		if !t.quiet {
			s.edit(func(it *gate.Item) { it.NoPupils = on })
		}
	})
	t.blockedTitle = subheading("")
	t.blockedTitle.Wrapping = fyne.TextWrapWord
	t.blocked = container.NewVBox()
	t.content = container.NewVBox(
		card(t.blockedTitle, t.blocked),
		card(
			subheading("Who is in the photos"),
			container.NewBorder(nil, nil, bold("Class or group"), nil, t.class),
			// Who is tagged stays in view above the class's names.
			t.target,
			t.tagged,
			t.noPupils,
			t.search,
			t.matches,
		),
	)
	t.refreshSelection()
	t.refreshBlocked()
	return t
}

// setRows takes the register's rows: the classes, the names to search.
func (t *vetTagging) setRows(rows []register.Row) {
	t.byID = make(map[string]register.Row, len(rows))
	for _, r := range rows {
		t.byID[r.PupilID] = r
	}
	t.class.Options = append([]string{vetEveryone}, register.Classes(rows)...)
	if !slices.Contains(t.class.Options, t.class.Selected) {
		t.class.SetSelected(vetEveryone)
	}
	t.class.Refresh()
	t.refreshMatches()
	t.refreshSelection()
	t.refreshBlocked()
}

func (t *vetTagging) chosenClass() string {
	if t.class.Selected == vetEveryone {
		return ""
	}
	return t.class.Selected
}

// refreshMatches offers the pupils whose names match what is typed, in the
// chosen class; with nothing typed, the whole class.
func (t *vetTagging) refreshMatches() {
	f := register.Filter{Class: t.chosenClass(), Search: t.search.Text, Leavers: true}
	t.shown = nil
	t.matches.Objects = nil
	if f.Class == "" && strings.TrimSpace(f.Search) == "" {
		t.matches.Refresh()
		return
	}
	more := 0
	for _, r := range t.s.rows {
		if !f.Match(r) {
			continue
		}
		if len(t.shown) == maxMatches {
			more++
			continue
		}
		t.shown = append(t.shown, r)
		b := widget.NewButtonWithIcon(r.Name+classWords(r), theme.ContentAddIcon(), func() { t.add(r.PupilID) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		t.matches.Add(b)
	}
	switch {
	case len(t.shown) == 0:
		t.matches.Add(quiet("No pupil matches."))
	case more > 0:
		t.matches.Add(quiet(fmt.Sprintf("and %d more: keep typing", more)))
	}
	t.matches.Refresh()
}

func classWords(r register.Row) string {
	words := ""
	if r.Class != "" {
		words = " · " + r.Class
	}
	if !r.OnRoll {
		words += " · left"
	}
	return words
}

// addFirst tags the first match (Enter in the search box).
func (t *vetTagging) addFirst() {
	if len(t.shown) > 0 {
		t.add(t.shown[0].PupilID)
		t.search.SetText("")
	}
}

// add tags a pupil in every target photo; tagging someone undoes "no
// identifiable pupils".
func (t *vetTagging) add(id string) {
	t.s.edit(func(it *gate.Item) {
		if !slices.Contains(it.Tags, id) {
			it.Tags = append(it.Tags, id)
		}
		it.NoPupils = false
	})
}

// remove untags a pupil from every target photo.
func (t *vetTagging) remove(id string) {
	t.s.edit(func(it *gate.Item) { *it = it.Untag(id) })
}

// refreshSelection shows who is tagged in the photos tagging acts on.
func (t *vetTagging) refreshSelection() {
	s := t.s
	idx := s.targets()
	t.tagged.Objects = nil
	switch {
	case len(idx) == 0:
		t.target.SetText("Select photos to tag who is in them.")
	case len(idx) == 1:
		t.target.SetText("Tagging " + s.photos[idx[0]].name + ".")
	default:
		t.target.SetText(fmt.Sprintf("Tagging %s at once.", plural(len(idx), "selected photo")))
	}
	count := map[string]int{}
	var order []string
	all := len(idx) > 0
	for _, i := range idx {
		it := s.photos[i].item
		for _, id := range it.Tags {
			if count[id] == 0 {
				order = append(order, id)
			}
			count[id]++
		}
		all = all && it.NoPupils
	}
	for _, id := range order {
		name := t.byID[id].Name
		if name == "" {
			name = "A pupil no longer in the register"
		}
		if len(idx) > 1 {
			name += fmt.Sprintf(" (in %d of %d)", count[id], len(idx))
		}
		rm := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { t.remove(id) })
		rm.Importance = widget.LowImportance
		t.tagged.Add(container.NewBorder(nil, nil, nil, rm, widget.NewLabel(name)))
	}
	t.tagged.Refresh()
	t.quiet = true
	t.noPupils.SetChecked(all)
	t.quiet = false
	if len(idx) == 0 {
		t.noPupils.Disable()
	} else {
		t.noPupils.Enable()
	}
}

// refreshBlocked lists the chosen class's pupils who may not appear at the
// destination, with why: the teacher's real question.
func (t *vetTagging) refreshBlocked() {
	s := t.s
	class, d := t.chosenClass(), s.dest
	t.blockedTitle.SetText("Who may not appear: " + d.Label())
	t.blockedVer++
	ver := t.blockedVer
	if class == "" {
		t.showBlocked(nil, "Choose a class or group to see which of its pupils may not appear here.")
		return
	}
	var ids []string
	names := map[string]string{}
	for _, r := range s.rows {
		if r.Class == class {
			ids = append(ids, r.PupilID)
			names[r.PupilID] = r.Name
		}
	}
	sess, pol := s.app.sess, s.policy
	background(s.app, func() ([]string, error) {
		subs, err := sess.Subjects(ids, consent.MediaPhoto)
		if err != nil {
			return nil, err
		}
		var out []string
		for _, sub := range subs {
			if why := mayNotAppear(d, sub, pol); why != "" {
				out = append(out, names[sub.PupilID]+": "+why)
			}
		}
		return out, nil
	}, func(out []string, err error) {
		if ver != t.blockedVer {
			return
		}
		switch {
		case err != nil:
			t.showBlocked(nil, sentence(err))
		case len(out) == 0:
			t.showBlocked(nil, "Everyone in "+class+" may appear in group photos here.")
		default:
			t.showBlocked(out, "")
		}
	})
}

func (t *vetTagging) showBlocked(lines []string, note string) {
	t.blockedNames = lines
	t.blocked.Objects = nil
	for _, l := range lines {
		t.blocked.Add(warningLine(l))
	}
	if note != "" {
		t.blocked.Add(hint(note))
	}
	t.blocked.Refresh()
}

// mayNotAppear says why a pupil may not be in a group photo going to d, or
// "" when they may. It asks the rulebook about a photo of them with one
// other, fully consented pupil, so the needs are a group photo's.
func mayNotAppear(d publish.Destination, sub publish.Subject, pol publish.Policy) string {
	other := publish.Subject{Statuses: map[consent.Purpose]consent.Status{}}
	for _, p := range consent.Purposes {
		other.Statuses[p] = consent.StatusGranted
	}
	dec := publish.Decide(d, publish.Photo{Subjects: []publish.Subject{sub, other}}, pol, nil)
	if dec.Outcome != publish.Blocked {
		return ""
	}
	var why []string
	prefix := sub.Label + ": "
	for _, r := range dec.Reasons {
		why = append(why, strings.TrimPrefix(r, prefix))
	}
	return strings.Join(why, "; ")
}

package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/civil"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
	"photoconsent/app/register"
)

// logFilter narrows the publication log. The zero filter shows everything.
type logFilter struct {
	from, to civil.Date // inclusive, by the local date of the entry
	dest     publish.Destination
	kind     publog.Kind
	user     string // login at the time
	class    string // a tagged pupil is in this class now
	pupil    string // words of a tagged pupil's name or UPN
}

// match reports whether the entry passes the filter; pupils resolves the
// tagged pupils' names and classes.
func (f logFilter) match(e publog.Entry, pupils map[string]register.Row) bool {
	day := civil.Of(e.At.Local())
	switch {
	case !f.from.IsZero() && day.Before(f.from):
		return false
	case !f.to.IsZero() && day.After(f.to):
		return false
	case f.dest != "" && e.Destination != f.dest:
		return false
	case f.kind != "" && e.Kind != f.kind:
		return false
	case f.user != "" && e.ByName != f.user:
		return false
	}
	if f.class == "" && strings.TrimSpace(f.pupil) == "" {
		return true
	}
	words := strings.Fields(register.Fold(f.pupil))
	for _, id := range entryPupilIDs(e) {
		r, ok := pupils[id]
		if f.class != "" && (!ok || r.Class != f.class) {
			continue
		}
		if len(words) == 0 || containsAll(register.Fold(logPupilName(id, pupils)+" "+r.UPN), words) {
			return true
		}
	}
	return false
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

const (
	logAllDestinations = "All destinations"
	logAllDecisions    = "All decisions"
	logEveryone        = "Everyone"
)

// logFilterBar holds the log screen's filter boxes.
type logFilterBar struct {
	s        *logScreen
	from, to *entry
	dates    *widget.Label // says when a date box does not hold a date
	dest     *widget.Select
	kind     *widget.Select
	user     *widget.Select
	class    *widget.Select
	pupil    *entry
	content  fyne.CanvasObject
	quiet    bool // set while choices are refreshed, so no callback re-filters
}

func newLogFilterBar(s *logScreen) *logFilterBar {
	b := &logFilterBar{s: s, dates: problem()}
	a := s.app
	b.from = newEntry(a, "From dd/mm/yyyy")
	b.to = newEntry(a, "To dd/mm/yyyy")
	for _, e := range []*entry{b.from, b.to} {
		e.OnChanged = func(string) { b.readDates(false) }
		e.OnSubmitted = func(string) { b.readDates(true) }
	}
	dests := []string{logAllDestinations}
	for _, d := range publish.Destinations {
		dests = append(dests, d.Label())
	}
	b.dest = b.newSelect(dests, func(i int) {
		s.filter.dest = ""
		if i > 0 {
			s.filter.dest = publish.Destinations[i-1]
		}
	})
	kinds := []string{logAllDecisions}
	for _, k := range logKinds {
		kinds = append(kinds, kindWord(k))
	}
	b.kind = b.newSelect(kinds, func(i int) {
		s.filter.kind = ""
		if i > 0 {
			s.filter.kind = logKinds[i-1]
		}
	})
	b.user = b.newSelect([]string{logEveryone}, func(i int) {
		s.filter.user = ""
		if i > 0 {
			s.filter.user = b.user.Selected
		}
	})
	b.class = b.newSelect([]string{allClasses}, func(i int) {
		s.filter.class = ""
		if i > 0 {
			s.filter.class = b.class.Selected
		}
	})
	b.pupil = newEntry(a, "Pupil's name or UPN")
	b.pupil.ActionItem = widget.NewIcon(theme.SearchIcon())
	b.pupil.OnChanged = func(t string) {
		if b.quiet {
			return
		}
		s.filter.pupil = t
		s.apply()
	}
	clear := widget.NewButtonWithIcon("Clear filters", theme.ContentClearIcon(), b.clear)
	clear.Importance = widget.LowImportance
	row1 := container.NewBorder(nil, nil, nil,
		container.NewHBox(fixedWidth(150, b.from), fixedWidth(150, b.to), clear), b.pupil)
	row2 := container.NewHBox(fixedWidth(190, b.dest), fixedWidth(150, b.kind), fixedWidth(150, b.user), fixedWidth(130, b.class))
	b.content = container.NewVBox(row1, row2, b.dates)
	return b
}

// newSelect is a filter menu starting at its first choice ("All …"); set
// is called with the chosen index, then the log is filtered again.
func (b *logFilterBar) newSelect(options []string, set func(i int)) *widget.Select {
	var sel *widget.Select
	sel = widget.NewSelect(options, func(string) {
		if b.quiet {
			return
		}
		set(sel.SelectedIndex())
		b.s.apply()
	})
	b.quiet = true
	sel.SetSelectedIndex(0)
	b.quiet = false
	return sel
}

// readDates takes the date range from the boxes. A box that does not hold
// a date is left out of the filter; it says so once the date looks typed in
// full (three parts) or Enter is pressed, not at every key.
func (b *logFilterBar) readDates(submitted bool) {
	if b.quiet {
		return
	}
	f := &b.s.filter
	var msgs []string
	read := func(e *entry, d *civil.Date) {
		v, err := parseUKDate(e.Text)
		*d = v
		if err != nil && (submitted || len(strings.FieldsFunc(e.Text, dateSeparator)) >= 3) {
			msgs = append(msgs, plain(err.Error()))
		}
	}
	read(b.from, &f.from)
	read(b.to, &f.to)
	say(b.dates, strings.Join(msgs, " "))
	b.s.apply()
}

func dateSeparator(r rune) bool { return r == '/' || r == '-' || r == '.' || r == ' ' }

// refreshChoices offers the people and classes now in the log and register,
// keeping what was chosen when it is still there.
func (b *logFilterBar) refreshChoices() {
	s := b.s
	b.quiet = true
	defer func() { b.quiet = false }()
	var users []string
	for _, e := range s.entries {
		if e.ByName != "" && !slices.Contains(users, e.ByName) {
			users = append(users, e.ByName)
		}
	}
	slices.Sort(users)
	resetMenu(b.user, append([]string{logEveryone}, users...), &s.filter.user)
	resetMenu(b.class, append([]string{allClasses}, s.classes...), &s.filter.class)
}

// resetMenu gives a menu new choices; the current one stays chosen if it is
// still offered, else the menu goes back to its first choice.
func resetMenu(sel *widget.Select, options []string, current *string) {
	sel.Options = options
	if *current == "" || !slices.Contains(options[1:], *current) {
		*current = ""
		sel.SetSelectedIndex(0)
	}
	sel.Refresh()
}

func (b *logFilterBar) clear() {
	b.quiet = true
	b.from.SetText("")
	b.to.SetText("")
	b.pupil.SetText("")
	for _, sel := range []*widget.Select{b.dest, b.kind, b.user, b.class} {
		sel.SetSelectedIndex(0)
	}
	b.quiet = false
	say(b.dates, "")
	b.s.filter = logFilter{}
	b.s.apply()
}

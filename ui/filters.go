package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/consent"
	"photoconsent/app/register"
)

const (
	allClasses  = "All classes"
	allYears    = "All years"
	anyStatus   = "Any status"
	searchHint  = "Search by name, UPN or admission number (Ctrl+F)"
	notReturned = "Who hasn't returned a form?"
)

// filterBar narrows the register: search, class, year, a status for one
// column, and whether to show leavers.
type filterBar struct {
	r       *registerScreen
	search  *entry
	class   *widget.Select
	year    *widget.Select
	status  *widget.Select
	column  *widget.Select
	leavers *widget.Check
	content fyne.CanvasObject
	years   map[string]string // words → code
	quiet   bool              // set while choices are refreshed, so no callback re-filters
}

func newFilterBar(r *registerScreen) *filterBar {
	f := &filterBar{r: r, years: map[string]string{}, quiet: true}
	defer func() { f.quiet = false }()
	f.search = newEntry(r.app, searchHint)
	f.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	f.search.OnChanged = func(s string) {
		r.filter.Search = s
		r.apply()
	}
	f.class = widget.NewSelect([]string{allClasses}, func(s string) {
		if f.quiet {
			return
		}
		r.filter.Class = ""
		if s != allClasses {
			r.filter.Class = s
		}
		r.apply()
	})
	f.class.SetSelected(allClasses)
	f.year = widget.NewSelect([]string{allYears}, func(s string) {
		if f.quiet {
			return
		}
		r.filter.Year = f.years[s]
		r.apply()
	})
	f.year.SetSelected(allYears)
	statuses := []string{anyStatus}
	for _, s := range consent.Statuses {
		statuses = append(statuses, statusLabel(s))
	}
	f.status = widget.NewSelect(statuses, func(s string) {
		if f.quiet {
			return
		}
		r.filter.Status = ""
		for _, st := range consent.Statuses {
			if statusLabel(st) == s {
				r.filter.Status = st
			}
		}
		r.apply()
	})
	f.status.SetSelected(anyStatus)
	f.column = widget.NewSelect(nil, func(string) {
		if f.quiet {
			return
		}
		r.filter.Column = f.column.SelectedIndex()
		r.apply()
	})
	f.leavers = widget.NewCheck("Show leavers", func(on bool) {
		r.filter.Leavers = on
		r.apply()
	})
	missing := widget.NewButtonWithIcon(notReturned, theme.MailComposeIcon(), f.notReturned)
	clear := widget.NewButtonWithIcon("Clear filters", theme.ContentClearIcon(), f.clear)
	clear.Importance = widget.LowImportance

	row1 := container.NewBorder(nil, nil, nil,
		container.NewHBox(fixedWidth(130, f.class), fixedWidth(130, f.year), clear), f.search)
	row2 := container.NewHBox(widget.NewLabel("Show"), fixedWidth(140, f.status), widget.NewLabel("for"),
		fixedWidth(160, f.column), missing, f.leavers)
	f.content = container.NewVBox(row1, row2)
	return f
}

// refreshChoices offers the classes, years and columns now in the register.
func (f *filterBar) refreshChoices() {
	r := f.r
	f.quiet = true
	defer func() { f.quiet = false }()
	f.class.Options = append([]string{allClasses}, register.Classes(r.rows)...)
	if r.filter.Class == "" {
		f.class.SetSelected(allClasses)
	}
	f.class.Refresh()
	years := []string{allYears}
	f.years = map[string]string{allYears: ""}
	for _, y := range register.Years(r.rows) {
		w := yearWords(y)
		years = append(years, w)
		f.years[w] = y
	}
	f.year.Options = years
	f.year.Refresh()
	cols := make([]string, len(r.cols))
	for i, c := range r.cols {
		cols[i] = columnTitle(c)
	}
	f.column.Options = cols
	if len(cols) > 0 {
		f.column.SetSelectedIndex(r.filter.Column)
	}
}

// notReturned shows who has not returned a form for the school's own use:
// the list the office chases.
func (f *filterBar) notReturned() {
	r := f.r
	col := 0
	for i, c := range r.cols {
		if c.Purpose == consent.School {
			col = i
			break
		}
	}
	f.column.SetSelectedIndex(col)
	f.status.SetSelected(statusLabel(consent.StatusNotReturned))
}

func (f *filterBar) clear() {
	f.quiet = true
	f.search.SetText("")
	f.class.SetSelected(allClasses)
	f.year.SetSelected(allYears)
	f.status.SetSelected(anyStatus)
	f.leavers.SetChecked(false)
	f.quiet = false
	f.r.filter = register.Filter{Column: f.r.filter.Column}
	f.r.apply()
}

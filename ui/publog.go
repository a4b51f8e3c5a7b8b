package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/access"
	"photoconsent/app/publog"
	"photoconsent/app/register"
)

// logScreen is the head's view of the publication log, newest first: every
// export, blocked attempt, override and takedown, with filters, a detail
// dialog, a check of the chain and a CSV copy.
type logScreen struct {
	app     *App
	entries []publog.Entry          // every entry, newest first
	shown   []publog.Entry          // those that pass the filter
	pupils  map[string]register.Row // pupil ID → row, to name who was in a photo
	classes []string
	filter  logFilter
	bar     *logFilterBar
	table   *widget.Table
	count   *widget.Label
	problem *widget.Label
	verdict *fyne.Container // what "Check the log" found
	check   *widget.Button
	export  *widget.Button
	folder  string     // where the head said the published copies are, for thumbnails
	detail  *logDetail // the entry dialog while open
	content fyne.CanvasObject
}

var logColumns = []struct {
	title string
	width float32
}{{"When", 135}, {"Who", 130}, {"Destination", 135}, {"Decision", 95}, {"Original", 150},
	{"Output", 150}, {"Pupils", 190}, {"Reasons", 400}}

// canViewLog reports whether the signed-in person may open the log screen
// (and the dashboard, which counts publications from it): the head only.
func canViewLog(a *App) bool { return a.sess != nil && a.sess.Can(access.ViewLog) }

// headOnly is what a screen shows someone who may not use it.
func headOnlyScreen(title, text string) fyne.CanvasObject {
	return container.New(layout.NewCustomPaddedLayout(12, 12, 24, 24), container.NewVBox(heading(title), hint(text)))
}

func newLogScreen(a *App) *logScreen {
	s := &logScreen{app: a, count: widget.NewLabel(""), problem: problem(), pupils: map[string]register.Row{}}
	if !canViewLog(a) {
		s.content = headOnlyScreen("Publication log", "Only the head can read the publication log.")
		return s
	}
	s.table = s.newTable()
	s.verdict = container.NewVBox()
	s.check = widget.NewButtonWithIcon("Check the log", theme.ConfirmIcon(), s.verify)
	s.export = widget.NewButtonWithIcon("Save as CSV…", theme.DocumentSaveIcon(), s.chooseCSV)
	s.bar = newLogFilterBar(s)
	top := container.NewVBox(
		heading("Publication log"),
		hint("Every photo exported, blocked, overridden or taken down, newest first. Nothing here can be edited. Choose a line to read it in full."),
		s.problem,
		s.verdict,
		s.bar.content,
	)
	bottom := container.NewBorder(nil, nil, s.count, container.NewHBox(s.check, s.export))
	s.content = container.New(layout.NewCustomPaddedLayout(12, 12, 24, 24), container.NewBorder(top, bottom, nil, nil, s.table))
	s.reload()
	return s
}

func (s *logScreen) newTable() *widget.Table {
	t := widget.NewTable(
		func() (int, int) { return len(s.shown), len(logColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		s.updateCell,
	)
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return bold("") }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText(logColumns[id.Col].title)
	}
	for i, c := range logColumns {
		t.SetColumnWidth(i, c.width)
	}
	t.OnSelected = func(id widget.TableCellID) {
		t.UnselectAll()
		if id.Row < len(s.shown) {
			s.showEntry(s.shown[id.Row])
		}
	}
	return t
}

// reload reads the log and the register again.
func (s *logScreen) reload() {
	if s.table == nil {
		return
	}
	a := s.app
	sess := a.sess
	type loaded struct {
		entries []publog.Entry
		rows    []register.Row
	}
	background(a, func() (loaded, error) {
		es, err := sess.PublicationLog()
		if err != nil {
			return loaded{}, err
		}
		rows, _, err := sess.Register()
		if err != nil {
			return loaded{}, err
		}
		slices.Reverse(es) // newest first
		return loaded{es, rows}, nil
	}, func(l loaded, err error) {
		if err != nil {
			say(s.problem, sentence(err))
			return
		}
		say(s.problem, "")
		s.entries = l.entries
		s.pupils = make(map[string]register.Row, len(l.rows))
		for _, r := range l.rows {
			s.pupils[r.PupilID] = r
		}
		s.classes = register.Classes(l.rows)
		s.bar.refreshChoices()
		s.apply()
	})
}

// apply shows the entries that pass the filter.
func (s *logScreen) apply() {
	s.shown = s.shown[:0]
	for _, e := range s.entries {
		if s.filter.match(e, s.pupils) {
			s.shown = append(s.shown, e)
		}
	}
	switch {
	case len(s.entries) == 0:
		s.count.SetText("Nothing has been published or blocked yet.")
	case len(s.shown) == len(s.entries):
		s.count.SetText(entriesWord(len(s.entries)))
	default:
		s.count.SetText(fmt.Sprintf("%s of %s shown", thousands(len(s.shown)), entriesWord(len(s.entries))))
	}
	s.export.Disable()
	if len(s.shown) > 0 {
		s.export.Enable()
	}
	s.table.Refresh()
}

func (s *logScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(s.shown) {
		return
	}
	e := s.shown[id.Row]
	l.Importance = widget.MediumImportance
	if id.Col == 3 {
		l.Importance = kindImportance(e.Kind)
	}
	l.SetText(logCells(e, s.pupils)[id.Col])
}

// logCells is an entry as the table and the CSV show it, one string per
// column of logColumns.
func logCells(e publog.Entry, pupils map[string]register.Row) []string {
	return []string{
		ukDateTime(e.At),
		e.ByName,
		destinationWord(e),
		kindWord(e.Kind),
		orDash(e.Original.Name),
		orDash(e.Output.Name),
		strings.Join(entryPupilNames(e, pupils), ", "),
		entryReasons(e),
	}
}

var kindWords = map[publog.Kind]string{
	publog.Exported:   "Exported",
	publog.Blocked:    "Blocked",
	publog.Overridden: "Overridden",
	publog.TakenDown:  "Taken down",
}

// logKinds lists the decisions in the order the filter offers them.
var logKinds = []publog.Kind{publog.Exported, publog.Blocked, publog.Overridden, publog.TakenDown}

func kindWord(k publog.Kind) string {
	if w, ok := kindWords[k]; ok {
		return w
	}
	return string(k)
}

func kindImportance(k publog.Kind) widget.Importance {
	switch k {
	case publog.Exported:
		return widget.SuccessImportance
	case publog.Blocked:
		return widget.DangerImportance
	case publog.Overridden:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

func destinationWord(e publog.Entry) string {
	if e.Destination == "" {
		return "—"
	}
	return e.Destination.Label()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// entryPupilIDs lists who an entry is about: the tagged pupils, or the
// pupil a takedown was for.
func entryPupilIDs(e publog.Entry) []string {
	var ids []string
	for _, p := range e.Pupils {
		ids = append(ids, p.PupilID)
	}
	if e.TakedownPupil != "" && !slices.Contains(ids, e.TakedownPupil) {
		ids = append(ids, e.TakedownPupil)
	}
	return ids
}

// logRemovedPupil stands for a pupil whose record has since been deleted.
const logRemovedPupil = "pupil removed under retention" // retention is the only way a pupil is deleted

func logPupilName(id string, pupils map[string]register.Row) string {
	if r, ok := pupils[id]; ok {
		return r.Name
	}
	return logRemovedPupil
}

func entryPupilNames(e publog.Entry, pupils map[string]register.Row) []string {
	ids := entryPupilIDs(e)
	if len(ids) == 0 && e.NoPupils {
		return []string{"No identifiable pupils"}
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = logPupilName(id, pupils)
	}
	return out
}

// entryReasons says why, in one line: the gate's reasons, the override's
// reason, or what was done for a takedown.
func entryReasons(e publog.Entry) string {
	parts := slices.Clone(e.Reasons)
	if e.Override != "" {
		parts = append(parts, "Override: "+e.Override)
	}
	if e.Kind == publog.TakenDown {
		parts = append(parts, fmt.Sprintf("Removed (entry %d): %s", e.TakedownOf, e.Note))
	}
	if n := blurredCount(e); n > 0 {
		parts = append(parts, fmt.Sprintf("Published with %s blurred", plural(n, "pupil")))
	}
	if e.NotSchoolDevice {
		parts = append(parts, "Not a school device")
	}
	return strings.Join(parts, "; ")
}

// entriesWord counts entries: "1 entry", "12 entries".
func entriesWord(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return thousands(n) + " entries"
}

// blurredCount is how many of an entry's pupils were published blurred.
func blurredCount(e publog.Entry) int {
	n := 0
	for _, p := range e.Pupils {
		if p.Blurred {
			n++
		}
	}
	return n
}

package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/audit"
)

// auditLimit bounds how many events the screen reads at once.
const auditLimit = 2000

// auditScreen is the head's view of the audit trail, newest first.
type auditScreen struct {
	app     *App
	events  []audit.Event
	pupils  map[string]string // pupil ID → name, to say who an event was about
	table   *widget.Table
	count   *widget.Label
	problem *widget.Label
	content fyne.CanvasObject
}

var auditColumns = []struct {
	title string
	width float32
}{{"When", 140}, {"Who", 140}, {"What", 180}, {"About", 190}, {"Detail", 540}}

func newAuditScreen(a *App) *auditScreen {
	s := &auditScreen{app: a, count: widget.NewLabel(""), problem: problem()}
	s.table = widget.NewTable(
		func() (int, int) { return len(s.events), len(auditColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		s.updateCell,
	)
	s.table.ShowHeaderRow = true
	s.table.CreateHeader = func() fyne.CanvasObject { return bold("") }
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText(auditColumns[id.Col].title)
	}
	for i, c := range auditColumns {
		s.table.SetColumnWidth(i, c.width)
	}
	s.table.OnSelected = func(id widget.TableCellID) {
		s.table.UnselectAll()
		if id.Row < len(s.events) {
			s.showEvent(s.events[id.Row])
		}
	}
	top := container.NewVBox(
		heading("Audit trail"),
		hint("Everything done in the register, newest first: sign-ins, answers, imports and changes to staff and settings. It cannot be edited. Choose a line to read it in full."),
		s.problem,
	)
	s.content = container.New(layout.NewCustomPaddedLayout(12, 12, 24, 24), container.NewBorder(top, s.count, nil, nil, s.table))
	s.reload()
	return s
}

func (s *auditScreen) reload() {
	a := s.app
	sess := a.sess
	type loaded struct {
		events []audit.Event
		pupils map[string]string
	}
	background(a, func() (loaded, error) {
		evs, err := sess.AuditTrail(auditLimit)
		if err != nil {
			return loaded{}, err
		}
		names := map[string]string{}
		if rows, _, err := sess.Register(); err == nil {
			for _, r := range rows {
				names[r.PupilID] = r.Name
			}
		}
		return loaded{evs, names}, nil
	}, func(l loaded, err error) {
		if err != nil {
			say(s.problem, sentence(err))
			return
		}
		say(s.problem, "")
		s.events, s.pupils = l.events, l.pupils
		switch n := len(s.events); {
		case n >= auditLimit:
			s.count.SetText(fmt.Sprintf("The newest %d events", n))
		case n == 1:
			s.count.SetText("1 event")
		default:
			s.count.SetText(fmt.Sprintf("%d events", n))
		}
		s.table.Refresh()
	})
}

// about names who an event was about: a pupil or an account.
func (s *auditScreen) about(ev audit.Event) string {
	if ev.Subject == "" {
		return ""
	}
	if n, ok := s.pupils[ev.Subject]; ok {
		return n
	}
	if n, ok := s.app.names[ev.Subject]; ok {
		return n
	}
	return ""
}

func (s *auditScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(s.events) {
		return
	}
	ev := s.events[id.Row]
	l.Importance = widget.MediumImportance
	switch id.Col {
	case 0:
		l.SetText(ukDateTime(ev.At))
	case 1:
		l.SetText(ev.ActorName)
	case 2:
		if ev.Kind == audit.LoginFailed || ev.Kind == audit.RecoveryKeyUsed || ev.Kind == audit.AnswerWithdrawn {
			l.Importance = widget.WarningImportance
		}
		l.SetText(auditWord(ev.Kind))
	case 3:
		l.SetText(s.about(ev))
	case 4:
		l.SetText(ev.Detail)
	}
}

func (s *auditScreen) showEvent(ev audit.Event) {
	a := s.app
	grid := container.New(layout.NewFormLayout(),
		bold("When"), widget.NewLabel(ukDateTime(ev.At)),
		bold("Who"), widget.NewLabel(ev.ActorName),
		bold("What"), widget.NewLabel(auditWord(ev.Kind)),
		bold("About"), widget.NewLabel(s.about(ev)),
		bold("Detail"), wrapped(ev.Detail),
	)
	var d *formDialog
	d = a.confirmDialog("Audit event", "Close", grid, func() { d.close() })
	d.cancel.Hide()
}

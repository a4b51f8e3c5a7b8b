package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/access"
	"photoconsent/app/pupil"
	"photoconsent/app/register"
)

// pupilPanel shows one pupil: who they are, their statuses, contacts, the
// form to record an answer and the full history.
type pupilPanel struct {
	r       *registerScreen
	app     *App
	id      string
	detail  register.Detail
	content *fyne.Container
	scroll  *container.Scroll
	body    *fyne.Container
	problem *widget.Label

	name    *widget.Label
	notice  string // shown by the next build's form, e.g. "Saved 1 answer."
	chips   []*statusChip
	form    *recordForm
	history *fyne.Container
}

func newPupilPanel(r *registerScreen) *pupilPanel {
	p := &pupilPanel{r: r, app: r.app, problem: problem()}
	p.body = container.NewVBox()
	p.scroll = container.NewVScroll(container.New(layout.NewCustomPaddedLayout(10, 16, 14, 14), p.body))
	p.content = container.NewStack()
	p.showEmpty()
	return p
}

func (p *pupilPanel) showEmpty() {
	icon := widget.NewIcon(theme.AccountIcon())
	msg := hint("Choose a pupil in the register to see their consent, contacts and history.")
	msg.Alignment = fyne.TextAlignCenter
	p.content.Objects = []fyne.CanvasObject{container.NewCenter(fixedWidth(320, container.NewVBox(
		container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(48), icon)), msg, spacer(12), statusKey())))}
	p.content.Refresh()
}

// load reads a pupil in the background and shows them.
func (p *pupilPanel) load(id string) {
	a := p.app
	s := a.sess
	background(a, func() (register.Detail, error) { return s.Pupil(id) }, func(d register.Detail, err error) {
		if p.r.selected != id {
			return // another pupil was chosen meanwhile
		}
		if err != nil {
			say(p.problem, sentence(err))
			p.content.Objects = []fyne.CanvasObject{container.NewPadded(p.problem)}
			p.content.Refresh()
			return
		}
		keep := p.id == id
		if !keep {
			p.notice = ""
		}
		offset := p.scroll.Offset
		p.id, p.detail = id, d
		p.build()
		if keep {
			p.scroll.Offset = offset
			p.scroll.Refresh()
		} else {
			p.scroll.ScrollToTop()
		}
	})
}

// build lays the panel out for p.detail.
func (p *pupilPanel) build() {
	a, d := p.app, p.detail
	pp := d.Pupil
	p.name = heading(pp.DisplayName())
	items := []fyne.CanvasObject{p.name}
	if legal := strings.TrimSpace(pp.LegalForename + " " + pp.LegalSurname); register.Fold(legal) != register.Fold(pp.DisplayName()) {
		items = append(items, hint("Legal name: "+legal))
	}
	var facts []string
	if pp.Class != "" {
		facts = append(facts, "Class "+pp.Class)
	}
	if y := yearWords(pp.Year); y != "" {
		facts = append(facts, y)
	}
	if !pp.DOB.IsZero() {
		facts = append(facts, "Born "+pp.DOB.UK())
	}
	if pp.Adno != "" {
		facts = append(facts, "Adno "+pp.Adno)
	}
	items = append(items, wrapped(strings.Join(facts, "  ·  ")))
	upn := "UPN " + pp.UPN
	if pp.UPN == "" {
		upn = "No UPN"
	}
	items = append(items, widget.NewLabel(upn))
	if w := upnWarning(pp.UPNStatus); w != "" {
		items = append(items, warningLine(w))
	}
	if !d.OnRoll {
		items = append(items, warningLine("Left the school on "+pp.Leaving.UK()+"."))
	}
	items = append(items, p.neverPublish()...)
	if a := p.app; a.sess.Can(access.ViewScans) {
		id := p.id
		sar := widget.NewButtonWithIcon("Everything held about this pupil…", theme.DownloadIcon(), func() { a.saveSubjectAccess(id) })
		sar.Importance = widget.LowImportance
		items = append(items, container.NewHBox(sar))
	}

	items = append(items, spacer(4), subheading("Consent now"))
	p.chips = nil
	grid := container.New(layout.NewFormLayout())
	for i, c := range d.Columns {
		chip := newStatusChip(d.Statuses[i], false)
		p.chips = append(p.chips, chip)
		grid.Add(widget.NewLabel(columnTitle(c)))
		grid.Add(container.NewHBox(chip))
	}
	items = append(items, grid)

	items = append(items, spacer(4), subheading("Parents and carers"))
	items = append(items, hint("People with parental responsibility, who may answer for this pupil."))
	items = append(items, p.contacts()...)

	items = append(items, spacer(4), subheading("Record an answer"))
	if a.sess.Can(access.RecordConsent) {
		p.form = newRecordForm(p)
		say(p.form.saved, p.notice)
		items = append(items, card(p.form.content))
	} else {
		p.form = nil
		items = append(items, card(infoLine("Teachers can see consent but not record or change it. If a parent tells you something, pass it on to the school office.")))
	}

	items = append(items, spacer(4), subheading(fmt.Sprintf("History (%d)", len(d.History))))
	p.history = container.NewVBox(p.historyItems()...)
	items = append(items, p.history)

	p.notice = ""
	p.body.Objects = items
	p.body.Refresh()
	p.content.Objects = []fyne.CanvasObject{p.scroll}
	p.content.Refresh()
}

func upnWarning(s pupil.UPNStatus) string {
	switch s {
	case pupil.UPNBadCheck:
		return "This UPN's check letter is wrong. Check it in the MIS."
	case pupil.UPNMalformed:
		return "This UPN is not in the right shape. Check it in the MIS."
	case pupil.UPNMissing:
		return "This pupil has no UPN. Add it in the MIS and import again."
	}
	return ""
}

// contacts lists the people who may answer; phone and e-mail only for roles
// that may see them.
func (p *pupilPanel) contacts() []fyne.CanvasObject {
	cs := p.detail.Pupil.Contacts
	if len(cs) == 0 {
		return []fyne.CanvasObject{hint("No contact with parental responsibility is recorded. Import from the MIS to add them.")}
	}
	showDetails := p.app.sess.Can(access.ViewContacts)
	var out []fyne.CanvasObject
	for _, c := range cs {
		name := strings.TrimSpace(c.Title + " " + c.Name())
		title := bold(name)
		if c.Relationship != "" {
			title = bold(name + " — " + c.Relationship)
		}
		title.Wrapping = fyne.TextWrapWord
		lines := []fyne.CanvasObject{title}
		if showDetails && (c.Mobile != "" || c.Email != "") {
			grid := container.New(layout.NewFormLayout())
			if c.Mobile != "" {
				grid.Add(quiet("Mobile"))
				grid.Add(selectable(c.Mobile))
			}
			if c.Email != "" {
				grid.Add(quiet("E-mail"))
				grid.Add(selectable(c.Email))
			}
			lines = append(lines, grid)
		}
		out = append(out, container.New(layout.NewCustomPaddedVBoxLayout(-6), lines...))
	}
	return out
}

func selectable(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Selectable = true
	return l
}

// neverPublish shows the never-publish flag, and lets a head set or clear it.
func (p *pupilPanel) neverPublish() []fyne.CanvasObject {
	a, pp := p.app, p.detail.Pupil
	head := a.sess.Can(access.SetNeverPublish)
	if pp.NeverPublish == nil {
		if !head {
			return nil
		}
		b := widget.NewButtonWithIcon("Mark as never to be published…", theme.WarningIcon(), func() { p.askNeverPublish(true) })
		b.Importance = widget.LowImportance
		return []fyne.CanvasObject{container.NewHBox(b)}
	}
	np := pp.NeverPublish
	lead := bold("Never publish this pupil, whatever any form says.")
	lead.Wrapping = fyne.TextWrapWord
	box := []fyne.CanvasObject{
		container.NewHBox(newStatusChip("never-publish", false)),
		lead,
		wrapped("Reason: " + np.Reason),
		quiet(fmt.Sprintf("Set on %s by %s", np.SetOn.UK(), a.nameOf(np.SetBy))),
	}
	if head {
		clear := widget.NewButton("Lift the never-publish flag…", func() { p.askNeverPublish(false) })
		box = append(box, container.NewHBox(clear))
	}
	return []fyne.CanvasObject{tinted(colorBanner, container.New(layout.NewCustomPaddedVBoxLayout(-4), box...))}
}

// askNeverPublish asks the head for a reason, then sets or clears the flag.
func (p *pupilPanel) askNeverPublish(set bool) {
	a, id := p.app, p.id
	reason := newMultiLineEntry(a, "")
	prob := problem()
	title, verb, explain := "Never publish this pupil", "Mark never publish",
		"The pupil will show as “Never publish” in every column, whatever any form says. Say why, for the audit trail (for example: looked after, court order, safeguarding)."
	if !set {
		title, verb, explain = "Lift the never-publish flag", "Lift the flag",
			"The pupil's statuses will follow their forms again. Say why, for the audit trail."
	}
	content := container.NewVBox(hint(explain), field("Reason", reason, ""), prob)
	var d *formDialog
	d = a.confirmDialog(title, verb, content, func() {
		s, why := a.sess, reason.Text
		backgroundErr(a, func() error {
			if set {
				return s.SetNeverPublish(id, why)
			}
			return s.ClearNeverPublish(id, why)
		}, func(err error) {
			if err != nil {
				say(prob, sentence(err))
				d.busy(false)
				return
			}
			d.close()
			p.r.reload()
			p.load(id)
		})
	})
	a.win.Canvas().Focus(reason)
}

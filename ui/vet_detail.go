package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/access"
	"photoconsent/app/gate"
	"photoconsent/app/publish"
)

// vetDetail is the selected photo up close: a larger preview, what the
// check found in the file, its caption, and the decision with its reasons.
type vetDetail struct {
	s        *vetScreen
	shown    int // the photo on show, -1 for none
	img      *faceView
	faces    *vetFaces
	name     *widget.Label
	findings *fyne.Container
	caption  *entry
	decision *widget.Label
	reasons  *fyne.Container
	override *widget.Button
	body     *fyne.Container
	none     *widget.Label
	content  fyne.CanvasObject
	quiet    bool // set while the caption is filled in for another photo
	drawn    *vetPhoto
	drawnVer int
	// drawnFaces is what the face boxes show, to redraw them on a change.
	drawnFaces string
}

func newVetDetail(s *vetScreen) *vetDetail {
	d := &vetDetail{s: s, shown: -1}
	d.img = newFaceView(func(i int, at fyne.Position) { d.faces.menu(i, at) })
	d.faces = newVetFaces(d)
	d.name = bold("")
	d.name.Truncation = fyne.TextTruncateEllipsis
	d.findings = container.NewVBox()
	d.caption = newMultiLineEntry(s.app, "Caption or alt text, as it will be published")
	d.caption.SetMinRowsVisible(2)
	d.caption.OnChanged = func(text string) {
		if d.quiet || d.shown < 0 {
			return
		}
		d.s.editOne(d.shown, func(it *gate.Item) { it.Caption = text })
	}
	d.decision = widget.NewLabel("")
	d.decision.TextStyle.Bold = true
	d.decision.Wrapping = fyne.TextWrapWord
	d.reasons = container.NewVBox()
	d.override = widget.NewButtonWithIcon("Override with a written reason…", theme.WarningIcon(), d.openOverride)
	d.override.Hide()
	d.none = hint("Choose a photo to see it larger, with what was found in it and why it is ready or blocked.")
	d.body = container.NewVBox(container.NewStack(spacer(240), d.img), d.faces.content, d.name, d.decision, d.reasons, d.override,
		field("Caption or alt text", d.caption, "Never use a pupil's full name: a first name alone is fine."),
		d.findings)
	d.content = card(subheading("Selected photo"), d.none, d.body)
	d.show()
	return d
}

// show draws the photo in the detail area, or says to choose one.
func (d *vetDetail) show() {
	s := d.s
	if s.cur < 0 || s.cur >= len(s.photos) {
		d.shown = -1
		d.none.Show()
		d.body.Hide()
		return
	}
	p := s.photos[s.cur]
	d.none.Hide()
	d.body.Show()
	if d.shown != s.cur || d.caption.Text != p.item.Caption {
		d.quiet = true
		d.caption.SetText(p.item.Caption)
		d.quiet = false
	}
	d.shown = s.cur
	if d.drawn != p || d.drawnVer != p.thumbVer || d.drawnFaces != faceKey(p.item) {
		d.drawn, d.drawnVer, d.drawnFaces = p, p.thumbVer, faceKey(p.item)
		d.img.set(p.thumb, p.item)
	}
	d.faces.show(p)
	d.name.SetText(p.name)
	d.showFindings(p)
	d.showDecision(p)
}

func (d *vetDetail) showFindings(p *vetPhoto) {
	d.findings.Objects = nil
	r := p.item.Check
	switch {
	case !p.checked:
		d.findings.Add(quiet("Checking the file…"))
	case r.Error != "":
		d.findings.Add(warningLine(r.Error))
	}
	if n := len(r.Location); n > 0 {
		text := "Location found in the file; the copy leaves it out."
		if len(r.Unremovable) > 0 {
			text = "Location found that cannot be removed without changing the picture."
		}
		d.findings.Add(warningLine(text))
	}
	for _, n := range r.Names {
		d.findings.Add(warningLine(fmt.Sprintf("Name in the %s: %q (%s)", n.Where, n.Text, n.Pupil)))
	}
	if p.checked && r.Error == "" && len(r.Location) == 0 && len(r.Names) == 0 {
		d.findings.Add(infoLine("No location or pupils' names found in the file."))
	}
	if p.checked && r.Error == "" && d.s.gate != nil && !d.s.gate.HasDeviceList() {
		d.findings.Add(hint("The camera that took it is not checked: the school has not listed its cameras and tablets yet (Staff page)."))
	}
	if p.thumbErr != "" {
		d.findings.Add(quiet(p.thumbErr))
	}
	d.findings.Refresh()
}

func (d *vetDetail) showDecision(p *vetPhoto) {
	d.reasons.Objects = nil
	d.override.Hide()
	switch {
	case p.decErr != "":
		d.decision.Importance = widget.DangerImportance
		d.decision.SetText(p.decErr)
	case !p.decided:
		d.decision.Importance = widget.LowImportance
		d.decision.SetText("Checking…")
	case p.dec.Outcome == publish.Ready && len(p.dec.Blurred) > 0:
		d.decision.Importance = widget.SuccessImportance
		d.decision.SetText("Ready to publish with " + strings.Join(p.dec.Blurred, ", ") + " blurred: " + d.s.dest.Label() + ".")
	case p.dec.Outcome == publish.Ready:
		d.decision.Importance = widget.SuccessImportance
		d.decision.SetText("Ready to publish: " + d.s.dest.Label() + ".")
	case p.dec.Outcome == publish.Overridden:
		d.decision.Importance = widget.WarningImportance
		d.decision.SetText("Ready on the head's override: " + d.s.dest.Label() + ".")
	default:
		d.decision.Importance = widget.DangerImportance
		d.decision.SetText("Blocked: " + d.s.dest.Label() + ".")
		if p.dec.Overridable && d.s.app.sess != nil && d.s.app.sess.Can(access.Override) {
			d.override.Show()
		}
	}
	d.decision.Refresh()
	for _, r := range p.dec.Reasons {
		if p.decided {
			reason := widget.NewLabel("• " + r)
			reason.Wrapping = fyne.TextWrapWord
			d.reasons.Add(reason)
		}
	}
	for _, w := range p.dec.Warnings {
		if p.decided {
			d.reasons.Add(warningLine(capitalise(w) + "."))
		}
	}
	if b := d.deviceButton(p); b != nil && p.decided {
		d.reasons.Add(container.NewHBox(b))
	}
	if o := p.item.Override; o != nil && p.decided && p.dec.Outcome == publish.Overridden {
		d.reasons.Add(hint("Override: " + o.Reason))
	}
	d.reasons.Refresh()
}

// editOne changes one photo and decides it again.
func (s *vetScreen) editOne(i int, change func(*gate.Item)) {
	if i < 0 || i >= len(s.photos) {
		return
	}
	change(&s.photos[i].item)
	s.redecide([]int{i})
	s.refreshPhotos([]int{i})
}

// faceKey is what a photo's face boxes depend on.
func faceKey(it gate.Item) string { return fmt.Sprint(it.Size, it.Faces, it.Blur) }

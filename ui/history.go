package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/access"
	"photoconsent/app/consent"
	"photoconsent/app/register"
)

// historyItems lists every answer, newest first.
func (p *pupilPanel) historyItems() []fyne.CanvasObject {
	h := p.detail.History
	if len(h) == 0 {
		return []fyne.CanvasObject{hint("No answers have been recorded for this pupil yet.")}
	}
	var out []fyne.CanvasObject
	shown := map[string]bool{} // one form answering four purposes: one button
	for i := len(h) - 1; i >= 0; i-- {
		out = append(out, p.historyItem(h[i], !shown[h[i].ScanID]))
		shown[h[i].ScanID] = true
	}
	return out
}

// historyItem is one answer; scanButton says whether to offer its scanned
// form (only on the first answer shown that came from that form).
func (p *pupilPanel) historyItem(r consent.Record, scanButton bool) fyne.CanvasObject {
	a := p.app
	col := register.Column{Purpose: r.Purpose, Media: r.Media}
	title := bold(columnTitle(col))
	title.Wrapping = fyne.TextWrapWord
	top := container.NewBorder(nil, nil, newStatusChip(answerStatus(r.Answer), true),
		widget.NewLabelWithStyle(r.Date.UK(), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), title)
	how := []string{"Given by " + giverWords(r.By), methodWord(r.Method)}
	if r.Wording != "" {
		how = append(how, "form wording "+r.Wording)
	}
	if !r.By.Known() { // carried over from the MIS's own column
		how = []string{"From the MIS's photo-consent column; nobody named"}
	}
	lines := []fyne.CanvasObject{top, wrapped(strings.Join(how, " · "))}
	lines = append(lines, hint("Recorded by "+a.nameOf(r.RecordedBy)+" on "+ukDateTime(r.RecordedAt)))
	if !r.Expires.IsZero() {
		lines = append(lines, wrapped("Expires "+r.Expires.UK()))
	}
	if r.Note != "" {
		lines = append(lines, wrapped("Note: "+r.Note))
	}
	switch {
	case r.ScanID == "" || !a.sess.Can(access.ViewScans):
	case !scanButton:
		lines = append(lines, hint("Same scanned form as the answer above."))
	default:
		id := r.ScanID
		b := widget.NewButtonWithIcon("View scan", theme.FileImageIcon(), func() { p.viewScan(id, r.Date) })
		lines = append(lines, container.NewHBox(b))
	}
	return card(container.New(layout.NewCustomPaddedVBoxLayout(-8), lines...))
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

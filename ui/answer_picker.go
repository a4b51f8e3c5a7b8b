package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/consent"
	"photoconsent/app/register"
)

// answerChoice is three toggle buttons for one question on the form:
// Granted, Refused, Withdrawn. None pressed means no change; pressing the
// chosen one again clears it. Compact enough for the pupil panel.
type answerChoice struct {
	buttons  []*widget.Button
	selected string
	content  fyne.CanvasObject
}

var answerChoices = []struct {
	label  string
	answer consent.Answer
	look   widget.Importance
}{
	{"Granted", consent.Granted, widget.SuccessImportance},
	{"Refused", consent.Refused, widget.DangerImportance},
	{"Withdrawn", consent.Withdrawn, widget.WarningImportance},
}

func newAnswerChoice() *answerChoice {
	c := &answerChoice{}
	box := container.NewHBox()
	for _, ch := range answerChoices {
		label := ch.label
		b := widget.NewButton(label, func() {
			if c.selected == label {
				c.set("")
			} else {
				c.set(label)
			}
		})
		c.buttons = append(c.buttons, b)
		box.Add(b)
	}
	c.content = box
	c.set("")
	return c
}

// set presses the button with that label, or none for "".
func (c *answerChoice) set(label string) {
	c.selected = label
	for i, b := range c.buttons {
		if answerChoices[i].label == label {
			b.Importance = answerChoices[i].look
			b.SetIcon(theme.Icon(theme.IconNameRadioButtonChecked))
		} else {
			b.Importance = widget.MediumImportance
			b.SetIcon(theme.Icon(theme.IconNameRadioButton))
		}
		b.Refresh()
	}
}

func (c *answerChoice) answer() (consent.Answer, bool) {
	for _, ch := range answerChoices {
		if ch.label == c.selected {
			return ch.answer, true
		}
	}
	return "", false
}

// answerPicker asks, for each column, what the form said.
type answerPicker struct {
	cols    []register.Column
	choices []*answerChoice
	content fyne.CanvasObject
}

func newAnswerPicker(cols []register.Column) *answerPicker {
	p := &answerPicker{cols: cols}
	box := container.NewVBox(hint("Press what the form says for each question. Leave a question unpressed if the form does not answer it."))
	for _, c := range cols {
		ch := newAnswerChoice()
		p.choices = append(p.choices, ch)
		title := bold(columnTitle(c))
		title.Wrapping = fyne.TextWrapWord
		box.Add(container.New(layout.NewCustomPaddedVBoxLayout(0), title, ch.content))
	}
	p.content = box
	return p
}

// answers lists what was chosen, leaving out unanswered questions.
func (p *answerPicker) answers() []register.PurposeAnswer {
	var out []register.PurposeAnswer
	for i, ch := range p.choices {
		if a, ok := ch.answer(); ok {
			out = append(out, register.PurposeAnswer{Purpose: p.cols[i].Purpose, Media: p.cols[i].Media, Answer: a})
		}
	}
	return out
}

// set chooses an answer for one column by its label.
func (p *answerPicker) set(col int, label string) { p.choices[col].set(label) }

func (p *answerPicker) reset() {
	for _, ch := range p.choices {
		ch.set("")
	}
}

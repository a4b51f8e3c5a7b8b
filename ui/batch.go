package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/register"
)

// batchForm records the same answers for every ticked pupil: a returned
// class set of identical forms.
type batchForm struct {
	picker  *answerPicker
	details *answerDetails
	problem *widget.Label
	dialog  *formDialog
}

// namesOf lists the pupils' names, at most max of them, for a dialog.
func (r *registerScreen) namesOf(ids []string, max int) string {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var names []string
	for _, row := range r.rows {
		if want[row.PupilID] {
			names = append(names, row.Name)
		}
	}
	if len(names) > max {
		return strings.Join(names[:max], ", ") + fmt.Sprintf(" and %d more", len(names)-max)
	}
	return strings.Join(names, ", ")
}

// openBatch asks for the answers to record for the ticked pupils.
func (r *registerScreen) openBatch() {
	a := r.app
	ids := r.tickedIDs()
	if len(ids) == 0 {
		return
	}
	b := &batchForm{picker: newAnswerPicker(r.cols), details: newAnswerDetails(a), problem: problem()}
	r.batchForm = b
	b.details.onSubmit(func() { b.dialog.submit() })
	who := fmt.Sprintf("These answers will be recorded for %d pupils, as given by each pupil's first contact with parental responsibility.", len(ids))
	if len(ids) == 1 {
		who = "These answers will be recorded for 1 pupil, as given by their first contact with parental responsibility."
	}
	content := container.NewVScroll(container.NewVBox(
		infoLine(who),
		hint("For: "+r.namesOf(ids, 12)),
		b.picker.content,
		b.details.content(),
		b.problem,
	))
	verb := fmt.Sprintf("Record for %d pupils", len(ids))
	if len(ids) == 1 {
		verb = "Record for 1 pupil"
	}
	b.dialog = a.sizedDialog("Record the same answer for the selected pupils", verb, content, fyne.NewSize(720, 640), func() {
		req := register.AnswerRequest{PupilIDs: ids, Answers: b.picker.answers(), ByFirstContact: true}
		if len(req.Answers) == 0 {
			say(b.problem, "Choose Granted, Refused or Withdrawn for at least one purpose.")
			b.dialog.busy(false)
			return
		}
		if err := b.details.fill(&req); err != nil {
			say(b.problem, plain(err.Error()))
			b.dialog.busy(false)
			return
		}
		say(b.problem, "")
		s := a.sess
		backgroundErr(a, func() error { return s.RecordAnswers(req) }, func(err error) {
			if err != nil {
				say(b.problem, sentence(err))
				b.dialog.busy(false)
				return
			}
			b.dialog.close()
			r.batchForm = nil
			r.setTicked(nil)
			r.reload()
			if r.selected != "" {
				r.panel.load(r.selected)
			}
			a.notify(fmt.Sprintf("Recorded for %d pupils.", len(ids)))
		})
	})
}

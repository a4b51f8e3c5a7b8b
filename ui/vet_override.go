package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/gate"
	"photoconsent/app/publish"
)

// vetOverrideForm is the head's override dialog for one blocked photo.
type vetOverrideForm struct {
	d        *formDialog
	reason   *entry
	login    *entry // the second person, when a never-publish pupil is tagged
	password *entry
	problem  *widget.Label
}

// openOverride asks the head for a written reason and, when a pupil who
// must never be published is tagged, a second person's sign-in.
func (d *vetDetail) openOverride() {
	s := d.s
	a := s.app
	i := s.cur
	if i < 0 || i >= len(s.photos) {
		return
	}
	p := s.photos[i]
	dec := p.dec
	f := &vetOverrideForm{reason: newMultiLineEntry(a, "Why this photo may be published anyway"), problem: problem()}
	objs := []fyne.CanvasObject{
		hint("An override is written to the publication log with your name and reason. It lifts these blocks:"),
	}
	for _, r := range dec.Reasons {
		objs = append(objs, widget.NewLabel("• "+r))
	}
	objs = append(objs, field("Reason", f.reason, ""))
	if dec.NeedsSecondSignOff {
		f.login = newEntry(a, "Their login name")
		f.password = newPasswordEntry(a, "Their password")
		f.password.OnSubmitted = func(string) { f.d.submit() }
		objs = append(objs, warningLine("A pupil who must never be published is tagged: another head or an office account must sign off too."),
			field("Second person", f.login, ""), field("Their password", f.password, ""))
	}
	objs = append(objs, f.problem)
	s.overrideForm = f
	f.d = a.sizedDialog("Override the block on "+p.name, "Override", container.NewVBox(objs...), fyne.NewSize(520, 0), func() {
		d.applyOverride(p, dec, f)
	})
	a.win.Canvas().Focus(f.reason)
}

// applyOverride checks the second person's password (slow: key
// derivation) in the background, then the override against the rules.
func (d *vetDetail) applyOverride(p *vetPhoto, dec publish.Decision, f *vetOverrideForm) {
	s := d.s
	a := s.app
	sess := a.sess
	me := sess.Me()
	o := publish.Override{
		By:     publish.Approver{AccountID: me.ID, Name: me.Login, Role: me.Role},
		Reason: strings.TrimSpace(f.reason.Text),
	}
	var login, password string
	if f.login != nil {
		login, password = strings.TrimSpace(f.login.Text), f.password.Text
	}
	background(a, func() (publish.Override, error) {
		if login != "" || dec.NeedsSecondSignOff {
			second, err := sess.SecondApprover(login, password)
			if err != nil {
				return o, err
			}
			o.Second = &second
		}
		return o, publish.CheckOverride(dec, o)
	}, func(o publish.Override, err error) {
		if f.password != nil {
			f.password.SetText("")
		}
		if err != nil {
			say(f.problem, sentence(err))
			f.d.busy(false)
			return
		}
		f.d.close()
		s.overrideForm = nil
		for i, q := range s.photos {
			if q == p {
				s.editOne(i, func(it *gate.Item) { it.Override = &o })
			}
		}
	})
}

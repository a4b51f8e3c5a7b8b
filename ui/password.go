package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/access"
	"photoconsent/app/register"
)

// passwordScreen makes someone with a temporary password (or who used the
// recovery key) choose their own before anything else.
type passwordScreen struct {
	app      *App
	password *entry
	confirm  *entry
	save     *widget.Button
	problem  *widget.Label
}

func (a *App) showMustChange(temporary string) {
	p := &passwordScreen{app: a}
	a.change = p
	p.password = newPasswordEntry(a, "")
	p.confirm = newPasswordEntry(a, "")
	p.problem = problem()
	working := widget.NewActivity()
	working.Hide()
	p.save = primary(widget.NewButton("Save my new password", nil))
	submit := func() {
		if p.save.Disabled() {
			return
		}
		if p.password.Text != p.confirm.Text {
			say(p.problem, "The two passwords are different. Type them again.")
			return
		}
		say(p.problem, "")
		p.save.Disable()
		working.Show()
		working.Start()
		s, pw := a.sess, p.password.Text
		backgroundErr(a, func() error { return s.ChangePassword(temporary, pw) }, func(err error) {
			working.Stop()
			working.Hide()
			p.save.Enable()
			if err != nil {
				say(p.problem, sentence(err))
				return
			}
			a.openShell()
		})
	}
	p.save.OnTapped = submit
	p.password.OnSubmitted = func(string) { a.win.Canvas().Focus(p.confirm) }
	p.confirm.OnSubmitted = func(string) { submit() }
	signOut := widget.NewButton("Sign out", a.signOut)
	signOut.Importance = widget.LowImportance
	a.setScreen(centred(520, card(
		heading("Choose your own password"),
		hint("Hello "+a.sess.Me().Login+". Your password was set by someone else, so choose a new one that only you know before going on."),
		field("New password", p.password, passwordPolicy),
		field("Type it again", p.confirm, ""),
		p.problem,
		container.NewBorder(nil, nil, nil, container.NewHBox(working, signOut), p.save),
	)))
	a.win.Canvas().Focus(p.password)
}

// recoverScreen lets a head set a new password with the printed recovery key.
type recoverScreen struct {
	app      *App
	key      *entry
	head     *widget.Select
	password *entry
	confirm  *entry
	save     *widget.Button
	working  *widget.Activity
	problem  *widget.Label
}

func (a *App) showRecover() {
	delete(a.ticks, "unlock")
	a.unlock = nil
	r := &recoverScreen{app: a, problem: problem(), working: widget.NewActivity()}
	a.recover = r
	r.key = newMonoEntry(a, "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
	logins, _ := a.cfg.Vault.Logins()
	names := make([]string, len(logins))
	for i, l := range logins {
		names[i] = l.Name
	}
	r.head = widget.NewSelect(names, nil)
	r.head.PlaceHolder = "Choose the head's account"
	r.password = newPasswordEntry(a, "")
	r.confirm = newPasswordEntry(a, "")
	r.working.Hide()
	r.save = primary(widget.NewButton("Set the new password and sign in", r.submit))
	r.key.OnSubmitted = func(string) { a.win.Canvas().Focus(r.password) }
	r.password.OnSubmitted = func(string) { a.win.Canvas().Focus(r.confirm) }
	r.confirm.OnSubmitted = func(string) { r.submit() }
	back := widget.NewButton("Back to sign in", func() {
		a.recover = nil
		a.showUnlock("")
	})
	back.Importance = widget.LowImportance
	a.setScreen(centred(560, card(
		heading("Use the recovery key"),
		hint("The recovery key was shown once, when the register was set up. With it a head can choose a new password. The audit trail will record that it was used."),
		field("Recovery key", r.key, "Eight groups of four letters and numbers. Capitals and dashes do not matter."),
		field("Head's account", r.head, ""),
		field("New password", r.password, passwordPolicy),
		field("Type it again", r.confirm, ""),
		r.problem,
		container.NewBorder(nil, nil, nil, container.NewHBox(r.working, back), r.save),
	)))
	a.win.Canvas().Focus(r.key)
}

func (r *recoverScreen) submit() {
	a := r.app
	if r.save.Disabled() {
		return
	}
	k, login, pw := strings.TrimSpace(r.key.Text), r.head.Selected, r.password.Text
	switch {
	case k == "":
		say(r.problem, "Type the recovery key from the paper copy.")
		return
	case login == "":
		say(r.problem, "Choose the head whose password is to be set.")
		return
	case pw != r.confirm.Text:
		say(r.problem, "The two passwords are different. Type them again.")
		return
	}
	if err := access.CheckPassword(pw, login); err != nil {
		say(r.problem, sentence(err))
		return
	}
	say(r.problem, "")
	r.busy(true)
	type opened struct {
		sess  *register.Session
		store register.Opened
		err   error // from setting the password, after the store opened
	}
	v := a.cfg.Vault
	background(a, func() (opened, error) {
		s, st, err := register.Recover(v, k, login, register.Options{Now: a.now})
		if err != nil {
			return opened{}, err
		}
		return opened{s, st, s.ChangePassword("", pw)}, nil
	}, func(o opened, err error) {
		r.busy(false)
		if err != nil {
			say(r.problem, sentence(err))
			return
		}
		a.recover = nil
		if o.err != nil { // the store is open: the must-change screen asks again
			a.signedIn(o.sess, o.store, "")
			say(a.change.problem, sentence(o.err))
			return
		}
		a.signedIn(o.sess, o.store, pw)
	})
}

func (r *recoverScreen) busy(on bool) {
	if on {
		r.save.Disable()
		r.working.Show()
		r.working.Start()
		return
	}
	r.save.Enable()
	r.working.Stop()
	r.working.Hide()
}

// changeMyPassword is the "Change my password" dialog for whoever is signed in.
func (a *App) changeMyPassword() {
	current := newPasswordEntry(a, "")
	password := newPasswordEntry(a, "")
	confirm := newPasswordEntry(a, "")
	prob := problem()
	working := widget.NewActivity()
	working.Hide()
	content := container.NewVBox(
		field("Current password", current, ""),
		field("New password", password, passwordPolicy),
		field("Type it again", confirm, ""),
		prob, working,
	)
	var d *dialog.CustomDialog
	var save *widget.Button
	submit := func() {
		if save.Disabled() {
			return
		}
		if password.Text != confirm.Text {
			say(prob, "The two passwords are different. Type them again.")
			return
		}
		say(prob, "")
		save.Disable()
		working.Show()
		working.Start()
		s, old, pw := a.sess, current.Text, password.Text
		backgroundErr(a, func() error { return s.ChangePassword(old, pw) }, func(err error) {
			working.Stop()
			working.Hide()
			save.Enable()
			if err != nil {
				if errors.Is(err, register.ErrWrongPassword) {
					say(prob, "Your current password is not right. Type it again.")
				} else {
					say(prob, sentence(err))
				}
				return
			}
			d.Hide()
			a.notify("Your password has been changed.")
		})
	}
	save = primary(widget.NewButton("Change password", submit))
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	confirm.OnSubmitted = func(string) { submit() }
	d = dialog.NewCustomWithoutButtons("Change my password", fixedWidth(420, newActivity(content, a.touch)), a.win)
	d.SetButtons([]fyne.CanvasObject{cancel, save})
	a.showDialog(d)
	a.win.Canvas().Focus(current)
}

// notify shows a short message that needs only an OK.
func (a *App) notify(text string) {
	d := dialog.NewInformation("PhotoConsent", text, a.win)
	a.showDialog(d)
}

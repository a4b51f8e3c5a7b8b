package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/register"
	"photoconsent/assets"
)

// passwordPolicy is the school's password rule in words (app/access enforces it).
const passwordPolicy = "Use at least 8 characters mixing letters, numbers and symbols, or a passphrase of 16 or more characters."

// sizeRecoveryKey is the text size of the recovery key, large enough to copy
// onto paper without mistakes.
const sizeRecoveryKey fyne.ThemeSizeName = "pcRecoveryKey"

// firstRun sets up a new register: the school, its head, and the recovery key.
type firstRun struct {
	app      *App
	school   *entry
	head     *entry
	password *entry
	confirm  *entry
	create   *widget.Button
	working  *widget.Activity
	problem  *widget.Label

	// the recovery key step
	key     *widget.Label
	written *widget.Check
	cont    *widget.Button
}

func (a *App) showFirstRun() {
	f := &firstRun{app: a}
	a.first = f
	f.school = newEntry(a, "e.g. Oakfield Primary School")
	f.head = newEntry(a, "e.g. Mrs Patel")
	f.password = newPasswordEntry(a, "")
	f.confirm = newPasswordEntry(a, "")
	f.problem = problem()
	f.working = widget.NewActivity()
	f.working.Hide()
	f.create = primary(widget.NewButtonWithIcon("Create the register", nil, f.submit))
	f.school.OnSubmitted = func(string) { a.win.Canvas().Focus(f.head) }
	f.head.OnSubmitted = func(string) { a.win.Canvas().Focus(f.password) }
	f.password.OnSubmitted = func(string) { a.win.Canvas().Focus(f.confirm) }
	f.confirm.OnSubmitted = func(string) { f.submit() }

	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(64))
	top := container.NewBorder(nil, nil, icon, nil, container.NewVBox(
		heading("Welcome to PhotoConsent"),
		hint("Set up your school's photo and video consent register. You will be its first head account; you can add office staff and teachers afterwards."),
	))
	form := card(
		top,
		spacer(4),
		field("School name", f.school, ""),
		field("Your account name", f.head, "The name you will sign in with. It is shown in the audit trail."),
		field("Password", f.password, passwordPolicy),
		field("Type the password again", f.confirm, ""),
		f.problem,
		spacer(2),
		container.NewHBox(f.create, f.working),
		widget.NewSeparator(),
		container.NewHBox(widget.NewButtonWithIcon("Restore from a backup instead…", theme.HistoryIcon(), a.restoreBackup)),
	)
	a.setScreen(centred(600, form))
	a.win.Canvas().Focus(f.school)
}

func (f *firstRun) submit() {
	a := f.app
	school, head := strings.TrimSpace(f.school.Text), strings.TrimSpace(f.head.Text)
	switch {
	case school == "":
		say(f.problem, "Type the school's name.")
		return
	case head == "":
		say(f.problem, "Type the name you will sign in with.")
		return
	case f.password.Text != f.confirm.Text:
		say(f.problem, "The two passwords are different. Type them again.")
		return
	}
	say(f.problem, "")
	f.busy(true)
	type made struct {
		sess     *register.Session
		store    register.Opened
		recovery string
	}
	v, pw := a.cfg.Vault, f.password.Text
	background(a, func() (made, error) {
		s, st, key, err := register.CreateRegister(v, school, head, pw, register.Options{Now: a.now})
		return made{s, st, key}, err
	}, func(m made, err error) {
		f.busy(false)
		if err != nil {
			say(f.problem, sentence(err))
			return
		}
		f.password.SetText("")
		f.confirm.SetText("")
		f.showRecoveryKey(m.sess, m.store, m.recovery)
	})
}

func (f *firstRun) busy(on bool) {
	if on {
		f.create.Disable()
		f.working.Start()
		f.working.Show()
		return
	}
	f.create.Enable()
	f.working.Stop()
	f.working.Hide()
}

// showRecoveryKey shows the key once, in large groups, and lets the head go
// on only after saying it is written down.
func (f *firstRun) showRecoveryKey(s *register.Session, store register.Opened, key string) {
	a := f.app
	f.key = widget.NewLabelWithStyle(groupKey(key), fyne.TextAlignCenter, fyne.TextStyle{Monospace: true, Bold: true})
	f.key.SizeName = sizeRecoveryKey
	f.cont = primary(widget.NewButtonWithIcon("Continue to the register", nil, func() {
		f.key.SetText("")
		a.signedIn(s, store, "")
	}))
	f.cont.Disable()
	f.written = widget.NewCheck("I have written the recovery key down and will keep it somewhere safe", func(on bool) {
		if on {
			f.cont.Enable()
		} else {
			f.cont.Disable()
		}
	})
	keyBox := tinted(theme.ColorNameHeaderBackground, container.NewPadded(f.key))
	a.setScreen(centred(680, card(
		heading("Your recovery key"),
		hint("Write this key on paper and keep it somewhere safe, such as the school safe. If every head forgets their password, it is the only way back into the register."),
		spacer(6),
		keyBox,
		spacer(6),
		warningLine("It is shown only this once. PhotoConsent does not keep a copy."),
		f.written,
		container.NewHBox(f.cont),
	)))
}

// groupKey lays the key out as two lines of four groups, easier to copy.
func groupKey(key string) string {
	groups := strings.Split(key, "-")
	if len(groups) != 8 {
		return key
	}
	return strings.Join(groups[:4], "  ") + "\n" + strings.Join(groups[4:], "  ")
}

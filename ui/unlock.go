package ui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/register"
	"photoconsent/assets"
)

const prefLastLogin = "lastLogin"

// unlockScreen signs a member of staff in.
type unlockScreen struct {
	app      *App
	logins   []register.Login
	user     *widget.Select
	password *entry
	signIn   *widget.Button
	working  *widget.Activity
	problem  *widget.Label
	forgot   *widget.Button
	until    time.Time // locked out until then
}

// showUnlock shows the sign-in screen, with a sentence saying why if any.
func (a *App) showUnlock(why string) {
	delete(a.ticks, "lock")
	u := &unlockScreen{app: a}
	a.unlock = u
	logins, err := a.cfg.Vault.Logins()
	if err != nil {
		why = sentence(err)
	}
	u.logins = logins
	names := make([]string, len(logins))
	for i, l := range logins {
		names[i] = l.Name
	}
	u.user = widget.NewSelect(names, func(string) { a.win.Canvas().Focus(u.password) })
	u.user.PlaceHolder = "Choose your name"
	u.password = newPasswordEntry(a, "Password")
	u.password.OnSubmitted = func(string) { u.submit() }
	u.signIn = primary(widget.NewButton("Sign in", u.submit))
	u.working = widget.NewActivity()
	u.working.Hide()
	u.problem = problem()
	u.forgot = widget.NewButton("Forgotten password? Use the recovery key", a.showRecover)
	u.forgot.Importance = widget.LowImportance
	say(u.problem, why)

	last := a.fyne.Preferences().String(prefLastLogin)
	if d := a.cfg.Demo; d != nil && last == "" && len(d.Logins) > 0 {
		last = d.Logins[0] // the demo starts as the head, who sees everything
	}
	switch {
	case len(names) == 1:
		u.user.SetSelectedIndex(0)
	case last != "":
		for i, n := range names {
			if n == last {
				u.user.SetSelectedIndex(i)
			}
		}
	}

	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(72))
	title := heading("PhotoConsent")
	title.Alignment = fyne.TextAlignCenter
	sub := hint("The school's photo and video consent register")
	sub.Alignment = fyne.TextAlignCenter

	items := []fyne.CanvasObject{icon, title, sub, spacer(6)}
	if d := a.cfg.Demo; d != nil {
		note := "Demo school — password: " + d.Password
		if d.Hint != "" {
			note += "\n" + d.Hint
		}
		items = append(items, tinted(colorBanner, infoBanner(note)))
	}
	items = append(items,
		field("Who are you?", u.user, ""),
		field("Password", u.password, ""),
		u.problem,
		container.NewBorder(nil, nil, nil, u.working, u.signIn),
		widget.NewSeparator(),
		u.forgot,
	)
	a.setScreen(centred(440, card(items...)))
	a.ticks["unlock"] = u.tick
	if u.user.Selected != "" {
		a.win.Canvas().Focus(u.password)
	}
}

// infoBanner is banner text in the banner's ink.
func infoBanner(text string) fyne.CanvasObject {
	t := widget.NewRichTextWithText(text)
	t.Wrapping = fyne.TextWrapWord
	if seg, ok := t.Segments[0].(*widget.TextSegment); ok {
		seg.Style.ColorName = colorOnBanner
		seg.Style.TextStyle.Bold = true
	}
	return t
}

func (u *unlockScreen) submit() {
	a := u.app
	if u.signIn.Disabled() {
		return
	}
	login := u.user.Selected
	if login == "" {
		say(u.problem, "Choose your name first.")
		return
	}
	if u.password.Text == "" {
		say(u.problem, "Type your password.")
		return
	}
	pw := u.password.Text
	say(u.problem, "")
	u.busy(true)
	type opened struct {
		sess  *register.Session
		store register.Opened
	}
	v := a.cfg.Vault
	background(a, func() (opened, error) {
		s, st, err := register.SignIn(v, login, pw, register.Options{Now: a.now})
		return opened{s, st}, err
	}, func(o opened, err error) {
		u.busy(false)
		if a.unlock != u {
			if err == nil {
				a.closeQuietly(o.store)
			}
			return
		}
		if err != nil {
			u.password.SetText("")
			u.failed(err)
			return
		}
		a.fyne.Preferences().SetString(prefLastLogin, login)
		delete(a.ticks, "unlock")
		a.signedIn(o.sess, o.store, pw)
	})
}

// failed says what went wrong; a lockout also starts a countdown.
func (u *unlockScreen) failed(err error) {
	var locked *register.LockedOutError
	if errors.As(err, &locked) {
		u.until = u.app.now().Add(locked.Wait)
		u.signIn.Disable()
	}
	say(u.problem, sentence(err))
	u.app.win.Canvas().Focus(u.password)
}

// tick counts a lockout down and lets the person try again when it ends.
func (u *unlockScreen) tick() {
	if u.until.IsZero() {
		return
	}
	left := u.until.Sub(u.app.now())
	if left <= 0 {
		u.until = time.Time{}
		u.signIn.Enable()
		say(u.problem, "You can try again now.")
		return
	}
	say(u.problem, "Too many wrong passwords. Try again in "+waitWords(left)+".")
}

func (u *unlockScreen) busy(on bool) {
	if on {
		u.signIn.Disable()
		u.working.Show()
		u.working.Start()
		return
	}
	u.working.Stop()
	u.working.Hide()
	if u.until.IsZero() {
		u.signIn.Enable()
	}
}

// closeQuietly closes a store nobody will use.
func (a *App) closeQuietly(st register.Opened) {
	if st == nil {
		return
	}
	if err := st.Close(); err != nil {
		fyne.LogError("closing the register", errors.New(sentence(err)))
	}
}

package ui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/register"
	"photoconsent/assets"
)

// lockScreen covers the main window after the idle limit or Ctrl+L. The
// screen underneath is hidden, not closed, so unlocking returns to exactly
// where the person was, with anything they had typed.
type lockScreen struct {
	app      *App
	content  fyne.CanvasObject
	password *entry
	unlock   *widget.Button
	problem  *widget.Label
	working  *widget.Activity
	focused  fyne.Focusable
	until    time.Time
}

// checkIdle locks the window once the idle timer has expired. The app's
// clock calls it every second; tests call it after moving their clock on.
func (a *App) checkIdle() {
	if a.idle == nil || a.lock != nil || a.shell == nil {
		return
	}
	if a.idle.Expired() {
		a.lockNow()
	}
}

// lockNow covers the window with the lock screen.
func (a *App) lockNow() {
	if a.sess == nil || a.shell == nil || a.lock != nil {
		return
	}
	l := &lockScreen{app: a, focused: a.win.Canvas().Focused()}
	a.win.Canvas().Unfocus()
	// Open dialogs and menus float above the window: put them away too.
	// (a copy: hiding one removes it from the canvas's own list)
	a.hidden = append([]fyne.CanvasObject(nil), a.win.Canvas().Overlays().List()...)
	for _, o := range a.hidden {
		o.Hide()
	}
	l.password = newPasswordEntry(a, "Password")
	l.password.OnSubmitted = func(string) { l.submit() }
	l.unlock = primary(widget.NewButton("Unlock", l.submit))
	l.problem = problem()
	l.working = widget.NewActivity()
	l.working.Hide()
	switchUser := widget.NewButtonWithIcon("Switch user", theme.LogoutIcon(), a.signOut)
	switchUser.Importance = widget.LowImportance

	icon := widget.NewIcon(theme.NewPrimaryThemedResource(assets.Lock))
	title := heading("Locked")
	title.Alignment = fyne.TextAlignCenter
	me := a.sess.Me()
	set, _ := a.sess.Settings()
	who := hint("The register was locked to keep pupils' details private. " + me.Login + ", type your password to carry on where you were.")
	who.Alignment = fyne.TextAlignCenter
	school := widget.NewLabelWithStyle(set.SchoolName, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})

	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	form := centred(420, card(
		container.NewCenter(fixedWidth(56, container.NewGridWrap(fyne.NewSquareSize(56), icon))),
		title, school, who,
		field("Password for "+me.Login, l.password, ""),
		l.problem,
		container.NewBorder(nil, nil, nil, l.working, l.unlock),
		widget.NewSeparator(),
		switchUser,
	))
	l.content = container.NewStack(newThemed(bg, func(r *canvas.Rectangle) { r.FillColor = theme.Color(theme.ColorNameBackground) }), form)
	a.lock = l
	a.screen.Hide()
	a.layers.Add(l.content)
	a.ticks["lock"] = l.tick
	a.win.Canvas().Focus(l.password)
}

func (l *lockScreen) submit() {
	a := l.app
	if l.unlock.Disabled() || a.lock != l {
		return
	}
	if l.password.Text == "" {
		say(l.problem, "Type your password.")
		return
	}
	say(l.problem, "")
	l.unlock.Disable()
	l.working.Show()
	l.working.Start()
	s, pw := a.sess, l.password.Text
	backgroundErr(a, func() error { return s.CheckPassword(pw) }, func(err error) {
		l.working.Stop()
		l.working.Hide()
		if a.lock != l {
			return
		}
		if err != nil {
			l.password.SetText("")
			var locked *register.LockedOutError
			if errors.As(err, &locked) {
				l.until = a.now().Add(locked.Wait)
			} else {
				l.unlock.Enable()
			}
			say(l.problem, sentence(err))
			a.win.Canvas().Focus(l.password)
			return
		}
		a.unlockNow()
	})
}

// tick counts down a lockout on the lock screen.
func (l *lockScreen) tick() {
	if l.until.IsZero() {
		return
	}
	left := l.until.Sub(l.app.now())
	if left <= 0 {
		l.until = time.Time{}
		l.unlock.Enable()
		say(l.problem, "You can try again now.")
		return
	}
	say(l.problem, "Too many wrong passwords. Try again in "+waitWords(left)+".")
}

// unlockNow takes the lock screen away and puts everything back as it was.
func (a *App) unlockNow() {
	l := a.lock
	if l == nil {
		return
	}
	delete(a.ticks, "lock")
	a.layers.Remove(l.content)
	a.lock = nil
	a.screen.Show()
	for _, o := range a.hidden {
		o.Show()
	}
	a.hidden = nil
	a.idle.Touch()
	if l.focused != nil {
		a.win.Canvas().Focus(l.focused)
	}
}

// locked reports whether the lock screen is up.
func (a *App) locked() bool { return a.lock != nil }

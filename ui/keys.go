package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
)

// The app's keyboard shortcuts. Ctrl on Windows and Linux, Cmd on a Mac.
var (
	keyLock  = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}
	keyFind  = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	keyPages = []*desktop.CustomShortcut{
		{KeyName: fyne.Key1, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key2, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key3, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key4, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key5, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key6, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key7, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key8, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key9, Modifier: fyne.KeyModifierShortcutDefault},
	}
)

// installKeys hooks the window's keyboard: shortcuts, Escape for dialogs, and
// key presses with nothing focused counting as activity.
func (a *App) installKeys() {
	c := a.win.Canvas()
	c.AddShortcut(keyLock, func(fyne.Shortcut) { a.appShortcut(keyLock) })
	c.AddShortcut(keyFind, func(fyne.Shortcut) { a.appShortcut(keyFind) })
	for _, k := range keyPages {
		c.AddShortcut(k, func(fyne.Shortcut) { a.appShortcut(k) })
	}
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		a.touch()
		if k.Name == fyne.KeyEscape {
			a.closeTopDialog()
		}
	})
	c.SetOnTypedRune(func(rune) { a.touch() })
	if dc, ok := c.(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(*fyne.KeyEvent) { a.touch() })
	}
}

// appShortcut runs one of the app's own shortcuts and reports whether s was one.
func (a *App) appShortcut(s fyne.Shortcut) bool {
	name := s.ShortcutName()
	a.touch()
	switch {
	case name == keyLock.ShortcutName():
		if a.shell != nil && a.lock == nil {
			a.lockNow()
		}
		return true
	case name == keyFind.ShortcutName():
		if a.shell != nil && a.lock == nil {
			a.shell.show(pageRegister)
			a.closeDialogs()
			a.win.Canvas().Focus(a.shell.register.search)
		}
		return true
	}
	for i, k := range keyPages {
		if name == k.ShortcutName() {
			if a.shell != nil && a.lock == nil && len(a.dialogs) == 0 {
				a.shell.showIndex(i)
			}
			return true
		}
	}
	return false
}

// showDialog shows a dialog and keeps it on the stack Escape closes from.
func (a *App) showDialog(d dialog.Dialog) {
	a.dialogs = append(a.dialogs, d)
	var popup fyne.CanvasObject
	d.SetOnClosed(func() {
		for i, o := range a.dialogs {
			if o == d {
				a.dialogs = append(a.dialogs[:i], a.dialogs[i+1:]...)
				break
			}
		}
		// a dialog closed while the screen was locked must stay closed
		for i, o := range a.hidden {
			if o == popup {
				a.hidden = append(a.hidden[:i], a.hidden[i+1:]...)
				break
			}
		}
	})
	ov := a.win.Canvas().Overlays()
	before := len(ov.List())
	d.Show()
	if len(ov.List()) > before { // the desktop's own file chooser adds none
		popup = ov.Top()
	}
}

// closeTopDialog closes the newest dialog and reports whether there was one.
func (a *App) closeTopDialog() bool {
	if len(a.dialogs) == 0 || a.lock != nil {
		return false
	}
	a.dialogs[len(a.dialogs)-1].Hide()
	return true
}

// closeDialogs closes every open dialog.
func (a *App) closeDialogs() {
	ds := a.dialogs
	a.dialogs = nil
	for i := len(ds) - 1; i >= 0; i-- {
		ds[i].Hide()
	}
}

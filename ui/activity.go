package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// activity wraps the window's content (and each dialog's) to notice that
// someone is using the app, for the idle lock.
//
// Fyne has no global input hook: the pointer's events go only to the topmost
// widget under it, and keys only to the focused widget. Two facts of the
// desktop driver make a wrapper enough for the pointer: on every pointer
// move it asks each object under the pointer, from the root down, for its
// Cursor (so a Cursorable root hears every move, even over buttons and
// tables), and a Hoverable root receives moves over anything that is not
// itself hoverable (which is also how Fyne's test driver reports moves).
// Keys are covered in keys.go and entry.go.
type activity struct {
	widget.BaseWidget
	content fyne.CanvasObject
	touch   func()
}

func newActivity(content fyne.CanvasObject, touch func()) *activity {
	a := &activity{content: content, touch: touch}
	a.ExtendBaseWidget(a)
	return a
}

func (a *activity) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(a.content) }

// Cursor is asked on every pointer move over the window.
func (a *activity) Cursor() desktop.Cursor {
	a.touch()
	return desktop.DefaultCursor
}

// MouseIn, MouseMoved and MouseOut make the wrapper Hoverable.
func (a *activity) MouseIn(*desktop.MouseEvent)    { a.touch() }
func (a *activity) MouseMoved(*desktop.MouseEvent) { a.touch() }
func (a *activity) MouseOut()                      {}

// touch records activity for the idle lock.
func (a *App) touch() {
	if a.idle != nil && a.lock == nil {
		a.idle.Touch()
	}
}

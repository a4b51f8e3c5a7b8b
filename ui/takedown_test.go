package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
)

// plogButton finds a visible button by its words under o.
func plogButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() || found != nil {
			return
		}
		switch w := o.(type) {
		case *widget.Button:
			if w.Text == text {
				found = w
			}
			return
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no %q button; the screen shows %q", text, visibleTexts(o))
	}
	return found
}

// TestTakedownMarkRemoved: a withdrawn answer puts Zoë's published photo on
// the takedown list; marking it removed needs a note, then moves it to the
// done list, drops the open count and adds a Taken down entry to the log.
func TestTakedownMarkRemoved(t *testing.T) {
	clk := newClock()
	a := plogHead(t, clk)
	out := t.TempDir()
	plogAnswer(t, a, "Zoë Brontë", consent.Granted, consent.School, consent.Individual)
	plogPublish(t, a, publog.Exported, publish.Website, plogPNG(t, out, "website-001.png"), nil, "Zoë Brontë")

	s := newTakedownScreen(a)
	var counts []int
	s.onCount = func(n int) { counts = append(counts, n) }
	a.settle()
	if s.openCount() != 0 || !hasText(visibleTexts(s.content), "Nothing to take down.") {
		t.Fatalf("before the withdrawal: %d open, screen shows %q", s.openCount(), visibleTexts(s.content))
	}

	clk.Advance(24 * time.Hour)
	plogAnswer(t, a, "Zoë Brontë", consent.Withdrawn, consent.School)
	s.reload()
	a.settle()
	if got := s.openCount(); got != 1 {
		t.Fatalf("open takedowns after the withdrawal = %d, want 1", got)
	}
	texts := visibleTexts(s.content)
	for _, want := range []string{"Still to take down (1)", "Zoë Brontë (K999200123000) · School website",
		"Published copy: website-001.png", "by " + headLogin + " (log entry 1)", "Why: "} {
		if !hasText(texts, want) {
			t.Errorf("the takedown does not show %q: %q", want, texts)
		}
	}

	test.Tap(plogButton(t, s.content, "Mark as removed…"))
	m := s.mark
	if m == nil {
		t.Fatal("no dialog asked what was done")
	}
	test.Tap(m.dialog.ok)
	a.settle()
	if !m.problem.Visible() || s.openCount() != 1 {
		t.Fatalf("marked without a note: problem %q, %d open", m.problem.Text, s.openCount())
	}
	test.Type(m.note, "Deleted from the website gallery")
	test.Tap(m.dialog.ok)
	a.settle()
	if m.problem.Visible() {
		t.Fatalf("marking failed: %q", m.problem.Text)
	}
	if got := s.openCount(); got != 0 {
		t.Errorf("open takedowns after marking = %d, want 0", got)
	}
	texts = visibleTexts(s.content)
	for _, want := range []string{"Nothing to take down.", "Done (1)", "by " + headLogin + ": Deleted from the website gallery"} {
		if !hasText(texts, want) {
			t.Errorf("after marking, the screen does not show %q: %q", want, texts)
		}
	}
	if n := len(counts); n == 0 || counts[n-1] != 0 {
		t.Errorf("the navigation heard counts %v, want the last to be 0", counts)
	}

	l := newLogScreen(a)
	a.settle()
	if got := plogColumn(l, 3); len(got) == 0 || got[0] != "Taken down" {
		t.Errorf("the log's decisions read %q, want the newest to be Taken down", got)
	}
	loaded := -1
	loadOpenTakedowns(a, func(n int) { loaded = n })
	a.settle()
	if loaded != 0 {
		t.Errorf("loadOpenTakedowns gave %d, want 0", loaded)
	}
}

package ui

import (
	"strings"
	"testing"

	"photoconsent/app/consent"
)

func TestWordingEditorSavesANewVersion(t *testing.T) {
	clk := newClock()
	a := plogHead(t, clk)
	a.editWording()
	a.settle()
	if len(a.dialogs) != 1 {
		t.Fatalf("%d dialogs open, want the wording editor", len(a.dialogs))
	}
	w, err := a.sess.Wording()
	if err != nil {
		t.Fatal(err)
	}
	e := newWordingEditor(a, w)
	if got := e.entries[consent.School].Text; got != w.Texts[consent.School] {
		t.Errorf("the school box holds %q, want the wording in use %q", got, w.Texts[consent.School])
	}
	e.entries[consent.Press].SetText("  Photos may go to the local paper.  ")
	e.save()
	a.settle()
	next, err := a.sess.Wording()
	if err != nil {
		t.Fatal(err)
	}
	if next.Version != "v2" || next.Texts[consent.Press] != "Photos may go to the local paper." {
		t.Errorf("after saving: version %q, press wording %q; want v2 and the new words", next.Version, next.Texts[consent.Press])
	}
	if !hasText(screenTexts(a), "Saved as version v2. Forms printed from now on, and answers recorded from now on, use it.") {
		t.Errorf("the app said %q", screenTexts(a))
	}
}

func TestWordingEditorRefusesBlankBoxes(t *testing.T) {
	tests := []struct {
		text string
		ok   bool
	}{
		{"Photos on the website.", true},
		{"   ", false},
		{strings.Repeat("a", 1001), false},
	}
	for _, tt := range tests {
		if err := wordingValid(tt.text); (err == nil) != tt.ok {
			t.Errorf("wordingValid(%.20q) = %v, want ok %v", tt.text, err, tt.ok)
		}
	}
}

func TestWordingEditorIsTheHeads(t *testing.T) {
	clk := newClock()
	v := newVault(t, clk.Now)
	seed(t, v, clk.Now, testdata("class_list.csv"))
	a := newTestApp(t, v, clk.Now)
	signIn(t, a, officeLogin, staffPass)
	a.editWording()
	a.settle()
	if !hasText(screenTexts(a), "An office account may not change the school's settings.") {
		t.Errorf("an office account opening the editor saw %q", screenTexts(a))
	}
}

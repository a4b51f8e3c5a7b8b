package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/consent"
	"photoconsent/app/register"
)

// TestRecoveryKey: a head who forgot the password sets a new one with the
// recovery key, lands in the register, and the new password works next time.
func TestRecoveryKey(t *testing.T) {
	v := newVault(t, nil)
	key := seed(t, v, nil, "")
	a := newTestApp(t, v, nil)
	test.Tap(a.unlock.forgot)
	r := a.recover
	if r == nil {
		t.Fatal("the recovery link did not open the recovery screen")
	}
	test.Type(r.key, strings.ToLower(key)) // capitals do not matter
	r.head.SetSelected(headLogin)
	test.Type(r.password, "Brand-new-pass-9!")
	test.Type(r.confirm, "Brand-new-pass-9!")
	r.confirm.TypedKey(&fyneKeyReturn)
	a.settle()
	if a.shell == nil {
		t.Fatalf("recovery did not open the register; the screen says %q", r.problem.Text)
	}
	a.signOut()
	signIn(t, a, headLogin, "Brand-new-pass-9!")
}

// TestWrongRecoveryKey says one sentence and opens nothing.
func TestWrongRecoveryKey(t *testing.T) {
	v := newVault(t, nil)
	seed(t, v, nil, "")
	a := newTestApp(t, v, nil)
	test.Tap(a.unlock.forgot)
	r := a.recover
	test.Type(r.key, "0000-0000-0000-0000-0000-0000-0000-0000")
	r.head.SetSelected(headLogin)
	test.Type(r.password, "Brand-new-pass-9!")
	test.Type(r.confirm, "Brand-new-pass-9!")
	test.Tap(r.save)
	a.settle()
	if a.sess != nil {
		t.Fatal("a wrong recovery key opened the register")
	}
	if got := r.problem.Text; !r.problem.Visible() || !strings.Contains(got, "recovery key") {
		t.Errorf("wrong-key message = %q", got)
	}
}

// TestLockoutCountdown: after too many wrong passwords the sign-in button is
// disabled with a countdown, and comes back when the wait is over.
func TestLockoutCountdown(t *testing.T) {
	clk := newClock()
	v := newVault(t, clk.Now)
	seed(t, v, clk.Now, "")
	a := newTestApp(t, v, clk.Now)
	u := a.unlock
	u.user.SetSelected(headLogin)
	for i := 0; i < 5 && !u.signIn.Disabled(); i++ {
		test.Type(u.password, "wrong-password-1!")
		test.Tap(u.signIn)
		a.settle()
	}
	if !u.signIn.Disabled() {
		t.Fatalf("five wrong passwords did not lock sign-in out; the screen says %q", u.problem.Text)
	}
	if got := u.problem.Text; !strings.Contains(got, "Try again in") {
		t.Errorf("lockout message = %q, want a countdown", got)
	}
	before := u.problem.Text
	clk.Advance(2 * time.Second)
	a.tick()
	if u.problem.Text == before && !strings.Contains(before, "1 second") {
		t.Errorf("the countdown did not move: still %q", u.problem.Text)
	}
	clk.Advance(10 * time.Minute)
	a.tick()
	if u.signIn.Disabled() {
		t.Fatal("sign-in stayed disabled after the wait")
	}
	test.Type(u.password, headPassword)
	test.Tap(u.signIn)
	a.settle()
	if a.shell == nil {
		t.Fatalf("the right password after the wait did not sign in: %q", u.problem.Text)
	}
}

// TestEscapeAndLockWithDialog: Escape closes the open dialog; a dialog open
// when the screen locks is hidden and comes back on unlock.
func TestEscapeAndLockWithDialog(t *testing.T) {
	v := newVault(t, nil)
	seed(t, v, nil, "")
	a := newTestApp(t, v, nil)
	signIn(t, a, headLogin, headPassword)

	a.changeMyPassword()
	if len(a.dialogs) != 1 || len(a.win.Canvas().Overlays().List()) != 1 {
		t.Fatal("the change-password dialog did not open")
	}
	focused, ok := a.win.Canvas().Focused().(*entry)
	if !ok {
		t.Fatal("the dialog's first box is not focused")
	}
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(a.dialogs) != 0 || len(a.win.Canvas().Overlays().List()) != 0 {
		t.Fatal("Escape did not close the dialog")
	}

	a.changeMyPassword()
	test.Type(a.win.Canvas().Focused().(*entry), "half-typed")
	a.appShortcut(keyLock)
	if !a.locked() {
		t.Fatal("Ctrl+L did not lock")
	}
	if n := len(a.win.Canvas().Overlays().List()); n != 0 {
		t.Fatalf("%d dialogs still float over the lock screen", n)
	}
	test.Type(a.lock.password, headPassword)
	test.Tap(a.lock.unlock)
	a.settle()
	if a.locked() {
		t.Fatal("did not unlock")
	}
	if len(a.win.Canvas().Overlays().List()) != 1 || !hasText(screenTexts(a), "half-typed") {
		t.Error("the dialog and its typed text did not come back after unlocking")
	}
}

// TestAssumeConsentBanner: while the school counts a missing form as
// consent, a warning shows on every page; switching back removes it.
func TestAssumeConsentBanner(t *testing.T) {
	v := newVault(t, nil)
	seed(t, v, nil, "")
	a := newTestApp(t, v, nil)
	signIn(t, a, headLogin, headPassword)
	const warning = "counts a consent form that was not returned as consent"
	if hasText(screenTexts(a), warning) {
		t.Fatal("the warning shows with the safe default")
	}
	a.shell.show(pageStaff)
	f := a.shell.staff.settings
	f.notReturned.SetSelected(notReturnedGranted)
	test.Tap(f.save)
	a.settle()
	if f.problem.Visible() {
		t.Fatalf("saving settings failed: %q", f.problem.Text)
	}
	for _, p := range []page{pageStaff, pageRegister, pageImport} {
		a.shell.show(p)
		a.settle()
		if !hasText(screenTexts(a), warning) {
			t.Errorf("no warning on %s", pageNames[p])
		}
	}
	a.shell.show(pageStaff)
	f.notReturned.SetSelected(notReturnedRefused)
	test.Tap(f.save)
	a.settle()
	if hasText(screenTexts(a), warning) {
		t.Error("the warning stayed after going back to the safe setting")
	}
}

// TestImportMapsUnknownColumn: a CSV column the parser does not know is
// offered for mapping, and the mapping changes the preview and the import.
func TestImportMapsUnknownColumn(t *testing.T) {
	v := newVault(t, nil)
	seed(t, v, nil, "")
	a := newTestApp(t, v, nil)
	signIn(t, a, officeLogin, staffPass)
	a.shell.show(pageImport)
	m := a.shell.importer
	test.Type(m.path, testdata("unknown_column.csv"))
	m.path.TypedKey(&fyneKeyReturn)
	a.settle()
	sel := m.columns["Tutor Set"]
	if sel == nil {
		t.Fatalf("no mapping offered for the unknown column; the screen says %q", m.problem.Text)
	}
	if got := m.stats["new"].Text; got != "2" {
		t.Fatalf("preview shows %s new, want 2", got)
	}
	if hasText(visibleTexts(m.preview), "4L") {
		t.Fatal("the class shows before the column is mapped")
	}
	sel.SetSelected("Class (registration group)")
	test.Tap(m.again)
	a.settle()
	if !strings.Contains(strings.Join(visibleTexts(m.preview), "|"), "Ada Lovelace  —  4L") {
		t.Errorf("after mapping, the preview does not give Ada class 4L: %q", visibleTexts(m.preview))
	}
	test.Tap(m.apply)
	a.settle()
	a.shell.show(pageRegister)
	a.settle()
	if row := tableRow(t, a.shell.register, "Ada Lovelace"); len(row) < 2 || row[1] != "4L" {
		t.Errorf("Ada's row reads %q, want class 4L", row)
	}
}

// TestFindAndSort: Ctrl+F focuses the search box; a column header sorts the
// register by that column, and again in reverse.
func TestFindAndSort(t *testing.T) {
	v := newVault(t, nil)
	seed(t, v, nil, testdata("class_list.csv"))
	a := newTestApp(t, v, nil)
	signIn(t, a, officeLogin, staffPass)
	r := a.shell.register
	a.appShortcut(keyFind)
	if a.win.Canvas().Focused() != r.search {
		t.Error("Ctrl+F did not focus the search box")
	}
	names := func() []string {
		var out []string
		for _, row := range r.shown {
			out = append(out, row.Name)
		}
		return out
	}
	if got := names(); got[0] != "Yusuf Ahmed" || got[len(got)-1] != "Aoife Walsh" {
		t.Errorf("default order %q, want by surname", got)
	}
	h := newRegHeader()
	r.table.updateHeader(widget.TableCellID{Row: -1, Col: colYear}, h)
	if h.button.Text != "Year" {
		t.Fatalf("year header reads %q", h.button.Text)
	}
	test.Tap(h.button)
	if got := names(); got[0] != "Yusuf Ahmed" || r.shown[len(r.shown)-1].Year != "5" {
		t.Errorf("by year: %q, want year 2 first", got)
	}
	r.table.updateHeader(widget.TableCellID{Row: -1, Col: colYear}, h)
	test.Tap(h.button)
	if got := names(); got[len(got)-1] != "Yusuf Ahmed" {
		t.Errorf("by year, reversed: %q, want year 2 last", got)
	}
	if row := tableRow(t, r, "Yusuf Ahmed"); row[2] != "Year 2" {
		t.Errorf("the year shows as %q", row[2])
	}
}

// TestDemoUnlockShowsPassword: in --demo mode the unlock screen shows the
// demo password and who to sign in as, with the head already chosen, so
// a newcomer can type it and explore.
func TestDemoUnlockShowsPassword(t *testing.T) {
	v := newVault(t, nil)
	seed(t, v, nil, "")
	fa := test.NewTempApp(t)
	a := New(fa, Config{Vault: v, Demo: &Demo{Password: headPassword, Logins: []string{headLogin, officeLogin}, Hint: "Sign in as " + headLogin + " (head)."}})
	a.queueForTests()
	t.Cleanup(func() {
		a.settle()
		a.closeStore()
	})
	if !hasText(screenTexts(a), "password: "+headPassword) || !hasText(screenTexts(a), headLogin+" (head)") {
		t.Errorf("the demo password and who is who are not on the unlock screen: %q", screenTexts(a))
	}
	if got := a.unlock.user.Selected; got != headLogin {
		t.Fatalf("chosen login = %q, want the demo head %q", got, headLogin)
	}
	test.Type(a.unlock.password, headPassword)
	test.Tap(a.unlock.signIn)
	a.settle()
	if a.shell == nil {
		t.Fatalf("signing in with the shown demo password failed: %q", a.unlock.problem.Text)
	}
}

// TestOneScanOneButton: a form answering all four purposes is one scan, so
// the history offers "View scan" once, not on each of the four answers.
func TestOneScanOneButton(t *testing.T) {
	v := newVault(t, nil)
	seed(t, v, nil, testdata("class_list.csv"))
	a := newTestApp(t, v, nil)
	signIn(t, a, headLogin, headPassword)
	var id string
	for _, row := range a.shell.register.shown {
		if row.Name == "Zoë Brontë" {
			id = row.PupilID
		}
	}
	var answers []register.PurposeAnswer
	for _, p := range []consent.Purpose{consent.School, consent.Social, consent.Press, consent.Individual} {
		answers = append(answers, register.PurposeAnswer{Purpose: p, Answer: consent.Granted})
	}
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde")
	err := a.sess.RecordAnswers(register.AnswerRequest{PupilIDs: []string{id}, Answers: answers,
		ByFirstContact: true, Method: consent.Form, Scan: png})
	if err != nil {
		t.Fatal(err)
	}
	a.shell.register.reload()
	a.settle()
	openPupil(t, a, "Zoë Brontë")
	texts := screenTexts(a)
	buttons, same := 0, 0
	for _, s := range texts {
		switch {
		case s == "View scan":
			buttons++
		case strings.HasPrefix(s, "Same scanned form"):
			same++
		}
	}
	if buttons != 1 || same != 3 {
		t.Errorf("%d View scan buttons and %d 'same form' notes, want 1 and 3", buttons, same)
	}
}

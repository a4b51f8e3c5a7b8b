package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestFirstRun: a new folder shows setup; the recovery key is shown once in
// groups, Continue stays disabled until the checkbox is ticked, and then the
// register opens.
func TestFirstRun(t *testing.T) {
	v := newVault(t, nil)
	a := newTestApp(t, v, nil)
	f := a.first
	if f == nil {
		t.Fatal("an empty folder did not show first-run setup")
	}
	if !hasText(screenTexts(a), passwordPolicy) {
		t.Error("the setup screen does not state the password policy")
	}
	test.Type(f.school, "Oakfield Primary")
	test.Type(f.head, headLogin)
	test.Type(f.password, headPassword)
	test.Type(f.confirm, headPassword)
	test.Tap(f.create)
	a.settle()

	if f.key == nil {
		t.Fatalf("no recovery key shown; the screen says %q", f.problem.Text)
	}
	if !regexp.MustCompile(`^([0-9A-Z]{4}  ){3}[0-9A-Z]{4}\n([0-9A-Z]{4}  ){3}[0-9A-Z]{4}$`).MatchString(f.key.Text) {
		t.Errorf("recovery key shown as %q, want two lines of four groups", f.key.Text)
	}
	if !f.key.TextStyle.Monospace {
		t.Error("the recovery key is not in a monospace font")
	}
	if !f.cont.Disabled() {
		t.Fatal("Continue is enabled before the checkbox is ticked")
	}
	test.Tap(f.cont)
	if a.shell != nil {
		t.Fatal("tapping the disabled Continue opened the register")
	}
	key := f.key.Text
	test.Tap(f.written)
	if f.cont.Disabled() {
		t.Fatal("Continue is still disabled after ticking the checkbox")
	}
	test.Tap(f.cont)
	a.settle()
	if a.shell == nil || a.shell.register == nil {
		t.Fatal("Continue did not open the register")
	}
	texts := screenTexts(a)
	for _, want := range []string{"0 pupils shown", headLogin, "Oakfield Primary", "Audit", "Vet photos", "Publications", "Takedowns"} {
		if !hasText(texts, want) {
			t.Errorf("the register screen does not show %q", want)
		}
	}
	if hasText(texts, key) {
		t.Error("the recovery key is still on screen")
	}
}

// TestUnlock: a wrong password says one sentence and opens nothing; the right
// one opens the register.
func TestUnlock(t *testing.T) {
	v := newVault(t, nil)
	seed(t, v, nil, "")
	a := newTestApp(t, v, nil)
	u := a.unlock
	if u == nil {
		t.Fatal("an initialised folder did not show the unlock screen")
	}
	u.user.SetSelected(headLogin)
	test.Type(u.password, "not-the-password-1!")
	u.password.TypedKey(&fyneKeyReturn)
	a.settle()
	if a.shell != nil || a.sess != nil {
		t.Fatal("a wrong password opened the register")
	}
	got := u.problem.Text
	if !u.problem.Visible() || got == "" {
		t.Fatal("a wrong password showed no message")
	}
	if strings.Count(got, ".") != 2 || strings.Contains(strings.ToLower(got), "error") {
		t.Errorf("wrong-password message = %q, want one plain sentence", got)
	}
	if u.password.Text != "" {
		t.Error("the wrong password was left in the box")
	}

	test.Type(u.password, headPassword)
	test.Tap(u.signIn)
	a.settle()
	if a.shell == nil {
		t.Fatalf("the right password did not open the register; the screen says %q", u.problem.Text)
	}
	if a.shell.register == nil || !hasText(screenTexts(a), "pupils shown") {
		t.Error("the register screen is not showing after sign-in")
	}
}

// TestImportSample imports the shared SIMS sample through the import screen:
// the preview counts 40 new pupils, then Apply fills the register.
func TestImportSample(t *testing.T) {
	file := sharedSample(t, "sims_student_list.csv")
	v := newVault(t, nil)
	seed(t, v, nil, "")
	a := newTestApp(t, v, nil)
	signIn(t, a, officeLogin, staffPass)

	a.shell.show(pageImport)
	m := a.shell.importer
	test.Type(m.path, file)
	test.Tap(m.check)
	a.settle()
	if m.plan == nil {
		t.Fatalf("no preview; the screen says %q", m.problem.Text)
	}
	if got := m.stats["new"].Text; got != "40" {
		t.Errorf("preview shows %s new pupils, want 40", got)
	}
	if !hasText(visibleTexts(m.content), "new pupils") {
		t.Error("the preview does not label the count of new pupils")
	}
	if a.shell.register.rowOf("") != -1 || len(a.shell.register.rows) != 0 {
		t.Fatal("the preview changed the register")
	}
	test.Tap(m.apply)
	a.settle()
	if m.progress.Value != 1 {
		t.Errorf("progress bar at %v after the import, want 1", m.progress.Value)
	}
	if !strings.Contains(m.result.Text, "40 new") {
		t.Errorf("result summary = %q, want it to say 40 new", m.result.Text)
	}

	a.shell.show(pageRegister)
	a.settle()
	r := a.shell.register
	test.Tap(r.filters.leavers) // the sample has pupils who have left; the import keeps them
	if got := r.count.Text; got != "40 pupils shown" {
		t.Errorf("register count = %q, want 40 pupils shown", got)
	}
	if rows, _ := r.table.Length(); rows != 40 {
		t.Errorf("the table has %d rows, want 40", rows)
	}
}

// TestRecordAnswer records School: Granted from the pupil panel and sees the
// table's cell and the panel change from not-returned to granted.
func TestRecordAnswer(t *testing.T) {
	v := newVault(t, nil)
	seed(t, v, nil, testdata("class_list.csv"))
	a := newTestApp(t, v, nil)
	signIn(t, a, officeLogin, staffPass)
	r := a.shell.register
	test.Type(r.search, "zoe bronte") // accents folded
	if got := r.count.Text; got != "1 pupil shown" {
		t.Fatalf("searching for zoe bronte shows %q, want 1 pupil", got)
	}
	if row := tableRow(t, r, "Zoë Brontë"); len(row) < 4 || row[3] != "Not returned" {
		t.Fatalf("before recording, the row reads %q", row)
	}
	openPupil(t, a, "Zoë Brontë")
	p := r.panel
	if got := panelChips(p); got[0] != "Not returned" {
		t.Fatalf("panel statuses before = %v", got)
	}
	f := p.form
	if f == nil {
		t.Fatal("office staff see no record form")
	}
	if !strings.HasPrefix(f.who.Selected, "Ada Brontë") {
		t.Errorf("who defaults to %q, want the first contact Ada Brontë", f.who.Selected)
	}
	f.picker.set(0, "Granted")
	test.Tap(f.save)
	a.settle()
	if f.problem.Visible() {
		t.Fatalf("saving failed: %q", f.problem.Text)
	}

	if got := panelChips(r.panel); got[0] != "Granted" || got[1] != "Not returned" {
		t.Errorf("panel statuses after = %v, want School granted, the rest not returned", got)
	}
	if row := tableRow(t, r, "Zoë Brontë"); row[3] != "Granted" || row[4] != "Not returned" {
		t.Errorf("after recording, the row reads %q", row)
	}
	texts := visibleTexts(r.panel.history)
	if !hasText(texts, "Given by Ada Brontë (Mother)") || !hasText(texts, "Recorded by "+officeLogin) {
		t.Errorf("the history does not show who answered and who recorded it: %q", texts)
	}
}

// TestTeacherSeesNoFormOrContactDetails: a teacher sees statuses and contact
// names, but no record form and no phone or e-mail.
func TestTeacherSeesNoFormOrContactDetails(t *testing.T) {
	v := newVault(t, nil)
	seed(t, v, nil, testdata("class_list.csv"))
	a := newTestApp(t, v, nil)
	signIn(t, a, teachLogin, staffPass)
	r := a.shell.register
	openPupil(t, a, "Zoë Brontë")
	p := r.panel
	if p.form != nil {
		t.Fatal("a teacher has a record form")
	}
	texts := visibleTexts(p.content)
	if !hasText(texts, "Ada Brontë") {
		t.Error("a teacher does not see the contact's name")
	}
	for _, secret := range []string{"07700 900201", "ada.bronte@example.com", "Save answer"} {
		if hasText(texts, secret) {
			t.Errorf("a teacher sees %q", secret)
		}
	}
	if !hasText(texts, "Teachers can see consent but not record") {
		t.Error("the teacher is not told why there is no form")
	}
	if r.batch.Visible() {
		t.Error("a teacher sees the batch record button")
	}
	if _, ok := a.shell.tabs[pageImport]; ok {
		t.Error("a teacher has the Import page")
	}
	// office staff do see the details, so the test above means something
	a.signOut()
	signIn(t, a, officeLogin, staffPass)
	openPupil(t, a, "Zoë Brontë")
	if !hasText(visibleTexts(a.shell.register.panel.content), "ada.bronte@example.com") {
		t.Error("office staff do not see the contact's e-mail")
	}
}

// TestIdleLock: past the idle limit the lock screen covers the window; the
// right password returns to the same pupil with unsaved text kept.
func TestIdleLock(t *testing.T) {
	clk := newClock()
	v := newVault(t, clk.Now)
	seed(t, v, clk.Now, testdata("class_list.csv"))
	a := newTestApp(t, v, clk.Now)
	signIn(t, a, officeLogin, staffPass)
	openPupil(t, a, "Chidi Okafor")
	r := a.shell.register
	test.Type(r.panel.form.details.note, "Mum rang on Tuesday")

	clk.Advance(9 * time.Minute)
	a.tick()
	if a.locked() {
		t.Fatal("locked before the ten minutes were up")
	}
	test.Type(r.search, "") // activity: a key press in a box
	test.Type(r.panel.form.details.note, ".")
	clk.Advance(9 * time.Minute)
	a.tick()
	if a.locked() {
		t.Fatal("typing did not count as activity")
	}
	clk.Advance(2 * time.Minute)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(r.count).AddXY(5, 5)
	test.MoveMouse(a.win.Canvas(), pos) // the pointer moving over the window
	clk.Advance(9 * time.Minute)
	a.tick()
	if a.locked() {
		t.Fatal("moving the pointer did not count as activity")
	}
	clk.Advance(2 * time.Minute)
	a.tick()
	if !a.locked() {
		t.Fatal("not locked after ten idle minutes")
	}
	if a.screen.Visible() {
		t.Error("the register is still visible under the lock screen")
	}
	texts := visibleTexts(a.win.Canvas().Content())
	if !hasText(texts, "Locked") || hasText(texts, "Chidi Okafor") {
		t.Errorf("the lock screen does not hide the register: %q", texts)
	}

	test.Type(a.lock.password, "wrong-password-9!")
	test.Tap(a.lock.unlock)
	a.settle()
	if !a.locked() || !a.lock.problem.Visible() {
		t.Fatal("a wrong password unlocked, or said nothing")
	}
	test.Type(a.lock.password, staffPass)
	a.lock.password.TypedKey(&fyneKeyReturn)
	a.settle()
	if a.locked() {
		t.Fatalf("the right password did not unlock: %q", a.lock.problem.Text)
	}
	if !a.screen.Visible() || a.shell.current != pageRegister {
		t.Error("unlocking did not return to the register")
	}
	if r.selected == "" || r.panel.name.Text != "Chidi Okafor" {
		t.Errorf("unlocking lost the open pupil: %q", r.panel.name.Text)
	}
	if got := r.panel.form.details.note.Text; got != "Mum rang on Tuesday." {
		t.Errorf("the unsaved note is %q after unlocking", got)
	}
	if row := tableRow(t, r, "Chidi Okafor"); len(row) == 0 {
		t.Error("the register table is gone after unlocking")
	}
}

// TestBatchRecord ticks a returned class set and records the same answer for
// each pupil, as given by each first contact.
func TestBatchRecord(t *testing.T) {
	v := newVault(t, nil)
	seed(t, v, nil, testdata("class_list.csv"))
	a := newTestApp(t, v, nil)
	signIn(t, a, officeLogin, staffPass)
	r := a.shell.register
	r.filters.class.SetSelected("5K")
	if got := r.count.Text; got != "3 pupils shown" {
		t.Fatalf("class 5K shows %q, want 3 pupils", got)
	}
	if !r.batch.Disabled() {
		t.Error("the batch button is enabled with nobody ticked")
	}
	r.tickAllShown(true)
	if got := r.batch.Text; got != "Record answer for 3 selected…" {
		t.Errorf("batch button reads %q", got)
	}
	test.Tap(r.batch)
	b := r.batchForm
	if b == nil {
		t.Fatal("no batch dialog opened")
	}
	if !hasText(screenTexts(a), "as given by each pupil's first contact with parental responsibility") {
		t.Error("the batch dialog does not say whose answer it records")
	}
	b.picker.set(0, "Granted")
	b.picker.set(1, "Refused")
	test.Tap(b.dialog.ok)
	a.settle()
	if b.problem.Visible() {
		t.Fatalf("batch failed: %q", b.problem.Text)
	}
	for _, name := range []string{"Zoë Brontë", "Chidi Okafor", "Aoife Walsh"} {
		row := tableRow(t, r, name)
		if row[3] != "Granted" || row[4] != "Refused" {
			t.Errorf("%s's row reads %q after the batch, want Granted, Refused", name, row)
		}
	}
	r.filters.class.SetSelected(allClasses)
	if row := tableRow(t, r, "Minh Nguyen"); row[3] != "Not returned" {
		t.Errorf("a pupil who was not ticked changed: %q", row)
	}
	if len(r.ticked) != 0 {
		t.Error("the ticks were kept after recording")
	}
	openPupil(t, a, "Aoife Walsh")
	if !hasText(visibleTexts(r.panel.history), "Given by Liam Walsh (Father)") {
		t.Error("the batch answer is not recorded as given by the first contact")
	}
}

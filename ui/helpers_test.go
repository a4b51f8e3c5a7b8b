package ui

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/access"
	"photoconsent/app/register"
	"photoconsent/storage"
)

const (
	headLogin    = "Mrs Patel"
	headPassword = "Oakfield-2026!"
	officeLogin  = "Mr Office"
	teachLogin   = "Miss Teach"
	tempPassword = "Temporary-77!"
	staffPass    = "Staff-pass-42!"
)

// clock is a test clock the idle lock and the register both read.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newVault is a real encrypted store in a temporary folder, with cheap key
// derivation.
func newVault(t *testing.T, now func() time.Time) register.Vault {
	t.Helper()
	v, err := storage.NewVault(t.TempDir(), storage.Options{KDF: storage.InsecureTestKDF, Now: now})
	if err != nil {
		t.Fatalf("NewVault: %v", err)
	}
	return v
}

// seed sets up a register with a head, an office account and a teacher (all
// with their own passwords; the teacher, not the office, is a website
// authoriser), imports the pupils from the file if one is
// given, and closes the store so the app can open it.
func seed(t *testing.T, v register.Vault, now func() time.Time, file string) (recoveryKey string) {
	t.Helper()
	opt := register.Options{Now: now}
	s, st, key, err := register.CreateRegister(v, "Oakfield Primary", headLogin, headPassword, opt)
	if err != nil {
		t.Fatalf("CreateRegister: %v", err)
	}
	for _, acc := range []struct {
		login string
		role  access.Role
	}{{officeLogin, access.Office}, {teachLogin, access.Teacher}} {
		made, err := s.AddAccount(acc.login, acc.role, tempPassword)
		if err != nil {
			t.Fatalf("AddAccount(%s): %v", acc.login, err)
		}
		// The teacher looks after the school's website; the office does not.
		if acc.role == access.Teacher {
			if err := s.SetWebsiteAuthoriser(made.ID, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		pl, err := s.PlanImport(filepath.Base(file), data, register.ImportOptions{})
		if err != nil {
			t.Fatalf("PlanImport: %v", err)
		}
		if _, err := s.ApplyImport(context.Background(), pl, nil); err != nil {
			t.Fatalf("ApplyImport: %v", err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	for _, login := range []string{officeLogin, teachLogin} { // choose their own passwords once
		s, st, err := register.SignIn(v, login, tempPassword, opt)
		if err != nil {
			t.Fatalf("SignIn(%s): %v", login, err)
		}
		if err := s.ChangePassword(tempPassword, staffPass); err != nil {
			t.Fatalf("ChangePassword(%s): %v", login, err)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return key
}

// newTestApp builds the app in Fyne's test driver at the designed size.
func newTestApp(t *testing.T, v register.Vault, now func() time.Time) *App {
	t.Helper()
	fa := test.NewTempApp(t)
	a := New(fa, Config{Vault: v, Now: now})
	a.queueForTests()
	a.win.Resize(windowSize)
	t.Cleanup(func() {
		a.settle()
		a.closeStore()
	})
	return a
}

// signIn signs in through the unlock screen and waits for the register.
func signIn(t *testing.T, a *App, login, password string) {
	t.Helper()
	u := a.unlock
	if u == nil {
		t.Fatal("the unlock screen is not showing")
	}
	u.user.SetSelected(login)
	test.Type(u.password, password)
	u.password.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	a.settle()
	if a.shell == nil {
		t.Fatalf("signing in as %s did not open the main window; the screen says %q", login, u.problem.Text)
	}
	a.settle()
}

// testdata finds a file beside this test file.
func testdata(name string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "testdata", name)
}

// sharedSample finds one of the shared MIS samples, or skips the test.
func sharedSample(t *testing.T, name string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(file), "..", "..", "shared", "mis-samples", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("the shared MIS sample %s is not here (%v); skipping", name, err)
	}
	return p
}

// visibleTexts lists the words on screen under o, in drawing order: labels,
// texts, buttons, checks, rich text and status chips. Hidden objects and
// their children are left out.
func visibleTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
			return
		case *canvas.Text:
			out = append(out, w.Text)
			return
		case *widget.Button:
			out = append(out, w.Text)
			return
		case *widget.Check:
			out = append(out, w.Text)
			return
		case *widget.RichText:
			out = append(out, w.String())
			return
		case *statusChip:
			out = append(out, w.Text())
			return
		case *entry:
			out = append(out, w.Text)
			return
		}
		switch w := o.(type) {
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
	return out
}

// screenTexts is visibleTexts of the whole window, dialogs included.
func screenTexts(a *App) []string {
	out := visibleTexts(a.win.Canvas().Content())
	for _, o := range a.win.Canvas().Overlays().List() {
		out = append(out, visibleTexts(o)...)
	}
	return out
}

func hasText(texts []string, want string) bool {
	for _, s := range texts {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

// tableRow returns the words of the register row whose pupil cell reads
// name, as drawn by the table: the name, class, year and each status chip.
func tableRow(t *testing.T, r *registerScreen, name string) []string {
	t.Helper()
	var cells []*regCell
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if c, ok := o.(*regCell); ok {
			cells = append(cells, c)
			return
		}
		switch w := o.(type) {
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
	walk(r.table)
	d := fyne.CurrentApp().Driver()
	var y float32 = -1
	for _, c := range cells {
		if c.label.Visible() && c.label.Text == name {
			y = d.AbsolutePositionForObject(c).Y
		}
	}
	if y < 0 {
		t.Fatalf("no row for %q in the register table", name)
	}
	type cell struct {
		x    float32
		text string
	}
	var row []cell
	for _, c := range cells {
		p := d.AbsolutePositionForObject(c)
		if p.Y != y {
			continue
		}
		switch {
		case c.label.Visible():
			row = append(row, cell{p.X, c.label.Text})
		case c.chip.Visible():
			row = append(row, cell{p.X, c.chip.Text()})
		}
	}
	for i := 1; i < len(row); i++ { // by x, few cells
		for j := i; j > 0 && row[j].x < row[j-1].x; j-- {
			row[j], row[j-1] = row[j-1], row[j]
		}
	}
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = c.text
	}
	return out
}

// openPupil selects a pupil in the table as a tap on their name would.
func openPupil(t *testing.T, a *App, name string) {
	t.Helper()
	r := a.shell.register
	for i, row := range r.shown {
		if row.Name == name {
			r.table.Select(widget.TableCellID{Row: i, Col: colName})
			a.settle()
			if r.panel.name == nil || r.panel.name.Text != name {
				t.Fatalf("the pupil panel does not show %s", name)
			}
			return
		}
	}
	t.Fatalf("%s is not in the register", name)
}

// panelChips reads the status chips in the pupil panel.
func panelChips(p *pupilPanel) []string {
	var out []string
	for _, c := range p.chips {
		out = append(out, c.Text())
	}
	return out
}

var fyneKeyReturn = fyne.KeyEvent{Name: fyne.KeyReturn}

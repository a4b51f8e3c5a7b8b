package ui

import (
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/go-cmp/cmp"

	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
	"photoconsent/app/register"
)

// plogHead opens the app on a register of the test class list, signed in
// as the head, at the clock's time.
func plogHead(t *testing.T, clk *clock) *App {
	t.Helper()
	v := newVault(t, clk.Now)
	seed(t, v, clk.Now, testdata("class_list.csv"))
	a := newTestApp(t, v, clk.Now)
	signIn(t, a, headLogin, headPassword)
	return a
}

// plogPupil finds a pupil's row by name.
func plogPupil(t *testing.T, a *App, name string) register.Row {
	t.Helper()
	rows, _, err := a.sess.Register()
	if err != nil {
		t.Fatalf("Register: %v", err)
	}
	for _, r := range rows {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("%s is not in the register", name)
	return register.Row{}
}

// plogAnswer records one answer for the pupil for the purposes, as given
// by their first contact.
func plogAnswer(t *testing.T, a *App, name string, ans consent.Answer, purposes ...consent.Purpose) {
	t.Helper()
	var answers []register.PurposeAnswer
	for _, p := range purposes {
		answers = append(answers, register.PurposeAnswer{Purpose: p, Answer: ans})
	}
	err := a.sess.RecordAnswers(register.AnswerRequest{
		PupilIDs:       []string{plogPupil(t, a, name).PupilID},
		Answers:        answers,
		ByFirstContact: true,
		Method:         consent.Form,
	})
	if err != nil {
		t.Fatalf("RecordAnswers(%s): %v", name, err)
	}
}

// plogPublish logs one export or block through the register, as the gate does.
func plogPublish(t *testing.T, a *App, kind publog.Kind, d publish.Destination, out publog.File, reasons []string, names ...string) publog.Entry {
	t.Helper()
	e := publog.Entry{
		Kind: kind, Destination: d, Original: publog.File{Name: "IMG_" + string(d) + ".jpg", SHA256: strings.Repeat("a", 64)},
		Output: out, Reasons: reasons, NoPupils: len(names) == 0,
	}
	switch kind {
	case publog.Exported:
		e.Decision = publish.Ready
	case publog.Blocked:
		e.Decision = publish.Blocked
	}
	for _, n := range names {
		e.Pupils = append(e.Pupils, publog.Pupil{PupilID: plogPupil(t, a, n).PupilID,
			Statuses: map[consent.Purpose]consent.Status{consent.School: consent.StatusGranted}})
	}
	got, err := a.sess.LogPublication(e)
	if err != nil {
		t.Fatalf("LogPublication: %v", err)
	}
	return got
}

// plogPNG writes a small picture into dir and returns its log file record.
func plogPNG(t *testing.T, dir, name string) publog.File {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 40, 30))
	for i := range img.Pix {
		img.Pix[i] = 0xC0
	}
	img.Set(3, 3, color.Black)
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return publog.File{Name: name, SHA256: fmt.Sprintf("%x", sha256.Sum256(b))}
}

// plogSeedLog publishes three photos an hour apart: Zoë to the website,
// a blocked attempt with Chidi for social media, and a photo with nobody
// in it for the newsletter.
func plogSeedLog(t *testing.T, a *App, clk *clock, outDir string) {
	t.Helper()
	plogAnswer(t, a, "Zoë Brontë", consent.Granted, consent.School, consent.Individual)
	plogPublish(t, a, publog.Exported, publish.Website, plogPNG(t, outDir, "website-001.png"), nil, "Zoë Brontë")
	clk.Advance(time.Hour)
	plogPublish(t, a, publog.Blocked, publish.Social, publog.File{}, []string{"Chidi O.: no consent for social media"}, "Chidi Okafor")
	clk.Advance(time.Hour)
	plogPublish(t, a, publog.Exported, publish.Newsletter, plogPNG(t, outDir, "newsletter-001.png"), nil)
}

// plogColumn reads one column of the rows the log screen shows.
func plogColumn(s *logScreen, col int) []string {
	var out []string
	for _, e := range s.shown {
		out = append(out, logCells(e, s.pupils)[col])
	}
	return out
}

// TestLogScreenListsAndFilters: the log shows every publication newest
// first with names resolved, and each filter narrows it.
func TestLogScreenListsAndFilters(t *testing.T) {
	clk := newClock()
	a := plogHead(t, clk)
	plogSeedLog(t, a, clk, t.TempDir())
	s := newLogScreen(a)
	a.settle()
	if s.problem.Visible() {
		t.Fatalf("the log screen says %q", s.problem.Text)
	}
	if got, want := plogColumn(s, 2), []string{"Newsletter", "Social media", "School website"}; !cmp.Equal(got, want) {
		t.Fatalf("destinations shown %q, want %q (newest first)", got, want)
	}
	if got, want := plogColumn(s, 6), []string{"No identifiable pupils", "Chidi Okafor", "Zoë Brontë"}; !cmp.Equal(got, want) {
		t.Errorf("pupils shown %q, want %q", got, want)
	}
	if got := s.count.Text; got != "3 entries" {
		t.Errorf("count reads %q, want 3 entries", got)
	}

	b := s.bar
	tests := []struct {
		name string
		set  func()
		want []string // destinations left
	}{
		{"destination", func() { b.dest.SetSelected(publish.Social.Label()) }, []string{"Social media"}},
		{"decision", func() { b.kind.SetSelected("Exported") }, []string{"Newsletter", "School website"}},
		{"pupil, accents folded", func() { test.Type(b.pupil, "zoe") }, []string{"School website"}},
		{"pupil by UPN", func() { test.Type(b.pupil, "Z999200123001") }, []string{"Social media"}},
		{"class", func() { b.class.SetSelected("5K") }, []string{"Social media", "School website"}},
		{"class with nobody published", func() { b.class.SetSelected("5P") }, nil},
		{"user", func() { b.user.SetSelected(headLogin) }, []string{"Newsletter", "Social media", "School website"}},
		{"from tomorrow", func() { test.Type(b.from, "11/03/2026") }, nil},
		{"up to today", func() { test.Type(b.to, "10/03/2026") }, []string{"Newsletter", "Social media", "School website"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b.clear()
			tc.set()
			if got := plogColumn(s, 2); !cmp.Equal(got, tc.want) {
				t.Errorf("shown %q, want %q", got, tc.want)
			}
		})
	}
	b.clear()
	test.Type(b.from, "31/02/2026")
	if !b.dates.Visible() || !strings.Contains(b.dates.Text, "not a real date") {
		t.Errorf("a wrong date says %q", b.dates.Text)
	}
	if len(s.shown) != 3 {
		t.Errorf("a wrong date left %d entries, want it ignored (3)", len(s.shown))
	}
}

// TestLogEntryDetail: choosing a row opens its detail with the pupils'
// statuses; the thumbnail shows once the head points at the export folder,
// and not when the file there is not the published copy.
func TestLogEntryDetail(t *testing.T) {
	clk := newClock()
	a := plogHead(t, clk)
	out := t.TempDir()
	plogSeedLog(t, a, clk, out)
	s := newLogScreen(a)
	a.settle()
	row := len(s.shown) - 1 // the oldest: Zoë on the website
	s.table.Select(widget.TableCellID{Row: row, Col: 0})
	a.settle()
	d := s.detail
	if d == nil {
		t.Fatal("choosing a row opened no detail")
	}
	texts := screenTexts(a)
	for _, want := range []string{"Publication log entry 1", "website-001.png", "Zoë Brontë (K999200123000): School granted",
		"Choose the folder the copies were saved in"} {
		if !hasText(texts, want) {
			t.Errorf("the detail does not show %q", want)
		}
	}
	if d.shown {
		t.Error("a thumbnail was shown before any folder was chosen")
	}
	d.dialog.close()

	s.folder = out
	s.table.Select(widget.TableCellID{Row: row, Col: 0})
	a.settle()
	if !s.detail.shown {
		t.Fatalf("no thumbnail from the export folder: %q", s.detail.where.Text)
	}
	s.detail.dialog.close()

	if err := os.WriteFile(filepath.Join(out, "website-001.png"), []byte("not the photo"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.table.Select(widget.TableCellID{Row: row, Col: 0})
	a.settle()
	if s.detail.shown || !strings.Contains(s.detail.where.Text, "not the copy that was published") {
		t.Errorf("a changed file: shown=%v, says %q", s.detail.shown, s.detail.where.Text)
	}
}

// TestLogVerifyAndCSV: "Check the log" says the log is intact, and the CSV
// holds the rows shown, written whole with no temporary file left.
func TestLogVerifyAndCSV(t *testing.T) {
	clk := newClock()
	a := plogHead(t, clk)
	plogSeedLog(t, a, clk, t.TempDir())
	s := newLogScreen(a)
	a.settle()
	test.Tap(s.check)
	a.settle()
	if got := visibleTexts(s.verdict); !hasText(got, "The publication log is intact (3 entries).") {
		t.Errorf("the check says %q", got)
	}

	s.bar.kind.SetSelected("Exported")
	dir := t.TempDir()
	path := filepath.Join(dir, "log.csv")
	w, err := fynestorage.Writer(fynestorage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	s.saveCSV(w, logCSV(s.shown, s.pupils))
	a.settle()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("reading the CSV back: %v", err)
	}
	var got [][]string
	for _, r := range recs {
		got = append(got, []string{r[0], r[3], r[4], r[9]})
	}
	want := [][]string{{"Entry", "Destination", "Decision", "Pupils"},
		{"3", "Newsletter", "Exported", "No identifiable pupils"}, {"1", "School website", "Exported", "Zoë Brontë"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
	}
	if files, _ := os.ReadDir(dir); len(files) != 1 {
		t.Errorf("the folder holds %d files after saving, want only the CSV", len(files))
	}
}

// TestLogCells: a pupil who has since been removed is named as such, a
// takedown says what was done, and a typed formula is defused in the CSV.
func TestLogCells(t *testing.T) {
	pupils := map[string]register.Row{"p1": {PupilID: "p1", Name: "Zoë Brontë", UPN: "K1"}}
	tests := []struct {
		name string
		e    publog.Entry
		col  int
		want string
	}{
		{"known pupil", publog.Entry{Pupils: []publog.Pupil{{PupilID: "p1"}}}, 6, "Zoë Brontë"},
		{"removed pupil", publog.Entry{Pupils: []publog.Pupil{{PupilID: "gone"}, {PupilID: "p1"}}}, 6, "pupil removed under retention, Zoë Brontë"},
		{"nobody", publog.Entry{NoPupils: true}, 6, "No identifiable pupils"},
		{"takedown", publog.Entry{Kind: publog.TakenDown, TakedownOf: 4, TakedownPupil: "p1", Note: "deleted from the gallery"}, 7,
			"Removed (entry 4): deleted from the gallery"},
		{"override", publog.Entry{Kind: publog.Overridden, Reasons: []string{"Zoë B.: no consent for the press"}, Override: "court approved"}, 7,
			"Zoë B.: no consent for the press; Override: court approved"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := logCells(tc.e, pupils)[tc.col]; got != tc.want {
				t.Errorf("cell %d = %q, want %q", tc.col, got, tc.want)
			}
		})
	}
	recs := logCSV([]publog.Entry{{Caption: "=HYPERLINK(\"x\")"}}, pupils)
	if got := recs[1][14]; got != "'=HYPERLINK(\"x\")" {
		t.Errorf("a formula caption is written as %q, want it quoted", got)
	}
}

// TestLogFilterMatch covers the filter's rules without a screen.
func TestLogFilterMatch(t *testing.T) {
	pupils := map[string]register.Row{
		"p1": {PupilID: "p1", Name: "Zoë Brontë", UPN: "K1", Class: "5K"},
		"p2": {PupilID: "p2", Name: "Minh Nguyen", UPN: "C4", Class: "5P"},
	}
	at := time.Date(2026, 3, 10, 12, 0, 0, 0, time.Local)
	e := publog.Entry{At: at, ByName: "Mrs Patel", Kind: publog.Exported, Destination: publish.Website,
		Pupils: []publog.Pupil{{PupilID: "p1"}, {PupilID: "p2"}}}
	tests := []struct {
		name string
		f    logFilter
		want bool
	}{
		{"nothing", logFilter{}, true},
		{"same day from", logFilter{from: civil.Of(at)}, true},
		{"after", logFilter{from: civil.Of(at.AddDate(0, 0, 1))}, false},
		{"before", logFilter{to: civil.Of(at.AddDate(0, 0, -1))}, false},
		{"other destination", logFilter{dest: publish.Social}, false},
		{"other decision", logFilter{kind: publog.Blocked}, false},
		{"other user", logFilter{user: "Mr Office"}, false},
		{"class of one pupil", logFilter{class: "5P"}, true},
		{"class of nobody", logFilter{class: "2R"}, false},
		{"pupil and class agree", logFilter{class: "5P", pupil: "minh"}, true},
		{"pupil in another class", logFilter{class: "5P", pupil: "zoe"}, false},
		{"two words", logFilter{pupil: "zoe bronte"}, true},
		{"nobody by that name", logFilter{pupil: "amelia"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.f.match(e, pupils); got != tc.want {
				t.Errorf("match = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestLogScreensHeadOnly: office staff and teachers cannot open the log,
// the takedowns or the overview; the head can.
func TestLogScreensHeadOnly(t *testing.T) {
	v := newVault(t, nil)
	seed(t, v, nil, "")
	a := newTestApp(t, v, nil)
	for _, who := range []struct {
		login, password string
		head            bool
	}{{officeLogin, staffPass, false}, {teachLogin, staffPass, false}, {headLogin, headPassword, true}} {
		t.Run(who.login, func(t *testing.T) {
			signIn(t, a, who.login, who.password)
			defer a.signOut()
			if got := []bool{canViewLog(a), canActOnTakedowns(a)}; !cmp.Equal(got, []bool{who.head, who.head}) {
				t.Errorf("may view the log, act on takedowns = %v, want %v", got, who.head)
			}
			if who.head {
				return
			}
			l, td, d := newLogScreen(a), newTakedownScreen(a), newDashboard(a)
			a.settle()
			if l.table != nil || td.items != nil || d.numbers != nil {
				t.Error("a screen loaded data for someone who is not the head")
			}
			for _, o := range []fyne.CanvasObject{l.content, td.content, d.content} {
				if !hasText(visibleTexts(o), "Only the head") {
					t.Errorf("the screen says %q, want it to say only the head may use it", visibleTexts(o))
				}
			}
		})
	}
}

// TestLogVerdict: a broken chain is shown as a warning listing each
// problem, never as intact.
func TestLogVerdict(t *testing.T) {
	tests := []struct {
		name     string
		problems []publog.Problem
		err      error
		want     []string
	}{
		{"intact", nil, nil, []string{"The publication log is intact (4 entries)."}},
		{"broken", []publog.Problem{{Seq: 2, What: "entry 2 was changed after it was written"}, {Seq: 4, What: "entry 4 is missing"}}, nil,
			[]string{"The publication log has been tampered with: 2 problems found.", "• Entry 2 was changed after it was written.", "• Entry 4 is missing."}},
		{"unreadable", nil, errors.New("disk on fire"), []string{"The publication log could not be checked.", "• Disk on fire."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := visibleTexts(verdict(tc.problems, 4, tc.err))
			for _, w := range tc.want {
				if !hasText(got, w) {
					t.Errorf("the verdict reads %q, want it to include %q", got, w)
				}
			}
			if tc.name != "intact" && hasText(got, "intact") {
				t.Errorf("a broken log reads %q", got)
			}
		})
	}
}

package register

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/consent"
	"photoconsent/app/pupil"
)

// sample reads a file of the shared MIS samples, skipping when absent.
func sample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "mis-samples", name))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("shared MIS samples not present beside the repository: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (f *fixture) importFile(s *Session, name string, data []byte, opt ImportOptions) *Plan {
	f.t.Helper()
	plan, err := s.PlanImport(name, data, opt)
	if err != nil {
		f.t.Fatalf("PlanImport(%s): %v", name, err)
	}
	done, err := s.ApplyImport(context.Background(), plan, nil)
	if err != nil {
		f.t.Fatalf("ApplyImport(%s): %v", name, err)
	}
	return done
}

// records returns the stored pupils and answers, without the audit trail.
func (f *fixture) records() map[string]string {
	out := map[string]string{}
	for k, v := range f.store.snapshot() {
		if strings.HasPrefix(k, prefPupil) || strings.HasPrefix(k, prefAnswer) {
			out[k] = v
		}
	}
	return out
}

func TestImportingEachSampleThenAgainChangesNothing(t *testing.T) {
	files := map[string]int{
		"9992001_CTF_9992001_001.xml":      40,
		"legacy_ctf19_gender_bom_crlf.xml": 3,
		"sims_student_list.csv":            40,
		"sims_student_list_cp1252.csv":     6,
		"arbor_students_export.csv":        40,
	}
	for name, want := range files {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			office := f.session("Mrs Office", access.Office)
			data := sample(t, name)
			first := f.importFile(office, name, data, ImportOptions{})
			if len(first.New) != want || len(first.Updated) != 0 {
				t.Fatalf("first import: %d new, %d updated; want %d new", len(first.New), len(first.Updated), want)
			}
			before := f.records()
			plan, err := office.PlanImport(name, data, ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !plan.Empty() || plan.Unchanged != want {
				t.Fatalf("re-import plan: %d new, %d updated, %d answers, %d unchanged; want nothing to do",
					len(plan.New), len(plan.Updated), len(plan.Answers), plan.Unchanged)
			}
			f.importFile(office, name, data, ImportOptions{})
			after := f.records()
			if len(after) != len(before) {
				t.Fatalf("re-import changed the record count from %d to %d", len(before), len(after))
			}
			for k, v := range before {
				if after[k] != v {
					t.Errorf("re-import changed %s", k)
				}
			}
			if n := len(f.events(audit.PupilImported)); n != want {
				t.Errorf("%d pupil-imported events, want %d", n, want)
			}
		})
	}
}

func TestImportKeepsOnlyContactsWithParentalResponsibility(t *testing.T) {
	f := newFixture(t)
	f.importFile(f.head, "ctf.xml", sample(t, "9992001_CTF_9992001_001.xml"), ImportOptions{})
	p, err := f.head.FindPupil("A999200124022") // P21: Mark Bennett has no PR for this child
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range p.Contacts {
		if !c.Responsibility {
			t.Errorf("kept contact without parental responsibility: %s", c.Relationship)
		}
		names = append(names, c.Name())
	}
	if got, want := strings.Join(names, ", "), "Joanna Bennett, Tomasz Kowalski"; got != want {
		t.Errorf("contacts = %s, want %s", got, want)
	}
}

func TestLaterFilesUpdateMatchedPupils(t *testing.T) {
	f := newFixture(t)
	f.importFile(f.head, "ctf.xml", sample(t, "9992001_CTF_9992001_001.xml"), ImportOptions{})
	sims := f.importFile(f.head, "sims.csv", sample(t, "sims_student_list.csv"), ImportOptions{})
	if len(sims.New) != 0 {
		t.Fatalf("SIMS after CTF added %d new pupils, want 0 (matched by UPN or admission number)", len(sims.New))
	}
	if len(sims.Updated) != 40 {
		t.Errorf("SIMS after CTF updated %d pupils, want 40 (every pupil gains a class)", len(sims.Updated))
	}
	arbor := f.importFile(f.head, "arbor.csv", sample(t, "arbor_students_export.csv"), ImportOptions{})
	if len(arbor.New) != 0 {
		t.Errorf("Arbor after CTF added %d new pupils, want 0 (P28 matched by legal name and date of birth)", len(arbor.New))
	}
	// A CTF has no classes: importing it again must not blank them.
	f.importFile(f.head, "ctf.xml", sample(t, "9992001_CTF_9992001_001.xml"), ImportOptions{})
	p, err := f.head.FindPupil("K999200119014")
	if err != nil {
		t.Fatal(err)
	}
	if p.Class != "6B" {
		t.Errorf("class after re-importing the CTF = %q, want 6B", p.Class)
	}
	rows, _, err := f.head.Register()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 40 {
		t.Errorf("register has %d pupils after three files of the same 40, want 40", len(rows))
	}
}

func TestNewerFileReportsWhatChanged(t *testing.T) {
	f := newFixture(t)
	data := sample(t, "sims_student_list.csv")
	f.importFile(f.head, "sims.csv", data, ImportOptions{})
	moved := bytes.Replace(data, []byte(`"Zoe","","F","31/08/2015","6","6B"`), []byte(`"Zoe","","F","31/08/2015","6","6C"`), 1)
	if bytes.Equal(moved, data) {
		t.Fatal("test fixture edit did not apply")
	}
	plan, err := f.head.PlanImport("sims.csv", moved, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Updated) != 1 || len(plan.New) != 0 {
		t.Fatalf("plan: %d updated, %d new; want 1 updated", len(plan.Updated), len(plan.New))
	}
	ch := plan.Updated[0].Changes
	if len(ch) != 1 || ch[0] != (Change{Field: "class", Old: "6B", New: "6C"}) {
		t.Errorf("changes = %v, want class 6B → 6C", ch)
	}
	if _, err := f.head.ApplyImport(context.Background(), plan, nil); err != nil {
		t.Fatal(err)
	}
	if ev := f.events(audit.PupilUpdated); len(ev) != 1 || !strings.Contains(ev[0].Detail, "class: 6B → 6C") {
		t.Errorf("pupil-updated events %+v", ev)
	}
}

// The audit trail records that a parent's contact details changed, not the
// new phone number or email: the preview shows them, the trail need not keep them.
func TestAuditOfContactChangeKeepsNoPhoneOrEmail(t *testing.T) {
	f := newFixture(t)
	data := sample(t, "sims_student_list.csv")
	f.importFile(f.head, "sims.csv", data, ImportOptions{})
	moved := bytes.Replace(data, []byte("07700 900107"), []byte("07700 900999"), 1)
	if bytes.Equal(moved, data) {
		t.Fatal("test fixture edit did not apply")
	}
	plan := f.importFile(f.head, "sims.csv", moved, ImportOptions{})
	if len(plan.Updated) != 1 || !strings.Contains(plan.Updated[0].Changes[0].New, "07700 900999") {
		t.Fatalf("preview should show the new number: %+v", plan.Updated)
	}
	ev := f.events(audit.PupilUpdated)
	if len(ev) != 1 || ev[0].Detail != "contacts changed" {
		t.Errorf("pupil-updated events %+v, want one saying only \"contacts changed\"", ev)
	}
	all, err := f.head.AuditTrail(0)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range all {
		if strings.Contains(e.Detail, "07700") || strings.Contains(e.Detail, "@example.com") {
			t.Errorf("audit event %s keeps contact details: %q", e.Kind, e.Detail)
		}
	}
}

func TestFullExportMarksMissingPupilsAsLeftNeverDeletes(t *testing.T) {
	f := newFixture(t)
	f.importFile(f.head, "sims.csv", sample(t, "sims_student_list.csv"), ImportOptions{})
	subset := sample(t, "sims_student_list_cp1252.csv") // 6 of the 40

	partial := f.importFile(f.head, "subset.csv", subset, ImportOptions{})
	if len(partial.Left) != 0 {
		t.Fatalf("a file not marked as a full export marked %d pupils as left", len(partial.Left))
	}
	full, err := f.head.PlanImport("subset.csv", subset, ImportOptions{Full: true})
	if err != nil {
		t.Fatal(err)
	}
	// 40 pupils, 6 in the file, 3 had already left (P33, P34, P39).
	if len(full.Left) != 31 {
		t.Errorf("full export would mark %d as left, want 31", len(full.Left))
	}
	if len(full.Warnings) == 0 || !strings.Contains(full.Warnings[len(full.Warnings)-1].Message, "whole school") {
		t.Error("marking most of the school as left gave no warning")
	}
	if _, err := f.head.ApplyImport(context.Background(), full, nil); err != nil {
		t.Fatal(err)
	}
	rows, _, err := f.head.Register()
	if err != nil {
		t.Fatal(err)
	}
	onRoll := 0
	for _, r := range rows {
		if r.OnRoll {
			onRoll++
		}
	}
	if len(rows) != 40 || onRoll != 6 {
		t.Errorf("after a full export of 6: %d pupils kept, %d on roll; want 40 kept, 6 on roll", len(rows), onRoll)
	}
	if n := len(f.events(audit.PupilLeft)); n != 31 {
		t.Errorf("%d pupil-left events, want 31", n)
	}
}

func TestMISConsentColumnBecomesAnswersOnce(t *testing.T) {
	f := newFixture(t)
	data := sample(t, "sims_student_list.csv")
	plan := f.importFile(f.head, "sims.csv", data, ImportOptions{})
	// expected.json: 32 granted, 4 refused, the rest requested or unknown.
	granted, refused := 0, 0
	for _, a := range plan.Answers {
		if a.Method != consent.MISImport || a.Purpose != consent.School || a.By.Known() {
			t.Fatalf("MIS answer recorded as %+v", a)
		}
		switch a.Answer {
		case consent.Granted:
			granted++
		case consent.Refused:
			refused++
		}
	}
	if granted+refused == 0 || granted+refused != len(plan.Answers) {
		t.Fatalf("answers: %d granted, %d refused of %d", granted, refused, len(plan.Answers))
	}
	p, err := f.head.FindPupil("F999200119021") // P02: photo consent "No"
	if err != nil {
		t.Fatal(err)
	}
	if got := statusOf(t, f.head, p.ID, consent.School); got != consent.StatusRefused {
		t.Errorf("P02 school = %q, want refused from the MIS", got)
	}
	if got := statusOf(t, f.head, p.ID, consent.Social); got != consent.StatusNotReturned {
		t.Errorf("P02 social = %q, want not-returned: the MIS column is not social-media consent", got)
	}
	// The MIS changes its mind: one new answer, nothing else.
	changed := bytes.Replace(data, []byte(`"F999200119021","Smith-Jones","Amelia","Rose","Smith-Jones","Amelia","","F","22/07/2015","6","6B","04/09/2019","","Single Registration","No"`),
		[]byte(`"F999200119021","Smith-Jones","Amelia","Rose","Smith-Jones","Amelia","","F","22/07/2015","6","6B","04/09/2019","","Single Registration","Yes"`), 1)
	if bytes.Equal(changed, data) {
		t.Fatal("test fixture edit did not apply")
	}
	again := f.importFile(f.head, "sims.csv", changed, ImportOptions{})
	if len(again.Answers) != 1 || again.Answers[0].Answer != consent.Granted {
		t.Fatalf("re-import with one changed answer recorded %d answers", len(again.Answers))
	}
	if got := statusOf(t, f.head, p.ID, consent.School); got != consent.StatusGranted {
		t.Errorf("P02 school after the MIS changed = %q, want granted", got)
	}
}

func TestBadUPNIsWarnedAndThePupilKept(t *testing.T) {
	f := newFixture(t)
	plan, err := f.head.PlanImport("ctf.xml", sample(t, "9992001_CTF_9992001_001.xml"), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var p35 *pupil.Pupil
	for i := range plan.New {
		if plan.New[i].Pupil.UPN == "W999200119027" {
			p35 = &plan.New[i].Pupil
		}
	}
	if p35 == nil || p35.UPNStatus != pupil.UPNBadCheck {
		t.Fatalf("P35 with a wrong check letter: %+v", p35)
	}
	warned := false
	for _, w := range plan.Warnings {
		warned = warned || (w.Name == "Jack O'Brien" && strings.Contains(w.Message, "check letter"))
	}
	if !warned {
		t.Errorf("no check-letter warning naming the pupil in %+v", plan.Warnings)
	}
}

func TestDuplicateRowsAreNotImportedTwice(t *testing.T) {
	f := newFixture(t)
	data := sample(t, "sims_student_list.csv")
	lines := strings.SplitAfter(string(data), "\n")
	doubled := strings.Join(append(lines, lines[1]), "")
	plan := f.importFile(f.head, "sims.csv", []byte(doubled), ImportOptions{})
	if len(plan.New) != 40 {
		t.Errorf("%d new pupils from a file with a repeated row, want 40", len(plan.New))
	}
	found := false
	for _, w := range plan.Warnings {
		found = found || strings.Contains(w.Message, "not imported")
	}
	if !found {
		t.Error("the repeated row was not warned about")
	}
}

func TestImportCanBeCancelledAndFinishedLater(t *testing.T) {
	f := newFixture(t)
	data := sample(t, "sims_student_list.csv")
	plan, err := f.head.PlanImport("sims.csv", data, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.head.ApplyImport(ctx, plan, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("ApplyImport with a cancelled context = %v", err)
	}
	done := f.importFile(f.head, "sims.csv", data, ImportOptions{})
	if len(done.New) != 40 {
		t.Errorf("finishing the import later added %d, want 40", len(done.New))
	}
}

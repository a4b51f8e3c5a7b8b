package cli_test

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
	"photoconsent/app/register"
	"photoconsent/storage"
)

// Pupils of the SIMS sample the tests make leavers.
const (
	longGone = "X999200119033" // Zoë Adeyemi, left in 2018: past the period
	recent   = "B999200125014" // left in 2024: kept
)

// retWithHead runs fn with the head signed in straight to the store, to set
// up what the command line cannot: leaving dates, scans, log entries.
func retWithHead(t *testing.T, h *harness, fn func(s *register.Session)) {
	t.Helper()
	v, err := storage.NewVault(h.dir, storage.Options{KDF: storage.InsecureTestKDF})
	if err != nil {
		t.Fatal(err)
	}
	s, db, err := register.SignIn(v, "jsmith", headPassword, register.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}()
	fn(s)
}

// retLeaversWorld imports the sample, makes two leavers, records a scanned
// answer for the one long gone and logs a newsletter photo of them.
func retLeaversWorld(t *testing.T) *harness {
	h := newHarness(t)
	h.init()
	h.want(h.as("jsmith", headPassword, "import", samplePath(t, "sims_student_list.csv")), 0, "import")
	retWithHead(t, h, func(s *register.Session) {
		retLeave(t, s, longGone, civil.Date{Year: 2018, Month: 7, Day: 20})
		retLeave(t, s, recent, civil.Date{Year: 2024, Month: 7, Day: 19})
		p, err := s.FindPupil(longGone)
		retCheck(t, err)
		retCheck(t, s.RecordAnswers(register.AnswerRequest{PupilIDs: []string{p.ID}, ByFirstContact: true,
			Method: consent.Form, Date: civil.Date{Year: 2017, Month: 9, Day: 6},
			Answers: []register.PurposeAnswer{{Purpose: consent.School, Answer: consent.Granted}},
			Scan:    []byte("%PDF-1.4 a scanned form")}))
		_, err = s.LogPublication(publog.Entry{Kind: publog.Exported, Destination: publish.Newsletter,
			Medium: consent.MediaPhoto, Caption: "Sports day", Pupils: []publog.Pupil{{PupilID: p.ID}},
			Original: publog.File{Name: "IMG_0001.jpg", SHA256: strings.Repeat("a", 64)},
			Output:   publog.File{Name: "newsletter-0001.jpg", SHA256: strings.Repeat("b", 64)}})
		retCheck(t, err)
	})
	return h
}

func retLeave(t *testing.T, s *register.Session, upn string, on civil.Date) {
	t.Helper()
	p, err := s.FindPupil(upn)
	retCheck(t, err)
	retCheck(t, s.EditPupil(p.ID, register.Edit{PreferredForename: p.PreferredForename,
		PreferredSurname: p.PreferredSurname, Class: p.Class, Year: p.Year, Leaving: on}))
}

func retCheck(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// retAddTeacher adds a teacher account with its password already changed.
func retAddTeacher(t *testing.T, h *harness, name, pw string) {
	t.Helper()
	r := h.run(map[string]string{"PHOTOCONSENT_PASSWORD": headPassword, "PHOTOCONSENT_NEW_PASSWORD": pw + "0"}, "",
		"user", "add", "--data", h.dir, "--user", "jsmith", "--name", name, "--role", "teacher")
	h.want(r, 0, "user add")
	r = h.run(map[string]string{"PHOTOCONSENT_PASSWORD": pw + "0", "PHOTOCONSENT_NEW_PASSWORD": pw}, "",
		"user", "passwd", "--data", h.dir, "--user", name)
	h.want(r, 0, "user passwd")
}

func retPupilUPNs(t *testing.T, h *harness) []string {
	t.Helper()
	r := h.as("jsmith", headPassword, "pupils", "--json")
	h.want(r, 0, "pupils --json")
	var ps []struct {
		UPN string `json:"upn"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &ps); err != nil {
		t.Fatalf("pupils --json: %v", err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.UPN)
	}
	return out
}

func TestRetentionListsThenDeletes(t *testing.T) {
	h := retLeaversWorld(t)
	r := h.as("jsmith", headPassword, "retention")
	h.want(r, 0, "retention")
	if !strings.Contains(r.stdout, longGone) || strings.Contains(r.stdout, recent) ||
		!strings.Contains(r.stdout, "1 leaver is past the retention period of 6 years; run again with --apply") {
		t.Errorf("dry run printed:\n%s\nwant %s listed, %s not", r.stdout, longGone, recent)
	}
	if got := retPupilUPNs(t, h); len(got) != 40 {
		t.Fatalf("after the dry run %d pupils, want 40", len(got))
	}

	r = h.as("jsmith", headPassword, "retention", "--apply")
	h.want(r, 0, "retention --apply")
	if want := "Deleted 1 leaver past the retention period, with their answers and scanned forms.\n"; r.stdout != want {
		t.Errorf("--apply printed %q, want %q", r.stdout, want)
	}
	got := retPupilUPNs(t, h)
	if len(got) != 39 || slices.Contains(got, longGone) || !slices.Contains(got, recent) {
		t.Errorf("after --apply %d pupils (long gone kept: %v, recent kept: %v), want 39 without %s",
			len(got), slices.Contains(got, longGone), slices.Contains(got, recent), longGone)
	}
	h.want(h.as("jsmith", headPassword, "log", "--verify"), 0, "log --verify after retention")
	r = h.as("jsmith", headPassword, "log", "--csv")
	h.want(r, 0, "log --csv")
	if strings.Contains(r.stdout, "IMG_0001") || strings.Contains(r.stdout, "Sports day") {
		t.Errorf("the log still holds the deleted pupil's photo names:\n%s", r.stdout)
	}
	r = h.as("jsmith", headPassword, "retention")
	h.want(r, 0, "retention after --apply")
	if r.stdout != "No leavers are past the retention period of 6 years.\n" {
		t.Errorf("after --apply the list says %q", r.stdout)
	}
}

func TestSARWritesAZip(t *testing.T) {
	h := retLeaversWorld(t)
	out := filepath.Join(t.TempDir(), "sar.zip")
	r := h.as("jsmith", headPassword, "sar", "--pupil", longGone, "--out", out)
	h.want(r, 0, "sar")
	if !strings.HasPrefix(r.stdout, "Wrote everything held about pupil "+longGone+" (2 answers, 1 scanned form, 1 publication log entry)") ||
		strings.Contains(r.stdout, "Adeyemi") {
		t.Errorf("sar printed %q", r.stdout)
	}
	files := readZip(t, out)
	var names []string
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	want := []string{"answers.json", "events.json", "publications.json", "pupil.json",
		"scans/2017-09-06-school-" + files["scan-id"] + ".pdf", "summary.pdf", "wording.json"}
	delete(files, "scan-id")
	names = slices.DeleteFunc(names, func(n string) bool { return n == "scan-id" })
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("files in the zip (-want +got):\n%s", diff)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm()&0o077 != 0 {
		t.Errorf("the zip is readable by others: %v %v", fi.Mode(), err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	pdf := filepath.Join(t.TempDir(), "summary.pdf")
	retCheck(t, os.WriteFile(pdf, []byte(files["summary.pdf"]), 0o600))
	text, err := exec.Command("pdftotext", pdf, "-").Output()
	retCheck(t, err)
	flat := strings.Join(strings.Fields(string(text)), " ")
	for _, w := range []string{"Zoë Adeyemi", "Tunde Adeyemi", "granted", "newsletter-0001.jpg"} {
		if !strings.Contains(flat, w) {
			t.Errorf("summary lacks %q:\n%s", w, flat)
		}
	}
}

// readZip returns each file's content by name, and under "scan-id" the
// short ID in the scan's name.
func readZip(t *testing.T, path string) map[string]string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("sar did not write a zip: %v", err)
	}
	defer z.Close()
	out := map[string]string{}
	for _, f := range z.File {
		rc, err := f.Open()
		retCheck(t, err)
		b, err := io.ReadAll(rc)
		retCheck(t, err)
		out[f.Name] = string(b)
		if rest, ok := strings.CutPrefix(f.Name, "scans/2017-09-06-school-"); ok {
			out["scan-id"] = strings.TrimSuffix(rest, ".pdf")
		}
	}
	return out
}

func TestSARAndRetentionRefusals(t *testing.T) {
	h := retLeaversWorld(t)
	retAddTeacher(t, h, "Mr Teach", "Teacher-pass-9")
	out := filepath.Join(t.TempDir(), "sar.zip")
	tests := []struct {
		name string
		r    result
		code int
		says string
	}{
		{"sar without a pupil", h.as("jsmith", headPassword, "sar", "--out", out), 2, "--pupil UPN"},
		{"sar without --out", h.as("jsmith", headPassword, "sar", "--pupil", longGone), 2, "--out FILE.zip"},
		{"sar of nobody", h.as("jsmith", headPassword, "sar", "--pupil", "Z000000000000", "--out", out), 1, "No pupil"},
		{"sar by a teacher", h.as("Mr Teach", "Teacher-pass-9", "sar", "--pupil", longGone, "--out", out), 1, "Not allowed for your role"},
		{"retention by a teacher", h.as("Mr Teach", "Teacher-pass-9", "retention", "--apply"), 1, "Not allowed for your role"},
		{"retention with both", h.as("jsmith", headPassword, "retention", "--apply", "--json"), 2, "not both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.want(tt.r, tt.code, tt.name)
			if !strings.Contains(tt.r.stderr, tt.says) {
				t.Errorf("stderr %q, want it to say %q", tt.r.stderr, tt.says)
			}
		})
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused sar wrote %s: %v", out, err)
	}
	if got := retPupilUPNs(t, h); len(got) != 40 {
		t.Errorf("a refused retention deleted pupils: %d left, want 40", len(got))
	}
}

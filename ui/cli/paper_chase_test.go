package cli_test

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// chaseCSV runs "chase --csv" and returns its rows by pupil name.
func chaseCSV(t *testing.T, h *harness) ([]string, map[string][]string) {
	t.Helper()
	r := h.as("jsmith", headPassword, "chase", "--csv")
	h.want(r, 0, "chase --csv")
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("chase --csv is not CSV with a header (%v):\n%s", err, r.stdout)
	}
	byName := map[string][]string{}
	for _, rec := range recs[1:] {
		byName[rec[1]] = rec
	}
	return recs[0], byName
}

func TestChaseCSVListsPupilsWithFormsMissing(t *testing.T) {
	h := newHarness(t)
	h.init()
	h.want(h.as("jsmith", headPassword, "import", samplePath(t, "sims_student_list.csv")), 0, "import")
	header, rows := chaseCSV(t, h)
	wantHeader := []string{"class", "pupil", "upn", "not_returned", "expired", "contact", "relationship", "phone", "email"}
	if diff := cmp.Diff(header, wantHeader); diff != "" {
		t.Errorf("header (-got +want):\n%s", diff)
	}
	want := []string{"Owls", "Siobhán Ní Bhriain", "E999200120011",
		"School use; Social media and publicity; Press and third parties; Individual, high-profile", "",
		"Ciarán Ó Briain", "Father", "07700 900109", "ciaran.obriain@example.com"}
	if diff := cmp.Diff(rows["Siobhán Ní Bhriain"], want); diff != "" {
		t.Errorf("Siobhán's row (-got +want):\n%s", diff)
	}
	if _, ok := rows["Ollie Hargreaves"]; !ok {
		t.Fatalf("a pupil with only school use answered is not on the list: %v", rows)
	}
	for _, p := range []string{"school", "social", "press", "individual"} {
		r := h.as("jsmith", headPassword, "consent", "--pupil", "K999200119014", "--purpose", p,
			"--answer", "granted", "--by", "Rachel Hargreaves")
		h.want(r, 0, "consent "+p)
	}
	if _, after := chaseCSV(t, h); after["Ollie Hargreaves"] != nil || len(after) != len(rows)-1 {
		t.Errorf("after every answer was recorded: %d rows (was %d), Ollie's is %v", len(after), len(rows), after["Ollie Hargreaves"])
	}
}

func TestChasePDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	h := newHarness(t)
	h.init()
	h.want(h.as("jsmith", headPassword, "import", samplePath(t, "sims_student_list.csv")), 0, "import")
	out := filepath.Join(t.TempDir(), "chase.pdf")
	r := h.as("jsmith", headPassword, "chase", "--out", out)
	h.want(r, 0, "chase --out")
	if !strings.HasPrefix(r.stdout, "Wrote the chase list (") {
		t.Errorf("stdout %q, want it to say what was written", r.stdout)
	}
	if strings.Contains(r.stdout, "Siobhán") {
		t.Error("stdout names a pupil")
	}
	text, err := exec.Command("pdftotext", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(text)), " ")
	for _, want := range []string{"Testbridge Primary", "Class Owls", "Class 6B", "Siobhán Ní Bhriain",
		"Ciarán Ó Briain", "Zoe Adeyemi"} {
		if !strings.Contains(flat, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm()&0o077 != 0 {
		t.Errorf("the PDF holds contact details but is readable by others: %v %v", fi.Mode(), err)
	}
}

func TestChaseRefusals(t *testing.T) {
	h := newHarness(t)
	h.init()
	r := h.run(map[string]string{"PHOTOCONSENT_PASSWORD": headPassword, "PHOTOCONSENT_NEW_PASSWORD": "Teacher-pass-9"}, "",
		"user", "add", "--data", h.dir, "--user", "jsmith", "--name", "Mr Teach", "--role", "teacher")
	h.want(r, 0, "user add")
	r = h.run(map[string]string{"PHOTOCONSENT_PASSWORD": "Teacher-pass-9", "PHOTOCONSENT_NEW_PASSWORD": "Teacher-pass-10"}, "",
		"user", "passwd", "--data", h.dir, "--user", "Mr Teach")
	h.want(r, 0, "user passwd")
	tests := []struct {
		name string
		r    result
		code int
		says string
	}{
		{"no output named", h.as("jsmith", headPassword, "chase"), 2, "--out FILE.pdf"},
		{"a stray argument", h.as("jsmith", headPassword, "chase", "--csv", "extra"), 2, "Unexpected"},
		{"teacher", h.as("Mr Teach", "Teacher-pass-10", "chase", "--csv"), 1, "Not allowed for your role"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.want(tt.r, tt.code, tt.name)
			if !strings.Contains(tt.r.stderr, tt.says) {
				t.Errorf("stderr %q, want it to say %q", tt.r.stderr, tt.says)
			}
			if tt.r.stdout != "" {
				t.Errorf("stdout %q, want nothing", tt.r.stdout)
			}
		})
	}
}

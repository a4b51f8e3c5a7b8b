package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"photoconsent/app/register"
	"photoconsent/storage"
)

// formsCSV is a SIMS class list with names that need more than ASCII, and
// one pupil who has left (no form for her).
const formsCSV = `"Adno","UPN","Legal Surname","Legal Forename","Middle Name(s)","Preferred Surname","Preferred Forename","Former Surname","Gender","DOB","Year","Reg","Admission Date","Leaving Date","Enrolment Status","Photo Consent"
"900001","K999200123000","Brontë","Zoë","","Brontë","Zoë","","F","12/03/2016","5","5K","01/09/2021","","Single Registration",""
"900002","Z999200123001","Ó Briain","Siobhán","","Ó Briain","Siobhán","","F","02/11/2015","5","5K","01/09/2021","","Single Registration",""
"900003","N999200123002","Kowalski","Łukasz","","Kowalski","Łukasz","","M","21/07/2016","5","5P","01/09/2021","","Single Registration",""
"900004","C999200123003","Nguyễn","Văn An","","Nguyễn","Văn An","","M","30/01/2016","5","5P","01/09/2021","","Single Registration",""
"900005","R999200123004","Leaver","Lily","","Leaver","Lily","","F","14/05/2016","5","5K","01/09/2021","31/08/2023","Single Registration",""
`

var formsNames = []string{"Zoë Brontë", "Siobhán Ó Briain", "Łukasz Kowalski", "Văn An Nguyễn"}

func formsHarness(t *testing.T) *harness {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	h := newHarness(t)
	h.init()
	csv := filepath.Join(t.TempDir(), "class.csv")
	if err := os.WriteFile(csv, []byte(formsCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	h.want(h.as("jsmith", headPassword, "import", csv), 0, "import")
	return h
}

func TestFormsCommand(t *testing.T) {
	h := formsHarness(t)
	out := t.TempDir()
	tests := []struct {
		name  string
		args  []string
		says  string
		names []string
	}{
		{"whole school", nil, "Wrote 4 forms to", formsNames},
		{"one class, any case", []string{"--class", "5k"}, "Wrote 2 forms to", formsNames[:2]},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(out, tt.name+".pdf")
			r := h.as("jsmith", headPassword, append([]string{"forms", "--out", path}, tt.args...)...)
			h.want(r, 0, "forms")
			if !strings.Contains(r.stdout, tt.says) {
				t.Errorf("forms said %q, want %q", r.stdout, tt.says)
			}
			if got := formsPDFInfo(t, path); !strings.Contains(got, "Pages:") || formsPages(got) != len(tt.names) {
				t.Errorf("pdfinfo = %q, want %d pages", got, len(tt.names))
			}
			pages := strings.Split(strings.TrimRight(formsPDFText(t, path), "\f\n"), "\f")
			if len(pages) != len(tt.names) {
				t.Fatalf("pdftotext found %d pages, want %d", len(pages), len(tt.names))
			}
			for j, name := range tt.names {
				page := strings.Join(strings.Fields(pages[j]), " ")
				for _, want := range []string{name, "Testbridge Primary", "Form wording version v1", "on the school website"} {
					if !strings.Contains(page, want) {
						t.Errorf("page %d = %q, want it to contain %q", j+1, page, want)
					}
				}
				if strings.Contains(page, "Lily Leaver") {
					t.Errorf("page %d prints a form for a pupil who has left", j+1)
				}
				if i == 0 {
					checkFormCode(t, h, page, name)
				}
			}
		})
	}
}

// checkFormCode finds the pupil by the code printed on their page.
func checkFormCode(t *testing.T, h *harness, page, name string) {
	t.Helper()
	m := regexp.MustCompile(`code ([2-9A-HJKMNP-Z]{6})`).FindStringSubmatch(page)
	if m == nil {
		t.Errorf("page for %s has no six-character code: %q", name, page)
		return
	}
	v, err := storage.NewVault(h.dir, storage.Options{KDF: storage.InsecureTestKDF})
	if err != nil {
		t.Fatal(err)
	}
	s, db, err := register.SignIn(v, "jsmith", headPassword, register.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := s.FindByCode(m[1])
	if err != nil || p.DisplayName() != name {
		t.Errorf("FindByCode(%s) = %q, %v, want %s", m[1], p.DisplayName(), err, name)
	}
}

func TestFormsCommandRefuses(t *testing.T) {
	h := formsHarness(t)
	path := filepath.Join(t.TempDir(), "forms.pdf")
	r := h.run(map[string]string{"PHOTOCONSENT_PASSWORD": headPassword, "PHOTOCONSENT_NEW_PASSWORD": "Temp-pass-1"}, "",
		"user", "add", "--data", h.dir, "--user", "jsmith", "--name", "Mr Teach", "--role", "teacher")
	h.want(r, 0, "user add")
	r = h.run(map[string]string{"PHOTOCONSENT_PASSWORD": "Temp-pass-1", "PHOTOCONSENT_NEW_PASSWORD": "Teacher-pass-9"}, "",
		"user", "passwd", "--data", h.dir, "--user", "Mr Teach")
	h.want(r, 0, "user passwd")
	tests := []struct {
		name string
		r    result
		code int
		says string
	}{
		{"unknown class", h.as("jsmith", headPassword, "forms", "--class", "7Z", "--out", path), 1, `"7Z"`},
		{"no --out", h.as("jsmith", headPassword, "forms"), 2, "--out"},
		{"a teacher", h.as("Mr Teach", "Teacher-pass-9", "forms", "--out", path), 1, "Not allowed for your role"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.want(tt.r, tt.code, tt.name)
			if !strings.Contains(tt.r.stderr, tt.says) {
				t.Errorf("stderr = %q, want it to mention %s", tt.r.stderr, tt.says)
			}
		})
	}
	if entries, err := os.ReadDir(filepath.Dir(path)); err != nil || len(entries) != 0 {
		t.Errorf("the output folder holds %d files after refusals (%v), want none", len(entries), err)
	}
}

func formsPDFText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, out)
	}
	return string(out)
}

func formsPDFInfo(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v: %s", err, out)
	}
	return string(out)
}

func formsPages(info string) int {
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		return -1
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		return -1
	}
	return n
}

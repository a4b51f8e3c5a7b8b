package cli_test

import (
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// reportPupils is a SIMS list of two classes; the report must name none of them.
const reportPupils = `"Adno","UPN","Legal Surname","Legal Forename","Middle Name(s)","Preferred Surname","Preferred Forename","Former Surname","Gender","DOB","Year","Reg","Admission Date","Leaving Date","Enrolment Status","Photo Consent","Contact 1 Forename","Contact 1 Surname","Contact 1 Relationship","Contact 1 Parental Responsibility"
"910001","K999200123000","Brontë","Zoë","","Brontë","Zoë","","F","12/03/2016","3","3H","01/09/2021","","Single Registration","","Anne","Brontë","Mother","Yes"
"910002","Z999200123001","Ó Briain","Siobhán","","Ó Briain","Siobhán","","F","02/11/2015","3","3H","01/09/2021","","Single Registration","","Máire","Ó Briain","Mother","Yes"
"910003","N999200123002","Kowalski","Łukasz","","Kowalski","Łukasz","","M","21/07/2016","4","4K","01/09/2021","","Single Registration","","Anna","Kowalska","Mother","Yes"
"910004","C999200123003","Nguyễn","Văn An","","Nguyễn","Văn An","","M","30/01/2016","4","4K","01/09/2021","","Single Registration","","Lan","Nguyễn","Mother","Yes"
`

const (
	reportZoe      = "K999200123000"
	reportSiobhan  = "Z999200123001"
	reportLukasz   = "N999200123002"
	overrideReason = "Łukasz's mother agreed on the phone this morning"
)

// reportSchool is a register with a term's history made through the
// command line: answers, an export, a blocked attempt, an override and a
// takedown marked done.
func reportSchool(t *testing.T) *harness {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	h := newHarness(t)
	h.init()
	list := filepath.Join(t.TempDir(), "pupils.csv")
	if err := os.WriteFile(list, []byte(reportPupils), 0o600); err != nil {
		t.Fatal(err)
	}
	h.want(h.as("jsmith", headPassword, "import", list), 0, "import")
	answer(t, h, reportZoe, "granted", "Anne Brontë")
	answer(t, h, reportSiobhan, "granted", "Máire Ó Briain")
	answer(t, h, reportLukasz, "refused", "Anna Kowalska")
	in, out := t.TempDir(), t.TempDir()
	photo := gpsPhoto(t, in, "sports day.jpg")
	publish := func(tags string, extra ...string) result {
		args := append([]string{"publish", "--to", "website", "--out", out, "--tag", tags}, extra...)
		return h.as("jsmith", headPassword, append(args, photo)...)
	}
	h.want(publish(reportZoe+","+reportSiobhan), 0, "publish")          // 1
	h.want(publish(reportZoe+","+reportLukasz), 1, "a blocked publish") // 2
	h.want(publish(reportLukasz, "--override", overrideReason), 0, "publish on override")
	answer(t, h, reportZoe, "withdrawn", "Anne Brontë")
	h.want(h.as("jsmith", headPassword, "takedowns", "--done", "1", "--note", "Removed from the website"), 0, "takedowns --done")
	return h
}

func TestReportCommand(t *testing.T) {
	h := reportSchool(t)
	dir := t.TempDir()
	pdf, table := filepath.Join(dir, "governors.pdf"), filepath.Join(dir, "governors.csv")
	r := h.as("jsmith", headPassword, "report", "--out", pdf, "--csv", table)
	h.want(r, 0, "report")
	if !strings.Contains(r.stdout, "Wrote the governors' report for ") || !strings.Contains(r.stdout, "to "+pdf) ||
		!strings.Contains(r.stdout, "as CSV to "+table) {
		t.Errorf("report said %q, want it to name both files", r.stdout)
	}
	text, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(string(text)), " ")
	// After Zoë's withdrawal one pupil of four may appear for the school's
	// own use: Siobhán, in 3H.
	for _, want := range []string{
		"Testbridge Primary", "Consent coverage per class and purpose", "Publications this period",
		"Blocked attempts", "Overrides", "Takedowns", "Class 3H", "Class 4K",
		fmt.Sprintf("%d%% · 1 of 4", 100*1/4), fmt.Sprintf("%d%% · 1 of 2", 100*1/2), "0% · 0 of 2",
		"School website 2 1", overrideReason, "jsmith", "3H consent for the school's own",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the report's text lacks %q:\n%s", want, got)
		}
	}
	data, err := os.ReadFile(table)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	for _, want := range []string{
		"coverage,,Whole school,school,1,25,of 4 pupils on roll",
		"published,,website,,2,,", "blocked,,website,,1,,",
		",website,,1,,approved by jsmith: " + overrideReason,
		"pupil in class 3H; due ",
	} {
		if !csvHas(rows, want) {
			t.Errorf("the CSV lacks a row with %q:\n%s", want, data)
		}
	}
	for _, who := range []string{"Zoë", "Siobhán", "Văn An", "Brontë", reportZoe, reportSiobhan, reportLukasz} {
		if strings.Contains(got, who) || strings.Contains(string(data), who) {
			t.Errorf("the report names a pupil: %q", who)
		}
	}
}

func csvHas(rows [][]string, part string) bool {
	for _, row := range rows {
		if strings.Contains(strings.Join(row, ","), part) {
			return true
		}
	}
	return false
}

func TestReportRefusals(t *testing.T) {
	h := newHarness(t)
	h.init()
	r := h.run(map[string]string{"PHOTOCONSENT_PASSWORD": headPassword, "PHOTOCONSENT_NEW_PASSWORD": "Teacher-pass-9"}, "",
		"user", "add", "--data", h.dir, "--user", "jsmith", "--name", "Mr Teach", "--role", "teacher")
	h.want(r, 0, "user add")
	r = h.run(map[string]string{"PHOTOCONSENT_PASSWORD": "Teacher-pass-9", "PHOTOCONSENT_NEW_PASSWORD": "Teacher-pass-10"}, "",
		"user", "passwd", "--data", h.dir, "--user", "Mr Teach")
	h.want(r, 0, "user passwd")
	out := filepath.Join(t.TempDir(), "report.pdf")
	tests := []struct {
		name string
		r    result
		code int
		says string
	}{
		{"no output named", h.as("jsmith", headPassword, "report"), 2, "--out FILE.pdf"},
		{"a bad date", h.as("jsmith", headPassword, "report", "--out", out, "--from", "1/9/2026"), 2, "YYYY-MM-DD"},
		{"backwards", h.as("jsmith", headPassword, "report", "--out", out, "--from", "2026-09-02", "--to", "2026-09-01"), 1, "before it starts"},
		{"a teacher", h.as("Mr Teach", "Teacher-pass-10", "report", "--out", out), 1, "Not allowed for your role"},
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
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused report still wrote the PDF")
	}
}

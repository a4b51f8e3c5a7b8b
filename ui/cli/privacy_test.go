package cli_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"photoconsent/app/consent"
	"photoconsent/app/register"
	"photoconsent/storage"
)

// sampleNeedles lists every surname, UPN and e-mail address in the shared
// samples' expected.json that is long enough (5+ bytes) not to turn up by
// chance in encrypted bytes.
func sampleNeedles(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(samplePath(t, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		Pupils []struct {
			UPN              *string `json:"upn"`
			LegalSurname     string  `json:"legal_surname"`
			PreferredSurname string  `json:"preferred_surname"`
			Contacts         []struct {
				Surname string  `json:"surname"`
				Email   *string `json:"email"`
			} `json:"contacts"`
		} `json:"pupils"`
	}
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	add := func(s string) {
		if len(s) >= 5 {
			seen[s] = true
		}
	}
	for _, p := range exp.Pupils {
		add(p.LegalSurname)
		add(p.PreferredSurname)
		if p.UPN != nil {
			add(*p.UPN)
		}
		for _, c := range p.Contacts {
			add(c.Surname)
			if c.Email != nil {
				add(*c.Email)
				add(strings.ToLower(*c.Email))
			}
		}
	}
	var out []string
	for s := range seen {
		out = append(out, s)
	}
	if len(out) < 100 {
		t.Fatalf("only %d needles from expected.json", len(out))
	}
	return out
}

// grepFolder returns the needles found in any file under dir.
func grepFolder(t *testing.T, dir string, needles []string) []string {
	t.Helper()
	var found []string
	files := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		for _, n := range needles {
			if bytes.Contains(b, []byte(n)) {
				found = append(found, fmt.Sprintf("%s in %s", n, filepath.Base(path)))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatal("no files in the data folder: nothing was checked")
	}
	return found
}

func TestGrepSeesSampleNamesInTheClear(t *testing.T) {
	// The control: the same search finds the names in the samples themselves.
	needles := sampleNeedles(t)
	found := grepFolder(t, filepath.Dir(samplePath(t, "expected.json")), needles)
	if len(found) < len(needles)/2 {
		t.Fatalf("grep found only %d of %d needles in the plain samples: the check is broken", len(found), len(needles))
	}
}

func TestNoPupilDataInTheClearAfterClose(t *testing.T) {
	h := newHarness(t)
	h.init()
	for _, f := range []string{"9992001_CTF_9992001_001.xml", "sims_student_list.csv", "arbor_students_export.csv",
		"sims_student_list_cp1252.csv", "legacy_ctf19_gender_bom_crlf.xml"} {
		h.want(h.as("jsmith", headPassword, "import", samplePath(t, f)), 0, "import "+f)
	}
	h.want(h.as("jsmith", headPassword, "consent", "--pupil", "K999200119014", "--purpose", "press",
		"--answer", "refused", "--by", "Rachel Hargreaves", "--note", "Hargreaves family asked for no press"), 0, "consent")
	if found := grepFolder(t, h.dir, sampleNeedles(t)); len(found) > 0 {
		t.Fatalf("pupil data in the clear after close: %v", found)
	}
}

// TestNoPupilDataInTheClearAfterKill imports every sample in a child
// process, then keeps recording answers until it is killed with SIGKILL
// mid-batch. Nothing may be in the clear, and every answer the child
// reported as saved must be there after reopening.
func TestNoPupilDataInTheClearAfterKill(t *testing.T) {
	if os.Getenv("PHOTOCONSENT_KILL_CHILD") != "" {
		t.Skip("running as the child")
	}
	needles := sampleNeedles(t)
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.v")
	cmd.Env = append(os.Environ(), "PHOTOCONSENT_KILL_CHILD="+dir,
		"PHOTOCONSENT_SAMPLES="+filepath.Dir(samplePath(t, "expected.json")))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if _, err := fmt.Sscanf(sc.Text(), "acked %d", &acked); err == nil && acked >= 60 {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil {
		t.Fatal("the child finished before it was killed")
	}
	if acked < 60 {
		t.Fatalf("the child acknowledged only %d answers", acked)
	}
	if found := grepFolder(t, dir, needles); len(found) > 0 {
		t.Fatalf("pupil data in the clear after SIGKILL: %v", found)
	}
	v, err := storage.NewVault(dir, storage.Options{KDF: storage.InsecureTestKDF})
	if err != nil {
		t.Fatal(err)
	}
	s, db, err := register.SignIn(v, "jsmith", headPassword, register.Options{})
	if err != nil {
		t.Fatalf("reopening after SIGKILL: %v", err)
	}
	defer db.Close()
	notes := map[string]bool{}
	for _, p := range []string{"K999200119014"} {
		pu, err := s.FindPupil(p)
		if err != nil {
			t.Fatal(err)
		}
		d, err := s.Pupil(pu.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range d.History {
			notes[r.Note] = true
		}
	}
	for i := 1; i <= acked; i++ {
		if !notes[fmt.Sprintf("answer %d", i)] {
			t.Errorf("acknowledged answer %d is missing after SIGKILL", i)
		}
	}
}

// TestKillChild is the child of TestNoPupilDataInTheClearAfterKill.
func TestKillChild(t *testing.T) {
	dir := os.Getenv("PHOTOCONSENT_KILL_CHILD")
	if dir == "" {
		t.Skip("only runs as a child process")
	}
	v, err := storage.NewVault(dir, storage.Options{KDF: storage.InsecureTestKDF})
	if err != nil {
		t.Fatal(err)
	}
	s, _, _, err := register.CreateRegister(v, "Testbridge", "jsmith", headPassword, register.Options{})
	if err != nil {
		t.Fatal(err)
	}
	samples := os.Getenv("PHOTOCONSENT_SAMPLES")
	for _, f := range []string{"9992001_CTF_9992001_001.xml", "sims_student_list.csv", "arbor_students_export.csv"} {
		data, err := os.ReadFile(filepath.Join(samples, f))
		if err != nil {
			t.Fatal(err)
		}
		plan, err := s.PlanImport(f, data, register.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ApplyImport(t.Context(), plan, nil); err != nil {
			t.Fatal(err)
		}
	}
	p, err := s.FindPupil("K999200119014")
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; ; i++ {
		err := s.RecordAnswers(register.AnswerRequest{PupilIDs: []string{p.ID}, Method: consent.Form,
			By: consent.Giver{Name: "Rachel Hargreaves"}, Note: fmt.Sprintf("answer %d", i),
			Answers: []register.PurposeAnswer{{Purpose: consent.Social, Answer: consent.Granted}}})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("acked %d\n", i) // only after RecordAnswers returned: the write is durable
	}
}

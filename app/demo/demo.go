// Package demo builds the demo school that "photoconsent --demo" opens: the
// 40 synthetic pupils of the shared MIS samples, three staff accounts and a
// realistic mix of parents' answers, so a newcomer can explore at once.
package demo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"photoconsent/app/access"
	"photoconsent/app/civil"
	"photoconsent/app/register"
)

// Password opens every demo account. It is shown on the unlock screen.
const Password = "Demo-school-2026!"

// The demo's staff, one per role.
const (
	HeadLogin    = "Mrs Ashworth"
	OfficeLogin  = "Mr Price"
	TeacherLogin = "Ms Shah"
)

// Account is one demo login and its role, for the unlock screen's hint.
type Account struct {
	Login string
	Role  access.Role
}

// Accounts lists the demo accounts, head first.
var Accounts = []Account{{HeadLogin, access.Head}, {OfficeLogin, access.Office}, {TeacherLogin, access.Teacher}}

// The sample files the demo imports, from the shared MIS samples.
const (
	ctfFile  = "9992001_CTF_9992001_001.xml"
	simsFile = "sims_student_list.csv"
)

// FindSamples looks for the shared MIS samples: in dir when given, else
// ../shared/mis-samples beside the working folder or the executable.
func FindSamples(dir string) (string, error) {
	candidates := []string{dir}
	if dir == "" {
		candidates = []string{filepath.Join("..", "shared", "mis-samples")}
		if exe, err := os.Executable(); err == nil {
			candidates = append(candidates, filepath.Join(filepath.Dir(exe), "..", "shared", "mis-samples"))
		}
	}
	for _, c := range candidates {
		if _, err := os.Stat(filepath.Join(c, simsFile)); err == nil {
			return c, nil
		}
	}
	return "", errors.New("the demo needs the shared MIS samples: run it from the repository folder with ../shared beside it")
}

// Build creates the demo register in an empty vault. It takes a few seconds:
// every account's password goes through the real key derivation. With a
// folder (the demo's own), it also gives the school photos to vet
// (VetFolder) and a publishing history with open takedowns, its copies in
// PublishedFolder.
func Build(v register.Vault, samples, folder string, now func() time.Time) error {
	if now == nil {
		now = time.Now
	}
	clk := &clock{base: now}
	opt := register.Options{Now: clk.now}
	h := newHistory(samples, folder, clk)
	if err := buildAsHead(v, samples, opt, h.asHead); err != nil {
		return fmt.Errorf("building the demo school: %w", err)
	}
	// Staff choose their own password at first sign-in; do it for them.
	// The teacher then publishes, and the office records a withdrawal.
	steps := []struct {
		login string
		then  func(*register.Session) error
	}{{TeacherLogin, h.asTeacher}, {OfficeLogin, h.asOffice}}
	for _, st := range steps {
		if err := firstSignIn(v, st.login, opt, st.then); err != nil {
			return fmt.Errorf("building the demo school: %w", err)
		}
	}
	return nil
}

// tempPassword is what the head gives new demo staff before their first sign-in.
const tempPassword = "Temporary-2026!"

func buildAsHead(v register.Vault, samples string, opt register.Options, then func(*register.Session) error) (err error) {
	head, db, _, err := register.CreateRegister(v, "Testbridge Synthetic Primary School", HeadLogin, Password, opt)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	if _, err := head.AddAccount(OfficeLogin, access.Office, tempPassword); err != nil {
		return err
	}
	teacher, err := head.AddAccount(TeacherLogin, access.Teacher, tempPassword)
	if err != nil {
		return err
	}
	// Ms Shah looks after the school's website, so she is one of its named
	// authorisers; Mr Price (office) is not.
	if err := head.SetWebsiteAuthoriser(teacher.ID, true); err != nil {
		return err
	}
	for _, name := range []string{ctfFile, simsFile} {
		if err := importSample(head, filepath.Join(samples, name)); err != nil {
			return err
		}
	}
	if err := recordAnswers(head, civil.Today(opt.Now())); err != nil {
		return err
	}
	return then(head)
}

func firstSignIn(v register.Vault, login string, opt register.Options, then func(*register.Session) error) (err error) {
	s, db, err := register.SignIn(v, login, tempPassword, opt)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	if err := s.ChangePassword(tempPassword, Password); err != nil {
		return err
	}
	return then(s)
}

func importSample(s *register.Session, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	plan, err := s.PlanImport(filepath.Base(path), data, register.ImportOptions{})
	if err != nil {
		return err
	}
	_, err = s.ApplyImport(context.Background(), plan, nil)
	return err
}

package register

import (
	"testing"
	"time"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/civil"
	"photoconsent/app/pupil"
)

// clock is a settable time for tests.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

type fixture struct {
	t     *testing.T
	store *memStore
	keys  *memKeys
	clock *clock
	head  *Session
}

const strongPassword = "Tr0ub4dor&3!"

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, store: newMemStore(), keys: newMemKeys(),
		clock: &clock{t: time.Date(2026, time.January, 20, 9, 30, 0, 0, time.UTC)}}
	if err := Setup(f.store, "Testbridge Primary", "head1", "Mrs Head", f.opt()); err != nil {
		t.Fatalf("Setup: %v", err)
	}
	f.keys.pw["head1"] = strongPassword
	s, err := Open(f.store, f.keys, "head1", nil, f.opt())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	f.head = s
	return f
}

func (f *fixture) opt() Options { return Options{Now: f.clock.now} }

// session adds an account with the role and returns it signed in, with its
// temporary password already changed.
func (f *fixture) session(login string, role access.Role) *Session {
	f.t.Helper()
	acc, err := f.head.AddAccount(login, role, "Temp-pass-1")
	if err != nil {
		f.t.Fatalf("AddAccount(%s): %v", login, err)
	}
	s, err := Open(f.store, f.keys, acc.ID, nil, f.opt())
	if err != nil {
		f.t.Fatalf("Open(%s): %v", login, err)
	}
	if err := s.ChangePassword("Temp-pass-1", "N3w-secret-pw"); err != nil {
		f.t.Fatalf("ChangePassword(%s): %v", login, err)
	}
	return s
}

// addPupil stores a pupil directly, as an import would.
func (f *fixture) addPupil(p pupil.Pupil) pupil.Pupil {
	f.t.Helper()
	if p.ID == "" {
		p.ID = NewID()
	}
	err := f.store.Update(func(tx Tx) error { return tx.Put(prefPupil+p.ID, p) })
	if err != nil {
		f.t.Fatal(err)
	}
	return p
}

func (f *fixture) events(kind audit.Kind) []audit.Event {
	f.t.Helper()
	all, err := f.head.AuditTrail(0)
	if err != nil {
		f.t.Fatal(err)
	}
	var out []audit.Event
	for _, ev := range all {
		if ev.Kind == kind {
			out = append(out, ev)
		}
	}
	return out
}

func date(s string) civil.Date {
	d, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// amelia is a pupil with two parents who hold parental responsibility.
func amelia() pupil.Pupil {
	return pupil.Pupil{
		UPN: "F999200119021", UPNStatus: pupil.UPNValid, Adno: "000102",
		LegalForename: "Amelia", LegalSurname: "Smith-Jones", DOB: date("2015-07-22"),
		Year: "6", Class: "6B",
		Contacts: []pupil.Contact{
			{Order: 1, Forename: "Claire", Surname: "Smith", Relationship: "Mother", Responsibility: true,
				Mobile: "07700 900103", Email: "claire.smith@example.com"},
			{Order: 2, Forename: "Owen", Surname: "Jones", Relationship: "Father", Responsibility: true,
				Mobile: "07700 900104", Email: "owen.jones@example.org"},
		},
	}
}

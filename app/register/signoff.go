package register

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
)

// SignOffLasts is how long a second person's sign-off counts for the head
// who asked for it: long enough to export the photo, short enough that it
// cannot be kept for later.
const SignOffLasts = 15 * time.Minute

// SecondApprover checks another person's password for a never-publish
// override's second sign-off: a head or office account, not the signed-in
// person. The check is written to the audit trail, never the password.
// A sign-off lets the signed-in head log overrides with that person as
// second approver for SignOffLasts.
func (s *Session) SecondApprover(login, password string) (publish.Approver, error) {
	if err := s.check(access.Override); err != nil {
		return publish.Approver{}, err
	}
	var acc Account
	err := s.store.View(func(tx Tx) error {
		var err error
		acc, err = accountByLogin(tx, login)
		return err
	})
	if errors.Is(err, ErrNoAccount) {
		typed := Account{Login: truncate(strings.TrimSpace(login), MaxLoginLength)}
		return publish.Approver{}, errors.Join(err, s.signOffRefused(typed, "no such account"))
	} else if err != nil {
		return publish.Approver{}, err
	}
	if why, refusal := s.signOffProblem(acc, password); refusal != nil {
		return publish.Approver{}, errors.Join(refusal, s.signOffRefused(acc, why))
	}
	now := s.now()
	err = s.store.Update(func(tx Tx) error {
		if err := tx.Put(signOffKey(s.me.ID, acc.ID), now); err != nil {
			return err
		}
		return appendEvent(tx, acc, now, audit.SignOffGiven, s.me.ID, "second sign-off for an override by "+s.me.Login)
	})
	if err != nil {
		return publish.Approver{}, err
	}
	return approverOf(acc), nil
}

// signOffProblem returns the words for the audit trail and the error for
// the person at the keyboard when acc may not sign off with this password.
func (s *Session) signOffProblem(acc Account, password string) (string, error) {
	switch {
	case acc.ID == s.me.ID:
		return "the same person as the head", invalidf("the second sign-off must come from another person")
	case !access.Can(acc.Role, access.SignOff):
		return "a " + string(acc.Role) + " account",
			invalidf("a %s account cannot sign off an override: ask another head or the office", acc.Role)
	case acc.MustChangePassword:
		return "the temporary password was not changed",
			invalidf("%s must change their temporary password before they can sign off", acc.Login)
	}
	if err := s.keys.CheckPassword(acc.ID, password); errors.Is(err, ErrWrongPassword) {
		return "wrong password", fmt.Errorf("second sign-off by %s: %w", acc.Login, ErrWrongPassword)
	} else if err != nil {
		return "the password could not be checked", err
	}
	return "", nil
}

func (s *Session) signOffRefused(who Account, why string) error {
	return s.store.Update(func(tx Tx) error {
		return appendEvent(tx, who, s.now(), audit.SignOffRefused, s.me.ID,
			"second sign-off for an override by "+s.me.Login+" refused: "+why)
	})
}

// checkApprovers makes the signed-in head the first approver, checks that
// a second approver signed off recently, and asks the rulebook whether the
// override lifts what the entry's pupils block.
func (s *Session) checkApprovers(tx Tx, e *publog.Entry, pol publish.Policy) error {
	if len(e.Approvers) == 0 || len(e.Approvers) > 2 {
		return invalidf("an override is signed by you, and by a second person when a pupil must never be published")
	}
	if e.Approvers[0].AccountID != s.me.ID {
		return invalidf("sign the override yourself: the first approver must be you")
	}
	e.Approvers[0] = approverOf(s.me)
	o := publish.Override{By: e.Approvers[0], Reason: e.Override}
	if len(e.Approvers) == 2 {
		second, err := s.signedOff(tx, e.Approvers[1].AccountID)
		if err != nil {
			return err
		}
		e.Approvers[1], o.Second = second, &second
	}
	return publish.CheckOverride(publish.Decide(e.Destination, photoOf(*e), pol, nil), o)
}

// signedOff returns the second approver as the register knows them, if they
// signed off for the signed-in head within SignOffLasts.
func (s *Session) signedOff(tx Tx, id string) (publish.Approver, error) {
	var at time.Time
	ok, err := tx.Get(signOffKey(s.me.ID, id), &at)
	if err != nil {
		return publish.Approver{}, err
	}
	if age := s.now().Sub(at); !ok || age < 0 || age > SignOffLasts {
		return publish.Approver{}, invalidf("the second person must sign off again: a sign-off counts for %d minutes",
			int(SignOffLasts/time.Minute))
	}
	var acc Account
	if ok, err := tx.Get(prefAccount+id, &acc); err != nil {
		return publish.Approver{}, err
	} else if !ok {
		return publish.Approver{}, invalidf("the second person's account no longer exists")
	}
	return approverOf(acc), nil
}

// photoOf is what the rulebook needs to decide again on an entry's pupils.
func photoOf(e publog.Entry) publish.Photo {
	p := publish.Photo{NoPupils: e.NoPupils}
	for _, tp := range e.Pupils {
		p.Subjects = append(p.Subjects, publish.Subject{PupilID: tp.PupilID, Statuses: tp.Statuses, Leaver: tp.Leaver})
	}
	return p
}

func approverOf(acc Account) publish.Approver {
	return publish.Approver{AccountID: acc.ID, Name: acc.Login, Role: acc.Role}
}

func truncate(s string, max int) string {
	if r := []rune(s); len(r) > max {
		return string(r[:max])
	}
	return s
}

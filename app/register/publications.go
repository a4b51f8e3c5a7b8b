package register

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"photoconsent/app/access"
	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
	"photoconsent/app/pupil"
)

// Subjects returns the gate's view of the tagged pupils: their statuses now
// for the medium (photo or video), labelled "Amelia S.". Everyone who may
// publish may call it; it carries no contact details.
func (s *Session) Subjects(pupilIDs []string, m consent.Media) ([]publish.Subject, error) {
	if err := s.check(access.Publish); err != nil {
		return nil, err
	}
	today := civil.Today(s.now())
	out := make([]publish.Subject, 0, len(pupilIDs))
	err := s.store.View(func(tx Tx) error {
		for _, id := range pupilIDs {
			p, history, err := pupilAndAnswers(tx, id)
			if err != nil {
				return err
			}
			out = append(out, publish.Subject{PupilID: id, Label: label(p),
				Statuses: statusesNow(p, history, consent.Purposes, m, today), Leaver: !p.OnRoll(today)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// label names a pupil in the gate's reasons without their full name:
// forename and surname initial, "Amelia S."; a mononym alone.
func label(p pupil.Pupil) string {
	f, sur := p.Forename(), p.Surname()
	if f == "" || sur == "" || strings.EqualFold(f, sur) {
		return p.DisplayName()
	}
	first, _ := utf8.DecodeRuneInString(sur)
	return f + " " + string(first) + "."
}

// Policy returns the school's settings that change the gate's decisions.
func (s *Session) Policy() (publish.Policy, error) {
	if err := s.check(access.Publish); err != nil {
		return publish.Policy{}, err
	}
	set, err := s.Settings()
	if err != nil {
		return publish.Policy{}, err
	}
	return policyOf(set), nil
}

func policyOf(set Settings) publish.Policy {
	return publish.Policy{NotReturnedMeansConsent: set.Consent.NotReturnedMeansConsent,
		LeaversMayAppear: set.LeaversMayAppear}
}

// LogPublication appends an export, blocked attempt or override to the
// publication log, sealed to the chain, as the signed-in person. An
// Overridden entry must carry approvers that publish.CheckOverride accepts.
//
// Only the tagged pupils' IDs, the medium and what the gate saw are taken
// from e: who, when, the pupils' statuses and leaving, and the approvers'
// names and roles are read from the register at this moment. The first
// approver must be the signed-in head; a second must have signed off
// through SecondApprover within SignOffLasts. An override the rulebook does
// not accept returns publish.CheckOverride's error (publish.ErrNoSecond…).
// Entry and head are written in one transaction, so the chain cannot be
// left half-written.
func (s *Session) LogPublication(e publog.Entry) (publog.Entry, error) {
	if err := s.check(access.Publish); err != nil {
		return publog.Entry{}, err
	}
	if e.Kind == publog.Overridden {
		if err := s.check(access.Override); err != nil {
			return publog.Entry{}, err
		}
	}
	if err := checkEntry(&e); err != nil {
		return publog.Entry{}, err
	}
	if err := s.checkWebsite(e); err != nil {
		return publog.Entry{}, err
	}
	e.At, e.By, e.ByName = s.now().UTC(), s.me.ID, s.me.Login
	err := s.store.Update(func(tx Tx) error {
		set, err := settingsIn(tx)
		if err != nil {
			return err
		}
		if err := fillPupils(tx, &e, civil.Today(e.At)); err != nil {
			return err
		}
		if e.Kind == publog.Overridden {
			if err := s.checkApprovers(tx, &e, policyOf(set)); err != nil {
				return err
			}
		}
		return appendEntry(tx, &e)
	})
	if err != nil {
		return publog.Entry{}, err
	}
	return e, nil
}

// PublicationLog returns every entry, oldest first (head only).
func (s *Session) PublicationLog() ([]publog.Entry, error) {
	if err := s.check(access.ViewLog); err != nil {
		return nil, err
	}
	var out []publog.Entry
	err := s.store.View(func(tx Tx) error {
		var err error
		out, err = readLog(tx)
		return err
	})
	return out, err
}

// VerifyLog checks the whole chain (head only). An entry whose stored
// bytes no longer read is reported as changed, not as an error.
func (s *Session) VerifyLog() ([]publog.Problem, error) {
	if err := s.check(access.ViewLog); err != nil {
		return nil, err
	}
	var problems []publog.Problem
	err := s.store.View(func(tx Tx) error {
		var entries []publog.Entry
		err := tx.Scan(prefPublog, func(key string, decode func(any) error) error {
			var e publog.Entry
			if decode(&e) != nil {
				e = publog.Entry{Seq: seqOfKey(key)} // its hash will not match: reported as changed
			}
			entries = append(entries, e)
			return nil
		})
		if err != nil {
			return err
		}
		var head publog.Head
		if _, err := tx.Get(keyPublog, &head); err != nil {
			head = publog.Head{} // unreadable: reported as missing
		}
		problems = publog.Verify(entries, head)
		return nil
	})
	return problems, err
}

// Takedown is one published photo that must come down because a pupil in
// it may no longer appear there.
type Takedown struct {
	Entry       publog.Entry // the publication
	PupilID     string
	UPN         string
	PupilName   string
	Destination publish.Destination
	Output      string // the published copy's name
	Why         string // "consent for social media was withdrawn"
	Done        bool
	DoneAt      time.Time
	DoneBy      string // login
	Note        string
}

// checkWebsite refuses to log a copy published to the website by someone
// who is not a website authoriser: the gate blocks it first; this keeps
// the log from saying otherwise.
func (s *Session) checkWebsite(e publog.Entry) error {
	if e.Destination != publish.Website || e.Kind == publog.Blocked || e.Kind == publog.TakenDown {
		return nil
	}
	ok, err := s.MayUploadToWebsite()
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: only the school's named website authorisers publish to the website", access.ErrNotAllowed)
	}
	return nil
}

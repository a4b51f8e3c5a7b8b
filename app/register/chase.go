package register

import (
	"sort"

	"photoconsent/app/access"
	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/pupil"
)

// ChaseRow is one pupil on the chase list: a form not returned, or an
// answer that has expired, for at least one column.
type ChaseRow struct {
	PupilID  string
	Class    string
	Name     string // preferred forename and surname
	SortName string
	UPN      string
	Missing  []string // column keys (see Column.Key) with no answer
	Expired  []string // column keys whose answer has expired
	// Contact is the first contact with parental responsibility, with
	// phone and e-mail only for roles that may see them; zero if none.
	Contact pupil.Contact
}

// ChaseList lists every pupil on roll whose form is not returned or whose
// answer has expired for any column, by class and then surname (office and
// head: chasing forms is the office's job). Pupils who must never be
// published are left out: no form would let them appear.
func (s *Session) ChaseList() ([]ChaseRow, error) {
	if err := s.check(access.RecordConsent); err != nil {
		return nil, err
	}
	set, err := s.Settings()
	if err != nil {
		return nil, err
	}
	cols := Columns(set.Consent)
	today := civil.Today(s.now())
	contacts := s.Can(access.ViewContacts)
	var out []ChaseRow
	err = s.store.View(func(tx Tx) error {
		history, err := allAnswers(tx)
		if err != nil {
			return err
		}
		return scanPupils(tx, func(p pupil.Pupil) error {
			if r, ok := chaseRow(p, history[p.ID], cols, today, contacts); ok {
				out = append(out, r)
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	sortChase(out)
	return out, nil
}

func chaseRow(p pupil.Pupil, history []consent.Record, cols []Column, today civil.Date, contacts bool) (ChaseRow, bool) {
	if !p.OnRoll(today) {
		return ChaseRow{}, false
	}
	consent.SortHistory(history)
	r := ChaseRow{PupilID: p.ID, Class: p.Class, Name: p.DisplayName(), SortName: p.SortName(), UPN: p.UPN}
	for i, st := range statuses(p, history, cols, today) {
		switch st {
		case consent.StatusNotReturned:
			r.Missing = append(r.Missing, cols[i].Key())
		case consent.StatusExpired:
			r.Expired = append(r.Expired, cols[i].Key())
		}
	}
	if len(r.Missing) == 0 && len(r.Expired) == 0 {
		return ChaseRow{}, false
	}
	r.Contact = firstResponsible(p, contacts)
	return r, true
}

// firstResponsible is the contact an answer "by the first contact" is
// recorded against, so the office rings the same person.
func firstResponsible(p pupil.Pupil, contacts bool) pupil.Contact {
	if !contacts {
		p = p.WithoutContactDetails()
	}
	for _, c := range p.Contacts {
		if c.Responsibility {
			return c
		}
	}
	return pupil.Contact{}
}

// sortChase orders by class, pupils without a class last, then by surname.
func sortChase(rows []ChaseRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Class != b.Class {
			if a.Class == "" || b.Class == "" {
				return b.Class == ""
			}
			return Fold(a.Class) < Fold(b.Class)
		}
		return Fold(a.SortName) < Fold(b.SortName)
	})
}

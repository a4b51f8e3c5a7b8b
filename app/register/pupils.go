package register

import (
	"fmt"
	"strings"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/pupil"
)

// Detail is everything the pupil panel shows about one pupil.
type Detail struct {
	Pupil    pupil.Pupil      // contacts without phone or e-mail for a teacher
	History  []consent.Record // every answer ever recorded, oldest first
	Columns  []Column
	Statuses []consent.Status // one per column
	OnRoll   bool
}

// Givers lists who may answer for the pupil: each contact with parental
// responsibility, then the pupil.
func (d Detail) Givers() []consent.Giver {
	var out []consent.Giver
	for _, c := range d.Pupil.Contacts {
		if c.Responsibility {
			out = append(out, consent.Giver{Name: c.Name(), Relationship: c.Relationship})
		}
	}
	return append(out, consent.Giver{Name: d.Pupil.DisplayName(), Relationship: "Pupil", Pupil: true})
}

// Pupil returns one pupil's details and answer history.
func (s *Session) Pupil(id string) (Detail, error) {
	if err := s.check(access.ViewRegister); err != nil {
		return Detail{}, err
	}
	set, err := s.Settings()
	if err != nil {
		return Detail{}, err
	}
	var d Detail
	err = s.store.View(func(tx Tx) error {
		p, err := getPupil(tx, id)
		if err != nil {
			return err
		}
		d.Pupil = p
		d.History, err = answersOf(tx, id)
		return err
	})
	if err != nil {
		return Detail{}, err
	}
	if !s.Can(access.ViewContacts) {
		d.Pupil = d.Pupil.WithoutContactDetails()
	}
	today := civil.Today(s.now())
	d.Columns = Columns(set.Consent)
	d.Statuses = statuses(d.Pupil, d.History, d.Columns, today)
	d.OnRoll = d.Pupil.OnRoll(today)
	return d, nil
}

// Pupils returns every pupil's record; contact details are removed for
// roles that may not see them.
func (s *Session) Pupils() ([]pupil.Pupil, error) {
	if err := s.check(access.ViewRegister); err != nil {
		return nil, err
	}
	contacts := s.Can(access.ViewContacts)
	var out []pupil.Pupil
	err := s.store.View(func(tx Tx) error {
		return scanPupils(tx, func(p pupil.Pupil) error {
			if !contacts {
				p = p.WithoutContactDetails()
			}
			out = append(out, p)
			return nil
		})
	})
	return out, err
}

// FindPupil looks a pupil up by UPN, else by admission number, else by the
// short code printed on their consent form.
func (s *Session) FindPupil(ref string) (pupil.Pupil, error) {
	if err := s.check(access.ViewRegister); err != nil {
		return pupil.Pupil{}, err
	}
	ref = strings.TrimSpace(ref)
	var found []pupil.Pupil
	err := s.store.View(func(tx Tx) error {
		return scanPupils(tx, func(p pupil.Pupil) error {
			if (p.UPN != "" && strings.EqualFold(p.UPN, ref)) || (p.Adno != "" && p.Adno == ref) {
				found = append(found, p)
			}
			return nil
		})
	})
	switch {
	case err != nil:
		return pupil.Pupil{}, err
	case len(found) == 0:
		if _, ok := NormaliseCode(ref); ok {
			return s.FindByCode(ref) // the short code printed on the pupil's consent form
		}
		return pupil.Pupil{}, fmt.Errorf("no pupil has UPN or admission number %q: %w", ref, ErrNoPupil)
	case len(found) > 1:
		return pupil.Pupil{}, invalidf("more than one pupil matches %q", ref)
	}
	if !s.Can(access.ViewContacts) {
		return found[0].WithoutContactDetails(), nil
	}
	return found[0], nil
}

// Edit is a change office staff may make by hand to a pupil's record.
type Edit struct {
	PreferredForename string
	PreferredSurname  string
	Class             string
	Year              string
	Leaving           civil.Date
}

// EditPupil applies a hand edit (office and head). The next MIS import may
// overwrite it with what the MIS says.
func (s *Session) EditPupil(id string, e Edit) error {
	if err := s.check(access.EditPupil); err != nil {
		return err
	}
	return s.store.Update(func(tx Tx) error {
		p, err := getPupil(tx, id)
		if err != nil {
			return err
		}
		next := p
		next.PreferredForename = strings.TrimSpace(e.PreferredForename)
		next.PreferredSurname = strings.TrimSpace(e.PreferredSurname)
		next.Class = strings.TrimSpace(e.Class)
		next.Year = strings.TrimSpace(e.Year)
		next.Leaving = e.Leaving
		changed := changedFields(p, next)
		if len(changed) == 0 {
			return nil
		}
		if err := tx.Put(prefPupil+id, next); err != nil {
			return err
		}
		return appendEvent(tx, s.me, s.now(), audit.PupilEdited, id, strings.Join(changed, ", "))
	})
}

// SetNeverPublish marks a pupil who must never be published, whatever any
// form says (head only, with a reason).
func (s *Session) SetNeverPublish(id, reason string) error {
	return s.neverPublish(id, reason, true)
}

// ClearNeverPublish lifts the flag (head only, with a reason).
func (s *Session) ClearNeverPublish(id, reason string) error {
	return s.neverPublish(id, reason, false)
}

func (s *Session) neverPublish(id, reason string, set bool) error {
	if err := s.check(access.SetNeverPublish); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return invalidf("give a reason")
	}
	return s.store.Update(func(tx Tx) error {
		p, err := getPupil(tx, id)
		if err != nil {
			return err
		}
		kind := audit.NeverPublishClear
		if set {
			p.NeverPublish = &pupil.NeverPublish{Reason: reason, SetBy: s.me.ID, SetOn: civil.Today(s.now())}
			kind = audit.NeverPublishSet
		} else if p.NeverPublish == nil {
			return nil
		} else {
			p.NeverPublish = nil
		}
		if err := tx.Put(prefPupil+id, p); err != nil {
			return err
		}
		return appendEvent(tx, s.me, s.now(), kind, id, reason)
	})
}

func getPupil(tx Tx, id string) (pupil.Pupil, error) {
	var p pupil.Pupil
	ok, err := tx.Get(prefPupil+id, &p)
	if err == nil && !ok {
		err = ErrNoPupil
	}
	return p, err
}

func scanPupils(tx Tx, fn func(pupil.Pupil) error) error {
	return tx.Scan(prefPupil, func(_ string, decode func(any) error) error {
		var p pupil.Pupil
		if err := decode(&p); err != nil {
			return err
		}
		return fn(p)
	})
}

func answersOf(tx Tx, pupilID string) ([]consent.Record, error) {
	var out []consent.Record
	err := tx.Scan(prefAnswer+pupilID+"/", func(_ string, decode func(any) error) error {
		var r consent.Record
		if err := decode(&r); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	consent.SortHistory(out)
	return out, err
}

// allAnswers reads every answer once, grouped by pupil.
func allAnswers(tx Tx) (map[string][]consent.Record, error) {
	out := map[string][]consent.Record{}
	err := tx.Scan(prefAnswer, func(_ string, decode func(any) error) error {
		var r consent.Record
		if err := decode(&r); err != nil {
			return err
		}
		out[r.PupilID] = append(out[r.PupilID], r)
		return nil
	})
	return out, err
}

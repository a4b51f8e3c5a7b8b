package register

import (
	"slices"

	"photoconsent/app/access"
	"photoconsent/app/names"
	"photoconsent/app/pupil"
)

// PupilNames lists every pupil, leavers included, with each forename and
// surname they go by, for finding them in photos' file names and metadata
// (every role: teachers vet photos).
func (s *Session) PupilNames() ([]names.Person, error) {
	if err := s.check(access.ViewRegister); err != nil {
		return nil, err
	}
	var out []names.Person
	err := s.store.View(func(tx Tx) error {
		return scanPupils(tx, func(p pupil.Pupil) error {
			out = append(out, names.Person{
				ID:        p.ID,
				Forenames: distinct(p.PreferredForename, p.LegalForename),
				Surnames:  distinct(p.PreferredSurname, p.LegalSurname, p.FormerSurname),
			})
			return nil
		})
	})
	return out, err
}

// distinct keeps the non-empty names, first (preferred) first, each once.
func distinct(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

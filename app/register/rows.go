package register

import (
	"sort"
	"strings"

	"photoconsent/app/access"
	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/pupil"
)

// Column is one status column of the register: a purpose, and a medium when
// the school asks about photos and videos separately.
type Column struct {
	Purpose consent.Purpose
	Media   consent.Media
}

// Columns lists the register's status columns under the settings.
func Columns(set consent.Settings) []Column {
	var cols []Column
	for _, p := range consent.Purposes {
		if set.SplitMedia {
			cols = append(cols, Column{p, consent.MediaPhoto}, Column{p, consent.MediaVideo})
		} else {
			cols = append(cols, Column{p, consent.MediaAny})
		}
	}
	return cols
}

// Key names the column for machines: "school", or "school:photo".
func (c Column) Key() string {
	if c.Media == consent.MediaAny {
		return string(c.Purpose)
	}
	return string(c.Purpose) + ":" + string(c.Media)
}

// Row is one pupil's line in the register: who they are and one status per
// column. It carries no contact details.
type Row struct {
	PupilID      string
	Name         string // preferred forename and surname
	SortName     string // "Surname, Forename"
	LegalName    string // when it differs from Name
	UPN          string
	Adno         string
	Class        string
	Year         string
	OnRoll       bool
	NeverPublish bool
	Statuses     []consent.Status // one per column, in Columns order

	search string // folded names and identifiers, for Filter
}

// Register returns every pupil's row, sorted by surname, and the columns the
// statuses follow.
func (s *Session) Register() ([]Row, []Column, error) {
	if err := s.check(access.ViewRegister); err != nil {
		return nil, nil, err
	}
	set, err := s.Settings()
	if err != nil {
		return nil, nil, err
	}
	cols := Columns(set.Consent)
	today := civil.Today(s.now())
	var rows []Row
	err = s.store.View(func(tx Tx) error {
		history, err := allAnswers(tx)
		if err != nil {
			return err
		}
		return scanPupils(tx, func(p pupil.Pupil) error {
			rows = append(rows, newRow(p, history[p.ID], cols, today))
			return nil
		})
	})
	if err != nil {
		return nil, nil, err
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].search < rows[j].search })
	return rows, cols, nil
}

func newRow(p pupil.Pupil, history []consent.Record, cols []Column, today civil.Date) Row {
	r := Row{
		PupilID: p.ID, Name: p.DisplayName(), SortName: p.SortName(), UPN: p.UPN, Adno: p.Adno,
		Class: p.Class, Year: p.Year, OnRoll: p.OnRoll(today), NeverPublish: p.NeverPublish != nil,
		Statuses: statuses(p, history, cols, today),
	}
	legal := strings.TrimSpace(p.LegalForename + " " + p.LegalSurname)
	if Fold(legal) != Fold(r.Name) {
		r.LegalName = legal
	}
	r.search = Fold(r.SortName + " " + legal + " " + p.MiddleNames + " " + p.UPN + " " + p.Adno + " " + ShortCode(p.ID))
	return r
}

func statuses(p pupil.Pupil, history []consent.Record, cols []Column, today civil.Date) []consent.Status {
	out := make([]consent.Status, len(cols))
	for i, c := range cols {
		out[i] = consent.Derive(history, c.Purpose, c.Media, p.NeverPublish != nil, today)
	}
	return out
}

// Filter narrows the register. The zero Filter shows every pupil on roll.
type Filter struct {
	Search  string // part of a name, UPN or admission number
	Class   string
	Year    string
	Column  int            // index into the columns, for Status
	Status  consent.Status // "" for any
	Leavers bool           // include pupils who have left
}

// Match reports whether the row passes the filter.
func (f Filter) Match(r Row) bool {
	switch {
	case !f.Leavers && !r.OnRoll:
		return false
	case f.Class != "" && r.Class != f.Class:
		return false
	case f.Year != "" && r.Year != f.Year:
		return false
	case f.Status != "" && (f.Column < 0 || f.Column >= len(r.Statuses) || r.Statuses[f.Column] != f.Status):
		return false
	}
	if f.Search == "" {
		return true
	}
	for _, w := range strings.Fields(Fold(f.Search)) {
		if !strings.Contains(r.search, w) {
			return false
		}
	}
	return true
}

// Classes and Years list the distinct classes and years in the rows, for
// filter menus; years in school order (nursery, reception, 1, 2 …).
func Classes(rows []Row) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range rows {
		if r.Class != "" && !seen[r.Class] {
			seen[r.Class] = true
			out = append(out, r.Class)
		}
	}
	sort.Strings(out)
	return out
}

// Years lists the distinct NC years in the rows in school order.
func Years(rows []Row) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range rows {
		if r.Year != "" && !seen[r.Year] {
			seen[r.Year] = true
			out = append(out, r.Year)
		}
	}
	sort.Slice(out, func(i, j int) bool { return yearRank(out[i]) < yearRank(out[j]) })
	return out
}

// yearRank orders NC year codes: N1, N2, R, 1..14, then anything else (X).
func yearRank(y string) int {
	switch y {
	case "N1":
		return 0
	case "N2":
		return 1
	case "R":
		return 2
	}
	n := 0
	for _, c := range y {
		if c < '0' || c > '9' {
			return 100
		}
		n = n*10 + int(c-'0')
	}
	return 2 + n
}

package register

import (
	"strings"

	"photoconsent/app/pupil"
)

// matcher finds the stored pupil an imported row describes: by UPN (or a
// former UPN, when a temporary UPN was replaced), else by MIS admission
// number, else by legal name and date of birth.
type matcher struct {
	byUPN     map[string]int
	byAdno    map[string]int
	byNameDOB map[string]int
	existing  []pupil.Pupil
	claimed   map[int]int // existing index → line that matched it
}

func newMatcher(existing []pupil.Pupil) *matcher {
	m := &matcher{
		byUPN: map[string]int{}, byAdno: map[string]int{}, byNameDOB: map[string]int{},
		existing: existing, claimed: map[int]int{},
	}
	for i, p := range existing {
		m.index(p, i)
	}
	return m
}

func (m *matcher) index(p pupil.Pupil, i int) {
	for _, u := range []string{p.UPN, p.FormerUPN} {
		if u != "" {
			m.byUPN[strings.ToUpper(u)] = i
		}
	}
	if p.Adno != "" {
		m.byAdno[p.Adno] = i
	}
	if k := nameDOBKey(p); k != "" {
		m.byNameDOB[k] = i
	}
}

// add records a new pupil from the file at line, so a later line describing
// the same pupil is caught as a repeat.
func (m *matcher) add(p pupil.Pupil, line int) {
	m.existing = append(m.existing, p)
	i := len(m.existing) - 1
	m.index(p, i)
	m.claimed[i] = line
}

// match returns the stored pupil for the row, whether one was found, and,
// when an earlier line of the same file already matched it, that line.
func (m *matcher) match(in pupil.Pupil, line int) (pupil.Pupil, bool, int) {
	i, ok := m.find(in)
	if !ok {
		return pupil.Pupil{}, false, 0
	}
	if prev, taken := m.claimed[i]; taken {
		return pupil.Pupil{}, false, prev
	}
	m.claimed[i] = line
	return m.existing[i], true, 0
}

func (m *matcher) find(in pupil.Pupil) (int, bool) {
	for _, u := range []string{in.UPN, in.FormerUPN} {
		if u == "" {
			continue
		}
		if i, ok := m.byUPN[strings.ToUpper(u)]; ok {
			return i, true
		}
	}
	if in.Adno != "" {
		if i, ok := m.byAdno[in.Adno]; ok {
			return i, true
		}
	}
	if k := nameDOBKey(in); k != "" {
		if i, ok := m.byNameDOB[k]; ok {
			return i, true
		}
	}
	return 0, false
}

// unmatched lists stored pupils no row matched.
func (m *matcher) unmatched() []pupil.Pupil {
	var out []pupil.Pupil
	for i, p := range m.existing {
		if _, ok := m.claimed[i]; !ok {
			out = append(out, p)
		}
	}
	return out
}

func nameDOBKey(p pupil.Pupil) string {
	if p.DOB.IsZero() || p.LegalSurname == "" {
		return ""
	}
	return Fold(p.LegalForename+" "+p.LegalSurname) + "|" + p.DOB.String()
}

package ui

import (
	"sort"
	"strings"

	"photoconsent/app/consent"
	"photoconsent/app/register"
)

// sortRows orders the shown rows by the chosen column.
func (r *registerScreen) sortRows() {
	years := map[string]int{}
	for i, y := range register.Years(r.rows) {
		years[y] = i
	}
	rank := map[consent.Status]int{}
	for i, s := range consent.Statuses {
		rank[s] = i
	}
	byName := func(a, b register.Row) int {
		return strings.Compare(register.Fold(a.SortName), register.Fold(b.SortName))
	}
	cmp := func(a, b register.Row) int {
		switch c := r.sortCol; {
		case c == colClass:
			if d := naturalCompare(a.Class, b.Class); d != 0 {
				return d
			}
		case c == colYear:
			if d := years[a.Year] - years[b.Year]; d != 0 {
				return d
			}
		case c >= colFirstStatus:
			i := c - colFirstStatus
			if i < len(a.Statuses) && i < len(b.Statuses) {
				if d := rank[a.Statuses[i]] - rank[b.Statuses[i]]; d != 0 {
					return d
				}
			}
		}
		return byName(a, b)
	}
	sort.SliceStable(r.shown, func(i, j int) bool {
		d := cmp(r.shown[i], r.shown[j])
		if r.sortDesc {
			return d > 0
		}
		return d < 0
	})
}

// naturalCompare orders "2B" before "10A".
func naturalCompare(a, b string) int {
	na, ra := leadingNumber(a)
	nb, rb := leadingNumber(b)
	if na != nb {
		return na - nb
	}
	return strings.Compare(strings.ToLower(ra), strings.ToLower(rb))
}

func leadingNumber(s string) (int, string) {
	n, i := 0, 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' && i < 6 {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 {
		return -1, s
	}
	return n, s[i:]
}

// sortBy sorts by a column, or reverses the order if it already is.
func (r *registerScreen) sortBy(col int) {
	if r.sortCol == col {
		r.sortDesc = !r.sortDesc
	} else {
		r.sortCol, r.sortDesc = col, false
	}
	r.apply()
}

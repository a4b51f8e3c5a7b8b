package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"photoconsent/app/civil"
)

// parseUKDate reads a date as people in English schools type it: dd/mm/yyyy,
// with -, . or spaces also accepted between the parts, and ISO yyyy-mm-dd.
// An empty box is the zero Date. The error is a sentence for the screen.
func parseUKDate(s string) (civil.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return civil.Date{}, nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' || r == ' ' })
	if len(parts) != 3 {
		return civil.Date{}, fmt.Errorf("%q is not a date: write it as dd/mm/yyyy", s)
	}
	n := make([]int, 3)
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return civil.Date{}, fmt.Errorf("%q is not a date: write it as dd/mm/yyyy", s)
		}
		n[i] = v
	}
	d, m, y := n[0], n[1], n[2]
	if len(parts[0]) == 4 { // ISO
		y, m, d = n[0], n[1], n[2]
	}
	if y < 100 {
		y += 2000
	}
	t := time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
	if y < 1900 || y > 2200 || t.Day() != d || int(t.Month()) != m {
		return civil.Date{}, fmt.Errorf("%q is not a real date: write it as dd/mm/yyyy", s)
	}
	return civil.Date{Year: y, Month: time.Month(m), Day: d}, nil
}

// ukDateTime is a moment as schools read it: 23/11/2026 14:05.
func ukDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("02/01/2006 15:04")
}

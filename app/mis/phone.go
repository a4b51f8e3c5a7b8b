package mis

import (
	"fmt"
	"strings"

	"photoconsent/app/pupil"
)

// lostZero reports whether a mobile number is a UK mobile whose leading zero
// Excel dropped by reading it as a number: ten digits starting with 7. No
// UK number in any other form is ten digits starting with 7, so the repair
// cannot turn a good number into a wrong one.
func lostZero(s string) (digits string, ok bool) {
	d := strings.ReplaceAll(s, " ", "")
	if len(d) != 10 || d[0] != '7' {
		return "", false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return "", false
		}
	}
	return "0" + d, true
}

// spacedMobile reports whether s is written "07700 900113", the way UK
// mobiles are usually printed.
func spacedMobile(s string) bool {
	if len(s) != 12 || s[0] != '0' || s[5] != ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i != 5 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

// restoreMobiles puts back the leading zero Excel strips from mobile
// numbers, written the way most of the file's other mobiles are written
// ("07700 900113" or "07700900113"), so the number matches how the school
// keeps it. Each repair is a row warning; the number itself is not repeated.
func restoreMobiles(rows []Row) {
	spaced, plain := 0, 0
	for _, r := range rows {
		for _, c := range r.Pupil.Contacts {
			if _, lost := lostZero(c.Mobile); lost || c.Mobile == "" {
				continue
			}
			if spacedMobile(c.Mobile) {
				spaced++
			} else {
				plain++
			}
		}
	}
	for i := range rows {
		r := &rows[i]
		for j := range r.Pupil.Contacts {
			c := &r.Pupil.Contacts[j]
			d, lost := lostZero(c.Mobile)
			if !lost {
				continue
			}
			c.Mobile = d
			if spaced > plain {
				c.Mobile = d[:5] + " " + d[5:]
			}
			r.Warnings = append(r.Warnings, fmt.Sprintf("contact %d mobile number had lost its leading zero, as Excel does; it was put back", contactNumber(*c, j)))
		}
	}
}

// contactNumber is how warnings name a contact: by its order in the file
// (the "2" of "Contact 2 Mobile"), else by its position.
func contactNumber(c pupil.Contact, i int) int {
	if c.Order > 0 {
		return c.Order
	}
	return i + 1
}

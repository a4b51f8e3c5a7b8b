package mis

import (
	"errors"
	"fmt"
	"strings"

	"photoconsent/app/civil"
	"photoconsent/app/pupil"
)

// notes gathers one row's warnings while its cells are read. Every message
// is a plain sentence without the pupil's or a contact's name: the UI shows
// the row beside it, and warnings may be kept in the import log.
type notes struct {
	list []string
}

func (n *notes) add(s string) { n.list = append(n.list, s) }

func (n *notes) addf(format string, args ...any) { n.add(fmt.Sprintf(format, args...)) }

// upn upper-cases the UPN, classifies it and warns about anything but a
// valid or temporary one. The UPN is kept whatever its state: the register
// decides what a bad one means.
func (n *notes) upn(raw string) (string, pupil.UPNStatus) {
	upn := strings.ToUpper(strings.TrimSpace(raw))
	status := pupil.CheckUPN(upn)
	switch status {
	case pupil.UPNMissing:
		n.add("UPN is missing")
	case pupil.UPNMalformed:
		n.add("UPN is not in the DfE form of a letter and 12 more characters")
	case pupil.UPNBadCheck:
		n.add("UPN check letter is wrong")
	}
	return upn, status
}

// formerUPN is kept like the UPN; a blank one is normal.
func (n *notes) formerUPN(raw string) string {
	upn := strings.ToUpper(strings.TrimSpace(raw))
	switch pupil.CheckUPN(upn) {
	case pupil.UPNMalformed:
		n.add("former UPN is not in the DfE form of a letter and 12 more characters")
	case pupil.UPNBadCheck:
		n.add("former UPN check letter is wrong")
	}
	return upn
}

// date reads a date cell; a bad one is left unknown with a warning such as
// "date of birth '31/02/2015' is not a real date".
func (n *notes) date(what, raw string) civil.Date {
	d, err := parseDate(raw)
	switch {
	case err == nil:
		return d
	case errors.Is(err, errNotRealDate), errors.Is(err, errShortYear):
		n.add(withValue(what, raw, err.Error()))
	default:
		n.add(withValue(what, raw, "is not a date in the form dd/mm/yyyy or yyyy-mm-dd"))
	}
	return civil.Date{}
}

func (n *notes) year(raw string) string {
	y, ok := parseYear(raw)
	if !ok {
		n.add(withValue("year", raw, "is not a National Curriculum year"))
	}
	return y
}

func (n *notes) sex(raw string) string {
	s, ok := parseSex(raw)
	if !ok {
		n.add(withValue("sex", raw, "is not M or F"))
	}
	return s
}

func (n *notes) consent(raw string) string {
	c, ok := parseConsent(raw)
	if !ok {
		n.add(withValue("photo consent", raw, "is not understood and was taken as no answer"))
	}
	return c
}

// names warns about a row that cannot be told apart from others or whose
// forename or surname is blank in a file that has a column for it. A blank
// forename with a surname is kept as it is, as a single name (Arbor records
// a mononym that way), rather than copying the surname into it as CTF
// files do: the file did not say so, and pupil.DisplayName shows either
// form once.
func (n *notes) names(p pupil.Pupil, has carried) {
	anyName := p.LegalForename != "" || p.LegalSurname != "" || p.PreferredForename != "" || p.PreferredSurname != ""
	switch {
	case !anyName && p.UPN == "":
		n.add("the row has no name and no UPN")
	case !anyName:
		n.add("the row has no name")
	case has.forename && p.LegalForename == "" && p.LegalSurname != "":
		n.add("legal forename is blank; the pupil is taken to have a single name")
	case has.surname && p.LegalSurname == "" && p.LegalForename != "":
		n.add("legal surname is blank")
	}
}

// carried says which legal-name columns a file has, so that a name the file
// never had is not reported as blank.
type carried struct {
	forename, surname bool
}

// responsibility reads a contact's parental-responsibility cell, presuming
// from the relationship when the file does not say.
func (n *notes) responsibility(num int, cell string, c pupil.Contact) bool {
	v, known, ok := parseYesNo(cell)
	if known {
		return v
	}
	if !ok {
		n.addf("contact %d parental responsibility is not yes or no", num)
	}
	return n.presume(num, c)
}

// presume applies presumesResponsibility and says so, because a presumed
// "yes" lets a person answer for the child.
func (n *notes) presume(num int, c pupil.Contact) bool {
	rel := relationshipShown(c)
	if presumesResponsibility(c.RelationshipCode, c.Relationship) {
		n.addf("contact %d parental responsibility is not in the file; presumed from the relationship '%s'", num, rel)
		return true
	}
	if rel == "" {
		n.addf("contact %d parental responsibility is not in the file and the relationship gives no reason to presume it", num)
		return false
	}
	n.addf("contact %d parental responsibility is not in the file; not presumed for the relationship '%s'", num, rel)
	return false
}

// email warns about an address without a single @ between two parts; the
// address itself is not repeated because it usually contains a name.
func (n *notes) email(num int, e string) {
	if e == "" {
		return
	}
	local, domain, ok := strings.Cut(e, "@")
	if !ok || local == "" || domain == "" || strings.Contains(domain, "@") || strings.ContainsAny(e, " \t") {
		n.addf("contact %d e-mail address does not look like one", num)
	}
}

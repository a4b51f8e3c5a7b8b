package mis

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"photoconsent/app/civil"
	"photoconsent/app/pupil"
)

// CTF versions this parser was checked against; others are read the same
// way with a file warning, because the pupil elements have barely changed.
const (
	oldestCTF = 19
	newestCTF = 25
)

// file turns the collected document into a File.
func (doc *ctfDoc) file(warnings []string) *File {
	h := doc.header
	f := &File{
		Format:  CTF,
		Version: strings.TrimSpace(h.Version),
		School: School{
			LEA:          strings.TrimSpace(h.Source.LEA),
			Estab:        strings.TrimSpace(h.Source.Estab),
			URN:          strings.TrimSpace(h.Source.URN),
			Name:         strings.TrimSpace(h.Source.Name),
			AcademicYear: strings.TrimSpace(h.Source.AcademicYear),
		},
	}
	f.Warnings = doc.headerWarnings(f)
	f.Warnings = append(f.Warnings, warnings...)
	for i, p := range doc.pupils {
		f.Rows = append(f.Rows, p.row(i+1, f.School))
	}
	restoreMobiles(f.Rows)
	return f
}

// headerWarnings checks the header and sets ExportedAt.
func (doc *ctfDoc) headerWarnings(f *File) []string {
	if !doc.hasHeader {
		return []string{"the file has no header, so the school and the export time are not known"}
	}
	var out []string
	if !supportedVersion(f.Version) {
		out = append(out, withValue("CTF version", f.Version, fmt.Sprintf("is not one this app was checked with (%d.0 to %d.0); the file was read as usual", oldestCTF, newestCTF)))
	}
	if raw := strings.TrimSpace(doc.header.DateTime); raw != "" {
		t, ok := exportTime(raw)
		if !ok {
			out = append(out, withValue("export time", raw, "is not a date and time"))
		}
		f.ExportedAt = t
	}
	if f.School.LEA == "" || f.School.Estab == "" {
		out = append(out, "the header does not name the source school, so admission dates are not read")
	}
	return out
}

func supportedVersion(v string) bool {
	major, _, _ := strings.Cut(v, ".")
	n, err := strconv.Atoi(major)
	return err == nil && n >= oldestCTF && n <= newestCTF
}

// ukTime is the zone of the CTF header's DateTime: a school's wall clock,
// written without an offset. Where the zone database is missing (a bare
// Windows install) UTC is used, which is at most an hour out.
var ukTime = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
})

func exportTime(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, ukTime()); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// row turns one <Pupil> into a Row. CTF carries no registration group and
// no photo consent, so those stay empty.
func (cp ctfPupil) row(line int, school School) Row {
	n := &notes{}
	var p pupil.Pupil
	p.UPN, p.UPNStatus = n.upn(cp.UPN)
	p.FormerUPN = n.formerUPN(cp.Basic.FormerUPN)
	p.LegalForename = strings.TrimSpace(cp.Forename)
	p.MiddleNames = strings.TrimSpace(cp.Basic.MiddleNames)
	p.LegalSurname = strings.TrimSpace(cp.Surname)
	p.PreferredForename = strings.TrimSpace(cp.Basic.PreferredForename)
	p.PreferredSurname = strings.TrimSpace(cp.Basic.PreferredSurname)
	p.FormerSurname = strings.TrimSpace(cp.Basic.FormerSurname)
	sex := cp.Sex
	if strings.TrimSpace(sex) == "" {
		sex = cp.Gender
	}
	p.Sex = n.sex(sex)
	p.DOB = n.date("date of birth", cp.DOB)
	p.Year = n.year(cp.Basic.NCyearActual)
	p.Admission, p.Leaving = n.history(cp.Schools, school)
	p.Contacts = n.ctfContacts(cp.Contacts)
	n.names(p, carried{forename: true, surname: true})
	return Row{Line: line, Pupil: p, Warnings: n.list}
}

// history finds this school's entry in the pupil's school history: the one
// whose LEA and establishment number are the header's source school. A
// pupil re-admitted has two; the latest admission is the current one.
func (n *notes) history(schools list[ctfSchool], src School) (admission, leaving civil.Date) {
	if src.LEA == "" || src.Estab == "" {
		return civil.Date{}, civil.Date{}
	}
	var own []ctfSchool
	for _, s := range schools.items {
		if strings.TrimSpace(s.LEA) == src.LEA && strings.TrimSpace(s.Estab) == src.Estab {
			own = append(own, s)
		}
	}
	if len(own) == 0 {
		n.add("the school history has no entry for this school, so the admission date is not known")
		return civil.Date{}, civil.Date{}
	}
	latest := slices.MaxFunc(own, func(a, b ctfSchool) int {
		da, errA := parseDate(a.Entry)
		db, errB := parseDate(b.Entry)
		if errA != nil || errB != nil {
			return 0
		}
		return da.Compare(db)
	})
	return n.date("admission date", latest.Entry), n.date("leaving date", latest.Leaving)
}

// ctfContacts reads the contacts in <Order> order: SIMS does not write them
// in order. Contacts without a usable Order go last, in file order.
func (n *notes) ctfContacts(cl list[ctfContact]) []pupil.Contact {
	if cl.dropped > 0 {
		n.addf("only the first %d contacts were read", maxListItems)
	}
	raw := slices.Clone(cl.items)
	slices.SortStableFunc(raw, func(a, b ctfContact) int {
		return cmp.Compare(orderKey(a.Order), orderKey(b.Order))
	})
	var out []pupil.Contact
	for i, c := range raw {
		out = append(out, n.contactFromCTF(c, i))
	}
	return out
}

// orderKey sorts a contact by its <Order>, putting a missing or unreadable
// one last.
func orderKey(raw string) int {
	order, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil || order < 1 {
		return math.MaxInt
	}
	return order
}

// contactFromCTF reads one contact. A missing or unreadable
// <Responsibility> is presumed from the relationship, with a warning.
func (n *notes) contactFromCTF(c ctfContact, i int) pupil.Contact {
	order := orderKey(c.Order)
	if order == math.MaxInt {
		order = 0
	}
	code, words, known := relationshipFromCTF(c.Relationship)
	lives, _, _ := parseYesNo(c.AddressAsPupil)
	ct := pupil.Contact{
		Order: order, Title: strings.TrimSpace(c.Title),
		Forename: strings.TrimSpace(c.Forename), MiddleNames: strings.TrimSpace(c.MiddleNames),
		Surname: strings.TrimSpace(c.Surname), RelationshipCode: code, Relationship: words,
		LivesWithPupil: lives, Mobile: mobileOf(c.Phones), Email: strings.TrimSpace(c.Email),
	}
	num := contactNumber(ct, i)
	if !known {
		n.add(withCode(fmt.Sprintf("contact %d relationship code", num), code, "is not a DfE code this app knows"))
	}
	ct.Responsibility = n.responsibility(num, c.Responsibility, ct)
	n.email(num, ct.Email)
	return ct
}

// mobileOf is the first phone of type M (mobile).
func mobileOf(phones list[ctfPhone]) string {
	for _, p := range phones.items {
		if strings.EqualFold(strings.TrimSpace(p.Type), "M") {
			return strings.TrimSpace(p.Number)
		}
	}
	return ""
}

// withCode quotes a DfE code, which is short capitals and never a name.
func withCode(what, code, problem string) string {
	if len(code) <= 4 && strings.Trim(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		return what + " '" + code + "' " + problem
	}
	return what + " " + problem
}

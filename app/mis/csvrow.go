package mis

import (
	"strings"

	"photoconsent/app/pupil"
)

// row reads one CSV record into a Row. Every cell is trimmed; names are
// otherwise kept exactly as written (a typographic apostrophe stays one),
// because the register compares names itself and an import must not
// quietly change what the MIS holds.
func (c columnSet) row(rec record) Row {
	n := &notes{}
	get := func(f Field) string { return c.get(rec, f) }
	var p pupil.Pupil
	p.UPN, p.UPNStatus = n.upn(get(FieldUPN))
	p.FormerUPN = n.formerUPN(get(FieldFormerUPN))
	p.Adno = get(FieldAdno)
	p.LegalForename = get(FieldLegalForename)
	p.MiddleNames = get(FieldMiddleNames)
	p.LegalSurname = get(FieldLegalSurname)
	p.PreferredForename = get(FieldPreferredForename)
	p.PreferredSurname = get(FieldPreferredSurname)
	p.FormerSurname = get(FieldFormerSurname)
	fillFromFullName(&p, get(FieldFullName))
	p.Sex = n.sex(get(FieldSex))
	p.DOB = n.date("date of birth", get(FieldDOB))
	p.Year = n.year(get(FieldYear))
	p.Class = get(FieldClass)
	p.Admission = n.date("admission date", get(FieldAdmission))
	p.Leaving = n.date("leaving date", get(FieldLeaving))
	consent := n.consent(get(FieldPhotoConsent))
	p.Contacts = c.contactsOf(rec, p, n)
	n.names(p, carried{
		forename: c.has(FieldLegalForename) || c.has(FieldFullName),
		surname:  c.has(FieldLegalSurname) || c.has(FieldFullName),
	})
	c.shape(rec, n)
	return Row{Line: rec.row, Pupil: p, PhotoConsent: consent, Warnings: n.list}
}

// fillFromFullName uses a one-cell name only when the row has no separate
// legal names, as in a report with just "Name". Arbor's "Name" column sits
// beside its name columns and is then not needed.
func fillFromFullName(p *pupil.Pupil, full string) {
	if full == "" || p.LegalForename != "" || p.LegalSurname != "" {
		return
	}
	_, p.LegalForename, p.LegalSurname = splitName(full)
}

// shape warns about a row whose cells do not line up with the headings.
func (c columnSet) shape(rec record, n *notes) {
	if len(rec.fields) < c.width {
		n.addf("the row has %d cells for %d headings; the missing ones were taken as blank", len(rec.fields), c.width)
	}
	if rec.extra > 0 || hasText(rec.fields[min(c.width, len(rec.fields)):]) {
		n.add("the row has cells beyond the last heading; they were not read")
	}
}

func hasText(cells []string) bool {
	for _, s := range cells {
		if strings.TrimSpace(s) != "" {
			return true
		}
	}
	return false
}

// contactsOf reads the row's contacts in number order, skipping numbers
// whose cells are all blank (a pupil with one parent in a two-contact
// report).
func (c columnSet) contactsOf(rec record, p pupil.Pupil, n *notes) []pupil.Contact {
	var out []pupil.Contact
	for _, num := range c.contacts {
		get := func(part ContactPart) string { return c.get(rec, ContactField(num, part)) }
		ct := pupil.Contact{
			Order: num, Title: get(ContactTitle), Forename: get(ContactForename), Surname: get(ContactSurname),
			Mobile: get(ContactMobile), Email: get(ContactEmail),
		}
		if ct.Forename == "" && ct.Surname == "" {
			var title string
			title, ct.Forename, ct.Surname = splitName(get(ContactName), p.LegalSurname, p.PreferredSurname, p.FormerSurname)
			if ct.Title == "" {
				ct.Title = title
			}
		}
		ct.RelationshipCode, ct.Relationship = relationshipFromCSV(get(ContactRelationship))
		if ct == (pupil.Contact{Order: num}) {
			continue
		}
		if ct.Forename == "" && ct.Surname == "" {
			n.addf("contact %d has no name", num)
		}
		ct.Responsibility = n.responsibility(num, get(ContactResponsibility), ct)
		n.email(num, ct.Email)
		out = append(out, ct)
	}
	return out
}

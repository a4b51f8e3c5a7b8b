package mis

import (
	"strconv"
	"strings"
	"unicode"
)

// The CSV dialects File.Version names for a CSV file.
const (
	dialectSIMS  = "SIMS"
	dialectArbor = "Arbor"
)

// heading is what a known column heading means.
type heading struct {
	field   Field
	dialect string // the MIS whose reports use this wording, or ""
}

// pupilHeadings maps normalised headings (see headingKey) to fields. SIMS
// wording comes from its report designer, Arbor wording from its API model
// (legalFirstName, preferredLastName...), the rest are what schools type
// into their own reports.
var pupilHeadings = map[string]heading{
	"upn": {FieldUPN, ""}, "uniquepupilnumber": {FieldUPN, ""}, "pupilupn": {FieldUPN, ""}, "studentupn": {FieldUPN, ""},

	"formerupn": {FieldFormerUPN, ""}, "previousupn": {FieldFormerUPN, ""}, "oldupn": {FieldFormerUPN, ""},

	"adno": {FieldAdno, dialectSIMS}, "admno": {FieldAdno, ""}, "admissionno": {FieldAdno, ""},
	"admissionnumber": {FieldAdno, ""}, "admnumber": {FieldAdno, ""}, "admissionsnumber": {FieldAdno, ""},

	"legalforename": {FieldLegalForename, dialectSIMS}, "legalfirstname": {FieldLegalForename, dialectArbor},
	"forename": {FieldLegalForename, ""}, "firstname": {FieldLegalForename, ""}, "givenname": {FieldLegalForename, ""},
	"forenames": {FieldLegalForename, ""},

	"legalsurname": {FieldLegalSurname, dialectSIMS}, "legallastname": {FieldLegalSurname, dialectArbor},
	"surname": {FieldLegalSurname, ""}, "lastname": {FieldLegalSurname, ""}, "familyname": {FieldLegalSurname, ""},

	"preferredforename": {FieldPreferredForename, dialectSIMS}, "preferredfirstname": {FieldPreferredForename, dialectArbor},
	"knownas": {FieldPreferredForename, ""}, "preferredname": {FieldPreferredForename, ""},

	"preferredsurname": {FieldPreferredSurname, dialectSIMS}, "preferredlastname": {FieldPreferredSurname, dialectArbor},

	"middlename": {FieldMiddleNames, ""}, "middlenames": {FieldMiddleNames, ""},
	"legalmiddlename": {FieldMiddleNames, ""}, "legalmiddlenames": {FieldMiddleNames, dialectArbor},

	"formersurname": {FieldFormerSurname, ""}, "previoussurname": {FieldFormerSurname, ""}, "formerlastname": {FieldFormerSurname, ""},

	// Arbor's "Name" is the display name; other reports use "Full Name" or
	// "Pupil Name", sometimes as "Surname, Forename".
	"name": {FieldFullName, ""}, "fullname": {FieldFullName, ""}, "pupilname": {FieldFullName, ""},
	"studentname": {FieldFullName, ""}, "childname": {FieldFullName, ""}, "childsname": {FieldFullName, ""},

	"sex": {FieldSex, ""}, "gender": {FieldSex, ""}, "legalsex": {FieldSex, ""},

	"dob": {FieldDOB, ""}, "dateofbirth": {FieldDOB, ""}, "birthdate": {FieldDOB, ""},

	"year": {FieldYear, ""}, "yeargroup": {FieldYear, ""}, "ncyear": {FieldYear, ""}, "ncyearactual": {FieldYear, ""},
	"curriculumyear": {FieldYear, ""}, "nationalcurriculumyear": {FieldYear, ""}, "yr": {FieldYear, ""},

	"reg": {FieldClass, dialectSIMS}, "reggroup": {FieldClass, ""}, "registrationgroup": {FieldClass, ""},
	"registrationform": {FieldClass, dialectArbor}, "regform": {FieldClass, ""}, "form": {FieldClass, ""},
	"formgroup": {FieldClass, ""}, "tutorgroup": {FieldClass, ""}, "class": {FieldClass, ""},
	"registrationclass": {FieldClass, ""}, "regclass": {FieldClass, ""},

	"admissiondate": {FieldAdmission, ""}, "dateofadmission": {FieldAdmission, ""}, "entrydate": {FieldAdmission, ""},
	"enrolmentstartdate": {FieldAdmission, dialectArbor}, "enrollmentstartdate": {FieldAdmission, ""},
	"startdate": {FieldAdmission, ""}, "dateofentry": {FieldAdmission, ""},

	"leavingdate": {FieldLeaving, ""}, "dateofleaving": {FieldLeaving, ""}, "leavedate": {FieldLeaving, ""},
	"enrolmentenddate": {FieldLeaving, dialectArbor}, "enrollmentenddate": {FieldLeaving, ""}, "enddate": {FieldLeaving, ""},

	"photoconsent": {FieldPhotoConsent, ""}, "photographyconsent": {FieldPhotoConsent, dialectArbor},
	"photographconsent": {FieldPhotoConsent, ""}, "photopermission": {FieldPhotoConsent, ""},
	"photographypermission": {FieldPhotoConsent, ""}, "imageconsent": {FieldPhotoConsent, ""},
	"photos": {FieldPhotoConsent, ""}, "photographs": {FieldPhotoConsent, ""},

	// Internal record ids: Arbor's "Student ID" is not an admission number
	// and must not be matched as one. Known, so no "not used" warning.
	"studentid": {FieldIgnore, dialectArbor}, "pupilid": {FieldIgnore, ""}, "personid": {FieldIgnore, ""},
	"misid": {FieldIgnore, ""}, "arborid": {FieldIgnore, dialectArbor},
}

// contactHolders are the words before a contact's attribute, with the
// contact number they imply when no digits follow. Longest first, so
// "parentcarer" is tried before "parent".
var contactHolders = []struct {
	prefix  string
	n       int // 0: a number must follow; otherwise the implied number
	dialect string
}{
	{"primaryguardian", 1, dialectArbor}, {"secondaryguardian", 2, dialectArbor},
	{"primarycontact", 1, ""}, {"secondarycontact", 2, ""},
	{"primaryparent", 1, ""}, {"secondaryparent", 2, ""},
	{"parentcarer", 0, ""}, {"guardian", 0, ""}, {"contact", 0, dialectSIMS}, {"parent", 0, ""}, {"carer", 0, ""},
}

// contactWords maps what follows the holder ("Contact 1 <Mobile>") to the
// contact attribute. The empty word is the bare holder, Arbor's
// "Primary Guardian" column, which holds the full name.
var contactWords = map[string]ContactPart{
	"": ContactName, "name": ContactName, "fullname": ContactName,
	"title":    ContactTitle,
	"forename": ContactForename, "firstname": ContactForename, "givenname": ContactForename,
	"legalforename": ContactForename, "legalfirstname": ContactForename,
	"surname": ContactSurname, "lastname": ContactSurname, "familyname": ContactSurname,
	"legalsurname": ContactSurname, "legallastname": ContactSurname,
	"relationship": ContactRelationship, "relation": ContactRelationship, "relationshiptype": ContactRelationship,
	"relationshiptopupil": ContactRelationship, "relationshiptostudent": ContactRelationship,
	"relationshiptochild":    ContactRelationship,
	"parentalresponsibility": ContactResponsibility, "responsibility": ContactResponsibility,
	"hasparentalresponsibility": ContactResponsibility, "pr": ContactResponsibility,
	"legalguardian": ContactResponsibility, "islegalguardian": ContactResponsibility,
	"mobile": ContactMobile, "mobilephone": ContactMobile, "mobilenumber": ContactMobile, "mobileno": ContactMobile,
	"mobiletel": ContactMobile, "mobiletelephone": ContactMobile, "mobilephonenumber": ContactMobile,
	"email": ContactEmail, "emailaddress": ContactEmail,
}

// headingKey normalises a heading so that "Middle Name(s)", "middle names"
// and "MIDDLE_NAMES" are one key: lower-case letters and digits only.
func headingKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// autoHeading is the automatic meaning of a normalised heading.
func autoHeading(key string) (heading, bool) {
	if h, ok := pupilHeadings[key]; ok {
		return h, true
	}
	return contactHeading(key)
}

// contactHeading reads "contact2mobile", "primaryguardianrelationship",
// "parentemail" and the like.
func contactHeading(key string) (heading, bool) {
	for _, h := range contactHolders {
		rest, ok := strings.CutPrefix(key, h.prefix)
		if !ok {
			continue
		}
		n, rest, numbered := leadingNumber(rest)
		switch {
		case numbered && n == 0:
			return heading{}, false // "Contact 0": no such contact
		case !numbered && h.n > 0:
			n = h.n
		case !numbered:
			n = 1 // "Parent Email" in a one-contact report
		}
		part, ok := contactWords[rest]
		if !ok {
			continue
		}
		f := ContactField(n, part)
		if f == FieldIgnore {
			return heading{}, false
		}
		return heading{f, h.dialect}, true
	}
	return heading{}, false
}

// leadingNumber splits off up to two leading digits.
func leadingNumber(s string) (n int, rest string, ok bool) {
	i := 0
	for i < len(s) && i < 2 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, s, false
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil {
		return 0, s, false
	}
	return n, s[i:], true
}

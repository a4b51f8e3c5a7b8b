package mis

import (
	"strings"

	"photoconsent/app/pupil"
)

// relationshipWords are the words for the DfE contact relationship codes a
// CTF carries. PAM, PAF and OTH are seen in real files; the others are from
// the DfE common basic data set and are listed so that a CTF using them
// shows words rather than a bare code.
var relationshipWords = map[string]string{
	"PAM": "Mother",
	"PAF": "Father",
	"OTH": "Other contact",
	"CAR": "Carer",
	"FOM": "Foster mother",
	"FOF": "Foster father",
	"STM": "Step-mother",
	"STF": "Step-father",
	"REL": "Other relative",
	"OTF": "Other family member",
	"CHM": "Childminder",
	"DOC": "Doctor",
	"SWR": "Social worker",
	"RLG": "Religious contact",
}

// relationshipCodes maps normalised CSV wording back to a code, so that a
// CSV contact carries the same code a CTF would. Words with no code of their
// own (Parent, Grandmother, Aunt) get none: choosing OTH or REL for them
// would be a guess about how the school's MIS codes them.
var relationshipCodes = map[string]string{
	"mother": "PAM", "mum": "PAM",
	"father": "PAF", "dad": "PAF",
	"othercontact": "OTH", "other": "OTH",
	"carer":        "CAR",
	"fostermother": "FOM", "fosterfather": "FOF",
	"stepmother": "STM", "stepfather": "STF",
	"otherrelative": "REL", "relative": "REL",
	"otherfamilymember": "OTF",
	"childminder":       "CHM", "doctor": "DOC", "socialworker": "SWR",
}

// prRelationships are the relationships for which parental responsibility is
// presumed when the file does not say. Birth mothers always have it and
// most fathers do (married, or named on the birth certificate since 2003);
// adoptive parents and appointed or special guardians have it by law.
// Step-parents, foster carers, grandparents and other relatives do not,
// unless a court order or agreement gives it, which only the school knows.
// A presumption is always reported as a row warning.
var prRelationships = map[string]bool{
	"mother": true, "father": true, "parent": true, "mum": true, "dad": true,
	"birthmother": true, "birthfather": true, "birthparent": true,
	"adoptivemother": true, "adoptivefather": true, "adoptiveparent": true,
	"guardian": true, "legalguardian": true, "specialguardian": true,
}

// otherRelationships are further relationship words common in exports. They
// are known words, so a warning may quote them (unknown text might be a name
// in the wrong column and is never quoted).
var otherRelationships = map[string]bool{
	"grandmother": true, "grandfather": true, "grandparent": true, "grandma": true, "grandad": true,
	"nan": true, "aunt": true, "auntie": true, "uncle": true, "brother": true, "sister": true,
	"sibling": true, "stepparent": true, "fostercarer": true, "fosterparent": true,
	"neighbour": true, "friend": true, "familyfriend": true, "partner": true,
	"fatherspartner": true, "motherspartner": true,
}

// relationshipFromCSV reads a CSV relationship cell. Some reports write the
// DfE code itself; otherwise the words are kept as written.
func relationshipFromCSV(cell string) (code, words string) {
	cell = strings.TrimSpace(cell)
	if w, ok := relationshipWords[strings.ToUpper(cell)]; ok && len(cell) == 3 {
		return strings.ToUpper(cell), w
	}
	return relationshipCodes[headingKey(cell)], cell
}

// relationshipFromCTF reads a CTF relationship code.
func relationshipFromCTF(raw string) (code, words string, known bool) {
	code = strings.ToUpper(strings.TrimSpace(raw))
	words, known = relationshipWords[code]
	return code, words, known || code == ""
}

// presumesResponsibility reports whether a contact with this relationship is
// taken to hold parental responsibility when the file does not say.
func presumesResponsibility(code, words string) bool {
	return code == "PAM" || code == "PAF" || prRelationships[headingKey(words)]
}

// relationshipShown is the relationship as a warning may quote it: only
// known relationship words, never free text.
func relationshipShown(c pupil.Contact) string {
	k := headingKey(c.Relationship)
	if _, ok := relationshipCodes[k]; ok || prRelationships[k] || otherRelationships[k] {
		return c.Relationship
	}
	return ""
}

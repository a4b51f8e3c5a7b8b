package ui

import (
	"strconv"
	"strings"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/consent"
	"photoconsent/app/register"
)

// The words people read for the register's codes.

var purposeWords = map[consent.Purpose]struct{ short, title string }{
	consent.School:     {"School", "School use"},
	consent.Social:     {"Social media", "Social media and publicity"},
	consent.Press:      {"Press", "Press and third parties"},
	consent.Individual: {"Individual", "Individual, high-profile"},
}

// columnShort is a column's header in the register table: short enough
// for the column, with the medium when photos and videos are asked apart.
func columnShort(c register.Column) string {
	w := purposeWords[c.Purpose].short
	if w == "" {
		w = string(c.Purpose)
	}
	if c.Media == consent.MediaAny {
		return w
	}
	if s := splitWords[c.Purpose]; s != "" {
		w = s
	}
	return w + " " + string(c.Media)
}

// splitWords are the purposes' names beside "photo" or "video".
var splitWords = map[consent.Purpose]string{
	consent.Social:     "Social",
	consent.Individual: "Indiv.",
}

// columnTitle is a column's full name, for the pupil panel and forms.
func columnTitle(c register.Column) string {
	w := purposeWords[c.Purpose].title
	if w == "" {
		w = string(c.Purpose)
	}
	switch c.Media {
	case consent.MediaPhoto:
		return w + " — photos"
	case consent.MediaVideo:
		return w + " — videos"
	}
	return w
}

var methodWords = map[consent.Method]string{
	consent.Form:      "Paper form",
	consent.Email:     "Email",
	consent.InPerson:  "In person",
	consent.MISImport: "MIS import",
}

// methodChoices are the ways a person can record an answer, in form order.
var methodChoices = []consent.Method{consent.Form, consent.Email, consent.InPerson}

func methodWord(m consent.Method) string {
	if w, ok := methodWords[m]; ok {
		return w
	}
	return string(m)
}

func answerStatus(a consent.Answer) consent.Status {
	switch a {
	case consent.Granted:
		return consent.StatusGranted
	case consent.Refused:
		return consent.StatusRefused
	}
	return consent.StatusWithdrawn
}

func giverWords(g consent.Giver) string {
	switch {
	case g.Pupil:
		return g.Name + " (the pupil)"
	case g.Name == "":
		return "nobody named (from the MIS)"
	case g.Relationship != "":
		return g.Name + " (" + g.Relationship + ")"
	}
	return g.Name
}

// yearWords names an NC year code: "Reception", "Year 6", "Nursery 1".
func yearWords(y string) string {
	switch y {
	case "":
		return ""
	case "R":
		return "Reception"
	case "N1":
		return "Nursery 1"
	case "N2":
		return "Nursery 2"
	case "X":
		return "Mixed year"
	}
	if strings.Trim(y, "0123456789") == "" {
		return "Year " + y
	}
	return y
}

var roleWords = map[access.Role]string{
	access.Head:    "Head",
	access.Office:  "Office staff",
	access.Teacher: "Teacher",
}

func roleWord(r access.Role) string {
	if w, ok := roleWords[r]; ok {
		return w
	}
	return string(r)
}

func roleFromWord(w string) access.Role {
	for r, s := range roleWords {
		if s == w {
			return r
		}
	}
	return ""
}

func roleChoices() []string {
	out := make([]string, len(access.Roles))
	for i, r := range access.Roles {
		out[i] = roleWord(r)
	}
	return out
}

var auditWords = map[audit.Kind]string{
	audit.Login:                "Signed in",
	audit.LoginFailed:          "Wrong password",
	audit.RecoveryKeyUsed:      "Recovery key used",
	audit.StoreCreated:         "Register created",
	audit.AnswerRecorded:       "Answer recorded",
	audit.AnswerWithdrawn:      "Consent withdrawn",
	audit.PupilImported:        "Pupil imported",
	audit.PupilUpdated:         "Pupil updated",
	audit.PupilLeft:            "Pupil marked as left",
	audit.PupilEdited:          "Pupil edited",
	audit.ImportApplied:        "Import finished",
	audit.NeverPublishSet:      "Never-publish set",
	audit.NeverPublishClear:    "Never-publish cleared",
	audit.UserAdded:            "Account added",
	audit.UserRemoved:          "Account removed",
	audit.RoleChanged:          "Role changed",
	audit.AuthoriserChanged:    "Website authoriser changed",
	audit.PasswordChanged:      "Password changed",
	audit.PasswordReset:        "Password reset",
	audit.SettingChanged:       "Setting changed",
	audit.SignOffGiven:         "Second sign-off given",
	audit.SignOffRefused:       "Second sign-off refused",
	register.KindRetention:     "Pupil removed under retention",
	register.KindSubjectAccess: "Subject access gathered",
}

func auditWord(k audit.Kind) string {
	if w, ok := auditWords[k]; ok {
		return w
	}
	return string(k)
}

// plural says "1 pupil", "3 pupils" or "50,000 pupils".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return thousands(n) + " " + word + "s"
}

// thousands writes n the British way: 50,000.
func thousands(n int) string {
	if n < 0 {
		return "-" + thousands(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

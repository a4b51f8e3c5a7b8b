// Package consent holds parents' answers about photos and videos and the rules
// that turn a pupil's history of answers into one status per purpose.
// Answers are never overwritten: the status is always derived from history.
package consent

import (
	"fmt"
	"time"

	"photoconsent/app/civil"
)

// Purpose is one of the separate questions on the school's consent form.
type Purpose string

// The four purposes the forms ask about, in the order the forms ask them.
const (
	School     Purpose = "school"     // the school's own use: website, newsletter, displays
	Social     Purpose = "social"     // official social media and publicity
	Press      Purpose = "press"      // third parties: local authority or trust, press, visitors
	Individual Purpose = "individual" // one pupil alone, long-term, high-profile use
)

// Purposes lists every purpose in form order.
var Purposes = []Purpose{School, Social, Press, Individual}

// ParsePurpose accepts a purpose's name.
func ParsePurpose(s string) (Purpose, error) {
	for _, p := range Purposes {
		if string(p) == s {
			return p, nil
		}
	}
	return "", fmt.Errorf("unknown purpose %q (want school, social, press or individual)", s)
}

// Media narrows an answer to photos or to videos when the school asks about
// them separately. MediaAny applies to both.
type Media string

// The media an answer can cover.
const (
	MediaAny   Media = ""
	MediaPhoto Media = "photo"
	MediaVideo Media = "video"
)

// Answer is what was said.
type Answer string

// The answers a person can give.
const (
	Granted   Answer = "granted"
	Refused   Answer = "refused"
	Withdrawn Answer = "withdrawn"
)

// ParseAnswer accepts an answer's name.
func ParseAnswer(s string) (Answer, error) {
	switch a := Answer(s); a {
	case Granted, Refused, Withdrawn:
		return a, nil
	}
	return "", fmt.Errorf("unknown answer %q (want granted, refused or withdrawn)", s)
}

// Method is how the answer reached the school.
type Method string

// The ways an answer can arrive.
const (
	Form      Method = "form"
	Email     Method = "email"
	InPerson  Method = "in-person"
	MISImport Method = "mis-import"
)

// ParseMethod accepts a method's name; "MIS import" is only written by imports.
func ParseMethod(s string) (Method, error) {
	switch m := Method(s); m {
	case Form, Email, InPerson:
		return m, nil
	}
	return "", fmt.Errorf("unknown method %q (want form, email or in-person)", s)
}

// Giver is who gave an answer: a contact with parental responsibility, the
// pupil, or nobody known (an answer carried over from the MIS).
type Giver struct {
	Name         string `json:"name,omitempty"`
	Relationship string `json:"relationship,omitempty"`
	Pupil        bool   `json:"pupil,omitempty"`
}

// Known reports whether the giver is a named person or the pupil.
func (g Giver) Known() bool { return g.Pupil || g.Name != "" }

// Record is one answer as recorded. Records are appended, never changed.
type Record struct {
	ID         string     `json:"id"`
	PupilID    string     `json:"pupil_id"`
	Purpose    Purpose    `json:"purpose"`
	Media      Media      `json:"media,omitempty"`
	Answer     Answer     `json:"answer"`
	By         Giver      `json:"by"`
	Date       civil.Date `json:"date"` // when the answer was given
	Method     Method     `json:"method"`
	Wording    string     `json:"wording,omitempty"` // form wording version the giver saw
	RecordedBy string     `json:"recorded_by"`       // account ID
	RecordedAt time.Time  `json:"recorded_at"`
	Expires    civil.Date `json:"expires"` // zero: no expiry
	ScanID     string     `json:"scan_id,omitempty"`
	Note       string     `json:"note,omitempty"`
}

// Covers reports whether the record answers for the purpose and medium.
func (r Record) Covers(p Purpose, m Media) bool {
	return r.Purpose == p && (r.Media == MediaAny || m == MediaAny || r.Media == m)
}

// Package publish is the publishing gate's rulebook: where a photo may go,
// which consent each destination needs, and the decision, with reasons in
// plain words, for one photo and the pupils tagged in it. It is pure: it
// reads nothing and writes nothing, so every rule has a table test here.
package publish

import (
	"fmt"

	"photoconsent/app/access"
	"photoconsent/app/consent"
)

// Destination is where a photo is published.
type Destination string

// The destinations a school publishes to.
const (
	Website    Destination = "website"
	Newsletter Destination = "newsletter"
	Display    Destination = "display"    // displays inside school
	Social     Destination = "social"     // the school's official social media accounts
	Press      Destination = "press"      // press, local authority or trust, visiting companies
	Prospectus Destination = "prospectus" // and other high-profile print
)

// Destinations lists every destination in the order screens offer them.
var Destinations = []Destination{Website, Newsletter, Display, Social, Press, Prospectus}

// ParseDestination accepts a destination's name.
func ParseDestination(s string) (Destination, error) {
	for _, d := range Destinations {
		if string(d) == s {
			return d, nil
		}
	}
	return "", fmt.Errorf("unknown destination %q (want website, newsletter, display, social, press or prospectus)", s)
}

// Label is the destination as a person reads it.
func (d Destination) Label() string {
	switch d {
	case Website:
		return "School website"
	case Newsletter:
		return "Newsletter"
	case Display:
		return "Display in school"
	case Social:
		return "Social media"
	case Press:
		return "Press and third parties"
	case Prospectus:
		return "Prospectus"
	}
	return string(d)
}

// Public reports whether the destination is seen outside the school: a
// photo of one pupil alone going there also needs individual consent.
func (d Destination) Public() bool {
	switch d {
	case Website, Social, Press, Prospectus:
		return true
	}
	return false
}

// Needs lists the purposes every tagged pupil must have consented to for
// a photo with that many identifiable pupils going to d.
func Needs(d Destination, identifiable int) []consent.Purpose {
	var out []consent.Purpose
	switch d {
	case Website, Newsletter, Display:
		out = []consent.Purpose{consent.School}
	case Social:
		out = []consent.Purpose{consent.Social}
	case Press:
		out = []consent.Purpose{consent.Press}
	case Prospectus:
		out = []consent.Purpose{consent.School, consent.Individual}
	default:
		return nil
	}
	if identifiable == 1 && d.Public() && d != Prospectus {
		out = append(out, consent.Individual)
	}
	return out
}

// Subject is one pupil tagged in a photo, as the gate needs them: their
// derived statuses now, for the photo's medium.
type Subject struct {
	PupilID  string
	Label    string // forename and surname initial, "Amelia S.", for reasons
	Statuses map[consent.Purpose]consent.Status
	Leaver   bool // no longer on roll
	// Blurred: the photo is published with this pupil's face obscured, so
	// their consent for the destination is not needed. A never-publish
	// pupil stays blocked even blurred (see pupilBlocks).
	Blurred bool
}

// Policy is the school's settings that change decisions.
type Policy struct {
	NotReturnedMeansConsent bool // a form not returned counts as consent
	LeaversMayAppear        bool // default false: pupils who have left are blocked
}

// Photo is what the gate knows about one photo before it is published.
type Photo struct {
	Subjects            []Subject
	NoPupils            bool     // someone confirmed there are no identifiable pupils in it
	UnremovableLocation bool     // location that cannot be removed without re-encoding
	CaptionNames        []string // pupils' full names found in the caption or alt text
	Problem             string   // why the file cannot be published at all (unreadable, unsupported); empty when fine

	// Faces is how many faces the detector found; NotPupilFaces how many of
	// them someone confirmed are adults or nobody identifiable. A photo with
	// more faces than tagged pupils and confirmed faces is blocked.
	Faces, NotPupilFaces int
	// FacesPending: the detector has not looked at the photo yet.
	FacesPending bool
	// BlurProblem says why a pupil marked to be blurred cannot be
	// ("" when fine): the format cannot be re-encoded, or no face box is
	// tagged with them.
	BlurProblem string
	// Device is the camera that took the photo, "Apple iPhone 12" ("" when
	// the photo does not say); NotSchoolDevice marks one missing from the
	// school's list. It is a warning: the photo may still be published.
	Device          string
	NotSchoolDevice bool

	// NotAuthoriser: the person publishing is not one of the school's
	// named website authorisers, who alone upload to the school's website.
	NotAuthoriser bool
}

// Outcome is the gate's verdict on one photo.
type Outcome string

// The outcomes.
const (
	Ready      Outcome = "ready"
	Blocked    Outcome = "blocked"
	Overridden Outcome = "overridden" // blocked on consent, published on a head's written override
)

// MayUploadToWebsite is the school's rule for who publishes to its
// website: its named website authorisers, and every head (who answers for
// what the school publishes).
func MayUploadToWebsite(role access.Role, authoriser bool) bool {
	return role == access.Head || authoriser
}

// Approver is a person who signs an override.
type Approver struct {
	AccountID string
	Name      string
	Role      access.Role
}

// Override is a head's written decision to publish a photo that consent
// rules block. A never-publish pupil in the photo also needs a second
// person's sign-off: another head or an office account.
type Override struct {
	By     Approver
	Reason string
	Second *Approver
}

// Decision is the gate's answer for one photo going to one destination.
type Decision struct {
	Outcome Outcome
	Needs   []consent.Purpose // what every tagged pupil needed
	// Reasons say, in plain words, why the photo is blocked (or what an
	// override lifted): "Amelia S.: no consent for social media".
	Reasons []string
	// Overridable: every block is about consent, which a head may lift.
	// Location, names in the caption, a missing tag and an unreadable file
	// are fixed, never overridden.
	Overridable bool
	// NeedsSecondSignOff: an override must carry a second approver because
	// a never-publish pupil is tagged.
	NeedsSecondSignOff bool
	// Blurred lists the pupils ("Amelia S.") published with their face
	// obscured: a ready photo with any is "ready (blurred)".
	Blurred []string
	// Warnings are things a person should know that do not block: "not
	// taken on a school device".
	Warnings []string
}

// Label is the outcome as screens show it: "ready (blurred)" when pupils
// are published blurred.
func (d Decision) Label() string {
	if d.Outcome != Blocked && len(d.Blurred) > 0 {
		return string(d.Outcome) + " (blurred)"
	}
	return string(d.Outcome)
}

// Decide applies the rules to one photo going to d. An override is used
// only when it is valid for the decision (see CheckOverride); otherwise the
// photo stays blocked and the reasons say why the override did not count.
// A ready photo needs no override: it stays Ready and o is ignored.
// Reasons come in a stable order: the file's problems, then each pupil in
// the order given (see pupilBlocks).
func Decide(d Destination, p Photo, pol Policy, o *Override) Decision {
	dec := decide(d, p, pol)
	if dec.Outcome == Ready || o == nil {
		return dec
	}
	if err := CheckOverride(dec, *o); err != nil {
		dec.Reasons = append(dec.Reasons, overrideRejected+err.Error())
		return dec
	}
	dec.Outcome = Overridden // the reasons stay: they are what was lifted
	return dec
}

// CheckOverride returns an error, in plain words, when o cannot lift the
// blocks in dec: not a head, no written reason, a second sign-off missing,
// from the same person or from a teacher, or blocks that are not about consent.
// The reason must be at least MinReason characters; the errors are the
// Err values in override.go.
func CheckOverride(dec Decision, o Override) error {
	return checkOverride(dec, o)
}

package publish

import (
	"fmt"
	"strings"

	"photoconsent/app/consent"
)

// The words of the gate's reasons. Every reason is a fragment a person
// reads in a list, one per problem; a pupil's reasons start with their
// label ("Amelia S.: no consent for social media").

// purposeWords name each purpose inside a reason.
var purposeWords = map[consent.Purpose]string{
	consent.School:     "the school's own use",
	consent.Social:     "social media",
	consent.Press:      "the press and third parties",
	consent.Individual: "a photo of them alone",
}

// PurposeWords is the purpose as it reads inside a sentence: "social media",
// "the school's own use".
func PurposeWords(p consent.Purpose) string {
	if w, ok := purposeWords[p]; ok {
		return w
	}
	return string(p)
}

// Why says what a status means for one purpose, without the pupil's label:
// "consent for social media was withdrawn". It describes the status whatever
// the school's settings; Decide only uses it for statuses that block.
// Granted gives "".
func Why(p consent.Purpose, st consent.Status) string {
	w := PurposeWords(p)
	switch st {
	case consent.StatusGranted:
		return ""
	case consent.StatusRefused:
		return "no consent for " + w
	case consent.StatusWithdrawn:
		return "consent for " + w + " was withdrawn"
	case consent.StatusExpired:
		return "consent for " + w + " has expired"
	case consent.StatusDisagree:
		return "parents disagree about " + w
	case consent.StatusNotReturned:
		return "no form returned for " + w
	case consent.StatusNeverPublish:
		return neverPublishWords
	case "":
		return "no answer on record for " + w
	}
	return "consent for " + w + " is unclear" // a status this version does not know
}

const (
	neverPublishWords = "must never be published"
	leaverWords       = "has left the school"
	untaggedWords     = "no pupils tagged: tag who is in it, or confirm there are no identifiable pupils"
	locationWords     = "the file holds a location that cannot be removed from it"
	overrideRejected  = "the override does not count: "
)

// pupilReason prefixes a reason with the pupil's label.
func pupilReason(label, why string) string {
	if strings.TrimSpace(label) == "" {
		label = "A tagged pupil"
	}
	return label + ": " + why
}

// captionReason names a pupil whose full name is in the caption by forename
// and surname initial, so the reason (which is logged and printed) does not
// repeat the full name it complains about.
func captionReason(fullName string) string {
	return "the caption or alt text gives " + shortName(fullName) + "'s full name"
}

// shortName turns "Amelia Smith" into "Amelia S.".
func shortName(full string) string {
	f := strings.Fields(full)
	if len(f) < 2 {
		return strings.Join(f, " ")
	}
	last := []rune(f[len(f)-1])
	return fmt.Sprintf("%s %c.", f[0], last[0])
}

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

	neverPublishBlurredWords = "must never be published, even blurred"
	notAuthoriserWords       = "only the school's named website authorisers publish to the website: ask the head to name you one, or choose another destination"
	facesPendingWords        = "still looking for faces in it"
)

// facesReason says how many faces were found and how many are accounted
// for: "3 faces, 1 tagged: tag the other 2 or mark them as adults or not
// identifiable".
func facesReason(faces, accounted int) string {
	left := faces - accounted
	other := "the other"
	if accounted == 0 {
		other = "them"
		if faces == 1 {
			other = "it"
		}
	} else if left > 1 {
		other = fmt.Sprintf("the other %d", left)
	}
	mark := "them as adults or not identifiable"
	if left == 1 {
		mark = "it as an adult or not identifiable"
	}
	return fmt.Sprintf("%s, %d tagged: tag %s or mark %s", plural(faces, "face"), accounted, other, mark)
}

// deviceWarning says the photo was not taken on a school device.
func deviceWarning(device string) string {
	if strings.TrimSpace(device) == "" {
		return "not a school device: the photo does not say which camera took it"
	}
	return "not a school device: taken on " + device
}

// plural is "1 face", "3 faces".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// labelOf is a pupil's label, or the words for one without a label.
func labelOf(label string) string {
	if strings.TrimSpace(label) == "" {
		return "A tagged pupil"
	}
	return label
}

// pupilReason prefixes a reason with the pupil's label.
func pupilReason(label, why string) string {
	return labelOf(label) + ": " + why
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

package publish

import (
	"fmt"
	"slices"
	"strings"

	"photoconsent/app/consent"
)

// blocks collects a photo's problems as reasons; fixed marks any that an
// override cannot lift (everything except consent and leavers).
type blocks struct {
	reasons []string
	fixed   bool
}

func (b *blocks) consent(r string) { b.reasons = append(b.reasons, r) }

func (b *blocks) fix(r string) {
	b.reasons = append(b.reasons, r)
	b.fixed = true
}

// decide is Decide without the override. The same pupil tagged twice counts
// once, so a duplicate tag can neither hide the individual-consent rule nor
// repeat reasons. When NoPupils is confirmed but pupils are tagged, the tags
// win: the confirmation is ignored.
//
// A blurred pupil is tagged but not identifiable: they count for the faces
// but not for the individual-consent rule, and their consent is not needed.
func decide(d Destination, p Photo, pol Policy) Decision {
	subjects := distinct(p.Subjects)
	needs := Needs(d, identifiable(subjects))
	var b blocks
	if needs == nil {
		b.fix(fmt.Sprintf("unknown destination %q", string(d)))
	}
	if d == Website && p.NotAuthoriser {
		b.fix(notAuthoriserWords)
	}
	photoBlocks(&b, p, len(subjects))
	faceBlocks(&b, p, len(subjects))
	for _, s := range subjects {
		pupilBlocks(&b, s, needs, pol)
	}
	dec := Decision{
		Outcome: Ready, Needs: needs, NeedsSecondSignOff: anyNeverPublish(subjects),
		Blurred: blurredLabels(subjects), Warnings: warnings(p),
	}
	if len(b.reasons) > 0 {
		dec.Outcome, dec.Reasons, dec.Overridable = Blocked, b.reasons, !b.fixed
	}
	return dec
}

// identifiable counts the subjects who are not blurred.
func identifiable(subjects []Subject) int {
	n := 0
	for _, s := range subjects {
		if !s.Blurred {
			n++
		}
	}
	return n
}

// faceBlocks adds the face detector's problems, none overridable: it has
// not looked yet, or it found faces nobody accounted for. A confirmation
// of no identifiable pupils accounts for every face (tags win over it); so
// does marking each face as an adult or not identifiable.
func faceBlocks(b *blocks, p Photo, tagged int) {
	if p.FacesPending {
		b.fix(facesPendingWords)
		return
	}
	if strings.TrimSpace(p.BlurProblem) != "" {
		b.fix(p.BlurProblem)
	}
	if n := UnaccountedFaces(p.Faces, p.NotPupilFaces, tagged, p.NoPupils); n > 0 {
		b.fix(facesReason(p.Faces, p.Faces-n))
	}
}

// UnaccountedFaces is how many of the faces found nobody has said anything
// about: those beyond the tagged pupils and the faces marked as adults or
// nobody identifiable. "No identifiable pupils", with nobody tagged,
// accounts for every face.
func UnaccountedFaces(faces, notPupil, tagged int, noPupils bool) int {
	if tagged == 0 && noPupils {
		return 0
	}
	return max(0, faces-tagged-notPupil)
}

// blurredLabels lists the blurred subjects' labels.
func blurredLabels(subjects []Subject) []string {
	var out []string
	for _, s := range subjects {
		if s.Blurred {
			out = append(out, labelOf(s.Label))
		}
	}
	return out
}

// warnings are the photo's notes that do not block.
func warnings(p Photo) []string {
	if !p.NotSchoolDevice {
		return nil
	}
	return []string{deviceWarning(p.Device)}
}

// photoBlocks adds the problems with the file itself, none overridable.
func photoBlocks(b *blocks, p Photo, tagged int) {
	if problem := strings.TrimSpace(p.Problem); problem != "" {
		b.fix(problem)
	}
	if p.UnremovableLocation {
		b.fix(locationWords)
	}
	var seen []string
	for _, name := range p.CaptionNames {
		key := strings.ToLower(strings.Join(strings.Fields(name), " "))
		if key == "" || slices.Contains(seen, key) {
			continue
		}
		seen = append(seen, key)
		b.fix(captionReason(name))
	}
	if tagged == 0 && !p.NoPupils && p.Faces == 0 {
		b.fix(untaggedWords) // with faces found, faceBlocks says it with counts
	}
}

// pupilBlocks adds one pupil's consent problems: never-publish first (once,
// whichever purpose carries it, needed or not), then each needed purpose in
// order, then leaving the school.
//
// A blurred pupil only blocks when they must never be published: blurring
// is not enough for a looked-after child or one under a court order, so a
// head's override with a second sign-off is still needed.
func pupilBlocks(b *blocks, s Subject, needs []consent.Purpose, pol Policy) {
	if neverPublish(s) {
		why := neverPublishWords
		if s.Blurred {
			why = neverPublishBlurredWords
		}
		b.consent(pupilReason(s.Label, why))
	}
	if s.Blurred {
		return
	}
	allow := consent.Settings{NotReturnedMeansConsent: pol.NotReturnedMeansConsent}
	for _, p := range needs {
		st := s.Statuses[p] // missing reads as "", no answer on record, which blocks
		if st == consent.StatusNeverPublish || allow.Allows(st) {
			continue
		}
		b.consent(pupilReason(s.Label, Why(p, st)))
	}
	if s.Leaver && !pol.LeaversMayAppear {
		b.consent(pupilReason(s.Label, leaverWords))
	}
}

func neverPublish(s Subject) bool {
	for _, st := range s.Statuses {
		if st == consent.StatusNeverPublish {
			return true
		}
	}
	return false
}

func anyNeverPublish(subjects []Subject) bool {
	return slices.ContainsFunc(subjects, neverPublish)
}

// distinct drops repeated tags of the same pupil, keeping the first; a
// subject without an ID is always kept.
func distinct(subjects []Subject) []Subject {
	out := make([]Subject, 0, len(subjects))
	var seen []string
	for _, s := range subjects {
		if s.PupilID != "" && slices.Contains(seen, s.PupilID) {
			continue
		}
		seen = append(seen, s.PupilID)
		out = append(out, s)
	}
	return out
}

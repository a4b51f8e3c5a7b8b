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
func decide(d Destination, p Photo, pol Policy) Decision {
	subjects := distinct(p.Subjects)
	needs := Needs(d, len(subjects))
	var b blocks
	if needs == nil {
		b.fix(fmt.Sprintf("unknown destination %q", string(d)))
	}
	photoBlocks(&b, p, len(subjects))
	for _, s := range subjects {
		pupilBlocks(&b, s, needs, pol)
	}
	dec := Decision{Outcome: Ready, Needs: needs, NeedsSecondSignOff: anyNeverPublish(subjects)}
	if len(b.reasons) > 0 {
		dec.Outcome, dec.Reasons, dec.Overridable = Blocked, b.reasons, !b.fixed
	}
	return dec
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
	if tagged == 0 && !p.NoPupils {
		b.fix(untaggedWords)
	}
}

// pupilBlocks adds one pupil's consent problems: never-publish first (once,
// whichever purpose carries it, needed or not), then each needed purpose in
// order, then leaving the school.
func pupilBlocks(b *blocks, s Subject, needs []consent.Purpose, pol Policy) {
	if neverPublish(s) {
		b.consent(pupilReason(s.Label, neverPublishWords))
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

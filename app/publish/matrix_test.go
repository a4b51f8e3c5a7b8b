package publish

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"photoconsent/app/access"
	"photoconsent/app/consent"
)

// The matrix: every destination × every derived status × the pupils in the
// photo × leaver or not × the school's settings × the override. The
// expectation is built from the rules written out again here, not
// from the code under test.

// wantWords are the reasons' words for each purpose, by hand.
var wantWords = map[consent.Purpose]string{
	consent.School:     "the school's own use",
	consent.Social:     "social media",
	consent.Press:      "the press and third parties",
	consent.Individual: "a photo of them alone",
}

// wantWhy is what a blocking status says about a purpose.
func wantWhy(p consent.Purpose, st consent.Status) string {
	w := wantWords[p]
	return map[consent.Status]string{
		consent.StatusRefused:     "no consent for " + w,
		consent.StatusWithdrawn:   "consent for " + w + " was withdrawn",
		consent.StatusExpired:     "consent for " + w + " has expired",
		consent.StatusDisagree:    "parents disagree about " + w,
		consent.StatusNotReturned: "no form returned for " + w,
	}[st]
}

// wantPasses: only granted passes, and not-returned when the school says so.
func wantPasses(st consent.Status, pol Policy) bool {
	return st == consent.StatusGranted || (st == consent.StatusNotReturned && pol.NotReturnedMeansConsent)
}

// shape is who is in the photo, given the status under test.
type shape struct {
	name  string
	build func(d Destination, st consent.Status) []Subject
}

func all(st consent.Status) map[consent.Purpose]consent.Status {
	m := map[consent.Purpose]consent.Status{}
	for _, p := range consent.Purposes {
		m[p] = st
	}
	return m
}

var labels = []string{"Amelia S.", "Ben K.", "Chloe W."}

func pupil(i int, st map[consent.Purpose]consent.Status) Subject {
	return Subject{PupilID: fmt.Sprint("p", i), Label: labels[i], Statuses: st}
}

var shapes = []shape{
	{"one pupil", func(_ Destination, st consent.Status) []Subject {
		return []Subject{pupil(0, all(st))}
	}},
	{"one of three", func(_ Destination, st consent.Status) []Subject {
		return []Subject{pupil(0, all(st)), pupil(1, all(consent.StatusGranted)), pupil(2, all(consent.StatusGranted))}
	}},
	{"all three", func(_ Destination, st consent.Status) []Subject {
		return []Subject{pupil(0, all(st)), pupil(1, all(st)), pupil(2, all(st))}
	}},
	{"unneeded purposes only", func(d Destination, st consent.Status) []Subject {
		m := all(st)
		for _, p := range wantNeeds(d, 1) {
			m[p] = consent.StatusGranted
		}
		return []Subject{pupil(0, m)}
	}},
}

// overrideKind is one way a head might try to override.
type overrideKind struct {
	name     string
	o        *Override
	rejected func(second bool) string // the reason added when it does not count; "" when it does
}

var (
	head    = Approver{AccountID: "u-head", Name: "Mrs Head", Role: access.Head}
	deputy  = Approver{AccountID: "u-deputy", Name: "Mr Deputy", Role: access.Head}
	office  = Approver{AccountID: "u-office", Name: "Ms Office", Role: access.Office}
	teacher = Approver{AccountID: "u-teacher", Name: "Mr Teacher", Role: access.Teacher}
	why     = "Parents asked in writing for this one photo."
)

var overrideKinds = []overrideKind{
	{"no override", nil, nil},
	{"valid override", &Override{By: head, Reason: why, Second: &office},
		func(bool) string { return "" }},
	{"no second sign-off", &Override{By: head, Reason: why},
		func(second bool) string {
			if second {
				return "the override does not count: a second person, another head or an office account, must sign off because a pupil must never be published"
			}
			return ""
		}},
	{"second is the same person", &Override{By: head, Reason: why, Second: &head},
		func(bool) string {
			return "the override does not count: the second sign-off must come from another person"
		}},
	{"second is a teacher", &Override{By: head, Reason: why, Second: &teacher},
		func(bool) string {
			return "the override does not count: the second sign-off must come from a head or an office account"
		}},
}

var policies = []Policy{
	{},
	{NotReturnedMeansConsent: true},
	{LeaversMayAppear: true},
	{NotReturnedMeansConsent: true, LeaversMayAppear: true},
}

// expect is the decision the rules give, built by hand.
func expect(d Destination, subjects []Subject, pol Policy, k overrideKind) Decision {
	needs := wantNeeds(d, len(subjects))
	var reasons []string
	second := false
	for _, s := range subjects {
		never := false
		for _, st := range s.Statuses {
			never = never || st == consent.StatusNeverPublish
		}
		if never {
			second = true
			reasons = append(reasons, s.Label+": must never be published")
		}
		for _, p := range needs {
			if st := s.Statuses[p]; st != consent.StatusNeverPublish && !wantPasses(st, pol) {
				reasons = append(reasons, s.Label+": "+wantWhy(p, st))
			}
		}
		if s.Leaver && !pol.LeaversMayAppear {
			reasons = append(reasons, s.Label+": has left the school")
		}
	}
	want := Decision{Outcome: Ready, Needs: needs, NeedsSecondSignOff: second}
	if len(reasons) == 0 {
		return want
	}
	want.Outcome, want.Reasons, want.Overridable = Blocked, reasons, true
	if k.o == nil {
		return want
	}
	if r := k.rejected(second); r != "" {
		want.Reasons = append(want.Reasons, r)
		return want
	}
	want.Outcome = Overridden
	return want
}

func TestDecideMatrix(t *testing.T) {
	n, outcomes := 0, map[Outcome]int{}
	for _, d := range Destinations {
		for _, st := range consent.Statuses {
			for _, sh := range shapes {
				for _, leaver := range []bool{false, true} {
					for pi, pol := range policies {
						for _, k := range overrideKinds {
							name := fmt.Sprintf("%s/%s/%s/leaver=%v/policy%d/%s", d, st, sh.name, leaver, pi, k.name)
							t.Run(name, func(t *testing.T) {
								subjects := sh.build(d, st)
								subjects[0].Leaver = leaver
								want := expect(d, subjects, pol, k)
								got := Decide(d, Photo{Subjects: subjects}, pol, k.o)
								outcomes[want.Outcome]++
								if diff := cmp.Diff(got, want, cmpopts.EquateEmpty()); diff != "" {
									t.Errorf("Decide (-got +want):\n%s", diff)
								}
							})
							n++
						}
					}
				}
			}
		}
	}
	if want := 6 * 7 * 4 * 2 * 4 * 5; n != want {
		t.Errorf("ran %d cases, want %d", n, want)
	}
	if outcomes[Ready] == 0 || outcomes[Blocked] == 0 || outcomes[Overridden] == 0 {
		t.Errorf("expected outcomes %v: want some of each", outcomes)
	}
}

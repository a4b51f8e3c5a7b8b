package publish

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"photoconsent/app/consent"
)

var (
	amelia = Subject{PupilID: "p1", Label: "Amelia S.", Statuses: all(consent.StatusGranted)}
	ben    = Subject{PupilID: "p2", Label: "Ben K.", Statuses: all(consent.StatusGranted)}
)

func with(s Subject, p consent.Purpose, st consent.Status) Subject {
	m := map[consent.Purpose]consent.Status{}
	for k, v := range s.Statuses {
		m[k] = v
	}
	m[p] = st
	s.Statuses = m
	return s
}

// TestReasonWording pins the exact words people read.
func TestReasonWording(t *testing.T) {
	tests := []struct {
		name string
		d    Destination
		s    []Subject
		pol  Policy
		want []string
	}{
		{"refused", Social, []Subject{with(amelia, consent.Social, consent.StatusRefused), ben}, Policy{},
			[]string{"Amelia S.: no consent for social media"}},
		{"expired", Newsletter, []Subject{with(amelia, consent.School, consent.StatusExpired)}, Policy{},
			[]string{"Amelia S.: consent for the school's own use has expired"}},
		{"disagree", Social, []Subject{with(amelia, consent.Social, consent.StatusDisagree), ben}, Policy{},
			[]string{"Amelia S.: parents disagree about social media"}},
		{"withdrawn", Press, []Subject{with(amelia, consent.Press, consent.StatusWithdrawn), ben}, Policy{},
			[]string{"Amelia S.: consent for the press and third parties was withdrawn"}},
		{"not returned", Social, []Subject{with(amelia, consent.Social, consent.StatusNotReturned), ben}, Policy{},
			[]string{"Amelia S.: no form returned for social media"}},
		{"individual refused", Website, []Subject{with(amelia, consent.Individual, consent.StatusRefused)}, Policy{},
			[]string{"Amelia S.: no consent for a photo of them alone"}},
		{"never publish", Display, []Subject{ben, with(amelia, consent.School, consent.StatusNeverPublish)}, Policy{},
			[]string{"Amelia S.: must never be published"}},
		{"leaver", Display, []Subject{{PupilID: "p1", Label: "Amelia S.", Statuses: all(consent.StatusGranted), Leaver: true}}, Policy{},
			[]string{"Amelia S.: has left the school"}},
		{"no answer on record", Social, []Subject{{PupilID: "p1", Label: "Amelia S."}, ben}, Policy{NotReturnedMeansConsent: true},
			[]string{"Amelia S.: no answer on record for social media"}},
		{"status not known", Social, []Subject{with(amelia, consent.Social, "maybe"), ben}, Policy{},
			[]string{"Amelia S.: consent for social media is unclear"}},
		{"no label", Social, []Subject{{PupilID: "p1", Statuses: all(consent.StatusRefused)}, ben}, Policy{},
			[]string{"A tagged pupil: no consent for social media"}},
		{"two purposes in Needs order, then leaving", Prospectus,
			[]Subject{{PupilID: "p1", Label: "Amelia S.", Leaver: true, Statuses: map[consent.Purpose]consent.Status{
				consent.School: consent.StatusExpired, consent.Individual: consent.StatusRefused}}}, Policy{},
			[]string{"Amelia S.: consent for the school's own use has expired", "Amelia S.: no consent for a photo of them alone", "Amelia S.: has left the school"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Decide(tt.d, Photo{Subjects: tt.s}, tt.pol, nil)
			if got.Outcome != Blocked {
				t.Errorf("outcome = %s, want blocked", got.Outcome)
			}
			if diff := cmp.Diff(got.Reasons, tt.want); diff != "" {
				t.Errorf("reasons (-got +want):\n%s", diff)
			}
		})
	}
}

// TestMixedPupils: one granted and one refused pupil blocks, naming only the refused one.
func TestMixedPupils(t *testing.T) {
	for _, d := range Destinations {
		t.Run(string(d), func(t *testing.T) {
			refused := Subject{PupilID: "p2", Label: "Ben K.", Statuses: all(consent.StatusRefused)}
			got := Decide(d, Photo{Subjects: []Subject{amelia, refused}}, Policy{}, nil)
			var want []string
			for _, p := range issueNeeds[d].group {
				want = append(want, "Ben K.: no consent for "+wantWords[p])
			}
			if got.Outcome != Blocked || !got.Overridable || got.NeedsSecondSignOff {
				t.Errorf("got %s overridable=%v second=%v, want blocked, overridable, no second sign-off",
					got.Outcome, got.Overridable, got.NeedsSecondSignOff)
			}
			if diff := cmp.Diff(got.Reasons, want); diff != "" {
				t.Errorf("reasons (-got +want):\n%s", diff)
			}
		})
	}
}

// TestNeverPublishAlwaysBlocks: the not-returned setting, leavers allowed
// and every other purpose granted change nothing.
func TestNeverPublishAlwaysBlocks(t *testing.T) {
	pol := Policy{NotReturnedMeansConsent: true, LeaversMayAppear: true}
	never := Subject{PupilID: "p9", Label: "Chloe W.", Statuses: all(consent.StatusNeverPublish)}
	onPress := with(amelia, consent.Press, consent.StatusNeverPublish) // a purpose the display does not need
	tests := []struct {
		name string
		d    Destination
		s    Subject
	}{
		{"every purpose", Display, never},
		{"alone on the website", Website, never},
		{"only on an unneeded purpose", Display, onPress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Decide(tt.d, Photo{Subjects: []Subject{tt.s}}, pol, nil)
			want := Decision{Outcome: Blocked, Needs: Needs(tt.d, 1), Overridable: true, NeedsSecondSignOff: true,
				Reasons: []string{tt.s.Label + ": must never be published"}}
			if diff := cmp.Diff(got, want); diff != "" {
				t.Errorf("Decide (-got +want):\n%s", diff)
			}
		})
	}
}

// TestPhotoBlocks: problems with the file itself block and are never overridable.
func TestPhotoBlocks(t *testing.T) {
	untagged := "no pupils tagged: tag who is in it, or confirm there are no identifiable pupils"
	location := "the file holds a location that cannot be removed from it"
	refused := with(amelia, consent.School, consent.StatusRefused)
	tests := []struct {
		name        string
		p           Photo
		want        []string
		overridable bool
	}{
		{"untagged", Photo{}, []string{untagged}, false},
		{"no pupils confirmed", Photo{NoPupils: true}, nil, false},
		{"no pupils confirmed but pupils tagged: the tags count", Photo{NoPupils: true, Subjects: []Subject{refused}},
			[]string{"Amelia S.: no consent for the school's own use"}, true},
		{"unremovable location", Photo{NoPupils: true, UnremovableLocation: true}, []string{location}, false},
		{"caption name", Photo{Subjects: []Subject{amelia}, CaptionNames: []string{"Amelia Smith"}},
			[]string{"the caption or alt text gives Amelia S.'s full name"}, false},
		{"caption names, repeated and blank", Photo{NoPupils: true, CaptionNames: []string{"Amelia Smith", " ", "amelia  SMITH", "Ben de Kay"}},
			[]string{"the caption or alt text gives Amelia S.'s full name", "the caption or alt text gives Ben K.'s full name"}, false},
		{"problem", Photo{NoPupils: true, Problem: "the file is not a photo this app can read"},
			[]string{"the file is not a photo this app can read"}, false},
		{"blank problem is no problem", Photo{NoPupils: true, Problem: "  "}, nil, false},
		{"everything, file first then pupils", Photo{Problem: "the file is damaged", UnremovableLocation: true,
			CaptionNames: []string{"Amelia Smith"}, Subjects: []Subject{refused}},
			[]string{"the file is damaged", location, "the caption or alt text gives Amelia S.'s full name",
				"Amelia S.: no consent for the school's own use"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Decide(Display, tt.p, Policy{}, nil)
			wantOutcome := Blocked
			if tt.want == nil {
				wantOutcome = Ready
			}
			if got.Outcome != wantOutcome || got.Overridable != tt.overridable {
				t.Errorf("got %s overridable=%v, want %s overridable=%v", got.Outcome, got.Overridable, wantOutcome, tt.overridable)
			}
			if diff := cmp.Diff(got.Reasons, tt.want); diff != "" {
				t.Errorf("reasons (-got +want):\n%s", diff)
			}
		})
	}
}

// TestDuplicateTags: the same pupil tagged twice is one pupil, so a photo
// of them alone still needs individual consent and says so once; two
// subjects without IDs are two pupils.
func TestDuplicateTags(t *testing.T) {
	noIndividual := with(amelia, consent.Individual, consent.StatusRefused)
	anon := Subject{Label: "Amelia S.", Statuses: noIndividual.Statuses}
	tests := []struct {
		name string
		s    []Subject
		want Decision
	}{
		{"same pupil twice", []Subject{noIndividual, noIndividual}, Decision{Outcome: Blocked,
			Needs: []consent.Purpose{consent.Social, consent.Individual}, Overridable: true,
			Reasons: []string{"Amelia S.: no consent for a photo of them alone"}}},
		{"two pupils without IDs", []Subject{anon, anon}, Decision{Outcome: Ready,
			Needs: []consent.Purpose{consent.Social}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Decide(Social, Photo{Subjects: tt.s}, Policy{}, nil)
			if diff := cmp.Diff(got, tt.want); diff != "" {
				t.Errorf("Decide (-got +want):\n%s", diff)
			}
		})
	}
}

func TestUnknownDestination(t *testing.T) {
	got := Decide("billboard", Photo{Subjects: []Subject{amelia}}, Policy{}, &Override{By: head, Reason: why})
	want := Decision{Outcome: Blocked, Reasons: []string{`unknown destination "billboard"`,
		"the override does not count: an override lifts consent only: fix the photo's other problems first"}}
	if diff := cmp.Diff(got, want, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Decide (-got +want):\n%s", diff)
	}
}

// TestOverrideOnReady: a ready photo needs no override; it is ignored.
func TestOverrideOnReady(t *testing.T) {
	got := Decide(Website, Photo{Subjects: []Subject{amelia, ben}}, Policy{}, &Override{By: teacher})
	want := Decision{Outcome: Ready, Needs: []consent.Purpose{consent.School}}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("Decide (-got +want):\n%s", diff)
	}
}

// TestOverrideCannotLiftFixedBlocks: a valid head's override on a photo
// with consent and location problems leaves it blocked.
func TestOverrideCannotLiftFixedBlocks(t *testing.T) {
	p := Photo{UnremovableLocation: true, Subjects: []Subject{with(amelia, consent.School, consent.StatusRefused)}}
	got := Decide(Display, p, Policy{}, &Override{By: head, Reason: why})
	want := []string{"the file holds a location that cannot be removed from it",
		"Amelia S.: no consent for the school's own use",
		"the override does not count: an override lifts consent only: fix the photo's other problems first"}
	if got.Outcome != Blocked || got.Overridable {
		t.Errorf("got %s overridable=%v, want blocked, not overridable", got.Outcome, got.Overridable)
	}
	if diff := cmp.Diff(got.Reasons, want); diff != "" {
		t.Errorf("reasons (-got +want):\n%s", diff)
	}
}

func TestWhy(t *testing.T) {
	tests := []struct {
		st   consent.Status
		want string
	}{
		{consent.StatusGranted, ""},
		{consent.StatusRefused, "no consent for social media"},
		{consent.StatusWithdrawn, "consent for social media was withdrawn"},
		{consent.StatusExpired, "consent for social media has expired"},
		{consent.StatusDisagree, "parents disagree about social media"},
		{consent.StatusNotReturned, "no form returned for social media"},
		{consent.StatusNeverPublish, "must never be published"},
		{"", "no answer on record for social media"},
	}
	for _, tt := range tests {
		if got := Why(consent.Social, tt.st); got != tt.want {
			t.Errorf("Why(social, %q) = %q, want %q", tt.st, got, tt.want)
		}
	}
	for _, p := range consent.Purposes {
		if got := PurposeWords(p); got != wantWords[p] {
			t.Errorf("PurposeWords(%s) = %q, want %q", p, got, wantWords[p])
		}
	}
}

package publish

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/access"
	"photoconsent/app/consent"
)

// TestFacesAccountedFor: more faces than tagged pupils and confirmed faces
// blocks, with the counts in the reason, and no override lifts it.
func TestFacesAccountedFor(t *testing.T) {
	tests := []struct {
		name  string
		photo Photo
		want  []string
	}{
		{"three faces, one tagged", Photo{Subjects: []Subject{amelia}, Faces: 3},
			[]string{"3 faces, 1 tagged: tag the other 2 or mark them as adults or not identifiable"}},
		{"two faces, one tagged", Photo{Subjects: []Subject{amelia}, Faces: 2},
			[]string{"2 faces, 1 tagged: tag the other or mark it as an adult or not identifiable"}},
		{"one face, none tagged", Photo{Faces: 1},
			[]string{"1 face, 0 tagged: tag it or mark it as an adult or not identifiable"}},
		{"two faces, none tagged, one adult", Photo{Faces: 2, NotPupilFaces: 1},
			[]string{"2 faces, 1 tagged: tag the other or mark it as an adult or not identifiable"}},
		{"every face marked an adult", Photo{Faces: 2, NotPupilFaces: 2}, nil},
		{"tagged and adults cover the faces", Photo{Subjects: []Subject{amelia, ben}, Faces: 3, NotPupilFaces: 1}, nil},
		{"more tags than faces (the detector missed one)", Photo{Subjects: []Subject{amelia, ben}, Faces: 1}, nil},
		{"no identifiable pupils confirmed covers every face", Photo{NoPupils: true, Faces: 4}, nil},
		{"a tag wins over the confirmation", Photo{Subjects: []Subject{amelia}, NoPupils: true, Faces: 2},
			[]string{"2 faces, 1 tagged: tag the other or mark it as an adult or not identifiable"}},
		{"the same pupil tagged twice counts once", Photo{Subjects: []Subject{amelia, amelia}, Faces: 2},
			[]string{"2 faces, 1 tagged: tag the other or mark it as an adult or not identifiable"}},
		{"still looking", Photo{Subjects: []Subject{amelia}, FacesPending: true}, []string{"still looking for faces in it"}},
	}
	head := Override{By: Approver{AccountID: "h1", Role: "head"}, Reason: "The governors agreed this in writing."}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Decide(Newsletter, tt.photo, Policy{}, nil)
			if diff := cmp.Diff(tt.want, got.Reasons); diff != "" {
				t.Errorf("reasons (-want +got):\n%s", diff)
			}
			wantOutcome := Ready
			if tt.want != nil {
				wantOutcome = Blocked
			}
			if got.Outcome != wantOutcome || got.Overridable {
				t.Errorf("outcome %s overridable %v, want %s and not overridable", got.Outcome, got.Overridable, wantOutcome)
			}
			if over := Decide(Newsletter, tt.photo, Policy{}, &head); over.Outcome != wantOutcome {
				t.Errorf("with a head's override: outcome %s, want %s", over.Outcome, wantOutcome)
			}
		})
	}
}

// TestBlurred: a blurred pupil's consent is not needed and they do not count
// as identifiable, but a never-publish pupil stays blocked even blurred.
func TestBlurred(t *testing.T) {
	refused := with(amelia, consent.Social, consent.StatusRefused)
	refused.Blurred = true
	t.Run("refused pupil blurred", func(t *testing.T) {
		got := Decide(Social, Photo{Subjects: []Subject{refused, ben}, Faces: 2}, Policy{}, nil)
		if got.Outcome != Ready || got.Label() != "ready (blurred)" {
			t.Fatalf("Decide = %+v, want ready (blurred)", got)
		}
		if diff := cmp.Diff([]string{"Amelia S."}, got.Blurred); diff != "" {
			t.Errorf("Blurred (-want +got):\n%s", diff)
		}
	})
	t.Run("the one pupil left visible needs individual consent", func(t *testing.T) {
		noIndividual := with(ben, consent.Individual, consent.StatusRefused)
		got := Decide(Website, Photo{Subjects: []Subject{refused, noIndividual}, Faces: 2}, Policy{}, nil)
		want := []string{"Ben K.: no consent for a photo of them alone"}
		if diff := cmp.Diff(want, got.Reasons); diff != "" {
			t.Errorf("reasons (-want +got):\n%s", diff)
		}
	})
	t.Run("never publish stays blocked", func(t *testing.T) {
		never := with(amelia, consent.School, consent.StatusNeverPublish)
		never.Blurred = true
		got := Decide(Newsletter, Photo{Subjects: []Subject{never, ben}, Faces: 2}, Policy{}, nil)
		want := []string{"Amelia S.: must never be published, even blurred"}
		if diff := cmp.Diff(want, got.Reasons); diff != "" {
			t.Errorf("reasons (-want +got):\n%s", diff)
		}
		if got.Outcome != Blocked || !got.Overridable || !got.NeedsSecondSignOff {
			t.Errorf("Decide = %+v, want blocked, overridable with a second sign-off", got)
		}
	})
	t.Run("a blur that cannot be done blocks", func(t *testing.T) {
		p := Photo{Subjects: []Subject{refused, ben}, Faces: 2, BlurProblem: "HEIC photos cannot be blurred here"}
		got := Decide(Social, p, Policy{}, nil)
		if got.Outcome != Blocked || got.Overridable {
			t.Errorf("Decide = %+v, want blocked, not overridable", got)
		}
	})
	t.Run("a leaver blurred", func(t *testing.T) {
		left := amelia
		left.Leaver, left.Blurred = true, true
		if got := Decide(Display, Photo{Subjects: []Subject{left}, Faces: 1}, Policy{}, nil); got.Outcome != Ready {
			t.Errorf("Decide = %+v, want ready", got)
		}
	})
}

// TestDeviceWarning: a photo from a camera not on the school's list is
// published with a warning, never blocked by it.
func TestDeviceWarning(t *testing.T) {
	tests := []struct {
		photo Photo
		want  []string
	}{
		{Photo{Subjects: []Subject{amelia}, Device: "Apple iPhone 12"}, nil},
		{Photo{Subjects: []Subject{amelia}, Device: "Apple iPhone 12", NotSchoolDevice: true},
			[]string{"not a school device: taken on Apple iPhone 12"}},
		{Photo{Subjects: []Subject{amelia}, NotSchoolDevice: true},
			[]string{"not a school device: the photo does not say which camera took it"}},
	}
	for _, tt := range tests {
		got := Decide(Newsletter, tt.photo, Policy{}, nil)
		if got.Outcome != Ready {
			t.Errorf("Decide(%+v) = %s, want ready", tt.photo, got.Outcome)
		}
		if diff := cmp.Diff(tt.want, got.Warnings); diff != "" {
			t.Errorf("Decide(%+v) warnings (-want +got):\n%s", tt.photo, diff)
		}
	}
}

// TestWebsiteAuthorisers: only named website authorisers (and heads)
// publish to the school's website; anyone may publish elsewhere; no
// override lifts it.
func TestWebsiteAuthorisers(t *testing.T) {
	for _, tt := range []struct {
		role       access.Role
		authoriser bool
		want       bool
	}{
		{access.Head, false, true}, {access.Head, true, true},
		{access.Office, false, false}, {access.Office, true, true},
		{access.Teacher, false, false}, {access.Teacher, true, true},
	} {
		if got := MayUploadToWebsite(tt.role, tt.authoriser); got != tt.want {
			t.Errorf("MayUploadToWebsite(%s, %v) = %v, want %v", tt.role, tt.authoriser, got, tt.want)
		}
	}
	photo := Photo{Subjects: []Subject{amelia, ben}, NotAuthoriser: true}
	for _, d := range Destinations {
		got := Decide(d, photo, Policy{}, nil)
		blocked := d == Website
		if (got.Outcome == Blocked) != blocked || (blocked && got.Overridable) {
			t.Errorf("%s by someone who is not an authoriser: %+v, want blocked %v and never overridable", d, got, blocked)
		}
	}
	want := []string{"only the school's named website authorisers publish to the website: ask the head to name you one, or choose another destination"}
	if diff := cmp.Diff(want, Decide(Website, photo, Policy{}, nil).Reasons); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
}

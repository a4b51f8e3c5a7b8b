package publish

import (
	"errors"
	"testing"

	"photoconsent/app/access"
	"photoconsent/app/consent"
)

func TestCheckOverride(t *testing.T) {
	consentBlock := Decision{Outcome: Blocked, Overridable: true, Reasons: []string{"Amelia S.: no consent for social media"}}
	neverBlock := Decision{Outcome: Blocked, Overridable: true, NeedsSecondSignOff: true, Reasons: []string{"Amelia S.: must never be published"}}
	overridden := neverBlock
	overridden.Outcome = Overridden
	fixed := Decision{Outcome: Blocked, Reasons: []string{"the file holds a location that cannot be removed from it"}}
	ready := Decision{Outcome: Ready}
	blankID := Approver{Name: "Someone", Role: access.Office}
	unknownRole := Approver{AccountID: "u-x", Role: "caretaker"}
	tests := []struct {
		name string
		dec  Decision
		o    Override
		want error
	}{
		{"head with a reason", consentBlock, Override{By: head, Reason: why}, nil},
		{"reason of exactly 10 characters", consentBlock, Override{By: head, Reason: "  abcdefghij  "}, nil},
		{"reason of 10 characters, not bytes", consentBlock, Override{By: head, Reason: "éééééééééé"}, nil},
		{"reason of 9 characters", consentBlock, Override{By: head, Reason: "abcdefghi"}, ErrShortReason},
		{"blank reason", consentBlock, Override{By: head, Reason: " \t\n "}, ErrShortReason},
		{"office may not override", consentBlock, Override{By: office, Reason: why}, ErrNotHead},
		{"teacher may not override", consentBlock, Override{By: teacher, Reason: why}, ErrNotHead},
		{"no role", consentBlock, Override{By: Approver{AccountID: "u-1"}, Reason: why}, ErrNotHead},
		{"unsigned", consentBlock, Override{By: Approver{Role: access.Head}, Reason: why}, ErrUnsigned},
		{"fixed blocks", fixed, Override{By: head, Reason: why}, ErrNotOverridable},
		{"ready photo", ready, Override{By: head, Reason: why}, ErrNotBlocked},
		{"never-publish without a second", neverBlock, Override{By: head, Reason: why}, ErrNoSecond},
		{"never-publish, second from the office", neverBlock, Override{By: head, Reason: why, Second: &office}, nil},
		{"never-publish, second another head", neverBlock, Override{By: head, Reason: why, Second: &deputy}, nil},
		{"never-publish, second the same person", neverBlock, Override{By: head, Reason: why, Second: &head}, ErrSameSecond},
		{"never-publish, second the same account spaced", neverBlock,
			Override{By: head, Reason: why, Second: &Approver{AccountID: " u-head ", Role: access.Office}}, ErrSameSecond},
		{"never-publish, second a teacher", neverBlock, Override{By: head, Reason: why, Second: &teacher}, ErrSecondRole},
		{"never-publish, second an unknown role", neverBlock, Override{By: head, Reason: why, Second: &unknownRole}, ErrSecondRole},
		{"never-publish, second unsigned", neverBlock, Override{By: head, Reason: why, Second: &blankID}, ErrUnsigned},
		{"second not needed but a teacher", consentBlock, Override{By: head, Reason: why, Second: &teacher}, ErrSecondRole},
		{"second not needed, from the office", consentBlock, Override{By: head, Reason: why, Second: &office}, nil},
		{"an overridden decision rechecked for the log", overridden, Override{By: head, Reason: why, Second: &office}, nil},
		{"an overridden decision without its second", overridden, Override{By: head, Reason: why}, ErrNoSecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CheckOverride(tt.dec, tt.o); !errors.Is(got, tt.want) || (got == nil) != (tt.want == nil) {
				t.Errorf("CheckOverride = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestOverrideByRole runs the override through Decide for each role: only
// a head's lifts the block; anyone else's leaves it blocked and says why.
func TestOverrideByRole(t *testing.T) {
	p := Photo{Subjects: []Subject{with(amelia, consent.Social, consent.StatusRefused), ben}}
	blockedWhy := "Amelia S.: no consent for social media"
	tests := []struct {
		by      Approver
		outcome Outcome
		extra   string
	}{
		{head, Overridden, ""},
		{office, Blocked, "the override does not count: only a head may override a blocked photo"},
		{teacher, Blocked, "the override does not count: only a head may override a blocked photo"},
	}
	for _, tt := range tests {
		t.Run(string(tt.by.Role), func(t *testing.T) {
			got := Decide(Social, p, Policy{}, &Override{By: tt.by, Reason: why})
			want := []string{blockedWhy}
			if tt.extra != "" {
				want = append(want, tt.extra)
			}
			if got.Outcome != tt.outcome || len(got.Reasons) != len(want) || got.Reasons[len(got.Reasons)-1] != want[len(want)-1] {
				t.Errorf("got %s %q, want %s %q", got.Outcome, got.Reasons, tt.outcome, want)
			}
		})
	}
}

// TestOverrideErrorWords: every refusal is one plain lower-case sentence.
func TestOverrideErrorWords(t *testing.T) {
	for _, err := range []error{ErrNotBlocked, ErrNotOverridable, ErrNotHead, ErrUnsigned, ErrShortReason, ErrNoSecond, ErrSameSecond, ErrSecondRole} {
		s := err.Error()
		if s == "" || s[0] < 'a' || s[0] > 'z' || s[len(s)-1] == '.' {
			t.Errorf("%q: want a lower-case phrase without a full stop", s)
		}
	}
}

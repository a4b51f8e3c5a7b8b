package publish

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/consent"
)

// issueNeeds is the issue's table written out by hand: what a group photo
// and a photo of one pupil alone need at each destination.
var issueNeeds = map[Destination]struct{ group, alone []consent.Purpose }{
	Website:    {[]consent.Purpose{consent.School}, []consent.Purpose{consent.School, consent.Individual}},
	Newsletter: {[]consent.Purpose{consent.School}, []consent.Purpose{consent.School}},
	Display:    {[]consent.Purpose{consent.School}, []consent.Purpose{consent.School}},
	Social:     {[]consent.Purpose{consent.Social}, []consent.Purpose{consent.Social, consent.Individual}},
	Press:      {[]consent.Purpose{consent.Press}, []consent.Purpose{consent.Press, consent.Individual}},
	Prospectus: {[]consent.Purpose{consent.School, consent.Individual}, []consent.Purpose{consent.School, consent.Individual}},
}

func wantNeeds(d Destination, identifiable int) []consent.Purpose {
	if identifiable == 1 {
		return issueNeeds[d].alone
	}
	return issueNeeds[d].group
}

func TestNeeds(t *testing.T) {
	if len(issueNeeds) != len(Destinations) {
		t.Fatalf("the test's table has %d destinations, want %d", len(issueNeeds), len(Destinations))
	}
	for _, d := range Destinations {
		for _, n := range []int{0, 1, 2, 3, 30} {
			t.Run(fmt.Sprintf("%s/%d", d, n), func(t *testing.T) {
				if diff := cmp.Diff(Needs(d, n), wantNeeds(d, n)); diff != "" {
					t.Errorf("Needs(%s, %d) (-got +want):\n%s", d, n, diff)
				}
			})
		}
	}
	if got := Needs("billboard", 1); got != nil {
		t.Errorf("Needs(billboard) = %v, want nil", got)
	}
}

func TestPublic(t *testing.T) {
	want := map[Destination]bool{Website: true, Social: true, Press: true, Prospectus: true}
	for _, d := range Destinations {
		if got := d.Public(); got != want[d] {
			t.Errorf("%s.Public() = %v, want %v", d, got, want[d])
		}
	}
}

func TestParseDestination(t *testing.T) {
	for _, d := range Destinations {
		got, err := ParseDestination(string(d))
		if err != nil || got != d {
			t.Errorf("ParseDestination(%q) = %q, %v; want %q, nil", d, got, err, d)
		}
	}
	if _, err := ParseDestination("Website"); err == nil {
		t.Errorf("ParseDestination(Website) = nil error, want one")
	}
}

package register

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"photoconsent/app/access"
	"photoconsent/app/pupil"
)

func TestShortCodeIsStableUnambiguousAndSpread(t *testing.T) {
	if got, again := ShortCode("0123456789abcdef"), ShortCode("0123456789abcdef"); got != again {
		t.Errorf("ShortCode gave %q then %q for the same ID, want the same", got, again)
	}
	seen := map[string]bool{}
	for range 2000 {
		code := ShortCode(NewID())
		if len(code) != CodeLength || strings.ContainsAny(code, "01OIL") {
			t.Fatalf("ShortCode = %q, want %d characters without 0, O, 1, I or L", code, CodeLength)
		}
		if _, ok := NormaliseCode(code); !ok {
			t.Fatalf("NormaliseCode(%q) refused a code ShortCode made", code)
		}
		seen[code] = true
	}
	if len(seen) < 1990 {
		t.Errorf("2000 random IDs gave %d distinct codes, want nearly 2000", len(seen))
	}
}

func TestNormaliseCode(t *testing.T) {
	tests := []struct {
		typed, want string
		ok          bool
	}{
		{"K7M2Q9", "K7M2Q9", true},
		{" k7m-2q9 ", "K7M2Q9", true},
		{"K7M 2Q9", "K7M2Q9", true},
		{"K7M2Q", "K7M2Q", false},
		{"K7M2Q9X", "K7M2Q9X", false},
		{"K0M2Q9", "K0M2Q9", false},
		{"KIM2Q9", "KIM2Q9", false},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			got, ok := NormaliseCode(tt.typed)
			if got != tt.want || ok != tt.ok {
				t.Errorf("NormaliseCode(%q) = %q, %v, want %q, %v", tt.typed, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestFindByCode(t *testing.T) {
	f := newFixture(t)
	a := f.addPupil(amelia())
	a1, a2 := collidingIDs(t)
	f.addPupil(withID(amelia(), a1))
	f.addPupil(withID(amelia(), a2))
	teacher := f.session("teach", access.Teacher)

	t.Run("found, typed loosely", func(t *testing.T) {
		code := ShortCode(a.ID)
		typed := strings.ToLower(code[:2]) + " " + code[2:]
		got, err := f.head.FindByCode(typed)
		if err != nil || got.ID != a.ID {
			t.Errorf("FindByCode(%q) = %s, %v, want %s", typed, got.ID, err, a.ID)
		}
	})
	t.Run("teacher sees no contact details", func(t *testing.T) {
		got, err := teacher.FindByCode(ShortCode(a.ID))
		if err != nil || got.ID != a.ID || got.Contacts[0].Mobile != "" {
			t.Errorf("teacher FindByCode = %+v, %v, want %s without phone numbers", got, err, a.ID)
		}
	})
	tests := []struct {
		name, code string
		want       error
	}{
		{"unknown code", unusedCode(t, a.ID, a1), ErrNoPupil},
		{"not a code", "HELLO!", ErrInvalid},
		{"shared code", ShortCode(a1), ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.head.FindByCode(tt.code)
			if !errors.Is(err, tt.want) {
				t.Errorf("FindByCode(%q) = %s, %v, want error %v", tt.code, got.ID, err, tt.want)
			}
		})
	}
}

// collidingIDs finds two IDs with the same short code (a birthday search
// over an 887-million space needs some tens of thousands of tries).
func collidingIDs(t *testing.T) (string, string) {
	t.Helper()
	byCode := map[string]string{}
	for i := range 1_000_000 {
		id := fmt.Sprintf("collide-%d", i)
		code := ShortCode(id)
		if other, ok := byCode[code]; ok {
			return other, id
		}
		byCode[code] = id
	}
	t.Fatal("no two IDs share a code in a million: ShortCode is not six characters of 31")
	return "", ""
}

func unusedCode(t *testing.T, ids ...string) string {
	t.Helper()
	for _, c := range []string{"222222", "333333", "444444"} {
		used := false
		for _, id := range ids {
			used = used || ShortCode(id) == c
		}
		if !used {
			return c
		}
	}
	t.Fatal("every test code is taken")
	return ""
}

func withID(p pupil.Pupil, id string) pupil.Pupil {
	p.ID = id
	return p
}

// TestRegisterSearchAndFindPupilTakeTheCode: the code on a returned form
// finds its pupil in the register's search box and on the command line.
func TestRegisterSearchAndFindPupilTakeTheCode(t *testing.T) {
	f := newFixture(t)
	id := f.addPupil(amelia()).ID
	code := ShortCode(id)
	rows, _, err := f.head.Register()
	if err != nil {
		t.Fatal(err)
	}
	var hits []string
	for _, r := range rows {
		if (Filter{Search: strings.ToLower(code)}).Match(r) {
			hits = append(hits, r.PupilID)
		}
	}
	if len(hits) != 1 || hits[0] != id {
		t.Errorf("searching for %s found %v, want only %s", code, hits, id)
	}
	p, err := f.head.FindPupil(code)
	if err != nil || p.ID != id {
		t.Errorf("FindPupil(%s) = %s, %v; want %s", code, p.ID, err, id)
	}
}

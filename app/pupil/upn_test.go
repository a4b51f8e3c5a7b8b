package pupil

import "testing"

func TestCheckUPN(t *testing.T) {
	tests := []struct {
		upn  string
		want UPNStatus
	}{
		{"K999200119014", UPNValid},     // P01 in the shared samples
		{"A999200124022", UPNValid},     // check letter A: sum ≡ 0 (mod 23)
		{"Z99920012507T", UPNTemporary}, // serial of two digits and a letter
		{"W999200119027", UPNBadCheck},  // P35: check letter should not be W
		{"K999200119015", UPNBadCheck},  // one digit changed
		{"", UPNMissing},
		{"K99920011901", UPNMalformed},   // 12 characters
		{"K9992001190144", UPNMalformed}, // 14 characters
		{"I999200119014", UPNMalformed},  // I is not a check letter
		{"K99920011901a", UPNMalformed},  // lower-case serial letter
		{"KX99200119014", UPNMalformed},  // letter in the LA number
		{"k999200119014", UPNMalformed},  // callers upper-case first
	}
	for _, tt := range tests {
		t.Run(tt.upn, func(t *testing.T) {
			if got := CheckUPN(tt.upn); got != tt.want {
				t.Errorf("CheckUPN(%q) = %q, want %q", tt.upn, got, tt.want)
			}
		})
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		p              Pupil
		display, sortN string
	}{
		{Pupil{LegalForename: "Oliver", PreferredForename: "Ollie", LegalSurname: "Hargreaves"}, "Ollie Hargreaves", "Hargreaves, Ollie"},
		{Pupil{LegalForename: "Alexander", PreferredForename: "Sasha", LegalSurname: "Kowalski", PreferredSurname: "Bennett"}, "Sasha Bennett", "Bennett, Sasha"},
		{Pupil{LegalForename: "Ratnasari", LegalSurname: "Ratnasari"}, "Ratnasari", "Ratnasari"}, // mononym
		{Pupil{LegalSurname: "Ratnasari"}, "Ratnasari", "Ratnasari"},
	}
	for _, tt := range tests {
		if got := tt.p.DisplayName(); got != tt.display {
			t.Errorf("DisplayName() = %q, want %q", got, tt.display)
		}
		if got := tt.p.SortName(); got != tt.sortN {
			t.Errorf("SortName() = %q, want %q", got, tt.sortN)
		}
	}
}

func TestWithoutContactDetails(t *testing.T) {
	p := Pupil{Contacts: []Contact{{Forename: "Claire", Surname: "Smith", Relationship: "Mother",
		Responsibility: true, Mobile: "07700 900103", Email: "claire.smith@example.com"}}}
	q := p.WithoutContactDetails()
	if c := q.Contacts[0]; c.Mobile != "" || c.Email != "" || c.Name() != "Claire Smith" || !c.Responsibility {
		t.Errorf("teacher's copy = %+v", c)
	}
	if p.Contacts[0].Email == "" {
		t.Error("WithoutContactDetails changed the original")
	}
}

package mis

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/pupil"
)

func TestLostZero(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"7700900113", "07700900113", true},
		{"7700 900113", "07700900113", true},
		{"07700 900113", "", false},
		{"07700900113", "", false},
		{"1632960001", "", false}, // a landline without its zero is not guessed at
		{"+44 7700 900113", "", false},
		{"770090011", "", false},
		{"77009001133", "", false},
		{"7700-900113", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := lostZero(tc.in)
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("lostZero(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.wantOK)
			}
		})
	}
}

func rowWithMobiles(mobiles ...string) Row {
	var r Row
	for i, m := range mobiles {
		r.Pupil.Contacts = append(r.Pupil.Contacts, pupil.Contact{Order: i + 1, Mobile: m})
	}
	return r
}

func TestRestoreMobiles(t *testing.T) {
	const warning = "contact 2 mobile number had lost its leading zero, as Excel does; it was put back"
	tests := []struct {
		name string
		rows []Row
		want []Row
	}{
		{
			name: "spaced like the others",
			rows: []Row{rowWithMobiles("07700 900101", "07700 900102"), rowWithMobiles("07700 900103", "7700900113")},
			want: []Row{rowWithMobiles("07700 900101", "07700 900102"), withWarnings(rowWithMobiles("07700 900103", "07700 900113"), warning)},
		},
		{
			name: "unspaced like the others",
			rows: []Row{rowWithMobiles("07700900101", "07700900102"), rowWithMobiles("07700900103", "7700900113")},
			want: []Row{rowWithMobiles("07700900101", "07700900102"), withWarnings(rowWithMobiles("07700900103", "07700900113"), warning)},
		},
		{
			name: "no other numbers",
			rows: []Row{rowWithMobiles("", "7700 900113")},
			want: []Row{withWarnings(rowWithMobiles("", "07700900113"), warning)},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			restoreMobiles(tc.rows)
			if diff := cmp.Diff(tc.rows, tc.want); diff != "" {
				t.Errorf("rows differ (-got +want):\n%s", diff)
			}
		})
	}
}

func withWarnings(r Row, w ...string) Row {
	r.Warnings = w
	return r
}

package mis

import (
	"errors"
	"slices"
	"testing"

	"photoconsent/app/civil"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    civil.Date
		wantErr error
	}{
		{"", civil.Date{}, nil},
		{"  ", civil.Date{}, nil},
		{"22/07/2015", civil.Date{Year: 2015, Month: 7, Day: 22}, nil},
		{"2/7/2015", civil.Date{Year: 2015, Month: 7, Day: 2}, nil},
		{"02/03/2015", civil.Date{Year: 2015, Month: 3, Day: 2}, nil}, // UK order, never US
		{"2015-07-22", civil.Date{Year: 2015, Month: 7, Day: 22}, nil},
		{"2015-7-2", civil.Date{Year: 2015, Month: 7, Day: 2}, nil},
		{"22-07-2015", civil.Date{Year: 2015, Month: 7, Day: 22}, nil},
		{"22.07.2015", civil.Date{Year: 2015, Month: 7, Day: 22}, nil},
		{" 22/07/2015 ", civil.Date{Year: 2015, Month: 7, Day: 22}, nil},
		{"22/07/2015 00:00", civil.Date{Year: 2015, Month: 7, Day: 22}, nil},
		{"2015-07-22T00:00:00", civil.Date{Year: 2015, Month: 7, Day: 22}, nil},
		{"29/02/2016", civil.Date{Year: 2016, Month: 2, Day: 29}, nil},
		{"29/02/2015", civil.Date{}, errNotRealDate},
		{"31/02/2015", civil.Date{}, errNotRealDate},
		{"31/04/2015", civil.Date{}, errNotRealDate},
		{"00/01/2015", civil.Date{}, errNotRealDate},
		{"13/13/2015", civil.Date{}, errNotRealDate},
		{"03/13/2015", civil.Date{}, errNotRealDate}, // a US date is not repaired
		{"2015-02-30", civil.Date{}, errNotRealDate},
		{"01/01/0001", civil.Date{}, errNotRealDate},
		{"22/07/15", civil.Date{}, errShortYear},
		{"soon", civil.Date{}, errNotDate},
		{"22/07", civil.Date{}, errNotDate},
		{"22/07/2015/1", civil.Date{}, errNotDate},
		{"+2/07/2015", civil.Date{}, errNotDate},
		{"2015-07-22x", civil.Date{}, errNotDate},
		{"20150722", civil.Date{}, errNotDate},
		{"99999/1/1", civil.Date{}, errNotDate},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseDate(tc.in)
			if got != tc.want || !errors.Is(err, tc.wantErr) {
				t.Errorf("parseDate(%q) = %v, %v; want %v, %v", tc.in, got, err, tc.want, tc.wantErr)
			}
		})
	}
}

func TestDateWarnings(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"31/02/2015", []string{"date of birth '31/02/2015' is not a real date"}},
		{"22/07/15", []string{"date of birth '22/07/15' has a two-digit year"}},
		{"1/2/3/4", []string{"date of birth '1/2/3/4' is not a date in the form dd/mm/yyyy or yyyy-mm-dd"}},
		// A value with letters may be a name in the wrong column: not quoted.
		{"Smith", []string{"date of birth is not a date in the form dd/mm/yyyy or yyyy-mm-dd"}},
		{"2015-07-22", nil},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			n := &notes{}
			n.date("date of birth", tc.in)
			if !slices.Equal(n.list, tc.want) {
				t.Errorf("warnings %q, want %q", n.list, tc.want)
			}
		})
	}
}

func TestParseYear(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"", "", true},
		{"6", "6", true},
		{"06", "6", true},
		{"Year 6", "6", true},
		{"year6", "6", true},
		{"Y6", "6", true},
		{"Yr 6", "6", true},
		{"NC Year 11", "11", true},
		{"14", "14", true},
		{"R", "R", true},
		{"r", "R", true},
		{"Reception", "R", true},
		{"Year R", "R", true},
		{"YR", "R", true},
		{"0", "R", true},
		{"FS2", "R", true},
		{"N1", "N1", true},
		{"Nursery 1", "N1", true},
		{"N2", "N2", true},
		{"Nursery", "N2", true},
		{"Nursery 2", "N2", true},
		{"FS1", "N2", true},
		{"X", "X", true},
		{" 6 ", "6", true},
		{"15", "", false},
		{"-1", "", false},
		{"Year", "", false},
		{"Owls", "", false},
		{"6B", "", false},
		{"99999999999999999999", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := parseYear(tc.in)
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("parseYear(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.wantOK)
			}
		})
	}
}

func TestParseSex(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"M", "M", true}, {"m", "M", true}, {"Male", "M", true}, {"MALE", "M", true}, {" male ", "M", true},
		{"F", "F", true}, {"f", "F", true}, {"Female", "F", true}, {"FEMALE", "F", true},
		{"", "", true},
		{"U", "", false}, {"X", "", false}, {"Not known", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := parseSex(tc.in)
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("parseSex(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.wantOK)
			}
		})
	}
}

func TestParseConsent(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		// SIMS-style
		{"Yes", "granted", true}, {"No", "refused", true}, {"", "", true},
		// Arbor-style
		{"Consented", "granted", true}, {"Rejected", "refused", true}, {"Requested", "", true},
		// others
		{"granted", "granted", true}, {"Refused", "refused", true}, {"TRUE", "granted", true}, {"false", "refused", true},
		{"Y", "granted", true}, {"n", "refused", true}, {"Not Granted", "refused", true}, {"Withdrawn", "refused", true},
		{"unknown", "", true}, {" yes ", "granted", true},
		{"Maybe", "", false}, {"website only", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := parseConsent(tc.in)
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("parseConsent(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.wantOK)
			}
		})
	}
}

func TestParseYesNo(t *testing.T) {
	tests := []struct {
		in                   string
		value, known, wantOK bool
	}{
		{"Yes", true, true, true}, {"yes", true, true, true}, {"Y", true, true, true}, {"true", true, true, true},
		{"TRUE", true, true, true}, {"1", true, true, true},
		{"No", false, true, true}, {"n", false, true, true}, {"false", false, true, true}, {"0", false, true, true},
		{"", false, false, true}, {" ", false, false, true},
		{"perhaps", false, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			v, known, ok := parseYesNo(tc.in)
			if v != tc.value || known != tc.known || ok != tc.wantOK {
				t.Errorf("parseYesNo(%q) = %v, %v, %v; want %v, %v, %v", tc.in, v, known, ok, tc.value, tc.known, tc.wantOK)
			}
		})
	}
}

func TestShown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"31/02/2015", "'31/02/2015'"},
		{"15", "'15'"},
		{"", ""},
		{"Hargreaves", ""},
		{"Zoë", ""},
		{"小明", ""},
		{"1234567890123456789012345", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := shown(tc.in); got != tc.want {
				t.Errorf("shown(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

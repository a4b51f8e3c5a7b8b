package names

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadList(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Person
	}{
		{"plain", "Amelia\tHartley-Jones\nZoë\tO’Neill\n", []Person{
			{ID: "line 1", Forenames: []string{"Amelia"}, Surnames: []string{"Hartley-Jones"}},
			{ID: "line 2", Forenames: []string{"Zoë"}, Surnames: []string{"O’Neill"}},
		}},
		{"BOM, CRLF, comments, blanks, no final newline", "\uFEFF# Year 3\r\n\r\n  \nAmelia\tHartley-Jones\r\n  # old\nDaan \t van der Berg ", []Person{
			{ID: "line 4", Forenames: []string{"Amelia"}, Surnames: []string{"Hartley-Jones"}},
			{ID: "line 6", Forenames: []string{"Daan"}, Surnames: []string{"van der Berg"}},
		}},
		{"BOM then a name", "\uFEFFAmelia\tHartley-Jones", []Person{
			{ID: "line 1", Forenames: []string{"Amelia"}, Surnames: []string{"Hartley-Jones"}},
		}},
		{"empty", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadList(strings.NewReader(tc.in))
			if err != nil {
				t.Fatalf("ReadList: %v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ReadList (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadListErrors(t *testing.T) {
	tests := []struct {
		name, in, line string
	}{
		{"no tab", "Amelia\tHartley-Jones\n# c\nZoe O'Neill\n", "line 3:"},
		{"two tabs", "Amelia\tRose\tHartley-Jones\n", "line 1:"},
		{"empty surname", "\nAmelia\t \n", "line 2:"},
		{"empty forename", "\tHartley-Jones\n", "line 1:"},
		{"not UTF-8", "Amelia\tHartley-Jones\nZo\xeb\tO'Neill\n", "line 2:"},
		{"too long", "Amelia\tHartley-Jones\n" + strings.Repeat("x", maxLine+1) + "\tY\n", "line 2:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadList(strings.NewReader(tc.in))
			if err == nil {
				t.Fatalf("ReadList = %v, want an error", got)
			}
			if !errors.Is(err, ErrList) {
				t.Errorf("error %v does not wrap ErrList", err)
			}
			if !strings.HasPrefix(err.Error(), tc.line) {
				t.Errorf("error %q does not start with %q", err, tc.line)
			}
			for _, name := range []string{"Amelia", "Hartley", "Zo", "Neill", "Rose", "xxxx"} {
				if strings.Contains(err.Error(), name) {
					t.Errorf("error %q repeats a name", err)
				}
			}
		})
	}
}

func TestReadListThenFind(t *testing.T) {
	people, err := ReadList(strings.NewReader("Amelia\tHartley-Jones\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := NewIndex(people).Find("AmeliaHartleyJones.jpg")
	want := []Match{block("line 1", "AmeliaHartleyJones")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

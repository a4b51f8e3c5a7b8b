package mis

import (
	"testing"
)

func TestSplitName(t *testing.T) {
	tests := []struct {
		name                     string
		full                     string
		surnames                 []string
		title, forename, surname string
	}{
		{"two words", "Rachel Hargreaves", []string{"Hargreaves"}, "", "Rachel", "Hargreaves"},
		{"surname differs from pupil", "Claire Smith", []string{"Smith-Jones"}, "", "Claire", "Smith"},
		{"pupil surname with particle", "María de la Cruz", []string{"de la Cruz", "De La Cruz"}, "", "María", "de la Cruz"},
		{"pupil surname other case", "María De La Cruz", []string{"de la Cruz"}, "", "María", "De La Cruz"},
		{"van der", "Sophie van der Berg", []string{"van der Berg"}, "", "Sophie", "van der Berg"},
		{"van der without pupil surname", "Sophie van der Berg", nil, "", "Sophie", "van der Berg"},
		{"Irish particle not the pupil's", "Ciarán Ó Briain", []string{"Ní Bhriain"}, "", "Ciarán", "Ó Briain"},
		{"Ní", "Sinéad Ní Bhriain", nil, "", "Sinéad", "Ní Bhriain"},
		{"St and hyphen", "Harriet St John-Smythe", []string{"St John-Smythe"}, "", "Harriet", "St John-Smythe"},
		{"St without pupil surname", "Harriet St John-Smythe", nil, "", "Harriet", "St John-Smythe"},
		{"two-word forename", "Minh Anh Nguyễn", []string{"Nguyễn"}, "", "Minh Anh", "Nguyễn"},
		{"two-word forename, no hint", "Mary Ann Jones", nil, "", "Mary Ann", "Jones"},
		{"typographic apostrophe", "Anil D’Souza", []string{"D'Souza"}, "", "Anil", "D’Souza"},
		{"particle as first word is a forename", "Al Smith", nil, "", "Al", "Smith"},
		{"particle as last word", "Jean De", nil, "", "Jean", "De"},
		{"title", "Mrs Rachel Hargreaves", nil, "Mrs", "Rachel", "Hargreaves"},
		{"title with dot", "Dr. Harriet St John-Smythe", nil, "Dr.", "Harriet", "St John-Smythe"},
		{"title only and surname", "Mr Smith", nil, "Mr", "", "Smith"},
		{"surname first", "Hargreaves, Rachel", nil, "", "Rachel", "Hargreaves"},
		{"surname first with title", "Hargreaves, Mrs Rachel", nil, "Mrs", "Rachel", "Hargreaves"},
		{"mononym", "Ratnasari", []string{"Ratnasari"}, "", "", "Ratnasari"},
		{"extra spaces", "  Rachel   Hargreaves ", nil, "", "Rachel", "Hargreaves"},
		{"blank", "", nil, "", "", ""},
		{"the title word alone is a surname", "Miss", nil, "", "", "Miss"},
		{"whole name equals pupil surname", "van der Berg", []string{"van der Berg"}, "", "van", "der Berg"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			title, fore, sur := splitName(tc.full, tc.surnames...)
			if title != tc.title || fore != tc.forename || sur != tc.surname {
				t.Errorf("splitName(%q) = %q, %q, %q; want %q, %q, %q", tc.full, title, fore, sur, tc.title, tc.forename, tc.surname)
			}
		})
	}
}

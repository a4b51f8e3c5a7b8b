package register

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Zoë", "zoe"},
		{"Zoe\u0308", "zoe"}, // decomposed, as macOS writes file names
		{"O'Neill", "oneill"},
		{"O’Neill", "oneill"},
		{"ONeill", "oneill"},
		{"Smith-Jones", "smith jones"},
		{"  van  der   Berg ", "van der berg"},
		{"Łukasz Wójcik", "lukasz wojcik"},
		{"Ayşe Yılmaz", "ayse yilmaz"},
		{"Lindqvist-Øberg", "lindqvist oberg"},
		{"Nguyễn", "nguyen"},
		{"MCLEOD", "mcleod"},
		{"Ðorđe Jónsdóttir", "dorde jonsdottir"}, // spelled as the name search spells it
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

package ui

import "testing"

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{
		0: "0 pupils", 1: "1 pupil", 2: "2 pupils", 999: "999 pupils",
		1000: "1,000 pupils", 50000: "50,000 pupils", 1234567: "1,234,567 pupils",
	} {
		if got := plural(n, "pupil"); got != want {
			t.Errorf("plural(%d) = %q, want %q", n, got, want)
		}
	}
}

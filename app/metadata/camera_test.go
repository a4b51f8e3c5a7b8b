package metadata

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCameraText(t *testing.T) {
	long := strings.Repeat("x", 200)
	tests := []struct{ in, want string }{
		{"Canon", "Canon"},
		{"  Canon  \x00\x00", "Canon"},
		{"NIKON\x00junk after the NUL", "NIKON"},
		{"Apple   iPhone\t12", "Apple iPhone 12"},
		{"bad\xffbyte", "badbyte"},
		{"bell\x07 ring", "bell ring"},
		{"\x00\x00", ""},
		{"   ", ""},
		{long, long[:MaxCameraText]},
		{"Sony α7", "Sony α7"},
	}
	for _, tt := range tests {
		got := CameraText(tt.in)
		if got != tt.want {
			t.Errorf("CameraText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if !utf8.ValidString(got) || utf8.RuneCountInString(got) > MaxCameraText {
			t.Errorf("CameraText(%q) = %q: not valid UTF-8 or too long", tt.in, got)
		}
	}
}

func TestCameraTextCapsRunes(t *testing.T) {
	got := CameraText(strings.Repeat("é", 100))
	if n := utf8.RuneCountInString(got); n != MaxCameraText {
		t.Errorf("%d runes, want %d", n, MaxCameraText)
	}
}

func TestFindingsAddCamera(t *testing.T) {
	f := Findings{Camera: Camera{Make: "Apple"}}
	f.Add(Findings{Camera: Camera{Make: "Canon", Model: "iPad (9th generation)", Serial: "123"}})
	want := Camera{Make: "Apple", Model: "iPad (9th generation)", Serial: "123"}
	if f.Camera != want {
		t.Errorf("camera %+v, want %+v", f.Camera, want)
	}
	if (Camera{}).IsZero() != true || want.IsZero() {
		t.Error("IsZero is wrong")
	}
}

// FuzzCameraText: whatever a file holds, the text is valid UTF-8, capped,
// trimmed, and tidying it again changes nothing.
func FuzzCameraText(f *testing.F) {
	for _, s := range []string{"Canon", " NIKON\x00\x00", "bad\xff", "a  b\tc", strings.Repeat("é", 80)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := CameraText(s)
		if !utf8.ValidString(got) || utf8.RuneCountInString(got) > MaxCameraText || strings.TrimSpace(got) != got {
			t.Fatalf("CameraText(%q) = %q", s, got)
		}
		if again := CameraText(got); again != got {
			t.Fatalf("CameraText is not stable: %q then %q", got, again)
		}
	})
}

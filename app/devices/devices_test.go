package devices

import (
	"errors"
	"strings"
	"testing"

	"photoconsent/app/metadata"
)

func TestFromCamera(t *testing.T) {
	tests := []struct {
		name    string
		in      metadata.Camera
		want    Device
		wantErr error
	}{
		{"make and model", metadata.Camera{Make: "Apple", Model: "iPad (9th generation)"},
			Device{Make: "Apple", Model: "iPad (9th generation)"}, nil},
		{"tidied", metadata.Camera{Make: " Canon\x00", Model: "Canon  EOS 80D ", Serial: " 042 "},
			Device{Make: "Canon", Model: "Canon EOS 80D", Serial: "042"}, nil},
		{"model only", metadata.Camera{Model: "GoPro Max"}, Device{Model: "GoPro Max"}, nil},
		{"serial only", metadata.Camera{Serial: "123"}, Device{}, ErrNoCamera},
		{"nothing", metadata.Camera{}, Device{}, ErrNoCamera},
		{"only spaces", metadata.Camera{Make: "   ", Model: "\x00"}, Device{}, ErrNoCamera},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromCamera(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	if ErrNoCamera.Error() != "the photo does not say which camera took it" {
		t.Errorf("ErrNoCamera says %q", ErrNoCamera)
	}
}

func TestKnown(t *testing.T) {
	list := []Device{
		{ID: "a", Make: "Apple", Model: "iPad (9th generation)"},
		{ID: "b", Make: "Canon", Model: "EOS 80D", Serial: "0420"},
		{ID: "c", Make: "NIKON CORPORATION", Model: "NIKON D800E"},
		{ID: "d", Model: "GoPro Max"},
	}
	cam := func(mk, model, serial string) metadata.Camera {
		return metadata.Camera{Make: mk, Model: model, Serial: serial}
	}
	tests := []struct {
		name string
		c    metadata.Camera
		want bool
	}{
		{"exact", cam("Apple", "iPad (9th generation)", ""), true},
		{"case and spaces folded", cam("APPLE ", "ipad  (9th Generation)", ""), true},
		{"spaces removed", cam("apple", "iPad(9th generation)", ""), true},
		{"model-level entry matches any serial", cam("Apple", "iPad (9th generation)", "XYZ"), true},
		{"another model", cam("Apple", "iPhone 12", ""), false},
		{"another make", cam("Samsung", "iPad (9th generation)", ""), false},
		{"make repeated in the model", cam("Canon", "Canon EOS 80D", "0420"), true},
		{"serial entry, same serial", cam("Canon", "EOS 80D", "0420"), true},
		{"serial entry, other serial", cam("Canon", "EOS 80D", "9999"), false},
		{"serial entry, photo without serial", cam("Canon", "EOS 80D", ""), false},
		{"make's first word repeated", cam("Nikon Corporation", "D800E", ""), true},
		{"entry's first word repeated, photo plain", cam("NIKON CORPORATION", "D800E", ""), true},
		{"model only entry", cam("", "GoPro Max", ""), true},
		{"model only entry does not match with a make", cam("GoPro", "GoPro Max", ""), false},
		{"no make or model is never known", cam("", "", "0420"), false},
		{"nothing at all", cam("", "", ""), false},
		{"make alone is not a model", cam("Apple", "", ""), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Known(list, tt.c); got != tt.want {
				t.Errorf("Known(%+v) = %v, want %v", tt.c, got, tt.want)
			}
		})
	}
	if Known(nil, cam("Apple", "iPad", "")) {
		t.Error("an empty list knows a camera")
	}
	if Known([]Device{{ID: "blank"}}, cam("", "", "")) {
		t.Error("a blank entry matches a photo that names no camera")
	}
}

// TestKnownWordBoundary: the make is only taken off the model as a whole
// word, so "Canonet" is not "Canon" + "et".
func TestKnownWordBoundary(t *testing.T) {
	list := []Device{{Make: "Canon", Model: "et QL17"}}
	if Known(list, metadata.Camera{Make: "Canon", Model: "Canonet QL17"}) {
		t.Error("Canonet QL17 matched Canon et QL17")
	}
}

func TestLabel(t *testing.T) {
	tests := []struct {
		d    Device
		want string
	}{
		{Device{Make: "Apple", Model: "iPad (9th generation)"}, "Apple iPad (9th generation)"},
		{Device{Make: "Canon", Model: "Canon EOS 80D", Serial: "1234"}, "Canon EOS 80D · serial 1234"},
		{Device{Make: "Apple", Model: "iPad (9th generation)", Name: "Year 2 iPad"}, "Year 2 iPad · Apple iPad (9th generation)"},
		{Device{Make: "NIKON CORPORATION", Model: "NIKON D800E"}, "NIKON D800E"},
		{Device{Model: "GoPro Max"}, "GoPro Max"},
		{Device{Make: "Kodak"}, "Kodak"},
	}
	for _, tt := range tests {
		if got := tt.d.Label(); got != tt.want {
			t.Errorf("Label(%+v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestSameAndTidy(t *testing.T) {
	a := Device{Make: "Canon", Model: "EOS 80D"}
	tests := []struct {
		b    Device
		want bool
	}{
		{Device{Make: "canon", Model: "Canon EOS 80D"}, true},
		{Device{Make: "Canon", Model: "EOS 80D", Name: "Office camera"}, true},
		{Device{Make: "Canon", Model: "EOS 80D", Serial: "1"}, false},
		{Device{Make: "Canon", Model: "EOS 90D"}, false},
	}
	for _, tt := range tests {
		if got := Same(a, tt.b); got != tt.want {
			t.Errorf("Same(%+v, %+v) = %v, want %v", a, tt.b, got, tt.want)
		}
	}
	d := Device{Make: " Apple ", Name: "  Year   2\tiPad " + strings.Repeat("x", 100)}.Tidy()
	if d.Make != "Apple" || !strings.HasPrefix(d.Name, "Year 2 iPad x") || len([]rune(d.Name)) > MaxName {
		t.Errorf("Tidy gave %+v", d)
	}
}

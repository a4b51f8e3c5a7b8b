package bmff

import (
	"bytes"
	"testing"

	"photoconsent/app/metadata"
)

func TestInspectCamera(t *testing.T) {
	tests := []struct {
		name string
		file []byte
		want metadata.Camera
	}{
		{"Keys make and model", movie(keysMeta(
			"com.apple.quicktime.make", "Apple",
			"com.apple.quicktime.model", "iPhone 12",
			"com.apple.quicktime.software", "17.1",
		)), metadata.Camera{Make: "Apple", Model: "iPhone 12"}},
		{"udta ©mak and ©mod", movie(bx("udta", bx("\xa9mak", qtText("Panasonic")), bx("\xa9mod", qtText("DMC-TZ7 ")))),
			metadata.Camera{Make: "Panasonic", Model: "DMC-TZ7"}},
		{"Keys win over a later udta", movie(
			keysMeta("com.apple.quicktime.make", "Apple"),
			bx("udta", bx("\xa9mak", qtText("Other")), bx("\xa9mod", qtText("Model X"))),
		), metadata.Camera{Make: "Apple", Model: "Model X"}},
		{"no camera keys", movie(keysMeta("com.apple.quicktime.title", "Sports day")), metadata.Camera{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Inspect(bytes.NewReader(tt.file), int64(len(tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if f.Camera != tt.want {
				t.Errorf("camera %+v, want %+v", f.Camera, tt.want)
			}
		})
	}
}

// TestCameraKeyBroken: a make item whose data cannot be read is left
// unread, as before, rather than failing the whole file.
func TestCameraKeyBroken(t *testing.T) {
	meta := bx("meta",
		full("hdlr", 0, u32(0), []byte("mdta"), make([]byte, 13)),
		full("keys", 0, u32(1), append(append(u32(8+24), "mdta"...), "com.apple.quicktime.make"...)),
		bx("ilst", bx(string(u32(1)), u32(200), []byte("data"))))
	file := movie(meta)
	f, err := Inspect(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatalf("a broken make item failed the file: %v", err)
	}
	if !f.Camera.IsZero() {
		t.Errorf("camera %+v from a broken item", f.Camera)
	}
}

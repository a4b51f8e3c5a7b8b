package xmp

import (
	"testing"

	"photoconsent/app/metadata"
)

func TestInspectCamera(t *testing.T) {
	const ns = `xmlns:tiff="http://ns.adobe.com/tiff/1.0/" xmlns:exifEX="http://cipa.jp/exif/1.0/" xmlns:aux="http://ns.adobe.com/exif/1.0/aux/"`
	tests := []struct {
		name, body string
		want       metadata.Camera
	}{
		{"attributes", `<rdf:Description ` + ns + ` tiff:Make="Apple" tiff:Model="iPad (9th generation)" exifEX:BodySerialNumber="DMPX1"/>`,
			metadata.Camera{Make: "Apple", Model: "iPad (9th generation)", Serial: "DMPX1"}},
		{"elements, aux serial", `<rdf:Description ` + ns + `><tiff:Make> Canon </tiff:Make><tiff:Model>Canon EOS 80D</tiff:Model><aux:SerialNumber>0420</aux:SerialNumber></rdf:Description>`,
			metadata.Camera{Make: "Canon", Model: "Canon EOS 80D", Serial: "0420"}},
		{"the first serial wins", `<rdf:Description ` + ns + ` exifEX:BodySerialNumber="one" aux:SerialNumber="two"/>`,
			metadata.Camera{Serial: "one"}},
		{"lens serial is not the camera's", `<rdf:Description ` + ns + ` aux:LensSerialNumber="L1" exifEX:LensSerialNumber="L2"/>`,
			metadata.Camera{}},
		{"Make in another namespace is not the camera's", `<rdf:Description xmlns:foo="http://example.com/" foo:Make="Nope"/>`,
			metadata.Camera{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Inspect(packet(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if f.Camera != tt.want {
				t.Errorf("camera %+v, want %+v", f.Camera, tt.want)
			}
		})
	}
}

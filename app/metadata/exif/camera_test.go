package exif

import (
	"encoding/binary"
	"testing"

	"photoconsent/app/metadata"
)

func TestInspectCamera(t *testing.T) {
	o := binary.LittleEndian
	xmpPacket := []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
		`<rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Make="XMP Make" tiff:Model="XMP Model"/></rdf:RDF></x:xmpmeta>`)
	tests := []struct {
		name string
		ifd0 *tIFD
		want metadata.Camera
	}{
		{"make, model and body serial", &tIFD{entries: []tEntry{
			str(TagMake, "Canon"), str(TagModel, "Canon EOS 80D  "),
			ptr(TagExifIFD, &tIFD{entries: []tEntry{str(TagSerialNumber, "0123456789")}}),
		}}, metadata.Camera{Make: "Canon", Model: "Canon EOS 80D", Serial: "0123456789"}},
		{"DNG camera serial in IFD0", &tIFD{entries: []tEntry{
			str(TagMake, "Leica"), str(TagCameraSerialNumber, "L-42"),
		}}, metadata.Camera{Make: "Leica", Serial: "L-42"}},
		{"short values inline in the entry", &tIFD{entries: []tEntry{str(TagMake, "HP"), str(TagModel, "X1")}},
			metadata.Camera{Make: "HP", Model: "X1"}},
		{"make in a thumbnail's IFD1 is not the camera's", &tIFD{
			entries: []tEntry{short(o, TagOrientation, 1)},
			next:    &tIFD{entries: []tEntry{str(TagMake, "Thumbnail Maker")}},
		}, metadata.Camera{}},
		{"serial in IFD0 under the Exif tag number is not read", &tIFD{entries: []tEntry{str(TagSerialNumber, "999")}},
			metadata.Camera{}},
		{"numeric make is ignored", &tIFD{entries: []tEntry{short(o, TagMake, 7)}}, metadata.Camera{}},
		{"EXIF wins over its embedded XMP, which fills the gaps", &tIFD{entries: []tEntry{
			str(TagMake, "Apple"), undef(TagXMP, xmpPacket),
		}}, metadata.Camera{Make: "Apple", Model: "XMP Model"}},
		{"blank padded values say nothing", &tIFD{entries: []tEntry{str(TagMake, "      "), str(TagModel, "\x00\x00\x00\x00\x00\x00")}},
			metadata.Camera{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Inspect(build(o, tt.ifd0))
			if err != nil {
				t.Fatal(err)
			}
			if f.Camera != tt.want {
				t.Errorf("camera %+v, want %+v", f.Camera, tt.want)
			}
		})
	}
}

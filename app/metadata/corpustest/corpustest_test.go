package corpustest

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/metadata"
)

func TestLoad(t *testing.T) {
	_, files := Load(t)
	if len(files) == 0 {
		t.Fatal("the manifest lists no files")
	}
	if got := Only(files, "JPEG"); len(got) == 0 || got[0].Format != "JPEG" {
		t.Errorf("Only(JPEG) = %d files", len(got))
	}
	if vocab := Vocabulary(files); !vocab["GPS:GPSLatitude"] {
		t.Errorf("the vocabulary lacks GPS:GPSLatitude: %v", vocab)
	}
}

func TestHelpers(t *testing.T) {
	f := File{Categories: []string{"malformed"}, LocationTags: []string{"GPS:GPSLatitude", "IPTC:City", "IPTC:Country-PrimaryLocationName"}}
	if !f.Malformed() || f.Has("rotated") {
		t.Errorf("Malformed %v, Has(rotated) %v; want true, false", f.Malformed(), f.Has("rotated"))
	}
	found := []metadata.Finding{{Group: "IPTC", Tag: "City"}}
	if diff := cmp.Diff([]string{"IPTC:Country-PrimaryLocationName"}, Missing(found, f.LocationTagsIn("IPTC:"))); diff != "" {
		t.Errorf("Missing (-want +got):\n%s", diff)
	}
	for key, want := range map[string]bool{"GPS:GPSLatitude": true, "XMP-exif:GPSLatitude": true, "IPTC:City": true, "IFD0:Orientation": false, "Composite:GPSPosition": false} {
		if got := Dropped(key); got != want {
			t.Errorf("Dropped(%s) = %v, want %v", key, got, want)
		}
	}
	for _, tt := range []struct {
		value any
		want  int
	}{{json.Number("6"), 6}, {"upright", 0}, {nil, 0}} {
		tags := map[string]string{}
		if tt.value != nil {
			tags["IFD0:Orientation"] = text(tt.value)
		}
		if got := Orientation(tags); got != tt.want {
			t.Errorf("Orientation of %v = %d, want %d", tt.value, got, tt.want)
		}
	}
	if got := text([]any{"a", json.Number("1")}); got != `["a",1]` {
		t.Errorf("text of a list = %s", got)
	}
}

package gate_test

import (
	"context"
	"slices"
	"testing"

	"photoconsent/app/devices"
	"photoconsent/app/gate"
	"photoconsent/app/metadata"
	"photoconsent/app/publish"
)

// TestNotSchoolDevice: once the school lists its cameras, a photo from
// another camera is ready but warned about, and the log marks it; before
// the school lists any, nothing is warned about.
func TestNotSchoolDevice(t *testing.T) {
	f := newFixture(t)
	in := t.TempDir()
	phone := metadata.Camera{Make: "Apple", Model: "iPhone 12"}
	load := func(g *gate.Gate, cam metadata.Camera) gate.Item {
		it := g.Load(writeJPEG(t, in, "a.jpg", 32, 16, false, 0))
		it.Tags, it.Check.Camera = f.tags(amelia), cam
		return it
	}
	g, err := gate.New(f.sess)
	if err != nil {
		t.Fatal(err)
	}
	if dec := reasons(t, g, load(g, phone), publish.Display); len(dec.Warnings) != 0 {
		t.Errorf("no school devices listed: warnings %q, want none", dec.Warnings)
	}
	if _, err := f.sess.AddSchoolDevice(devices.Device{Make: "Canon", Model: "Canon EOS 80D"}); err != nil {
		t.Fatal(err)
	}
	if g, err = gate.New(f.sess); err != nil {
		t.Fatal(err)
	}
	if dec := reasons(t, g, load(g, metadata.Camera{Make: "Canon", Model: "Canon EOS 80D"}), publish.Display); len(dec.Warnings) != 0 {
		t.Errorf("the school's camera: warnings %q, want none", dec.Warnings)
	}
	it := load(g, phone)
	dec := reasons(t, g, it, publish.Display)
	want := "not a school device: taken on Apple iPhone 12"
	if dec.Outcome != publish.Ready || !slices.Equal(dec.Warnings, []string{want}) {
		t.Errorf("a phone's photo: %+v, want ready with the warning %q", dec, want)
	}
	res, err := g.Export(context.Background(), []gate.Item{it}, gate.ExportOptions{To: publish.Display, OutDir: t.TempDir()}, nil)
	if err != nil || len(res) != 1 {
		t.Fatalf("Export = %+v, %v", res, err)
	}
	if e := res[0].Entry; !e.NotSchoolDevice || e.Device != "Apple iPhone 12" || res[0].Output == "" {
		t.Errorf("log entry device %q, not a school device %v, copy %q: want the phone flagged and the copy made", e.Device, e.NotSchoolDevice, res[0].Output)
	}
}

package register

import (
	"errors"
	"strings"
	"testing"
	"time"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/devices"
)

var ipad = devices.Device{Make: "Apple", Model: "iPad (9th generation)", Name: "Year 2 iPad"}

// TestSchoolDevices: the head and the office add and remove devices, with
// an ID, the session's date and an audit line each; everyone reads them.
func TestSchoolDevices(t *testing.T) {
	f := newFixture(t)
	office := f.session("Ms Office", access.Office)
	teacher := f.session("Mr Teach", access.Teacher)

	d, err := f.head.AddSchoolDevice(ipad)
	if err != nil {
		t.Fatal(err)
	}
	if d.ID == "" || !d.Added.Equal(f.clock.t) {
		t.Errorf("added %+v: want an ID and the clock's time %v", d, f.clock.t)
	}
	f.clock.advance(time.Hour)
	cam, err := office.AddSchoolDevice(devices.Device{Make: " Canon ", Model: "Canon EOS 80D", Serial: "0420", ID: "chosen", Added: time.Unix(1, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if cam.ID == "chosen" || cam.ID == d.ID || !cam.Added.Equal(f.clock.t) || cam.Make != "Canon" {
		t.Errorf("added %+v: the register should choose the ID and date and tidy the make", cam)
	}

	list, err := teacher.SchoolDevices()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != d.ID || list[1].ID != cam.ID {
		t.Fatalf("teacher reads %+v, want the iPad then the Canon", list)
	}

	if err := office.RemoveSchoolDevice(d.ID); err != nil {
		t.Fatal(err)
	}
	list, err = f.head.SchoolDevices()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != cam.ID {
		t.Errorf("after removing the iPad the list is %+v", list)
	}

	var details []string
	for _, ev := range f.events(audit.SettingChanged) {
		details = append(details, ev.ActorName+": "+ev.Detail)
	}
	want := []string{
		"Ms Office: school device removed: Year 2 iPad · Apple iPad (9th generation)",
		"Ms Office: school device added: Canon EOS 80D · serial 0420",
		"Mrs Head: school device added: Year 2 iPad · Apple iPad (9th generation)",
	}
	if strings.Join(details, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit trail:\n%s\nwant:\n%s", strings.Join(details, "\n"), strings.Join(want, "\n"))
	}
}

func TestSchoolDevicesRefused(t *testing.T) {
	f := newFixture(t)
	teacher := f.session("Mr Teach", access.Teacher)
	d, err := f.head.AddSchoolDevice(ipad)
	if err != nil {
		t.Fatal(err)
	}
	before := f.store.snapshot()

	if _, err := teacher.AddSchoolDevice(devices.Device{Make: "Apple", Model: "iPhone 12"}); !errors.Is(err, access.ErrNotAllowed) {
		t.Errorf("teacher AddSchoolDevice = %v, want ErrNotAllowed", err)
	}
	if err := teacher.RemoveSchoolDevice(d.ID); !errors.Is(err, access.ErrNotAllowed) {
		t.Errorf("teacher RemoveSchoolDevice = %v, want ErrNotAllowed", err)
	}
	_, err = f.head.AddSchoolDevice(devices.Device{Make: "APPLE", Model: "ipad (9th Generation)"})
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "already on the list") {
		t.Errorf("duplicate AddSchoolDevice = %v, want an 'already on the list' ErrInvalid", err)
	}
	if _, err := f.head.AddSchoolDevice(devices.Device{Serial: "123", Name: "Mystery"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("AddSchoolDevice with no make or model = %v, want ErrInvalid", err)
	}
	if err := f.head.RemoveSchoolDevice("no-such-id"); !errors.Is(err, ErrInvalid) {
		t.Errorf("RemoveSchoolDevice(unknown) = %v, want ErrInvalid", err)
	}
	after := f.store.snapshot()
	if len(after) != len(before) {
		t.Errorf("refused requests wrote %d keys", len(after)-len(before))
	}
	for k, v := range before {
		if string(after[k]) != string(v) {
			t.Errorf("a refused request changed %q", k)
		}
	}
	// The same model with a serial is another entry: this camera, not any like it.
	if _, err := f.head.AddSchoolDevice(devices.Device{Make: "Apple", Model: "iPad (9th generation)", Serial: "X1"}); err != nil {
		t.Errorf("adding a serial-specific entry beside a model-level one: %v", err)
	}
}

// TestUpdateSettingsKeepsDevices: saving the other settings from a screen
// loaded before a device was added does not drop the device.
func TestUpdateSettingsKeepsDevices(t *testing.T) {
	f := newFixture(t)
	stale, err := f.head.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.head.AddSchoolDevice(ipad); err != nil {
		t.Fatal(err)
	}
	stale.SchoolName = "Testbridge Primary Academy"
	if err := f.head.UpdateSettings(stale); err != nil {
		t.Fatal(err)
	}
	list, err := f.head.SchoolDevices()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 {
		t.Errorf("after saving stale settings the list is %+v, want the iPad", list)
	}
}

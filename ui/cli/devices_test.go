package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusPhoto copies a corpus file into dir, or skips.
func corpusPhoto(t *testing.T, rel, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", filepath.FromSlash(rel)))
	if err != nil {
		t.Skipf("the shared corpus is not here: %v", err)
	}
	p := filepath.Join(dir, filepath.Base(rel))
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

type checkedDevice struct {
	File   string `json:"file"`
	Device *struct {
		Make, Model, Serial string
		Known               bool
	} `json:"device"`
}

func checkDevices(t *testing.T, h *harness, r result) map[string]checkedDevice {
	t.Helper()
	var rs []checkedDevice
	if err := json.Unmarshal([]byte(r.stdout), &rs); err != nil {
		t.Fatalf("check --json: %v\n%s", err, r.stdout)
	}
	out := map[string]checkedDevice{}
	for _, c := range rs {
		out[filepath.Base(c.File)] = c
	}
	return out
}

// TestDevicesCommandAndCheck: the head adds the school's camera from a
// photo; check then calls its photos a school device's and others not.
func TestDevicesCommandAndCheck(t *testing.T) {
	h := newHarness(t)
	h.init()
	dir := t.TempDir()
	nikon := gpsPhoto(t, dir, "DSCN0010.jpg")                // NIKON COOLPIX P6000, no serial
	canon := corpusPhoto(t, "elodie/with-location.jpg", dir) // Canon EOS REBEL T2i, serial 1823901365
	none := corpusPhoto(t, "exifr/Bush-dog.jpg", dir)        // names no camera

	r := h.as("jsmith", headPassword, "devices")
	h.want(r, 0, "devices with none")
	if !strings.Contains(r.stdout, "No school devices yet") {
		t.Errorf("empty list said %q", r.stdout)
	}
	r = h.as("jsmith", headPassword, "check", nikon)
	h.want(r, 1, "check before the camera is added")
	if !strings.Contains(r.stdout, "  camera: NIKON COOLPIX P6000 (not a school device)\n") {
		t.Errorf("check said:\n%s", r.stdout)
	}

	r = h.as("jsmith", headPassword, "devices", "add", "--from", nikon, "--name", "Office camera")
	h.want(r, 0, "devices add")
	if !strings.Contains(r.stdout, "Added Office camera · NIKON COOLPIX P6000 (ID ") {
		t.Errorf("add said %q", r.stdout)
	}
	r = h.as("jsmith", headPassword, "devices", "add", "--from", nikon)
	h.want(r, 1, "adding the same camera again")
	if !strings.Contains(r.stderr, "already on the list") {
		t.Errorf("duplicate add said %q", r.stderr)
	}
	r = h.as("jsmith", headPassword, "devices", "add", "--from", none)
	h.want(r, 1, "adding from a photo that names no camera")
	if !strings.Contains(r.stderr, "does not say which camera took it") {
		t.Errorf("add from a photo without a camera said %q", r.stderr)
	}

	r = h.as("jsmith", headPassword, "devices", "--json")
	h.want(r, 0, "devices --json")
	var list []struct{ ID, Make, Model, Serial, Name, Added string }
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
		t.Fatalf("devices --json: %v\n%s", err, r.stdout)
	}
	if len(list) != 1 || list[0].ID == "" || list[0].Make != "NIKON" || list[0].Name != "Office camera" || list[0].Added == "" {
		t.Fatalf("devices --json = %+v", list)
	}

	got := checkDevices(t, h, h.as("jsmith", headPassword, "check", "--json", nikon, canon, none))
	if d := got["DSCN0010.jpg"].Device; d == nil || !d.Known || d.Model != "COOLPIX P6000" {
		t.Errorf("the school's camera: device %+v, want known", d)
	}
	if d := got["with-location.jpg"].Device; d == nil || d.Known || d.Serial != "1823901365" || d.Make != "Canon" {
		t.Errorf("another camera: device %+v, want the Canon with its serial, not known", d)
	}
	if d := got["Bush-dog.jpg"].Device; d != nil {
		t.Errorf("a photo naming no camera has device %+v, want none", d)
	}
	r = h.as("jsmith", headPassword, "check", nikon, canon)
	if !strings.Contains(r.stdout, "  camera: NIKON COOLPIX P6000 (school device)\n") ||
		!strings.Contains(r.stdout, "  camera: Canon EOS REBEL T2i · serial 1823901365 (not a school device)\n") {
		t.Errorf("check said:\n%s", r.stdout)
	}

	// With --names there is no register, so no list: never known.
	names := filepath.Join(dir, "names.txt")
	if err := os.WriteFile(names, []byte("Amelia\tHartley-Jones\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got = checkDevices(t, h, h.run(nil, "", "check", "--json", "--names", names, nikon))
	if d := got["DSCN0010.jpg"].Device; d == nil || d.Known {
		t.Errorf("with --names: device %+v, want present and not known", d)
	}
	r = h.run(nil, "", "check", "--names", names, nikon)
	if !strings.Contains(r.stdout, "  camera: NIKON COOLPIX P6000\n") {
		t.Errorf("with --names check said:\n%s", r.stdout)
	}

	r = h.as("jsmith", headPassword, "devices", "remove", list[0].ID)
	h.want(r, 0, "devices remove")
	got = checkDevices(t, h, h.as("jsmith", headPassword, "check", "--json", nikon))
	if d := got["DSCN0010.jpg"].Device; d == nil || d.Known {
		t.Errorf("after removing the camera: device %+v, want not known", d)
	}
	r = h.as("jsmith", headPassword, "audit", "--limit", "0")
	if !strings.Contains(r.stdout, "school device added: Office camera · NIKON COOLPIX P6000") ||
		!strings.Contains(r.stdout, "school device removed") {
		t.Errorf("audit trail lacks the device changes:\n%s", r.stdout)
	}
}

// TestDevicesTeacher: a teacher may read the list but not change it.
func TestDevicesTeacher(t *testing.T) {
	h := newHarness(t)
	h.init()
	photo := gpsPhoto(t, t.TempDir(), "DSCN0010.jpg")
	r := h.run(map[string]string{"PHOTOCONSENT_PASSWORD": headPassword, "PHOTOCONSENT_NEW_PASSWORD": "Temp-pass-2026!"}, "",
		"user", "add", "--data", h.dir, "--user", "jsmith", "--name", "mr.teacher", "--role", "teacher")
	h.want(r, 0, "user add")
	r = h.run(map[string]string{"PHOTOCONSENT_PASSWORD": "Temp-pass-2026!", "PHOTOCONSENT_NEW_PASSWORD": "Own-pass-2026!x"}, "",
		"user", "passwd", "--data", h.dir, "--user", "mr.teacher")
	h.want(r, 0, "user passwd")
	h.want(h.as("mr.teacher", "Own-pass-2026!x", "devices"), 0, "teacher lists devices")
	r = h.as("mr.teacher", "Own-pass-2026!x", "devices", "add", "--from", photo)
	h.want(r, 1, "teacher adds a device")
	if !strings.Contains(r.stderr, "Not allowed for your role: a teacher account may not change the list of school devices.") {
		t.Errorf("teacher's refusal said %q", r.stderr)
	}
}

func TestDevicesUsage(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{
		{"devices", "remove"},
		{"devices", "remove", "a", "b"},
		{"devices", "add"},
		{"devices", "--from", "x.jpg"},
		{"devices", "frobnicate"},
	} {
		h.want(h.run(nil, "", args...), 2, strings.Join(args, " "))
	}
}

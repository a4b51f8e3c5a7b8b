// Package devices is the school's list of its own cameras and tablets, and
// the rule that says whether a photo came from one of them. The policy says
// photos of pupils are taken on school equipment only; a photo's metadata
// names the camera that took it (app/metadata.Camera). This package holds
// the matching rule and nothing else: the list lives in the register's
// settings (app/register), and screens show its warnings. It touches
// neither Fyne nor Badger.
package devices

import (
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"photoconsent/app/metadata"
)

// Device is one of the school's cameras or tablets, as a photo it took
// names it.
type Device struct {
	ID     string `json:"id"`
	Make   string `json:"make"`
	Model  string `json:"model"`
	Serial string `json:"serial"`
	// Name is what the school calls it, e.g. "Year 2 iPad"; optional.
	Name  string    `json:"name,omitempty"`
	Added time.Time `json:"added"`
}

// MaxName caps a device's name, in characters.
const MaxName = 60

// ErrNoCamera is a photo whose metadata does not say which camera took it.
var ErrNoCamera = errors.New("the photo does not say which camera took it")

// FromCamera makes a device from the camera a photo names, ready to be
// added to the list (the register gives it its ID and date). The values are
// tidied as metadata.CameraText tidies them.
func FromCamera(c metadata.Camera) (Device, error) {
	d := Device{
		Make:   metadata.CameraText(c.Make),
		Model:  metadata.CameraText(c.Model),
		Serial: metadata.CameraText(c.Serial),
	}
	if d.Make == "" && d.Model == "" {
		return Device{}, ErrNoCamera
	}
	return d, nil
}

// Camera is the camera a photo taken on d would name.
func (d Device) Camera() metadata.Camera {
	return metadata.Camera{Make: d.Make, Model: d.Model, Serial: d.Serial}
}

// Tidy returns d with its make, model and serial tidied as FromCamera
// tidies them and its name trimmed and capped at MaxName characters.
func (d Device) Tidy() Device {
	d.Make = metadata.CameraText(d.Make)
	d.Model = metadata.CameraText(d.Model)
	d.Serial = metadata.CameraText(d.Serial)
	d.Name = strings.Join(strings.Fields(strings.ToValidUTF8(d.Name, "")), " ")
	if utf8.RuneCountInString(d.Name) > MaxName {
		d.Name = strings.TrimSpace(string([]rune(d.Name)[:MaxName]))
	}
	return d
}

// Same reports whether a and b are the same entry: the same make, model
// and serial once case, spaces and a repeated make are folded away. The
// register refuses to add a device the list already has.
func Same(a, b Device) bool {
	return key(a.Camera()) == key(b.Camera())
}

// Known reports whether a photo's camera is one of the school's devices.
//
// Make and model must match, ignoring case and spaces, and a make repeated
// at the start of the model ("Canon" / "Canon EOS 80D" matches "Canon" /
// "EOS 80D"). A camera that names neither make nor model is never known.
//
// Serials: an entry without a serial vouches for every device of that make
// and model. That is the only kind of entry a phone or tablet can have, as
// iPhones and iPads never write a serial, and it cannot tell the school's
// iPad from a member of staff's own. An entry with a serial is the school
// saying "this camera, not any like it", so it matches only a photo that
// carries the same serial: a photo with no serial, or another, is not
// shown to be from that camera and gets the warning. The warning is the
// safe side to err on; a school that wants model-level matching for a
// camera can add it from a photo with the serial removed, or remove the
// serial-specific entry.
func Known(list []Device, c metadata.Camera) bool {
	k := key(c)
	if k.make == "" && k.model == "" {
		return false
	}
	for _, d := range list {
		e := key(d.Camera())
		if e.make != k.make || e.model != k.model || (e.make == "" && e.model == "") {
			continue
		}
		if e.serial == "" || e.serial == k.serial {
			return true
		}
	}
	return false
}

// Label names the device for a list or a warning: "Apple iPad (9th
// generation)", then " · serial 1234" when it has one; its name, when it
// has one, comes first ("Year 2 iPad · Apple iPad (9th generation)").
func (d Device) Label() string {
	label := CameraLabel(d.Camera())
	if d.Serial != "" {
		label += " · serial " + d.Serial
	}
	if d.Name != "" {
		label = d.Name + " · " + label
	}
	return label
}

// CameraLabel names a camera by make and model without saying the make
// twice: "Apple iPhone 12", "Canon EOS 80D" (for make Canon, model "Canon
// EOS 80D"). It is "" when the camera names neither.
func CameraLabel(c metadata.Camera) string {
	mk, model := metadata.CameraText(c.Make), metadata.CameraText(c.Model)
	switch {
	case mk == "":
		return model
	case model == "":
		return mk
	case key(c).model != fold(model):
		return model // the model already starts with the make
	}
	return mk + " " + model
}

// folded is a camera with its fields folded for comparison.
type folded struct{ make, model, serial string }

// key folds a camera for comparison: lower case, no spaces, and the
// make's words, or its first word ("NIKON" of "NIKON CORPORATION"), taken
// off the start of the model's words unless nothing would be left.
func key(c metadata.Camera) folded {
	mk := words(c.Make)
	model := words(c.Model)
	for _, p := range [][]string{mk, mk[:min(1, len(mk))]} {
		if len(p) > 0 && len(model) > len(p) && slices.Equal(model[:len(p)], p) {
			model = model[len(p):]
			break
		}
	}
	return folded{make: strings.Join(mk, ""), model: strings.Join(model, ""), serial: fold(c.Serial)}
}

func words(s string) []string { return strings.Fields(strings.ToLower(metadata.CameraText(s))) }

// fold lower-cases s and removes every space: "EOS 80D" and "eos80d" are
// the same model.
func fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(metadata.CameraText(s)), ""))
}

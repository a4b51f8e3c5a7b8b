package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/devices"
	"photoconsent/app/media"
)

// devicesPolicy explains the list when it is empty.
const devicesPolicy = "Photos of pupils should be taken on school equipment. Add the school's cameras and tablets here; photos from other devices get a warning."

// devicesSection is the settings' list of the school's cameras and
// tablets: each with a remove button, and a button that adds one from a
// photo it took.
type devicesSection struct {
	app     *App
	list    *fyne.Container
	empty   fyne.CanvasObject
	name    *entry
	add     *widget.Button
	problem *widget.Label
	added   *widget.Label
	devices []devices.Device
	content fyne.CanvasObject
}

func newDevicesSection(a *App) *devicesSection {
	d := &devicesSection{app: a, list: container.NewVBox(), problem: problem()}
	d.empty = infoLine(devicesPolicy)
	d.name = newEntry(a, "Optional, e.g. Year 2 iPad")
	d.add = widget.NewButtonWithIcon("Add from a photo…", theme.ContentAddIcon(), d.choosePhoto)
	d.added = widget.NewLabel("")
	d.added.Importance = widget.SuccessImportance
	d.added.Wrapping = fyne.TextWrapWord
	d.added.Hide()
	d.content = container.NewVBox(
		spacer(6),
		subheading("School cameras and tablets"),
		card(
			d.empty,
			d.list,
			field("Name for the next device", d.name, "Choose a photo taken on the device: its metadata says which camera it is."),
			container.NewHBox(d.add),
			d.problem,
			d.added,
		),
	)
	return d
}

// load reads the list again.
func (d *devicesSection) load() {
	s := d.app.sess
	background(d.app, s.SchoolDevices, func(list []devices.Device, err error) {
		if err != nil {
			say(d.problem, sentence(err))
			return
		}
		d.devices = list
		d.show()
	})
}

func (d *devicesSection) show() {
	d.list.Objects = nil
	for _, dev := range d.devices {
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { d.confirmRemove(dev) })
		remove.Importance = widget.DangerImportance
		label := wrapped(dev.Label())
		added := quiet("Added " + dev.Added.Local().Format("2 January 2006"))
		d.list.Add(container.NewBorder(nil, nil, nil, container.NewCenter(remove), container.NewVBox(label, added)))
	}
	if len(d.devices) == 0 {
		d.empty.Show()
	} else {
		d.empty.Hide()
	}
	d.list.Refresh()
}

// choosePhoto asks for a photo taken on the device to add.
func (d *devicesSection) choosePhoto() {
	a := d.app
	fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			say(d.problem, sentence(err))
			return
		}
		if rc == nil {
			return
		}
		path := rc.URI().Path()
		if err := rc.Close(); err != nil {
			say(d.problem, sentence(err))
			return
		}
		d.addFromPhoto(path)
	}, a.win)
	fd.Resize(fyne.NewSize(900, 600))
	a.showDialog(fd)
}

// errPhotoUnreadable wraps the reason a chosen photo could not be read.
var errPhotoUnreadable = errors.New("that file could not be read")

// addFromPhoto reads the camera a photo names and adds it to the list.
func (d *devicesSection) addFromPhoto(path string) {
	a := d.app
	if d.add.Disabled() {
		return
	}
	say(d.problem, "")
	say(d.added, "")
	d.add.Disable()
	s, name := a.sess, d.name.Text
	background(a, func() (devices.Device, error) {
		r := media.Check(path, nil)
		if r.Error != "" {
			return devices.Device{}, fmt.Errorf("%w: %s", errPhotoUnreadable, r.Error)
		}
		dev, err := devices.FromCamera(r.Camera)
		if err != nil {
			return devices.Device{}, err
		}
		dev.Name = name
		return s.AddSchoolDevice(dev)
	}, func(dev devices.Device, err error) {
		d.add.Enable()
		switch {
		case errors.Is(err, devices.ErrNoCamera):
			say(d.problem, "The photo does not say which camera took it. Choose one taken on the device itself, not one sent in a message or edited.")
			return
		case err != nil:
			say(d.problem, sentence(err))
			return
		}
		d.name.SetText("")
		say(d.added, "Added "+dev.Label()+".")
		d.load()
	})
}

// confirmRemove asks before taking a device off the list.
func (d *devicesSection) confirmRemove(dev devices.Device) {
	a := d.app
	prob := problem()
	content := container.NewVBox(
		wrapped("Photos from "+dev.Label()+" will get the \"not a school device\" warning from now on."),
		prob,
	)
	s := a.sess
	dlg := a.confirmWork("Remove this device?", "Remove device", content, prob,
		func() error { return s.RemoveSchoolDevice(dev.ID) },
		func() {
			say(d.added, "")
			d.load()
		})
	dlg.ok.Importance = widget.DangerImportance
	dlg.ok.Refresh()
}

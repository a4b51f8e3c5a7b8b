package ui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/access"
	"photoconsent/app/devices"
)

// deviceButton offers, beside a "not a school device" warning, to add the
// photo's camera to the school's list: the one click the policy needs when
// the school's own iPad is simply not listed yet. Only for those who keep
// the list, and only when the photo names its camera.
func (d *vetDetail) deviceButton(p *vetPhoto) *widget.Button {
	a := d.s.app
	cam := p.item.Check.Camera
	if len(p.dec.Warnings) == 0 || cam.IsZero() || a.sess == nil || !a.sess.Can(access.ManageDevices) {
		return nil
	}
	dev, err := devices.FromCamera(cam)
	if err != nil {
		return nil
	}
	return widget.NewButtonWithIcon("Add "+dev.Label()+" to the school's devices…", theme.ContentAddIcon(),
		func() { d.confirmDevice(dev) })
}

// confirmDevice asks before adding a camera: a member of staff's own phone
// must not be listed.
func (d *vetDetail) confirmDevice(dev devices.Device) {
	s := d.s
	a := s.app
	prob := problem()
	content := container.NewVBox(
		wrapped("Add "+dev.Label()+" only if the school owns it. Photos from it will no longer get the \"not a school device\" warning."),
		prob,
	)
	sess := a.sess
	add := func() error {
		_, err := sess.AddSchoolDevice(dev)
		return err
	}
	// After adding, the gate reads the list again and decides every photo afresh.
	a.confirmWork("Add this camera?", "Add to the school's devices", content, prob, add, s.reload)
}

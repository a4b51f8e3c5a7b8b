package register

import (
	"slices"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/devices"
)

// MaxDevices caps the school's list of devices: a large school has a few
// dozen cameras and tablets, not thousands.
const MaxDevices = 500

// SchoolDevices returns the school's cameras and tablets, oldest first.
// Anyone signed in may read them: the publishing gate needs them for a
// teacher's photos.
func (s *Session) SchoolDevices() ([]devices.Device, error) {
	set, err := s.Settings()
	if err != nil {
		return nil, err
	}
	return set.Devices, nil
}

// AddSchoolDevice adds a camera or tablet to the school's list (head and
// office only) and returns it with its ID and the date it was added, from
// the session's clock. A device the list already has (same make, model and
// serial, ignoring case and spaces) is refused, and so is one that names
// neither make nor model.
func (s *Session) AddSchoolDevice(d devices.Device) (devices.Device, error) {
	if err := s.checkDevices(); err != nil {
		return devices.Device{}, err
	}
	d = d.Tidy()
	if d.Make == "" && d.Model == "" {
		return devices.Device{}, invalidf("a device needs a make or a model")
	}
	d.ID, d.Added = NewID(), s.now()
	err := s.updateDevices(func(list []devices.Device) ([]devices.Device, string, error) {
		if i := slices.IndexFunc(list, func(e devices.Device) bool { return devices.Same(e, d) }); i >= 0 {
			return nil, "", invalidf("%s is already on the list of school devices", list[i].Label())
		}
		if len(list) >= MaxDevices {
			return nil, "", invalidf("the list of school devices is full (%d)", MaxDevices)
		}
		return append(list, d), "school device added: " + d.Label(), nil
	})
	if err != nil {
		return devices.Device{}, err
	}
	return d, nil
}

// RemoveSchoolDevice takes a device off the school's list (head and office
// only). Photos it took get the warning from then on.
func (s *Session) RemoveSchoolDevice(id string) error {
	if err := s.checkDevices(); err != nil {
		return err
	}
	return s.updateDevices(func(list []devices.Device) ([]devices.Device, string, error) {
		i := slices.IndexFunc(list, func(e devices.Device) bool { return e.ID == id })
		if i < 0 {
			return nil, "", invalidf("there is no school device %q", id)
		}
		gone := list[i]
		return slices.Delete(slices.Clone(list), i, i+1), "school device removed: " + gone.Label(), nil
	})
}

// checkDevices lets the head and the office change the list (the office
// buys and hands out the equipment): access.ManageDevices.
func (s *Session) checkDevices() error { return s.check(access.ManageDevices) }

// updateDevices changes the list in one transaction and writes the change
// to the audit trail as a setting change.
func (s *Session) updateDevices(change func([]devices.Device) ([]devices.Device, string, error)) error {
	return s.store.Update(func(tx Tx) error {
		var set Settings
		if ok, err := tx.Get(keySchool, &set); err != nil {
			return err
		} else if !ok {
			return ErrNotSetUp
		}
		list, detail, err := change(set.Devices)
		if err != nil {
			return err
		}
		set.Devices = list
		if err := tx.Put(keySchool, set); err != nil {
			return err
		}
		return appendEvent(tx, s.me, s.now(), audit.SettingChanged, "", detail)
	})
}

package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"photoconsent/app/devices"
	"photoconsent/app/media"
	"photoconsent/app/register"
)

// deviceEntryJSON is the command line's stable shape for a school device.
type deviceEntryJSON struct {
	ID     string `json:"id"`
	Make   string `json:"make"`
	Model  string `json:"model"`
	Serial string `json:"serial"`
	Name   string `json:"name"`
	Added  string `json:"added"`
}

// runDevices lists the school's cameras and tablets, adds one from a
// photo it took ("devices add --from PHOTO"), or removes one ("devices
// remove ID"). Adding and removing are for the head and the office.
func runDevices(env *Env, args []string) error {
	var c common
	fs := newFlags("devices", env, &c)
	asJSON := fs.Bool("json", false, `list as a JSON array of {"id", "make", "model", "serial", "name", "added"}`)
	from := fs.String("from", "", "with add: a `PHOTO` taken on the device; its metadata names the camera")
	name := fs.String("name", "", "with add: what the school calls the device, as `TEXT`, e.g. \"Year 2 iPad\"")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	action := "list"
	if len(rest) > 0 && (rest[0] == "add" || rest[0] == "remove" || rest[0] == "list") {
		action, rest = rest[0], rest[1:]
	}
	switch {
	case action == "remove" && len(rest) != 1:
		return usagef("name the device to remove by its ID: devices remove ID (\"photoconsent devices\" lists them)")
	case action != "remove" && len(rest) > 0:
		return usagef("unexpected %q: want devices, devices add --from PHOTO or devices remove ID", strings.Join(rest, " "))
	case action == "add" && *from == "":
		return usagef("give a photo taken on the device with --from PHOTO")
	case action != "add" && (*from != "" || *name != ""):
		return usagef("--from and --name go with devices add")
	}
	var d devices.Device
	if action == "add" {
		if d, err = deviceFromPhoto(*from); err != nil {
			return err
		}
		d.Name = *name
	}
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	switch action {
	case "add":
		added, err := s.AddSchoolDevice(d)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Added %s (ID %s).\n", added.Label(), added.ID)
		return nil
	case "remove":
		return removeDevice(env, s, rest[0])
	}
	list, err := s.SchoolDevices()
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, devicesJSON(list))
	}
	return deviceTable(env.Stdout, list)
}

// deviceFromPhoto reads the camera a photo names.
func deviceFromPhoto(path string) (devices.Device, error) {
	r := media.Check(path, nil)
	if r.Error != "" {
		return devices.Device{}, fmt.Errorf("cannot read %s: %s", path, r.Error)
	}
	d, err := devices.FromCamera(r.Camera)
	if err != nil {
		return devices.Device{}, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

func removeDevice(env *Env, s *register.Session, id string) error {
	list, err := s.SchoolDevices()
	if err != nil {
		return err
	}
	label := id
	for _, d := range list {
		if d.ID == id {
			label = d.Label()
		}
	}
	if err := s.RemoveSchoolDevice(id); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Removed %s. Photos it takes now get the \"not a school device\" warning.\n", label)
	return nil
}

func devicesJSON(list []devices.Device) []deviceEntryJSON {
	out := make([]deviceEntryJSON, len(list))
	for i, d := range list {
		out[i] = deviceEntryJSON{ID: d.ID, Make: d.Make, Model: d.Model, Serial: d.Serial, Name: d.Name,
			Added: d.Added.UTC().Format(time.RFC3339)}
	}
	return out
}

func deviceTable(w io.Writer, list []devices.Device) error {
	if len(list) == 0 {
		_, err := fmt.Fprintln(w, "No school devices yet, so every photo gets the \"not a school device\" warning.\n"+
			"Add one with \"photoconsent devices add --from PHOTO\".")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDEVICE\tADDED")
	for _, d := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", d.ID, d.Label(), d.Added.Local().Format(time.DateOnly))
	}
	return tw.Flush()
}

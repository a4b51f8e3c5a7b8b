package cli

import (
	"photoconsent/app/devices"
	"photoconsent/app/media"
	"photoconsent/app/metadata"
)

// cameraCheck says whether the camera that took a file is one of the
// school's devices. Without the register (check --names FILE, or no
// names at all) there is no list, and no camera is known.
type cameraCheck struct {
	list       []devices.Device
	registered bool
}

// deviceJSON is check --json's stable shape for the camera a file names.
type deviceJSON struct {
	Make   string `json:"make"`
	Model  string `json:"model"`
	Serial string `json:"serial"`
	Known  bool   `json:"known"`
}

// checkedJSON is one file's report as check --json prints it: the report,
// and the device when the file names one.
type checkedJSON struct {
	media.Report
	Device *deviceJSON `json:"device,omitempty"`
	Faces  *facesJSON  `json:"faces,omitempty"`
}

func (c *cameraCheck) known(cam metadata.Camera) bool {
	return c.registered && devices.Known(c.list, cam)
}

// device is the JSON for a file's camera, or nil when it names none.
func (c *cameraCheck) device(cam metadata.Camera) *deviceJSON {
	if cam.IsZero() {
		return nil
	}
	return &deviceJSON{Make: cam.Make, Model: cam.Model, Serial: cam.Serial, Known: c.known(cam)}
}

// line is the camera as check prints it: "Apple iPhone 12 (not a school
// device)". Without the register it says only which camera it was.
func (c *cameraCheck) line(cam metadata.Camera) string {
	label := devices.CameraLabel(cam)
	if label == "" {
		label = "unnamed camera"
	}
	if cam.Serial != "" {
		label += " · serial " + cam.Serial
	}
	switch {
	case !c.registered:
		return label
	case c.known(cam):
		return label + " (school device)"
	}
	return label + " (not a school device)"
}

// finishChecked prints check's reports, with each file's camera, and
// returns errFindings if any file is not clean.
func finishChecked(env *Env, reports []media.Report, found []*facesJSON, asJSON bool, cams *cameraCheck) error {
	if asJSON {
		out := make([]checkedJSON, len(reports))
		for i := range reports {
			noNulls(&reports[i])
			out[i] = checkedJSON{Report: reports[i], Device: cams.device(reports[i].Camera), Faces: found[i]}
		}
		if err := writeJSON(env.Stdout, out); err != nil {
			return err
		}
	} else {
		for i := range reports {
			printReport(env.Stdout, &reports[i], cams)
			printFaces(env.Stdout, found[i])
		}
	}
	return findings(reports, func(r *media.Report) bool { return !r.Clean() })
}

package media

import (
	"os"

	"photoconsent/app/metadata"
)

// Sweep strips location from one file in place, for a shared photo drive
// that must hold no geodata. Without apply it only reports. With apply the
// clean copy is written beside the file, verified, given the original's
// permissions and times, and only then renamed over it: a failure at any
// point leaves the original as it was. Sweep keeps the capture date.
func Sweep(path string, apply bool) Report {
	r := Report{File: path}
	o, err := inspect(path, &r, nil)
	if o != nil {
		defer o.f.Close()
	}
	if err == nil && apply && removable(r.Location) {
		err = replace(o, path, &r)
	}
	if err != nil {
		r.Error = Sentence(err)
	}
	return r
}

func removable(loc []metadata.Finding) bool {
	for _, l := range loc {
		if !l.Unremovable {
			return true
		}
	}
	return false
}

func replace(o *opened, path string, r *Report) error {
	if o.h.clean == nil {
		return errOnlyMetadata
	}
	st, err := o.f.Stat()
	if err != nil {
		return err
	}
	dir := dirOf(path)
	tmp, _, err := writeClean(o, dir, metadata.CleanOptions{KeepDate: true}, true, r)
	if err != nil {
		return err
	}
	err = os.Chmod(tmp, st.Mode().Perm())
	if err == nil {
		err = os.Chtimes(tmp, st.ModTime(), st.ModTime())
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	r.Output = path
	return syncDir(dir)
}

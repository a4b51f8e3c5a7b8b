//go:build !windows

package storage

import "os"

// syncDir makes a rename in dir durable: on Unix the directory entry is only
// safe once the directory itself is synced.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

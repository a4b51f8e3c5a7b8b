package media

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

var errNoSyncFS = errors.New("no syncfs here")

// syncFS flushes the whole file system holding dir: every file written
// there, data and metadata, in one call.
func syncFS(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := unix.Syncfs(int(d.Fd())); err != nil {
		if errors.Is(err, unix.ENOSYS) {
			return errNoSyncFS
		}
		return err
	}
	return nil
}

// startWriteback asks the kernel to start writing a finished copy to disk
// now, without waiting, so the disk works while the next files are being
// cleaned and the batch's one sync has little left to do. Failure only
// loses that head start.
func startWriteback(f *os.File) {
	if err := unix.SyncFileRange(int(f.Fd()), 0, 0, unix.SYNC_FILE_RANGE_WRITE); err != nil {
		return // only the head start is lost: the batch's sync still writes the copy
	}
}

package media

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// renameNew renames old to new unless new exists, in one step; the error
// is then os.ErrExist. Where the file system cannot do that in one step it
// looks first, leaving a moment in which a file made under new is replaced.
func renameNew(old, new string) error {
	err := unix.Renameat2(unix.AT_FDCWD, old, unix.AT_FDCWD, new, unix.RENAME_NOREPLACE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EEXIST):
		return &os.LinkError{Op: "rename", Old: old, New: new, Err: os.ErrExist}
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS):
		return lookThenRename(old, new)
	}
	return &os.LinkError{Op: "rename", Old: old, New: new, Err: err}
}

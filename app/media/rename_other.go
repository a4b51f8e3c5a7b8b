//go:build !linux

package media

// renameNew renames old to new unless new exists (then os.ErrExist). This
// system cannot refuse in the rename itself: it looks first.
func renameNew(old, new string) error { return lookThenRename(old, new) }

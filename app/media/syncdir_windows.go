package media

// syncDir is a no-op on Windows, where a directory cannot be opened for
// syncing and NTFS journals renames itself.
func syncDir(string) error { return nil }

package storage

// syncDir does nothing on Windows: directory handles cannot be flushed there,
// and NTFS journals the rename itself.
func syncDir(string) error { return nil }

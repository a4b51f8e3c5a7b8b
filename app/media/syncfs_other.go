//go:build !linux

package media

import "errors"

var errNoSyncFS = errors.New("no syncfs here")

// syncFS is Linux's; elsewhere Sync falls back to syncing each file.
func syncFS(string) error { return errNoSyncFS }

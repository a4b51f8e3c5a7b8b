//go:build !linux

package media

import (
	"errors"
	"os"
)

var errNoSyncFS = errors.New("no syncfs here")

// syncFS is Linux's; elsewhere Sync falls back to syncing each file.
func syncFS(string) error { return errNoSyncFS }

// startWriteback is a Linux hint; elsewhere the batch's sync does it all.
func startWriteback(*os.File) {}

package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Badger sizing for a desktop register of tens of thousands of ~1 KB
// records, measured to peak well under 200 MB RSS with 50,000 of them (see
// TestPeakRSS). Badger's defaults suit a server: 64 MiB memtables (five of
// them), a 256 MiB block cache and 1 GiB value-log files.
const (
	memTableSize     = 8 << 20  // two live at once; caps a transaction at 15%: ~1.2 MiB of records
	valueThreshold   = 64 << 10 // larger values (scanned forms) go to the value log, outside that cap
	valueLogFileSize = 32 << 20 // preallocated at twice this
	blockCacheSize   = 8 << 20  // decrypted blocks; required with encryption
	indexCacheSize   = 4 << 20  // decrypted table indexes; required with encryption
	maxKeySize       = 1 << 10  // our keys are short IDs; Badger allows 65000
	maxValueSize     = 16 << 20 // a scanned form is a few MiB at most
)

// keyRotation is how often Badger makes a new internal data key, sealed under
// ours. Badger's default; a variable so a test can force rotation.
var keyRotation = 10 * 24 * time.Hour

// dbDirName is the Badger folder inside the data folder.
const dbDirName = "db"

// badgerOptions configures Badger small, quiet and durable: SyncWrites makes
// every acknowledged Update survive a power cut, not just a crash.
func badgerOptions(dir string, key []byte) badger.Options {
	return badger.DefaultOptions(dir).
		WithEncryptionKey(key).
		WithEncryptionKeyRotationDuration(keyRotation).
		WithIndexCacheSize(indexCacheSize).
		WithBlockCacheSize(blockCacheSize).
		WithSyncWrites(true).
		WithMemTableSize(memTableSize).
		WithNumMemtables(2).
		WithValueThreshold(valueThreshold).
		WithValueLogFileSize(valueLogFileSize).
		WithNumCompactors(2).
		WithMetricsEnabled(false).
		WithDetectConflicts(false). // DB.Update serialises writers instead
		WithLogger(quietLogger{log.New(os.Stderr, "storage: badger: ", log.LstdFlags)})
}

// openBadger opens the store with the data key, translating the failures a
// person can act on into this package's errors.
func openBadger(dir string, key []byte) (*badger.DB, error) {
	if err := os.MkdirAll(dir, dirPerm); err != nil {
		return nil, err
	}
	bdb, err := badger.Open(badgerOptions(dir, key))
	if err == nil {
		return bdb, nil
	}
	// Badger can return a non-nil DB with an error (a wrong key, say). It has
	// already released its lock and stopped its goroutines; calling Close on
	// that half-built DB panics, so it is dropped here, never returned.
	switch {
	case errors.Is(err, badger.ErrEncryptionKeyMismatch):
		return nil, ErrKeyringMismatch
	case isLockHeld(err):
		return nil, ErrInUse
	}
	return nil, fmt.Errorf("opening the store: %w", err)
}

// isLockHeld reports whether Badger refused because another process holds
// its directory lock. Badger formats the cause into text (%+v, not %w), so the
// message is the only signal; TestSecondOpenInUse catches a change of wording.
func isLockHeld(err error) bool {
	return strings.Contains(err.Error(), "Another process is using this Badger database")
}

// quietLogger passes on only Badger's errors and warnings, and never their
// arguments' contents beyond numbers and file-system errors: Badger formats
// keys and compaction ranges (which contain keys) into some messages.
type quietLogger struct{ l *log.Logger }

func (q quietLogger) Errorf(format string, args ...any) {
	q.l.Printf("error: "+strings.TrimSpace(format), redact(args)...)
}

func (q quietLogger) Warningf(format string, args ...any) {
	q.l.Printf("warning: "+strings.TrimSpace(format), redact(args)...)
}

func (quietLogger) Infof(string, ...any)  {}
func (quietLogger) Debugf(string, ...any) {}

// redact keeps numbers and OS errors, and hides everything else.
func redact(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = redactOne(a)
	}
	return out
}

func redactOne(a any) any {
	switch v := a.(type) {
	case int, int32, int64, uint, uint8, uint16, uint32, uint64, float64, bool:
		return v
	case error:
		var pe *fs.PathError
		var errno syscall.Errno
		switch {
		case errors.As(v, &pe):
			return pe.Op + " " + pe.Path + ": " + pe.Err.Error()
		case errors.As(v, &errno):
			return errno.Error()
		}
	}
	return "[redacted]"
}

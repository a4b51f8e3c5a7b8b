package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"photoconsent/storage/keyring"
)

// KDFParams are the Argon2id parameters for new password slots.
type KDFParams = keyring.Params

// InsecureTestKDF makes password slots cheap to open. Tests only: pass it as
// Options.KDF. With it a stolen folder's passwords fall in seconds.
var InsecureTestKDF = keyring.InsecureTest

// Options tune a Folder. The zero value is right for production.
type Options struct {
	// KDF sets the cost of new password slots. Zero means keyring.Production.
	// Existing slots are always opened with the parameters stored in them.
	KDF KDFParams
	// Now is the clock for failed-login backoff. Nil means time.Now.
	Now func() time.Time
}

func (o Options) resolve() (Options, error) {
	if o.KDF == (KDFParams{}) {
		o.KDF = keyring.Production
	}
	if err := o.KDF.Validate(); err != nil {
		return o, fmt.Errorf("storage options: %w", err)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o, nil
}

// DefaultDir is where the app keeps its data folder: the user's config folder
// (%AppData% on Windows), so each Windows account has its own store.
func DefaultDir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the data folder: %w", err)
	}
	return filepath.Join(base, "PhotoConsent"), nil
}

package storage

import (
	"encoding/json"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"photoconsent/app/access"
)

// attemptsName is the failed-login file. It is plaintext because it must be
// read before the store is unlocked, so it holds only login names, counts and
// times; a login name that matches no account is never written, in case a
// password was typed into the wrong box.
const attemptsName = "attempts.json"

const (
	maxAttemptsFile = 1 << 20
	maxFailedKept   = 1000 // oldest dropped beyond this; the backoff keeps it from filling
	maxCount        = 1 << 20
	unknownLogin    = "" // the shared backoff bucket for logins that match no account
)

// attempts is the attempts file's content.
type attempts struct {
	Logins map[string]loginFailures `json:"logins,omitempty"` // by lower-cased login
	Failed []failure                `json:"failed,omitempty"` // for the audit trail
}

// failure is a FailedLogin as written in the attempts file.
type failure struct {
	Login string    `json:"login"` // the account's login; empty for an unknown login
	At    time.Time `json:"at"`
}

type loginFailures struct {
	Count int       `json:"count"` // failures in a row
	Last  time.Time `json:"last"`  // time of the latest
}

// bucket is the backoff key for a login: the account's login, lower-cased
// because logins match without regard to case.
func bucket(login string) string { return strings.ToLower(login) }

// checkLockout returns a *LockedOutError if the bucket must still wait. It
// runs before the KDF so a locked-out guesser costs nothing.
func (f *Folder) checkLockout(b string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	a, err := f.loadAttempts()
	if err != nil {
		return err
	}
	lf := a.Logins[b]
	delay := access.LoginDelay(lf.Count)
	// A clock set back must not stretch the wait beyond the policy's delay.
	wait := min(lf.Last.Add(delay).Sub(f.opt.Now()), delay)
	if wait <= 0 {
		return nil
	}
	// Round up, so "try again in 5s" is never a second too early.
	return &LockedOutError{Wait: (wait + time.Second - 1).Truncate(time.Second)}
}

// recordFailure counts a failed attempt and keeps it for the audit trail.
func (f *Folder) recordFailure(b, login string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	a, err := f.loadAttempts()
	if err != nil {
		return err
	}
	now := f.opt.Now()
	lf := a.Logins[b]
	a.Logins[b] = loginFailures{Count: min(max(lf.Count, 0), maxCount-1) + 1, Last: now}
	a.Failed = append(a.Failed, failure{Login: login, At: now})
	if n := len(a.Failed) - maxFailedKept; n > 0 {
		a.Failed = a.Failed[n:]
	}
	return f.saveAttempts(a)
}

// resetFailures clears a bucket after a right password. The failures already
// kept for the audit trail stay until TakeFailedLogins.
func (f *Folder) resetFailures(b string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	a, err := f.loadAttempts()
	if err != nil {
		return err
	}
	if _, ok := a.Logins[b]; !ok {
		return nil
	}
	delete(a.Logins, b)
	return f.saveAttempts(a)
}

// takeFailed returns the kept failures and forgets them.
func (f *Folder) takeFailed() ([]FailedLogin, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a, err := f.loadAttempts()
	if err != nil || len(a.Failed) == 0 {
		return nil, err
	}
	failed := make([]FailedLogin, len(a.Failed))
	for i, x := range a.Failed {
		failed[i] = FailedLogin{Login: x.Login, At: x.At}
	}
	a.Failed = nil
	return failed, f.saveAttempts(a)
}

// loadAttempts reads the attempts file. A missing file is empty. So is a
// damaged one, on purpose: the file only throttles guessing (anyone who can
// edit it could delete it), so damage must not lock the school out.
func (f *Folder) loadAttempts() (*attempts, error) {
	a := &attempts{}
	b, err := readCapped(f.path(attemptsName), maxAttemptsFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		if json.Unmarshal(b, a) != nil {
			a = &attempts{}
		}
	}
	if a.Logins == nil {
		a.Logins = map[string]loginFailures{}
	}
	return a, nil
}

func (f *Folder) saveAttempts(a *attempts) error {
	b, err := json.Marshal(a)
	if err != nil {
		return err
	}
	return writeAtomic(f.path(attemptsName), b)
}

func (f *Folder) path(name string) string { return filepath.Join(f.dir, name) }

package access

import "time"

// Failed-login backoff from the school's policy of individual, audited
// log-ins: a few typos cost nothing, then each failure doubles the wait so a
// guesser at the keyboard gets a handful of tries an hour, not thousands.
const (
	FreeLoginAttempts = 3               // failures allowed before any wait
	FirstLoginDelay   = 5 * time.Second // wait after the first failure beyond the free ones
	MaxLoginDelay     = 5 * time.Minute // a locked-out colleague waits at most this long
)

// LoginDelay is how long a login must wait after its latest failure, given
// how many failures in a row it has had.
func LoginDelay(failures int) time.Duration {
	if failures <= FreeLoginAttempts {
		return 0
	}
	d := FirstLoginDelay
	for i := FreeLoginAttempts + 1; i < failures && d < MaxLoginDelay; i++ {
		d *= 2
	}
	return min(d, MaxLoginDelay)
}

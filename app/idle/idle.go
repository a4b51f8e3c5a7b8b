// Package idle implements the school's rule "lock after 10 minutes idle": a
// timer that any user activity resets, read against an injectable clock.
package idle

import (
	"sync"
	"time"
)

// DefaultMinutes is the policy's idle limit.
const DefaultMinutes = 10

// Timer tracks the time since the last activity. It is safe for concurrent use.
type Timer struct {
	mu    sync.Mutex
	now   func() time.Time
	last  time.Time
	limit time.Duration
}

// New starts a timer that expires after limit without activity. now is the
// clock; nil means time.Now.
func New(limit time.Duration, now func() time.Time) *Timer {
	if now == nil {
		now = time.Now
	}
	return &Timer{now: now, last: now(), limit: limit}
}

// Touch records activity.
func (t *Timer) Touch() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.last = t.now()
}

// SetLimit changes the idle limit; a limit of zero or less never expires.
func (t *Timer) SetLimit(limit time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.limit = limit
}

// Expired reports whether the limit has passed since the last activity.
func (t *Timer) Expired() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.limit > 0 && t.now().Sub(t.last) >= t.limit
}

// Remaining is the time left before the timer expires.
func (t *Timer) Remaining() time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.limit <= 0 {
		return t.limit
	}
	return max(t.limit-t.now().Sub(t.last), 0)
}

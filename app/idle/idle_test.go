package idle

import (
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestTimerExpiresAfterLimitWithoutActivity(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	timer := New(DefaultMinutes*time.Minute, clock.now)

	clock.advance(9*time.Minute + 59*time.Second)
	if timer.Expired() {
		t.Fatal("Expired() = true after 9m59s, want false")
	}
	clock.advance(time.Second)
	if !timer.Expired() {
		t.Fatal("Expired() = false after 10m, want true")
	}
}

func TestTouchRestartsTheLimit(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	timer := New(10*time.Minute, clock.now)

	clock.advance(8 * time.Minute)
	timer.Touch()
	clock.advance(8 * time.Minute)
	if timer.Expired() {
		t.Fatal("Expired() = true 8m after a touch, want false")
	}
	if got, want := timer.Remaining(), 2*time.Minute; got != want {
		t.Fatalf("Remaining() = %v, want %v", got, want)
	}
}

func TestSetLimit(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	timer := New(10*time.Minute, clock.now)
	clock.advance(3 * time.Minute)
	timer.SetLimit(2 * time.Minute)
	if !timer.Expired() {
		t.Fatal("Expired() = false after lowering the limit below the idle time, want true")
	}
	timer.SetLimit(0)
	clock.advance(24 * time.Hour)
	if timer.Expired() {
		t.Fatal("Expired() = true with no limit, want false")
	}
}

package register

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync/atomic"
	"time"
)

// Key layout. IDs are random, so keys reveal nothing about a pupil; the
// store encrypts keys and values alike.
const (
	keySchool   = "school"
	prefAccount = "account/"
	prefPupil   = "pupil/"
	prefAnswer  = "answer/" // answer/<pupil ID>/<time-ordered ID>
	prefAudit   = "audit/"  // audit/<time-ordered ID>
	prefScan    = "scan/"   // scan/<ID>: the file's bytes
	prefPublog  = "publog/" // publog/<seq, 12 digits>: one publication log entry
	keyPublog   = "publog-head"
	prefSignOff = "signoff/" // signoff/<head's ID>/<second approver's ID>: when they signed
	// publog-thumb/<seq, 12 digits>: a small JPEG of the entry's photo,
	// kept outside the chain (see logthumbs.go)
	prefLogThumb = "publog-thumb/"
)

// NewID returns a random identifier for a pupil, account or scan.
func NewID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("crypto/rand failed: %v", err)) // the OS has no randomness: nothing is safe
	}
	return hex.EncodeToString(b[:])
}

// lastTimeID makes timeID strictly increasing within the process, even when
// the clock stands still or steps back.
var lastTimeID atomic.Int64

// timeID returns an ID that sorts by time, for records read in order.
func timeID(t time.Time) string {
	n := t.UnixNano()
	for {
		last := lastTimeID.Load()
		if n <= last {
			n = last + 1
		}
		if lastTimeID.CompareAndSwap(last, n) {
			break
		}
	}
	return fmt.Sprintf("%016x-%s", n, NewID()[:8])
}

func answerKey(pupilID, id string) string { return prefAnswer + pupilID + "/" + id }

func publogKey(seq int64) string { return fmt.Sprintf("%s%012d", prefPublog, seq) }

func logThumbKey(seq int64) string { return fmt.Sprintf("%s%012d", prefLogThumb, seq) }

func signOffKey(headID, secondID string) string { return prefSignOff + headID + "/" + secondID }

package consent

import (
	"slices"
	"sort"
	"strings"

	"photoconsent/app/civil"
)

// Status is what the register shows for one pupil and one purpose.
type Status string

// The derived statuses, from the school's policy.
const (
	StatusGranted      Status = "granted"
	StatusRefused      Status = "refused"
	StatusWithdrawn    Status = "withdrawn"
	StatusExpired      Status = "expired"
	StatusNotReturned  Status = "not-returned"
	StatusDisagree     Status = "disagree" // two people with parental responsibility answered differently
	StatusNeverPublish Status = "never-publish"
)

// Statuses lists every status, most restrictive first.
var Statuses = []Status{
	StatusNeverPublish, StatusWithdrawn, StatusDisagree, StatusRefused,
	StatusExpired, StatusNotReturned, StatusGranted,
}

// Settings are the school's choices that change how answers count.
type Settings struct {
	// NotReturnedMeansConsent is set by schools whose letters say "no reply
	// means we assume you are happy". UK GDPR wants explicit consent, so the
	// default is false and the register warns while it is true.
	NotReturnedMeansConsent bool `json:"not_returned_means_consent"`
	// SplitMedia asks photo and video questions separately.
	SplitMedia bool `json:"split_media"`
}

// Allows reports whether a status counts as consent under the settings.
func (s Settings) Allows(st Status) bool {
	switch st {
	case StatusGranted:
		return true
	case StatusNotReturned:
		return s.NotReturnedMeansConsent
	}
	return false
}

// Derive computes the status of one purpose and medium from a pupil's whole
// history. MediaAny means "for photos and videos alike" and gives the more
// restrictive of the two, so a school that stops splitting them never
// publishes a video someone refused.
func Derive(history []Record, p Purpose, m Media, neverPublish bool, today civil.Date) Status {
	if neverPublish {
		return StatusNeverPublish
	}
	if m == MediaAny {
		return Stricter(derive(history, p, MediaPhoto, today), derive(history, p, MediaVideo, today))
	}
	return derive(history, p, m, today)
}

// Stricter returns whichever status allows less.
func Stricter(a, b Status) Status {
	if rank(a) <= rank(b) {
		return a
	}
	return b
}

func rank(s Status) int {
	for i, v := range Statuses {
		if v == s {
			return i
		}
	}
	return 0 // unknown statuses are treated as the most restrictive
}

// derive applies the policy for one medium:
//   - each person's latest answer is theirs now (answers are never overwritten);
//   - an answer from nobody known (the MIS) stands only until any named person
//     answers on or after its date;
//   - a withdrawal by anyone stands until that person answers again;
//   - people who hold different answers disagree, which is not consent;
//   - a grant past its expiry counts as expired, unless someone's grant is current.
func derive(history []Record, p Purpose, m Media, today civil.Date) Status {
	latest := latestByGiver(history, p, m)
	if len(latest) == 0 {
		return StatusNotReturned
	}
	var granted, expired, refused, withdrawn int
	for _, r := range latest {
		switch {
		case r.Answer == Withdrawn:
			withdrawn++
		case r.Answer == Refused:
			refused++
		case !r.Expires.IsZero() && !today.Before(r.Expires):
			expired++
		default:
			granted++
		}
	}
	switch {
	case withdrawn > 0:
		return StatusWithdrawn
	case refused > 0 && granted+expired > 0:
		return StatusDisagree
	case refused > 0:
		return StatusRefused
	case granted > 0:
		return StatusGranted
	default:
		return StatusExpired
	}
}

// latestByGiver returns each giver's latest answer covering p and m, dropping
// unattributed answers that a named person has since answered over.
func latestByGiver(history []Record, p Purpose, m Media) []Record {
	var rs []Record
	for _, r := range history {
		if r.Covers(p, m) {
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		return nil // the usual case for most purposes: nothing to sort
	}
	SortHistory(rs)
	// A pupil has a handful of givers, so a slice beats a map here; with
	// 50,000 pupils this runs 200,000 times each time the register loads.
	keys := make([]string, 0, 2)
	out := make([]Record, 0, 2)
	var lastKnown civil.Date
	for _, r := range rs {
		k := giverKey(r.By)
		if i := slices.Index(keys, k); i >= 0 {
			out[i] = r
		} else {
			keys, out = append(keys, k), append(out, r)
		}
		if r.By.Known() {
			lastKnown = r.Date
		}
	}
	if i := slices.Index(keys, ""); i >= 0 && !lastKnown.IsZero() && !lastKnown.Before(out[i].Date) {
		out = slices.Delete(out, i, i+1)
	}
	return out
}

// SortHistory orders records oldest first: by the date the answer was given,
// then by when it was recorded, then by ID (IDs are time-ordered).
func SortHistory(rs []Record) {
	sort.SliceStable(rs, func(i, j int) bool {
		if c := rs[i].Date.Compare(rs[j].Date); c != 0 {
			return c < 0
		}
		if !rs[i].RecordedAt.Equal(rs[j].RecordedAt) {
			return rs[i].RecordedAt.Before(rs[j].RecordedAt)
		}
		return rs[i].ID < rs[j].ID
	})
}

func giverKey(g Giver) string {
	if g.Pupil {
		return "\x00pupil"
	}
	return strings.ToLower(strings.Join(strings.Fields(g.Name), " "))
}

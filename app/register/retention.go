package register

import (
	"slices"
	"sort"
	"strings"
	"time"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/civil"
	"photoconsent/app/publog"
	"photoconsent/app/pupil"
)

// Retention: a leaver's record is kept for the school's retention period
// after their leaving date, then deleted with their answers and scanned
// forms. The publication log keeps its entries, redacted (names and free
// text blanked, digests kept), so the chain still verifies; only the
// pupil's random ID stays in them.

// DefaultRetentionYears is how long a leaver's record is kept after the
// leaving date: six years, the period many schools' records policies give
// for consent records (the limitation period for a claim). Schools with a
// different policy will set their own once the settings hold it.
const DefaultRetentionYears = 6

// KindRetention is the audit event written for each pupil deleted under
// retention; its subject is the pupil's random ID and it names nobody.
const KindRetention = audit.Kind("pupil-removed-under-retention")

// RetentionDetail is what the audit trail and the log say about a pupil
// deleted under retention.
const RetentionDetail = "pupil removed under retention"

// retentionRedacted replaces audit details that may hold a deleted
// pupil's personal data: name changes and never-publish reasons.
const retentionRedacted = "(removed under retention)"

// Leaver is one pupil past the retention period.
type Leaver struct {
	PupilID string
	UPN     string
	Name    string // "Forename Surname"
	Class   string
	Leaving civil.Date
	Due     civil.Date // the day after which the record may be deleted
}

// RetentionYears is the school's retention period in years:
// the school's own choice, or DefaultRetentionYears when it has none.
func RetentionYears(set Settings) int {
	if set.RetentionYears > 0 {
		return set.RetentionYears
	}
	return DefaultRetentionYears
}

// retentionDue reports whether a pupil has left and the period since
// leaving is over: today is after leaving + years.
func retentionDue(p pupil.Pupil, years int, today civil.Date) (civil.Date, bool) {
	if p.Leaving.IsZero() || p.OnRoll(today) {
		return civil.Date{}, false
	}
	l := p.Leaving
	due := civil.Of(time.Date(l.Year+years, l.Month, l.Day, 12, 0, 0, 0, time.UTC))
	return due, today.After(due)
}

// RetentionDue lists the leavers whose retention period is over, by
// leaving date then name (head only).
func (s *Session) RetentionDue() ([]Leaver, error) {
	if err := s.check(access.ChangeSettings); err != nil {
		return nil, err
	}
	today := civil.Today(s.now())
	var out []Leaver
	err := s.store.View(func(tx Tx) error {
		set, err := settingsIn(tx)
		if err != nil {
			return err
		}
		years := RetentionYears(set)
		return scanPupils(tx, func(p pupil.Pupil) error {
			if due, ok := retentionDue(p, years, today); ok {
				out = append(out, Leaver{PupilID: p.ID, UPN: p.UPN, Name: p.DisplayName(), Class: p.Class,
					Leaving: p.Leaving, Due: due})
			}
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].Leaving.Compare(out[j].Leaving); c != 0 {
			return c < 0
		}
		return out[i].Name < out[j].Name
	})
	return out, err
}

// ApplyRetention deletes the pupils (head only, the person who answers for
// the school's data): each one's record, answers, scanned forms no other
// pupil's answer uses, and the thumbnails of log entries that tag them.
// Those entries are redacted, and one audit event per pupil records the
// deletion by ID. Each pupil is deleted in its own transaction; a pupil not
// past the retention period is refused before anything is deleted. It
// returns how many pupils were deleted.
func (s *Session) ApplyRetention(ids []string) (int, error) {
	if err := s.check(access.ChangeSettings); err != nil {
		return 0, err
	}
	due, err := s.RetentionDue()
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		if !slices.ContainsFunc(due, func(l Leaver) bool { return l.PupilID == id }) {
			return 0, invalidf("pupil %s is not a leaver past the retention period", id)
		}
	}
	n := 0
	for _, id := range ids {
		if err := s.store.Update(func(tx Tx) error { return s.removePupil(tx, id) }); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// removePupil deletes one pupil in the caller's transaction, checking
// again that they are due.
func (s *Session) removePupil(tx Tx, id string) error {
	p, err := getPupil(tx, id)
	if err != nil {
		return err
	}
	set, err := settingsIn(tx)
	if err != nil {
		return err
	}
	if _, ok := retentionDue(p, RetentionYears(set), civil.Today(s.now())); !ok {
		return invalidf("pupil %s is not a leaver past the retention period", id)
	}
	steps := []func(Tx, string) error{deleteAnswersAndScans, redactLogFor, redactAuditFor}
	for _, step := range steps {
		if err := step(tx, id); err != nil {
			return err
		}
	}
	if err := tx.Delete(prefPupil + id); err != nil {
		return err
	}
	return appendEvent(tx, s.me, s.now(), KindRetention, id, RetentionDetail)
}

// deleteAnswersAndScans deletes the pupil's answers and the scans only
// they use: a class set's scan stays while another pupil's answer needs it.
func deleteAnswersAndScans(tx Tx, id string) error {
	mine := prefAnswer + id + "/"
	var keys []string
	scans := map[string]bool{}
	others := map[string]bool{}
	err := tx.Scan(prefAnswer, func(key string, decode func(any) error) error {
		var r struct {
			ScanID string `json:"scan_id"`
		}
		if err := decode(&r); err != nil {
			return err
		}
		if strings.HasPrefix(key, mine) {
			keys = append(keys, key)
			scans[r.ScanID] = true
		} else {
			others[r.ScanID] = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	for scan := range scans {
		if scan != "" && !others[scan] {
			keys = append(keys, prefScan+scan)
		}
	}
	return deleteKeys(tx, keys)
}

// redactLogFor blanks the names and free text of every log entry that
// tags the pupil or records a takedown for them, and deletes those
// entries' thumbnails. The chain holds: it hashes digests, not text.
func redactLogFor(tx Tx, id string) error {
	entries, err := readLog(tx)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !aboutPupil(e, id) {
			continue
		}
		e.Redact()
		if err := tx.Put(publogKey(e.Seq), e); err != nil {
			return err
		}
		if err := tx.Delete(logThumbKey(e.Seq)); err != nil {
			return err
		}
	}
	return nil
}

// aboutPupil reports whether the entry is about the pupil.
func aboutPupil(e publog.Entry, id string) bool {
	return e.TakedownPupil == id || slices.ContainsFunc(e.Pupils, func(p publog.Pupil) bool { return p.PupilID == id })
}

// redactAuditFor blanks the audit details about the pupil that may hold
// personal data; who did what and when stays.
func redactAuditFor(tx Tx, id string) error {
	var changed []audit.Event
	err := tx.Scan(prefAudit, func(_ string, decode func(any) error) error {
		var ev audit.Event
		if err := decode(&ev); err != nil {
			return err
		}
		if ev.Subject == id && personalDetail(ev.Kind) && ev.Detail != "" {
			ev.Detail = retentionRedacted
			changed = append(changed, ev)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, ev := range changed {
		if err := tx.Put(prefAudit+ev.ID, ev); err != nil {
			return err
		}
	}
	return nil
}

// personalDetail reports whether an event of the kind may name the pupil
// or give a reason about them: a changed name, a never-publish reason.
func personalDetail(k audit.Kind) bool {
	switch k {
	case audit.PupilUpdated, audit.NeverPublishSet, audit.NeverPublishClear:
		return true
	}
	return false
}

func deleteKeys(tx Tx, keys []string) error {
	for _, k := range keys {
		if err := tx.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// RemovedUnderRetention returns the IDs of pupils deleted under retention,
// so the log can say "pupil removed under retention" for them rather than
// "removed pupil" (head only, like the log).
func (s *Session) RemovedUnderRetention() (map[string]bool, error) {
	if err := s.check(access.ViewLog); err != nil {
		return nil, err
	}
	out := map[string]bool{}
	err := s.store.View(func(tx Tx) error {
		return tx.Scan(prefAudit, func(_ string, decode func(any) error) error {
			var ev audit.Event
			if err := decode(&ev); err != nil {
				return err
			}
			if ev.Kind == KindRetention {
				out[ev.Subject] = true
			}
			return nil
		})
	})
	return out, err
}

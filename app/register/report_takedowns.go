package register

import (
	"time"

	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
)

// reportTakedowns lists the takedowns still open and those done in the
// period, each with the pupil's class instead of the pupil.
func (s *Session) reportTakedowns(r *Report, rows []Row, set Settings) error {
	class := map[string]string{}
	for _, row := range rows {
		class[row.PupilID] = row.Class
	}
	return s.store.View(func(tx Tx) error {
		all, err := takedownsIn(tx, civil.Today(r.Made))
		if err != nil {
			return err
		}
		pupils := pupilCache{tx: tx, m: map[string]pupilNow{}}
		for _, td := range all {
			if td.Done && !r.In(td.DoneAt) {
				continue
			}
			pn, err := pupils.get(td.PupilID)
			if err != nil {
				return err
			}
			r.Takedowns = append(r.Takedowns, reportTakedown(td.Takedown, class[td.PupilID], pn, set, r.Made))
		}
		return nil
	})
}

func reportTakedown(td Takedown, class string, pn pupilNow, set Settings, now time.Time) TakedownLine {
	l := TakedownLine{Seq: td.Entry.Seq, Destination: td.Destination, Class: class, Why: td.Why,
		Published: td.Entry.At, Done: td.Done, DoneAt: td.DoneAt}
	end := now
	if td.Done {
		end = td.DoneAt
	}
	l.Due, l.DueKnown = dueAt(td.Entry, pn, set, end)
	if !l.DueKnown {
		l.Due = td.Entry.At
		if td.Done {
			l.Due = td.DoneAt
		}
	}
	l.Days = daysBetween(l.Due, end)
	return l
}

// dueAt is when the latest change that could have made the publication due
// for takedown was recorded: a refusal or withdrawal recorded after it was
// published, a never-publish flag, a consent expiring or the pupil leaving,
// whichever came last before end. Dates without a time count from the
// start of the day, or from the publication if that was later that day.
func dueAt(e publog.Entry, pn pupilNow, set Settings, end time.Time) (time.Time, bool) {
	var due time.Time
	found := false
	consider := func(t time.Time) {
		if t.Before(e.At) {
			return
		}
		if !t.After(end) && (!found || t.After(due)) {
			due, found = t, true
		}
	}
	onDay := func(d civil.Date) {
		if d.IsZero() || d.Before(civil.Of(e.At.Local())) {
			return
		}
		t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.Local)
		if t.Before(e.At) {
			t = e.At
		}
		consider(t)
	}
	for _, pu := range publish.Needs(e.Destination, len(e.Pupils)) {
		for _, rec := range pn.history {
			if !rec.Covers(pu, e.Medium) {
				continue
			}
			if rec.Answer == consent.Granted {
				onDay(rec.Expires)
			} else {
				consider(rec.RecordedAt)
			}
		}
	}
	if pn.p.NeverPublish != nil {
		onDay(pn.p.NeverPublish.SetOn)
	}
	if set.TakeDownLeavers {
		onDay(pn.p.Leaving)
	}
	return due, found
}

// daysBetween counts the calendar days from a to b in local time: 0 when
// both fall on the same day.
func daysBetween(a, b time.Time) int {
	da, db := civil.Of(a.Local()), civil.Of(b.Local())
	ta := time.Date(da.Year, da.Month, da.Day, 12, 0, 0, 0, time.UTC)
	tb := time.Date(db.Year, db.Month, db.Day, 12, 0, 0, 0, time.UTC)
	return int(tb.Sub(ta).Hours() / 24)
}

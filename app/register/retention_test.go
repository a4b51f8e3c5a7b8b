package register

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
	"photoconsent/app/pupil"
)

// retentionWorld is a register with three leavers and a pupil on roll,
// answers with scans, log entries with thumbnails, as of 20 January 2026.
type retentionWorld struct {
	f                     *fixture
	zoe, inside, recent   pupil.Pupil // left 19/01/2020 (due), 20/01/2020 (not yet), 2025 (not)
	amelia                pupil.Pupil // on roll
	zoeScan, sharedScan   string
	both, onlyAmelia, blk publog.Entry
}

var fakePDF = []byte("%PDF-1.4\n% a scanned consent form\n")

func zoe() pupil.Pupil {
	return pupil.Pupil{UPN: "A123456789012", LegalForename: "Zoë", LegalSurname: "Brontë", Class: "6A", Year: "6",
		DOB: date("2008-03-02"), Leaving: date("2020-01-19"),
		Contacts: []pupil.Contact{{Forename: "Siobhán", Surname: "Brontë", Relationship: "Mother",
			Responsibility: true, Email: "siobhan@example.com", Mobile: "07700 900555"}}}
}

func newRetentionWorld(t *testing.T) *retentionWorld {
	t.Helper()
	f := newFixture(t)
	w := &retentionWorld{f: f}
	f.clock.t = time.Date(2019, time.June, 3, 10, 0, 0, 0, time.UTC)
	w.zoe = f.addPupil(zoe())
	inside := amelia()
	inside.UPN, inside.LegalForename, inside.Leaving = "B123456789012", "Łukasz", date("2020-01-20")
	w.inside = f.addPupil(inside)
	recent := amelia()
	recent.UPN, recent.LegalForename, recent.Leaving = "C123456789012", "Nguyễn", date("2025-07-18")
	w.recent = f.addPupil(recent)
	w.amelia = f.addPupil(amelia())

	own := formAnswer(w.zoe.ID, "Siobhán Brontë", PurposeAnswer{Purpose: consent.School, Answer: consent.Granted},
		PurposeAnswer{Purpose: consent.Social, Answer: consent.Refused})
	own.Scan = fakePDF
	mustDo(t, f.head.RecordAnswers(own))
	classSet := AnswerRequest{PupilIDs: []string{w.zoe.ID, w.amelia.ID}, ByFirstContact: true, Method: consent.Form,
		Answers: []PurposeAnswer{{Purpose: consent.Press, Answer: consent.Granted}}, Scan: []byte("%PDF-1.4 class set")}
	mustDo(t, f.head.RecordAnswers(classSet))
	mustDo(t, f.head.RecordAnswers(formAnswer(w.amelia.ID, "Claire Smith",
		PurposeAnswer{Purpose: consent.School, Answer: consent.Granted})))
	mustDo(t, f.head.SetNeverPublish(w.zoe.ID, "court order naming Zoë Brontë"))
	mustDo(t, f.head.ClearNeverPublish(w.zoe.ID, "order lifted for Zoë Brontë"))
	w.zoeScan, w.sharedScan = scanIDs(t, f, w.zoe.ID)

	both := entry(publog.Exported, publish.Newsletter, w.zoe.ID, w.amelia.ID)
	both.Caption, both.Original.Name, both.Output.Name = "Zoë and Amelia at sports day", "IMG_zoe.jpg", "newsletter-zoe.jpg"
	w.both = mustLog(t, f.head, both)
	mustDo(t, f.head.SaveLogThumbnail(w.both.Seq, thumbJPEG(t, 16, 16)))
	w.onlyAmelia = mustLog(t, f.head, entry(publog.Exported, publish.Newsletter, w.amelia.ID))
	mustDo(t, f.head.SaveLogThumbnail(w.onlyAmelia.Seq, thumbJPEG(t, 16, 16)))
	blk := entry(publog.Blocked, publish.Social, w.zoe.ID, w.amelia.ID)
	blk.Reasons = []string{"Zoë B.: no consent for social media", "Amelia S.: no consent for social media",
		"the photo holds its location"}
	w.blk = mustLog(t, f.head, blk)

	f.clock.t = time.Date(2026, time.January, 20, 9, 30, 0, 0, time.UTC)
	return w
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// scanIDs returns the scan only the pupil's own form used, and the class set's.
func scanIDs(t *testing.T, f *fixture, id string) (own, shared string) {
	t.Helper()
	d, err := f.head.Pupil(id)
	mustDo(t, err)
	for _, r := range d.History {
		if r.Purpose == consent.Press {
			shared = r.ScanID
		} else {
			own = r.ScanID
		}
	}
	if own == "" || shared == "" || own == shared {
		t.Fatalf("scans %q and %q: want two different scans", own, shared)
	}
	return own, shared
}

func TestRetentionDueListsLeaversPastThePeriod(t *testing.T) {
	w := newRetentionWorld(t)
	got, err := w.f.head.RetentionDue()
	mustDo(t, err)
	want := []Leaver{{PupilID: w.zoe.ID, UPN: w.zoe.UPN, Name: "Zoë Brontë", Class: "6A",
		Leaving: date("2020-01-19"), Due: date("2026-01-19")}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RetentionDue (-want +got):\n%s", diff)
	}
}

func TestRetentionRefusedToOthers(t *testing.T) {
	w := newRetentionWorld(t)
	for _, role := range []access.Role{access.Office, access.Teacher} {
		t.Run(string(role), func(t *testing.T) {
			s := w.f.session("Someone "+string(role), role)
			before := w.f.store.snapshot()
			if _, err := s.RetentionDue(); !errors.Is(err, access.ErrNotAllowed) {
				t.Errorf("RetentionDue = %v, want ErrNotAllowed", err)
			}
			if n, err := s.ApplyRetention([]string{w.zoe.ID}); n != 0 || !errors.Is(err, access.ErrNotAllowed) {
				t.Errorf("ApplyRetention = %d, %v; want 0, ErrNotAllowed", n, err)
			}
			if diff := cmp.Diff(before, w.f.store.snapshot()); diff != "" {
				t.Errorf("a refused request changed the store (-before +after):\n%s", diff)
			}
		})
	}
}

func TestApplyRetentionRefusesPupilsNotDue(t *testing.T) {
	w := newRetentionWorld(t)
	for name, id := range map[string]string{"just inside": w.inside.ID, "recent": w.recent.ID,
		"on roll": w.amelia.ID, "unknown": "nobody"} {
		t.Run(name, func(t *testing.T) {
			before := w.f.store.snapshot()
			n, err := w.f.head.ApplyRetention([]string{w.zoe.ID, id})
			if n != 0 || !errors.Is(err, ErrInvalid) {
				t.Errorf("ApplyRetention = %d, %v; want 0, ErrInvalid", n, err)
			}
			if diff := cmp.Diff(before, w.f.store.snapshot()); diff != "" {
				t.Errorf("a refused request changed the store (-before +after):\n%s", diff)
			}
		})
	}
}

func TestApplyRetentionDeletesExactlyTheDueLeaver(t *testing.T) {
	w := newRetentionWorld(t)
	f := w.f
	before := f.store.snapshot()
	n, err := f.head.ApplyRetention([]string{w.zoe.ID})
	if n != 1 || err != nil {
		t.Fatalf("ApplyRetention = %d, %v; want 1, nil", n, err)
	}
	after := f.store.snapshot()
	for _, gone := range []string{prefPupil + w.zoe.ID, prefScan + w.zoeScan, logThumbKey(w.both.Seq)} {
		if _, ok := after[gone]; ok {
			t.Errorf("%s is still stored, want it deleted", gone)
		}
	}
	for k := range after {
		if strings.HasPrefix(k, prefAnswer+w.zoe.ID+"/") {
			t.Errorf("answer %s is still stored, want it deleted", k)
		}
	}
	for k, v := range before {
		if kept(k, w) && after[k] != v {
			t.Errorf("%s changed or went: it belongs to pupils kept on the register", k)
		}
	}
	for k, v := range after {
		for _, word := range []string{"Zoë", "Brontë", "Siobhán", "siobhan@example.com", w.zoe.UPN, "IMG_zoe"} {
			if strings.Contains(v, word) {
				t.Errorf("%s still holds %q: %s", k, word, v)
			}
		}
	}
	if due, err := f.head.RetentionDue(); err != nil || len(due) != 0 {
		t.Errorf("RetentionDue after = %v, %v; want none", due, err)
	}
}

// kept reports whether a key belongs to someone or something retention
// must not touch.
func kept(k string, w *retentionWorld) bool {
	for _, p := range []pupil.Pupil{w.inside, w.recent, w.amelia} {
		if k == prefPupil+p.ID || strings.HasPrefix(k, prefAnswer+p.ID+"/") {
			return true
		}
	}
	return k == prefScan+w.sharedScan || k == publogKey(w.onlyAmelia.Seq) || k == logThumbKey(w.onlyAmelia.Seq)
}

func TestApplyRetentionKeepsTheLogVerifiable(t *testing.T) {
	w := newRetentionWorld(t)
	_, err := w.f.head.ApplyRetention([]string{w.zoe.ID})
	mustDo(t, err)
	problems, err := w.f.head.VerifyLog()
	if err != nil || len(problems) != 0 {
		t.Fatalf("VerifyLog = %v, %v; want no problems", problems, err)
	}
	log, err := w.f.head.PublicationLog()
	mustDo(t, err)
	redacted := w.both
	redacted.Redact()
	redactedBlk := w.blk
	redactedBlk.Redact()
	if diff := cmp.Diff([]publog.Entry{redacted, w.onlyAmelia, redactedBlk}, log); diff != "" {
		t.Errorf("log after retention (-want +got):\n%s", diff)
	}
	if log[0].CaptionDigest == "" || log[0].Pupils[0].PupilID != w.zoe.ID {
		t.Errorf("redacted entry lost its digest or tags: %+v", log[0])
	}
	if _, ok, err := w.f.head.LogThumbnail(w.onlyAmelia.Seq); !ok || err != nil {
		t.Errorf("LogThumbnail(untouched entry) = %v, %v; want kept", ok, err)
	}
}

func TestApplyRetentionIsAuditedWithoutTheName(t *testing.T) {
	w := newRetentionWorld(t)
	_, err := w.f.head.ApplyRetention([]string{w.zoe.ID})
	mustDo(t, err)
	removed, err := w.f.head.RemovedUnderRetention()
	mustDo(t, err)
	if diff := cmp.Diff(map[string]bool{w.zoe.ID: true}, removed); diff != "" {
		t.Errorf("RemovedUnderRetention (-want +got):\n%s", diff)
	}
	got := w.f.events(KindRetention)
	if len(got) != 1 || got[0].Subject != w.zoe.ID || got[0].Detail != RetentionDetail || got[0].ActorName != "Mrs Head" {
		t.Fatalf("retention events = %+v, want one for the pupil's ID by Mrs Head", got)
	}
	all, err := w.f.head.AuditTrail(0)
	mustDo(t, err)
	var reasons []string
	for _, ev := range all {
		if ev.Subject == w.zoe.ID && (ev.Kind == audit.NeverPublishSet || ev.Kind == audit.NeverPublishClear) {
			reasons = append(reasons, ev.Detail)
		}
	}
	if want := []string{retentionRedacted, retentionRedacted}; !slices.Equal(reasons, want) {
		t.Errorf("never-publish details after retention = %q, want %q", reasons, want)
	}
}

package register

import (
	"slices"
	"strings"
	"time"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/consent"
	"photoconsent/app/publog"
	"photoconsent/app/pupil"
)

// KindSubjectAccess is the audit event written when someone gathers
// everything held about a pupil; its subject is the pupil's random ID.
const KindSubjectAccess = audit.Kind("subject-access")

// SAR is everything the register holds about one pupil, for a subject
// access request: the record with contacts, every answer with the wording
// it answered and its scanned form, every publication log entry about the
// pupil with its thumbnail, and the audit events about them.
type SAR struct {
	School       string
	Made         time.Time
	MadeBy       string // login of the person who gathered it
	Pupil        pupil.Pupil
	Answers      []SARAnswer // oldest first
	Wordings     []Wording   // each version the answers name, in first-answered order
	Scans        []SARScan
	Publications []SARPublication // log order
	Events       []audit.Event    // oldest first
}

// SARAnswer is one answer with the login of the person who recorded it.
type SARAnswer struct {
	consent.Record
	RecordedByName string `json:"recorded_by_name"`
}

// SARScan is one scanned form. Shared is true when it is a class set's
// scan that other pupils' answers use too, so it may show other children.
type SARScan struct {
	ID       string
	Type     string            // application/pdf, image/jpeg or image/png
	Answer   SARAnswer         // the first answer that used it
	Purposes []consent.Purpose // every purpose the pupil's answers on it cover
	Data     []byte
	Shared   bool
}

// SARPublication is one log entry about the pupil. Other pupils tagged in
// it are left out (only how many there were is kept), and so are the
// gate's reasons about them; Thumbnail is the entry's JPEG, if kept.
type SARPublication struct {
	Entry     publog.Entry
	Others    int
	Thumbnail []byte
}

// Ext is the usual file extension for the scan's type, with its dot.
func (sc SARScan) Ext() string {
	switch sc.Type {
	case "application/pdf":
		return ".pdf"
	case "image/jpeg":
		return ".jpg"
	case "image/png":
		return ".png"
	}
	return ".bin"
}

// SubjectAccess gathers everything held about the pupil (office and head,
// who may see scanned forms) and records in the audit trail that it was
// gathered, in the same transaction.
func (s *Session) SubjectAccess(pupilID string) (SAR, error) {
	if err := s.check(access.ViewScans); err != nil {
		return SAR{}, err
	}
	out := SAR{Made: s.now(), MadeBy: s.me.Login}
	err := s.store.Update(func(tx Tx) error {
		if err := s.gatherSAR(tx, pupilID, &out); err != nil {
			return err
		}
		return appendEvent(tx, s.me, s.now(), KindSubjectAccess, pupilID, "everything held was gathered for a subject access request")
	})
	if err != nil {
		return SAR{}, err
	}
	return out, nil
}

func (s *Session) gatherSAR(tx Tx, id string, out *SAR) error {
	set, err := settingsIn(tx)
	if err != nil {
		return err
	}
	out.School = set.SchoolName
	p, history, err := pupilAndAnswers(tx, id)
	if err != nil {
		return err
	}
	out.Pupil = p
	if out.Answers, err = sarAnswers(tx, history); err != nil {
		return err
	}
	if out.Wordings, err = sarWordings(tx, history); err != nil {
		return err
	}
	if out.Scans, err = sarScans(tx, id, out.Answers); err != nil {
		return err
	}
	if out.Publications, err = sarPublications(tx, p); err != nil {
		return err
	}
	out.Events, err = sarEvents(tx, id)
	return err
}

// sarAnswers adds the recorder's login to each answer; an account removed
// since is shown by its ID.
func sarAnswers(tx Tx, history []consent.Record) ([]SARAnswer, error) {
	logins := map[string]string{}
	err := tx.Scan(prefAccount, func(_ string, decode func(any) error) error {
		var a Account
		if err := decode(&a); err != nil {
			return err
		}
		logins[a.ID] = a.Login
		return nil
	})
	out := make([]SARAnswer, len(history))
	for i, r := range history {
		name := logins[r.RecordedBy]
		if name == "" && r.RecordedBy != "" {
			name = "removed account " + r.RecordedBy
		}
		out[i] = SARAnswer{Record: r, RecordedByName: name}
	}
	return out, err
}

func sarWordings(tx Tx, history []consent.Record) ([]Wording, error) {
	var out []Wording
	for _, r := range history {
		if r.Wording == "" || slices.ContainsFunc(out, func(w Wording) bool { return w.Version == r.Wording }) {
			continue
		}
		w, err := wordingIn(tx, r.Wording)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, nil
}

// sarScans reads each scanned form once, with the first answer that used
// it, and notes whether other pupils' answers use it too.
func sarScans(tx Tx, id string, answers []SARAnswer) ([]SARScan, error) {
	var out []SARScan
	for _, a := range answers {
		if a.ScanID == "" {
			continue
		}
		if i := slices.IndexFunc(out, func(sc SARScan) bool { return sc.ID == a.ScanID }); i >= 0 {
			if !slices.Contains(out[i].Purposes, a.Purpose) {
				out[i].Purposes = append(out[i].Purposes, a.Purpose)
			}
			continue
		}
		b, ok, err := tx.GetBlob(prefScan + a.ScanID)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue // not kept: nothing to give
		}
		out = append(out, SARScan{ID: a.ScanID, Type: ScanType(b), Answer: a,
			Purposes: []consent.Purpose{a.Purpose}, Data: b})
	}
	if len(out) == 0 {
		return out, nil
	}
	mine := prefAnswer + id + "/"
	err := tx.Scan(prefAnswer, func(key string, decode func(any) error) error {
		if strings.HasPrefix(key, mine) {
			return nil
		}
		var r struct {
			ScanID string `json:"scan_id"`
		}
		if err := decode(&r); err != nil {
			return err
		}
		for i := range out {
			if out[i].ID == r.ScanID {
				out[i].Shared = true
			}
		}
		return nil
	})
	return out, err
}

// sarPublications returns the log entries about the pupil with their
// thumbnails, leaving out other pupils' tags and the reasons about them.
func sarPublications(tx Tx, p pupil.Pupil) ([]SARPublication, error) {
	entries, err := readLog(tx)
	if err != nil {
		return nil, err
	}
	var out []SARPublication
	for _, e := range entries {
		if !aboutPupil(e, p.ID) {
			continue
		}
		pub, err := sarPublication(tx, e, p)
		if err != nil {
			return nil, err
		}
		out = append(out, pub)
	}
	return out, nil
}

func sarPublication(tx Tx, e publog.Entry, p pupil.Pupil) (SARPublication, error) {
	var mine []publog.Pupil
	var others []string
	for _, tp := range e.Pupils {
		if tp.PupilID == p.ID {
			mine = append(mine, tp)
		} else {
			others = append(others, tp.PupilID)
		}
	}
	drop, err := otherLabels(tx, others, label(p))
	if err != nil {
		return SARPublication{}, err
	}
	e.Pupils = mine
	e.Reasons = slices.DeleteFunc(slices.Clone(e.Reasons), func(r string) bool {
		return slices.ContainsFunc(drop, func(l string) bool { return strings.HasPrefix(r, l+": ") })
	})
	thumb, _, err := tx.GetBlob(logThumbKey(e.Seq))
	if err != nil {
		return SARPublication{}, err
	}
	return SARPublication{Entry: e, Others: len(others), Thumbnail: thumb}, nil
}

// otherLabels returns the labels ("Ben T.") of the other pupils still on
// the register, except any that read the same as the requester's own.
func otherLabels(tx Tx, ids []string, own string) ([]string, error) {
	var out []string
	for _, id := range ids {
		var q pupil.Pupil
		ok, err := tx.Get(prefPupil+id, &q)
		if err != nil {
			return nil, err
		}
		if ok && label(q) != own {
			out = append(out, label(q))
		}
	}
	return out, nil
}

func sarEvents(tx Tx, id string) ([]audit.Event, error) {
	var out []audit.Event
	err := tx.Scan(prefAudit, func(_ string, decode func(any) error) error {
		var ev audit.Event
		if err := decode(&ev); err != nil {
			return err
		}
		if ev.Subject == id {
			out = append(out, ev)
		}
		return nil
	})
	return out, err
}

package register

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/pupil"
)

// Limits on what an answer may carry.
const (
	MaxScanSize   = 20 << 20 // a scanned form, bytes
	MaxNoteLength = 2000     // characters
	// MaxBatchPupils bounds a class set recorded in one transaction.
	MaxBatchPupils = 200
)

// PurposeAnswer is one question on the form and what was ticked.
type PurposeAnswer struct {
	Purpose consent.Purpose
	Media   consent.Media
	Answer  consent.Answer
}

// AnswerRequest records what one returned form (or email, or conversation)
// said, for one pupil or for a returned class set of identical answers.
type AnswerRequest struct {
	PupilIDs []string
	Answers  []PurposeAnswer
	// By is who answered. For several pupils at once leave it empty and set
	// ByFirstContact: each pupil's first contact with parental responsibility.
	By             consent.Giver
	ByFirstContact bool
	Date           civil.Date // when it was given; zero means today
	Method         consent.Method
	Wording        string     // form wording version; empty means the current one
	Expires        civil.Date // zero: no expiry
	Note           string
	Scan           []byte // optional scanned form: PDF, JPEG or PNG
}

// RecordAnswers appends the answers to each pupil's history (office and
// head). Nothing is overwritten; statuses follow from the new history. All
// pupils' answers are written in one transaction, so a class set is recorded
// whole or not at all.
func (s *Session) RecordAnswers(req AnswerRequest) error {
	if err := s.check(access.RecordConsent); err != nil {
		return err
	}
	set, err := s.Settings()
	if err != nil {
		return err
	}
	if err := s.validate(&req, set); err != nil {
		return err
	}
	if len(req.PupilIDs) > MaxBatchPupils {
		return invalidf("record at most %d pupils at once", MaxBatchPupils)
	}
	return s.store.Update(func(tx Tx) error {
		scanID, err := putScan(tx, req.Scan)
		if err != nil {
			return err
		}
		for _, id := range req.PupilIDs {
			if err := s.recordFor(tx, id, req, scanID); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Session) validate(req *AnswerRequest, set Settings) error {
	today := civil.Today(s.now())
	if req.Date.IsZero() {
		req.Date = today
	}
	if req.Wording == "" {
		req.Wording = set.Wording
	}
	req.Note = strings.TrimSpace(req.Note)
	switch {
	case len(req.PupilIDs) == 0:
		return invalidf("choose at least one pupil")
	case len(req.Answers) == 0:
		return invalidf("choose at least one answer")
	case req.Date.After(today):
		return invalidf("the answer's date %s is in the future", req.Date.UK())
	case !req.Expires.IsZero() && !req.Expires.After(req.Date):
		return invalidf("the expiry date must be after the answer's date")
	case utf8.RuneCountInString(req.Note) > MaxNoteLength:
		return invalidf("the note is longer than %d characters", MaxNoteLength)
	case len(req.Scan) > MaxScanSize:
		return invalidf("the scanned form is larger than %d MB", MaxScanSize>>20)
	case len(req.Scan) > 0 && ScanType(req.Scan) == "":
		return invalidf("the scanned form is not a PDF, JPEG or PNG file")
	case !req.ByFirstContact && !req.By.Known():
		return invalidf("say who gave the answer")
	}
	if _, err := consent.ParseMethod(string(req.Method)); err != nil {
		return invalidf("%v", err)
	}
	for _, a := range req.Answers {
		if err := validAnswer(a, set); err != nil {
			return err
		}
	}
	return nil
}

func validAnswer(a PurposeAnswer, set Settings) error {
	if _, err := consent.ParsePurpose(string(a.Purpose)); err != nil {
		return invalidf("%v", err)
	}
	if _, err := consent.ParseAnswer(string(a.Answer)); err != nil {
		return invalidf("%v", err)
	}
	switch a.Media {
	case consent.MediaAny, consent.MediaPhoto, consent.MediaVideo:
	default:
		return invalidf("unknown medium %q", a.Media)
	}
	if a.Media != consent.MediaAny && !set.Consent.SplitMedia {
		return invalidf("photo and video answers are not asked separately at this school")
	}
	return nil
}

func (s *Session) recordFor(tx Tx, pupilID string, req AnswerRequest, scanID string) error {
	p, err := getPupil(tx, pupilID)
	if err != nil {
		return err
	}
	by, err := giverFor(p, req)
	if err != nil {
		return err
	}
	now := s.now()
	for _, a := range req.Answers {
		r := consent.Record{
			ID: timeID(now), PupilID: pupilID, Purpose: a.Purpose, Media: a.Media, Answer: a.Answer,
			By: by, Date: req.Date, Method: req.Method, Wording: req.Wording,
			RecordedBy: s.me.ID, RecordedAt: now, Expires: req.Expires, ScanID: scanID, Note: req.Note,
		}
		if err := tx.Put(answerKey(pupilID, r.ID), r); err != nil {
			return err
		}
		kind := audit.AnswerRecorded
		if a.Answer == consent.Withdrawn {
			kind = audit.AnswerWithdrawn
		}
		if err := appendEvent(tx, s.me, now, kind, pupilID, describeAnswer(r)); err != nil {
			return err
		}
	}
	return nil
}

// giverFor checks that the giver may answer for the pupil: a contact with
// parental responsibility, or the pupil.
func giverFor(p pupil.Pupil, req AnswerRequest) (consent.Giver, error) {
	if req.ByFirstContact {
		for _, c := range p.Contacts {
			if c.Responsibility {
				return consent.Giver{Name: c.Name(), Relationship: c.Relationship}, nil
			}
		}
		return consent.Giver{}, invalidf("a pupil has no contact with parental responsibility to record the answer against")
	}
	if req.By.Pupil {
		return consent.Giver{Name: p.DisplayName(), Relationship: "Pupil", Pupil: true}, nil
	}
	for _, c := range p.Contacts {
		if c.Responsibility && Fold(c.Name()) == Fold(req.By.Name) {
			return consent.Giver{Name: c.Name(), Relationship: c.Relationship}, nil
		}
	}
	return consent.Giver{}, invalidf("%q is not a contact with parental responsibility for this pupil", req.By.Name)
}

func describeAnswer(r consent.Record) string {
	col := Column{r.Purpose, r.Media}.Key()
	return fmt.Sprintf("%s: %s (%s, %s, wording %s)", col, r.Answer, r.Method, r.Date, r.Wording)
}

// ScanType names a scanned form's type from its first bytes, or "" when it
// is not a PDF, JPEG or PNG.
func ScanType(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return "application/pdf"
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg"
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	}
	return ""
}

func putScan(tx Tx, b []byte) (string, error) {
	if len(b) == 0 {
		return "", nil
	}
	id := NewID()
	return id, tx.PutBlob(prefScan+id, b)
}

// Scan returns a scanned form's bytes (office and head).
func (s *Session) Scan(id string) ([]byte, error) {
	if err := s.check(access.ViewScans); err != nil {
		return nil, err
	}
	var b []byte
	err := s.store.View(func(tx Tx) error {
		var ok bool
		var err error
		b, ok, err = tx.GetBlob(prefScan + id)
		if err == nil && !ok {
			err = invalidf("no scanned form %q", id)
		}
		return err
	})
	return b, err
}

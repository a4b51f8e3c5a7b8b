package register

import (
	"time"

	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
)

// Subjects returns the gate's view of the tagged pupils: their statuses now
// for the medium (photo or video), labelled "Amelia S.". Everyone who may
// publish may call it; it carries no contact details.
func (s *Session) Subjects(pupilIDs []string, m consent.Media) ([]publish.Subject, error) {
	panic("not written yet")
}

// Policy returns the school's settings that change the gate's decisions.
func (s *Session) Policy() (publish.Policy, error) {
	panic("not written yet")
}

// LogPublication appends an export, blocked attempt or override to the
// publication log, sealed to the chain, as the signed-in person. An
// Overridden entry must carry approvers that publish.CheckOverride accepts.
func (s *Session) LogPublication(e publog.Entry) (publog.Entry, error) {
	panic("not written yet")
}

// PublicationLog returns every entry, oldest first (head only).
func (s *Session) PublicationLog() ([]publog.Entry, error) {
	panic("not written yet")
}

// VerifyLog checks the whole chain (head only).
func (s *Session) VerifyLog() ([]publog.Problem, error) {
	panic("not written yet")
}

// SecondApprover checks another person's password for a never-publish
// override's second sign-off: a head or office account, not the signed-in
// person. The check is written to the audit trail.
func (s *Session) SecondApprover(login, password string) (publish.Approver, error) {
	panic("not written yet")
}

// Takedown is one published photo that must come down because a pupil in
// it may no longer appear there.
type Takedown struct {
	Entry       publog.Entry // the publication
	PupilID     string
	UPN         string
	PupilName   string
	Destination publish.Destination
	Output      string // the published copy's name
	Why         string // "consent for social media was withdrawn"
	Done        bool
	DoneAt      time.Time
	DoneBy      string // login
	Note        string
}

// Takedowns lists every takedown, open ones first (head only).
func (s *Session) Takedowns() ([]Takedown, error) {
	panic("not written yet")
}

// OpenTakedowns counts the takedowns not yet done (head only).
func (s *Session) OpenTakedowns() (int, error) {
	panic("not written yet")
}

// MarkTakenDown records that a published photo was removed for a pupil,
// with a note of what was done; it is a TakenDown entry in the log.
func (s *Session) MarkTakenDown(seq int64, pupilID, note string) error {
	panic("not written yet")
}

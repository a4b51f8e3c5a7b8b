// Package audit describes the register's audit trail: who did what, when.
// Events are appended in the same transaction as the change they describe.
package audit

import "time"

// Kind names what happened.
type Kind string

// The kinds of event the register records.
const (
	Login             Kind = "login"
	LoginFailed       Kind = "login-failed"
	RecoveryKeyUsed   Kind = "recovery-key-used"
	StoreCreated      Kind = "store-created"
	AnswerRecorded    Kind = "answer-recorded"
	AnswerWithdrawn   Kind = "answer-withdrawn"
	PupilImported     Kind = "pupil-imported"
	PupilUpdated      Kind = "pupil-updated"
	PupilLeft         Kind = "pupil-left"
	PupilEdited       Kind = "pupil-edited"
	ImportApplied     Kind = "import-applied"
	NeverPublishSet   Kind = "never-publish-set"
	NeverPublishClear Kind = "never-publish-cleared"
	UserAdded         Kind = "user-added"
	UserRemoved       Kind = "user-removed"
	RoleChanged       Kind = "role-changed"
	AuthoriserChanged Kind = "website-authoriser-changed"
	PasswordChanged   Kind = "password-changed"
	PasswordReset     Kind = "password-reset"
	SettingChanged    Kind = "setting-changed"
	SignOffGiven      Kind = "sign-off-given"   // a second person signed off a never-publish override
	SignOffRefused    Kind = "sign-off-refused" // a second sign-off was refused: wrong password, wrong role
)

// Event is one line of the audit trail. Actor names are copied in so the
// trail still reads after an account is removed.
type Event struct {
	ID        string    `json:"id"`
	At        time.Time `json:"at"`
	Actor     string    `json:"actor,omitempty"` // account ID; empty for a failed login
	ActorName string    `json:"actor_name"`      // login name at the time
	Kind      Kind      `json:"kind"`
	Subject   string    `json:"subject,omitempty"` // pupil or account ID
	Detail    string    `json:"detail,omitempty"`
}

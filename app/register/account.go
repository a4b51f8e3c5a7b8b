package register

import (
	"time"

	"photoconsent/app/access"
	"photoconsent/app/publish"
)

// Account is a member of staff who can sign in. Roles live here, inside the
// encrypted store, not in the key slots: editing the slot file cannot
// promote anyone.
type Account struct {
	ID                 string      `json:"id"`
	Login              string      `json:"login"`
	Role               access.Role `json:"role"`
	MustChangePassword bool        `json:"must_change_password,omitempty"`
	// WebsiteAuthoriser: named by the head as one of the people who
	// publish to the school's website (heads always may).
	WebsiteAuthoriser bool      `json:"website_authoriser,omitempty"`
	Created           time.Time `json:"created"`
	CreatedBy         string    `json:"created_by,omitempty"`
}

// FailedLogin is an unsuccessful sign-in noticed before the store was open;
// the next session writes it into the audit trail.
type FailedLogin struct {
	Login string
	At    time.Time
}

// MayUploadToWebsite reports whether the account publishes to the school's
// website: a head, or someone the head named a website authoriser.
func (a Account) MayUploadToWebsite() bool {
	return publish.MayUploadToWebsite(a.Role, a.WebsiteAuthoriser)
}

package publish

import (
	"errors"
	"strings"
	"unicode/utf8"

	"photoconsent/app/access"
)

// MinReason is the shortest written reason an override may carry.
const MinReason = 10

// The reasons CheckOverride refuses an override, for errors.Is.
var (
	ErrNotBlocked     = errors.New("the photo is not blocked, so it needs no override")
	ErrNotOverridable = errors.New("an override lifts consent only: fix the photo's other problems first")
	ErrNotHead        = errors.New("only a head may override a blocked photo")
	ErrUnsigned       = errors.New("the override does not say who signed it")
	ErrShortReason    = errors.New("write the reason for the override, at least 10 characters")
	ErrNoSecond       = errors.New("a second person, another head or an office account, must sign off because a pupil must never be published")
	ErrSameSecond     = errors.New("the second sign-off must come from another person")
	ErrSecondRole     = errors.New("the second sign-off must come from a head or an office account")
)

// checkOverride is CheckOverride; a Decision already Overridden is checked
// as the Blocked one it lifted, so the log can check an entry's approvers.
// A second approver is checked whenever one is given, needed or not, so the
// log never records a teacher or the head themself as a second sign-off.
func checkOverride(dec Decision, o Override) error {
	switch {
	case dec.Outcome == Ready:
		return ErrNotBlocked
	case !dec.Overridable:
		return ErrNotOverridable
	case !access.Can(o.By.Role, access.Override):
		return ErrNotHead
	case strings.TrimSpace(o.By.AccountID) == "":
		return ErrUnsigned
	case utf8.RuneCountInString(strings.TrimSpace(o.Reason)) < MinReason:
		return ErrShortReason
	case o.Second == nil && dec.NeedsSecondSignOff:
		return ErrNoSecond
	case o.Second == nil:
		return nil
	}
	return checkSecond(o.By, *o.Second)
}

func checkSecond(by, second Approver) error {
	id := strings.TrimSpace(second.AccountID)
	switch {
	case id == "":
		return ErrUnsigned
	case id == strings.TrimSpace(by.AccountID):
		return ErrSameSecond
	case !access.Can(second.Role, access.SignOff):
		return ErrSecondRole
	}
	return nil
}

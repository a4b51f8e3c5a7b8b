package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"photoconsent/app/access"
	"photoconsent/app/mis"
	"photoconsent/app/register"
)

// sentence turns an error into one plain sentence for the person at the
// screen. The register's own refusals (register.ErrInvalid, a weak password)
// are already written for people; everything else is worded here.
func sentence(err error) string {
	if err == nil {
		return ""
	}
	var locked *register.LockedOutError
	switch {
	case errors.As(err, &locked):
		return fmt.Sprintf("Too many wrong passwords. Try again in %s.", waitWords(locked.Wait))
	case errors.Is(err, register.ErrTooManyAttempts):
		return "Too many wrong passwords. Wait a few minutes, then try again."
	case errors.Is(err, register.ErrWrongPassword):
		return "That password is not right. Check Caps Lock and try again."
	case errors.Is(err, register.ErrInUse):
		return "The register is open in another window or program. Close it there, then try again."
	case errors.Is(err, register.ErrBadRecoveryKey):
		return "That recovery key does not open this register. Check each group of four characters and try again."
	case errors.Is(err, register.ErrNotInitialized):
		return "No register has been set up in this folder yet."
	case errors.Is(err, register.ErrAlreadySetUp):
		return "A register is already set up in this folder. Sign in instead."
	case errors.Is(err, register.ErrMustChangePassword):
		return "Your password was reset. Choose a new one before doing anything else."
	case errors.Is(err, access.ErrWeakPassword), errors.Is(err, register.ErrInvalid):
		return plain(err.Error())
	case errors.Is(err, access.ErrNotAllowed):
		msg := strings.TrimPrefix(err.Error(), "not allowed for your role: ")
		return plain(msg)
	case errors.Is(err, register.ErrNoPupil):
		return "That pupil is no longer in the register. Reload it and try again."
	case errors.Is(err, register.ErrNoAccount):
		return "There is no account with that name."
	case errors.Is(err, register.ErrNotSetUp):
		return "This register was never finished being set up. Restore it from a backup."
	case errors.Is(err, context.Canceled):
		return "Stopped before the end. What was done so far is kept; import the file again to finish."
	case errors.Is(err, mis.ErrTooBig):
		return "That file is far larger than any pupil export. Check you chose the right file."
	case errors.Is(err, mis.ErrTooManyRows):
		return "That file has more rows than any school has pupils. Check you chose the right file."
	case errors.Is(err, mis.ErrEmpty):
		return "That file is empty."
	case errors.Is(err, mis.ErrNotText):
		return "That file is not a CSV or Common Transfer File. If it is an Excel workbook, save it as CSV first."
	case errors.Is(err, mis.ErrNotCTF):
		return "That XML file is not a Common Transfer File."
	case errors.Is(err, mis.ErrBadXML):
		return "That XML file is damaged and cannot be read. Export it from the MIS again."
	case errors.Is(err, mis.ErrNoPupilColumns):
		return "No column in that file holds a pupil's name or UPN. Say which columns hold them below, then check again."
	case errors.Is(err, mis.ErrBadMapping):
		return "One of the column choices is not a field the register knows. Choose again."
	case errors.Is(err, fs.ErrNotExist):
		return "There is no file at that place. Check the path, or use Choose file."
	case errors.Is(err, fs.ErrPermission):
		return "You do not have permission to open that file."
	}
	return plain(err.Error())
}

// plain makes a lower-case error message into a sentence.
func plain(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return "Something went wrong."
	}
	r, n := utf8.DecodeRuneInString(msg)
	msg = string(unicode.ToUpper(r)) + msg[n:]
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") && !strings.HasSuffix(msg, "!") {
		msg += "."
	}
	return msg
}

// waitWords says a wait the way people do: "42 seconds", "3 minutes".
func waitWords(d time.Duration) string {
	s := int((d + time.Second - 1) / time.Second)
	switch {
	case s <= 1:
		return "1 second"
	case s < 60:
		return fmt.Sprintf("%d seconds", s)
	case s%60 == 0 && s == 60:
		return "1 minute"
	case s%60 == 0:
		return fmt.Sprintf("%d minutes", s/60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

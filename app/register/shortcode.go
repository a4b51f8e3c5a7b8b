package register

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strings"

	"photoconsent/app/access"
	"photoconsent/app/pupil"
)

// codeAlphabet has the 31 letters and digits nobody misreads on paper:
// no 0 or O, no 1, I or L.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// CodeLength is how many characters a pupil's short code has.
//
// 31^6 is about 887 million codes. Codes come from a hash, so two pupils
// can share one: with n pupils the chance that any two do is about
// n²/1.8 billion — 0.06% for a school of 1,000 pupils, 0.5% for 3,000, and
// for a trust of 50,000 about one shared pair. Five characters would have
// made that 16% at 3,000 pupils. FindByCode refuses a shared code, and the
// office looks that pupil up by UPN.
const CodeLength = 6

// codeSalt keeps the code from being the hash of the bare ID, so the code
// says nothing about the ID beyond which pupil it is.
const codeSalt = "photoconsent pupil short code\x00"

// ShortCode is the six-character code printed on a pupil's consent form,
// so the office can find the pupil in one go when typing answers in. It is
// derived from the pupil's random ID: stable, and it reveals nothing.
func ShortCode(pupilID string) string {
	sum := sha256.Sum256([]byte(codeSalt + pupilID))
	n := binary.BigEndian.Uint64(sum[:8])
	var b [CodeLength]byte
	for i := range b {
		b[i] = codeAlphabet[n%uint64(len(codeAlphabet))]
		n /= uint64(len(codeAlphabet))
	}
	return string(b[:])
}

// NormaliseCode tidies a code as typed ("k7m 2q" → "K7M2Q") and reports
// whether it could be a pupil's short code.
func NormaliseCode(typed string) (string, bool) {
	code := strings.ToUpper(strings.Join(strings.FieldsFunc(typed, isCodeSpacer), ""))
	if len(code) != CodeLength {
		return code, false
	}
	for _, r := range code {
		if !strings.ContainsRune(codeAlphabet, r) {
			return code, false
		}
	}
	return code, true
}

func isCodeSpacer(r rune) bool { return r == ' ' || r == '-' || r == '\t' }

// FindByCode looks a pupil up by the short code on their consent form.
// A code two pupils share is refused: find them by UPN instead.
func (s *Session) FindByCode(typed string) (pupil.Pupil, error) {
	if err := s.check(access.ViewRegister); err != nil {
		return pupil.Pupil{}, err
	}
	code, ok := NormaliseCode(typed)
	if !ok {
		return pupil.Pupil{}, invalidf("%q is not a form code: a code is six letters and digits, like K7M2Q9", typed)
	}
	var found []pupil.Pupil
	err := s.store.View(func(tx Tx) error {
		return scanPupils(tx, func(p pupil.Pupil) error {
			if ShortCode(p.ID) == code {
				found = append(found, p)
			}
			return nil
		})
	})
	switch {
	case err != nil:
		return pupil.Pupil{}, err
	case len(found) == 0:
		return pupil.Pupil{}, fmt.Errorf("no pupil has form code %s: %w", code, ErrNoPupil)
	case len(found) > 1:
		return pupil.Pupil{}, invalidf("more than one pupil has form code %s: find the pupil by UPN instead", code)
	}
	if !s.Can(access.ViewContacts) {
		return found[0].WithoutContactDetails(), nil
	}
	return found[0], nil
}

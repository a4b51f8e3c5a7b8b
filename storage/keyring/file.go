package keyring

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Format names the keyring.json layout; a file naming another is refused
// rather than guessed at.
const Format = "photoconsent-keyring/1"

// Caps on hostile input: a keyring for one school is a few kilobytes.
const (
	MaxFileSize = 1 << 20
	MaxSlots    = 1000
)

// ErrLoginTaken is returned, wrapped, when a login is already used by another
// account. Logins match without regard to case, as people type them.
var ErrLoginTaken = errors.New("login already used by another account")

// File is the keyring.json document: one slot per account and the recovery
// slot.
type File struct {
	Format   string        `json:"format"`
	Slots    []Slot        `json:"slots"`
	Recovery *RecoverySlot `json:"recovery,omitempty"`
}

// New returns an empty keyring document.
func New() *File { return &File{Format: Format} }

// Parse reads a keyring.json document, checking its shape. Slot parameters
// are checked later, when a slot is opened, so one odd slot cannot lock
// everyone else out.
func Parse(b []byte) (*File, error) {
	if len(b) > MaxFileSize {
		return nil, fmt.Errorf("keyring is %d bytes, over %d: %w", len(b), MaxFileSize, ErrMalformed)
	}
	var f File
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	if f.Format != Format {
		return nil, fmt.Errorf("keyring format %q, want %q: %w", f.Format, Format, ErrMalformed)
	}
	if len(f.Slots) > MaxSlots {
		return nil, fmt.Errorf("%d slots, over %d: %w", len(f.Slots), MaxSlots, ErrMalformed)
	}
	if f.Recovery != nil {
		if err := f.Recovery.check(); err != nil {
			return nil, err
		}
	}
	return &f, f.checkSlots()
}

func (f *File) checkSlots() error {
	for i, s := range f.Slots {
		if err := s.check(); err != nil {
			return err
		}
		for _, t := range f.Slots[:i] {
			if t.Account == s.Account || strings.EqualFold(t.Login, s.Login) {
				return fmt.Errorf("two slots for account %q or login %q: %w", s.Account, s.Login, ErrMalformed)
			}
		}
	}
	return nil
}

// Marshal writes the document, indented so a person can inspect it.
func (f *File) Marshal() ([]byte, error) {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// ByLogin returns the slot for a login, matched without regard to case.
func (f *File) ByLogin(login string) (Slot, bool) {
	for _, s := range f.Slots {
		if strings.EqualFold(s.Login, login) {
			return s, true
		}
	}
	return Slot{}, false
}

// ByAccount returns the account's slot.
func (f *File) ByAccount(account string) (Slot, bool) {
	for _, s := range f.Slots {
		if s.Account == account {
			return s, true
		}
	}
	return Slot{}, false
}

// Put adds s, or replaces the slot of the same account.
func (f *File) Put(s Slot) error {
	if err := s.check(); err != nil {
		return err
	}
	at := -1
	for i, t := range f.Slots {
		switch {
		case t.Account == s.Account:
			at = i
		case strings.EqualFold(t.Login, s.Login):
			return fmt.Errorf("login %q: %w", s.Login, ErrLoginTaken)
		}
	}
	if at < 0 {
		if len(f.Slots) >= MaxSlots {
			return fmt.Errorf("%d slots already: %w", len(f.Slots), ErrMalformed)
		}
		f.Slots = append(f.Slots, s)
		return nil
	}
	f.Slots[at] = s
	return nil
}

// Remove deletes the account's slot and reports whether there was one.
func (f *File) Remove(account string) bool {
	for i, s := range f.Slots {
		if s.Account == account {
			f.Slots = append(f.Slots[:i], f.Slots[i+1:]...)
			return true
		}
	}
	return false
}

// Package publog is the publication log's record format: one entry per
// export, blocked attempt, override and takedown, each holding the hash of
// the one before, so that a changed, removed or reordered entry is found.
// It is pure: app/register stores the entries.
//
// Names and free text (file names, caption, reasons, override reason, note)
// are hashed through their SHA-256 digests, which the entry keeps beside
// them: retention can later blank the text (Redact) and the chain still
// verifies. The chain finds entries changed, removed or reordered through
// the storage layer; someone who re-seals every entry and the head is not
// found, which is why the store itself is encrypted.
package publog

import (
	"time"

	"photoconsent/app/consent"
	"photoconsent/app/publish"
)

// Kind says what an entry records.
type Kind string

// The kinds of entry.
const (
	Exported   Kind = "exported"   // a photo passed the gate and was copied
	Overridden Kind = "overridden" // a blocked photo exported on a head's override
	Blocked    Kind = "blocked"    // an attempt the gate refused
	TakenDown  Kind = "taken-down" // the head marked a takedown as done
)

// File is one file an entry is about: its name and content hash.
type File struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	// NameDigest is the hex SHA-256 of Name, filled by Seal; it stays when
	// retention blanks the name.
	NameDigest string `json:"name_sha256,omitempty"`
}

// Pupil is one tagged pupil as they stood at the moment of the entry. Only
// the register's random ID is kept, never a name or UPN, so retention can
// delete a pupil without touching the chain.
type Pupil struct {
	PupilID  string                             `json:"pupil_id"`
	Statuses map[consent.Purpose]consent.Status `json:"statuses"` // for the purposes the destination needed
	Leaver   bool                               `json:"leaver,omitempty"`
	// Blurred: the copy was published with this pupil's face obscured.
	Blurred bool `json:"blurred,omitempty"`
}

// Entry is one line of the publication log.
type Entry struct {
	Seq         int64               `json:"seq"` // 1, 2, 3…: the entry's ID
	At          time.Time           `json:"at"`
	By          string              `json:"by"`      // account ID
	ByName      string              `json:"by_name"` // login at the time
	Kind        Kind                `json:"kind"`
	Destination publish.Destination `json:"destination,omitempty"`
	Medium      consent.Media       `json:"medium,omitempty"` // photo or video; "" for either
	Original    File                `json:"original"`
	Output      File                `json:"output"` // empty when nothing was exported
	Pupils      []Pupil             `json:"pupils,omitempty"`
	NoPupils    bool                `json:"no_pupils,omitempty"` // confirmed: no identifiable pupils
	Caption     string              `json:"caption,omitempty"`
	Resized     int                 `json:"resized,omitempty"` // longest side in pixels, when resized
	// Faces is how many faces the detector found in the photo.
	Faces int `json:"faces,omitempty"`
	// Device is the camera that took the photo ("Apple iPhone 12"; "" when
	// the photo does not say); NotSchoolDevice marks one that is not on the
	// school's list.
	Device          string             `json:"device,omitempty"`
	NotSchoolDevice bool               `json:"not_school_device,omitempty"`
	Decision        publish.Outcome    `json:"decision,omitempty"`
	Reasons         []string           `json:"reasons,omitempty"`
	Override        string             `json:"override,omitempty"` // the head's written reason
	Approvers       []publish.Approver `json:"approvers,omitempty"`
	// For a TakenDown entry: which publication, which pupil, what was done.
	TakedownOf    int64  `json:"takedown_of,omitempty"`
	TakedownPupil string `json:"takedown_pupil,omitempty"`
	Note          string `json:"note,omitempty"`

	// Digests of the free text above, filled by Seal (hex SHA-256; "" when
	// the text is empty), so the text can be blanked and the chain holds.
	CaptionDigest  string `json:"caption_sha256,omitempty"`
	ReasonsDigest  string `json:"reasons_sha256,omitempty"` // of the reasons as a JSON array
	OverrideDigest string `json:"override_sha256,omitempty"`
	NoteDigest     string `json:"note_sha256,omitempty"`

	Prev string `json:"prev"` // Hash of the entry before; "" for the first
	Hash string `json:"hash"` // hex SHA-256 over this entry's content and Prev
}

// Problem is one place where the chain does not hold.
type Problem struct {
	Seq  int64  // the entry where it was found
	What string // plain words: "entry 12 was changed after it was written"
}

// Head is what the store keeps beside the entries: how many there are and
// the last hash, so an entry removed from the end is found too.
type Head struct {
	Count int64  `json:"count"`
	Last  string `json:"last"`
}

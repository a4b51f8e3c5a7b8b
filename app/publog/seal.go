package publog

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"photoconsent/app/consent"
	"photoconsent/app/publish"
)

// Seal fills in e's Seq, Prev, digests and Hash to follow the chain's head,
// and returns the new head. The entry is first put in the form it will have
// when read back from the store (At in UTC, invalid UTF-8 replaced), so it
// hashes the same after the round trip.
func Seal(head Head, e *Entry) Head {
	e.At = e.At.UTC()
	e.Seq = head.Count + 1
	e.Prev = head.Last
	asStored(e)
	e.Original.NameDigest = Digest(e.Original.Name)
	e.Output.NameDigest = Digest(e.Output.Name)
	e.CaptionDigest = Digest(e.Caption)
	e.ReasonsDigest = listDigest(e.Reasons)
	e.OverrideDigest = Digest(e.Override)
	e.NoteDigest = Digest(e.Note)
	e.Hash = hashOf(*e)
	return Head{Count: e.Seq, Last: e.Hash}
}

// asStored replaces e with its JSON round trip: encoding/json writes an
// invalid UTF-8 byte as an escaped U+FFFD but a real U+FFFD unescaped, so
// only text already valid hashes the same before and after the store. An
// entry that cannot be encoded (a year past 9999) is left as it is; the
// store will refuse it.
func asStored(e *Entry) {
	b, err := json.Marshal(e)
	if err != nil {
		return
	}
	var back Entry
	if err := json.Unmarshal(b, &back); err != nil {
		return
	}
	*e = back
}

// Redact blanks the entry's names and free text, keeping their digests, so
// retention can forget what they said while the chain still verifies.
func (e *Entry) Redact() {
	e.Original.Name, e.Output.Name = "", ""
	e.Caption, e.Reasons, e.Override, e.Note = "", nil, "", ""
}

// Digest is the hex SHA-256 of s as it is stored (invalid UTF-8 replaced
// byte by byte, as encoding/json does), or "" for "".
func Digest(s string) string {
	if s == "" {
		return ""
	}
	return sum([]byte(validUTF8(s)))
}

// listDigest hashes a list of texts through its JSON encoding, so no two
// lists share a digest; encoding/json replaces invalid UTF-8 the same way
// when the entry is stored.
func listDigest(list []string) string {
	if len(list) == 0 {
		return ""
	}
	b, err := json.Marshal(list)
	if err != nil {
		panic("publog: a list of strings did not encode: " + err.Error()) // cannot happen
	}
	return sum(b)
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// validUTF8 replaces each byte that is not valid UTF-8 with U+FFFD, as
// encoding/json does when it writes a string.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// sealed is the canonical form an entry's hash is taken over: every field
// but Hash, with digests in place of names and free text. encoding/json
// writes struct fields in declaration order and sorts map keys (Statuses),
// which is what makes the encoding canonical; omitempty makes a nil and an
// empty list encode alike, as they do after a round trip through the store.
type sealed struct {
	Seq            int64               `json:"seq"`
	At             string              `json:"at"`
	By             string              `json:"by"`
	ByName         string              `json:"by_name"`
	Kind           Kind                `json:"kind"`
	Destination    publish.Destination `json:"destination"`
	Medium         consent.Media       `json:"medium"`
	Original       sealedFile          `json:"original"`
	Output         sealedFile          `json:"output"`
	Pupils         []sealedPupil       `json:"pupils,omitempty"`
	NoPupils       bool                `json:"no_pupils"`
	CaptionDigest  string              `json:"caption"`
	Resized        int                 `json:"resized"`
	Decision       publish.Outcome     `json:"decision"`
	ReasonsDigest  string              `json:"reasons"`
	OverrideDigest string              `json:"override"`
	Approvers      []publish.Approver  `json:"approvers,omitempty"`
	TakedownOf     int64               `json:"takedown_of"`
	TakedownPupil  string              `json:"takedown_pupil"`
	NoteDigest     string              `json:"note"`
	// Added after the first entries were written: omitempty keeps the
	// hashes of entries without them as they were.
	Faces           int    `json:"faces,omitempty"`
	Device          string `json:"device,omitempty"`
	NotSchoolDevice bool   `json:"not_school_device,omitempty"`
	Prev            string `json:"prev"`
}

type sealedFile struct {
	SHA256     string `json:"sha256"`
	NameDigest string `json:"name"`
}

type sealedPupil struct {
	PupilID  string                             `json:"pupil_id"`
	Statuses map[consent.Purpose]consent.Status `json:"statuses,omitempty"`
	Leaver   bool                               `json:"leaver"`
	Blurred  bool                               `json:"blurred,omitempty"`
}

// hashOf is the hex SHA-256 of the entry's canonical form, using the
// digests the entry holds.
func hashOf(e Entry) string {
	c := sealed{
		Seq: e.Seq, At: e.At.UTC().Format(time.RFC3339Nano), By: e.By, ByName: e.ByName,
		Kind: e.Kind, Destination: e.Destination, Medium: e.Medium,
		Original: sealedFile{e.Original.SHA256, e.Original.NameDigest},
		Output:   sealedFile{e.Output.SHA256, e.Output.NameDigest},
		NoPupils: e.NoPupils, CaptionDigest: e.CaptionDigest, Resized: e.Resized,
		Decision: e.Decision, ReasonsDigest: e.ReasonsDigest, OverrideDigest: e.OverrideDigest,
		Approvers: e.Approvers, TakedownOf: e.TakedownOf, TakedownPupil: e.TakedownPupil,
		NoteDigest: e.NoteDigest, Faces: e.Faces, Device: e.Device, NotSchoolDevice: e.NotSchoolDevice,
		Prev: e.Prev,
	}
	for _, p := range e.Pupils {
		c.Pupils = append(c.Pupils, sealedPupil(p))
	}
	b, err := json.Marshal(c)
	if err != nil {
		panic("publog: an entry did not encode: " + err.Error()) // strings, numbers and a string map cannot fail
	}
	return sum(b)
}

// textIntact reports whether every name and text still present matches
// the digest sealed with it; blanked text always does.
func textIntact(e Entry) bool {
	same := func(text, digest string) bool { return text == "" || Digest(text) == digest }
	return same(e.Original.Name, e.Original.NameDigest) &&
		same(e.Output.Name, e.Output.NameDigest) &&
		same(e.Caption, e.CaptionDigest) &&
		same(e.Override, e.OverrideDigest) &&
		same(e.Note, e.NoteDigest) &&
		(len(e.Reasons) == 0 || listDigest(e.Reasons) == e.ReasonsDigest)
}

package register

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/consent"
)

// prefWording holds each version of the form's wording:
// wording/<version name>. Versions are added, never changed.
const prefWording = "wording/"

// MaxWordingLength bounds one purpose's text on the form, in characters.
const MaxWordingLength = 1000

// Wording is one version of what the consent form tells parents, one text
// per purpose. Answers record the version they answered.
type Wording struct {
	Version string                     `json:"version"`
	Texts   map[consent.Purpose]string `json:"texts"`
	Created time.Time                  `json:"created"`
	By      string                     `json:"by,omitempty"` // the account that wrote it; empty for the default
}

// DefaultWording is the plain-English wording every school starts with.
// A version named in the settings but never stored here (such as the
// first, "v1") is taken to have used it.
func DefaultWording(version string) Wording {
	return Wording{Version: version, Texts: map[consent.Purpose]string{
		consent.School: "Photos and videos of your child may be used by the school itself: on the school " +
			"website, in the newsletter and on displays around the school.",
		consent.Press: "Photos and videos of your child may be given to others outside the school: the local " +
			"authority or trust, the press, and visiting educational companies.",
		consent.Social: "Photos and videos of your child may be used in publicity that promotes the school, " +
			"including the school's official social media accounts.",
		consent.Individual: "A photo of your child on their own may be used for long-term, high-profile " +
			"purposes such as the school prospectus or the front page of the website.",
	}}
}

// Wording returns the wording now in use (the version the settings name)
// with its texts; everyone signed in may read it.
func (s *Session) Wording() (Wording, error) {
	var w Wording
	err := s.store.View(func(tx Tx) error {
		var set Settings
		if ok, err := tx.Get(keySchool, &set); err != nil {
			return err
		} else if !ok {
			return ErrNotSetUp
		}
		var err error
		w, err = wordingIn(tx, set.Wording)
		return err
	})
	return w, err
}

// WordingVersion returns one version by name, for showing what a parent
// was told when they answered.
func (s *Session) WordingVersion(version string) (Wording, error) {
	var w Wording
	err := s.store.View(func(tx Tx) error {
		var err error
		w, err = wordingIn(tx, version)
		return err
	})
	return w, err
}

func wordingIn(tx Tx, version string) (Wording, error) {
	var w Wording
	ok, err := tx.Get(prefWording+version, &w)
	if err != nil || ok {
		return w, err
	}
	return DefaultWording(version), nil
}

// WordingVersions lists every version, oldest first. The default "v1",
// and a version the settings name that was never stored, are included with
// the default texts.
func (s *Session) WordingVersions() ([]Wording, error) {
	var out []Wording
	var current string
	err := s.store.View(func(tx Tx) error {
		var set Settings
		if _, err := tx.Get(keySchool, &set); err != nil {
			return err
		}
		current = set.Wording
		var err error
		out, err = storedWordings(tx)
		return err
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Created.Before(out[j].Created) })
	for _, v := range []string{current, firstWording} {
		if v != "" && !slices.ContainsFunc(out, func(w Wording) bool { return w.Version == v }) {
			out = append([]Wording{DefaultWording(v)}, out...)
		}
	}
	return out, nil
}

// firstWording is the version DefaultSettings names.
const firstWording = "v1"

func storedWordings(tx Tx) ([]Wording, error) {
	var out []Wording
	err := tx.Scan(prefWording, func(_ string, decode func(any) error) error {
		var w Wording
		if err := decode(&w); err != nil {
			return err
		}
		out = append(out, w)
		return nil
	})
	return out, err
}

// SetWording saves new texts as a new version (v2, v3 …) and makes it the
// one in use (head only). Earlier versions are kept unchanged, so answers
// already recorded still show what those parents were told. Texts equal to
// the current ones change nothing and return the current version.
func (s *Session) SetWording(texts map[consent.Purpose]string) (Wording, error) {
	if err := s.check(access.ChangeSettings); err != nil {
		return Wording{}, err
	}
	clean, err := cleanWording(texts)
	if err != nil {
		return Wording{}, err
	}
	var out Wording
	err = s.store.Update(func(tx Tx) error {
		out, err = s.newWording(tx, clean)
		return err
	})
	return out, err
}

func (s *Session) newWording(tx Tx, texts map[consent.Purpose]string) (Wording, error) {
	var set Settings
	if ok, err := tx.Get(keySchool, &set); err != nil {
		return Wording{}, err
	} else if !ok {
		return Wording{}, ErrNotSetUp
	}
	cur, err := wordingIn(tx, set.Wording)
	if err != nil {
		return Wording{}, err
	}
	if maps.Equal(cur.Texts, texts) {
		return cur, nil
	}
	stored, err := storedWordings(tx)
	if err != nil {
		return Wording{}, err
	}
	w := Wording{Version: nextVersion(set.Wording, stored), Texts: texts, Created: s.now(), By: s.me.ID}
	if err := tx.Put(prefWording+w.Version, w); err != nil {
		return Wording{}, err
	}
	detail := fmt.Sprintf("form wording version: %s → %s", set.Wording, w.Version)
	set.Wording = w.Version
	if err := tx.Put(keySchool, set); err != nil {
		return Wording{}, err
	}
	return w, appendEvent(tx, s.me, s.now(), audit.SettingChanged, "", detail)
}

// cleanWording trims each text and insists on one for every purpose.
func cleanWording(texts map[consent.Purpose]string) (map[consent.Purpose]string, error) {
	out := make(map[consent.Purpose]string, len(consent.Purposes))
	for p, t := range texts {
		if _, err := consent.ParsePurpose(string(p)); err != nil {
			return nil, invalidf("%v", err)
		}
		t = strings.TrimSpace(t)
		if utf8.RuneCountInString(t) > MaxWordingLength {
			return nil, invalidf("the wording for %s is longer than %d characters", p, MaxWordingLength)
		}
		out[p] = t
	}
	for _, p := range consent.Purposes {
		if out[p] == "" {
			return nil, invalidf("the form needs wording for %s", p)
		}
	}
	return out, nil
}

// nextVersion names the version after every one so far: one more than the
// highest "vN" among the stored versions and the one in use, at least v2.
func nextVersion(current string, stored []Wording) string {
	taken := map[string]bool{current: true}
	high := versionNumber(current)
	for _, w := range stored {
		taken[w.Version] = true
		high = max(high, versionNumber(w.Version))
	}
	n := max(high+1, 2)
	for taken["v"+strconv.Itoa(n)] {
		n++
	}
	return "v" + strconv.Itoa(n)
}

// versionNumber reads N from "vN", or 0 for any other name.
func versionNumber(v string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(v, "v"))
	if err != nil || !strings.HasPrefix(v, "v") || n < 0 {
		return 0
	}
	return n
}

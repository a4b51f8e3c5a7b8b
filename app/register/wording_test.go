package register

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/consent"
)

func wordingTexts(tag string) map[consent.Purpose]string {
	out := map[consent.Purpose]string{}
	for _, p := range consent.Purposes {
		out[p] = tag + " wording for " + string(p) + "."
	}
	return out
}

func TestDefaultWordingCoversEveryPurpose(t *testing.T) {
	f := newFixture(t)
	w, err := f.head.Wording()
	if err != nil {
		t.Fatal(err)
	}
	if w.Version != "v1" {
		t.Errorf("version %q, want v1", w.Version)
	}
	want := map[consent.Purpose][]string{
		consent.School:     {"website", "newsletter", "displays"},
		consent.Press:      {"local authority", "press", "visiting educational companies"},
		consent.Social:     {"publicity", "official social media"},
		consent.Individual: {"on their own", "prospectus"},
	}
	for p, words := range want {
		for _, word := range words {
			if !strings.Contains(w.Texts[p], word) {
				t.Errorf("%s wording %q lacks %q", p, w.Texts[p], word)
			}
		}
	}
}

func TestSetWordingAddsVersionsAndKeepsOldOnes(t *testing.T) {
	f := newFixture(t)
	v2, err := f.head.SetWording(wordingTexts("Second"))
	if err != nil {
		t.Fatal(err)
	}
	f.clock.advance(time.Hour)
	v3, err := f.head.SetWording(wordingTexts("Third"))
	if err != nil {
		t.Fatal(err)
	}
	if v2.Version != "v2" || v3.Version != "v3" {
		t.Fatalf("versions %q, %q, want v2, v3", v2.Version, v3.Version)
	}
	cur, err := f.head.Wording()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(cur, v3); diff != "" {
		t.Errorf("current wording differs from v3 (-got +want):\n%s", diff)
	}
	set, err := f.head.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if set.Wording != "v3" {
		t.Errorf("settings name wording %q, want v3", set.Wording)
	}
	all, err := f.head.WordingVersions()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range all {
		got = append(got, w.Version+": "+w.Texts[consent.School])
	}
	want := []string{
		"v1: " + DefaultWording("v1").Texts[consent.School],
		"v2: Second wording for school.",
		"v3: Third wording for school.",
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("versions (-got +want):\n%s", diff)
	}
	if n := len(f.events(audit.SettingChanged)); n != 2 {
		t.Errorf("%d setting-changed events, want 2", n)
	}
}

func TestSetWordingUnchangedMakesNoVersion(t *testing.T) {
	f := newFixture(t)
	w, err := f.head.SetWording(DefaultWording("v1").Texts)
	if err != nil {
		t.Fatal(err)
	}
	if w.Version != "v1" {
		t.Errorf("the default texts again made version %q, want v1 kept", w.Version)
	}
	if n := len(f.events(audit.SettingChanged)); n != 0 {
		t.Errorf("%d setting-changed events, want 0", n)
	}
}

func TestSetWordingRefusals(t *testing.T) {
	f := newFixture(t)
	office := f.session("Mrs Office", access.Office)
	teacher := f.session("Mr Teach", access.Teacher)
	missing := wordingTexts("Short")
	delete(missing, consent.Press)
	blank := wordingTexts("Blank")
	blank[consent.Social] = "   "
	unknown := wordingTexts("Odd")
	unknown["billboard"] = "On a billboard."
	long := wordingTexts("Long")
	long[consent.School] = strings.Repeat("é", MaxWordingLength+1)
	tests := []struct {
		name  string
		s     *Session
		texts map[consent.Purpose]string
		want  error
	}{
		{"teacher", teacher, wordingTexts("T"), access.ErrNotAllowed},
		{"office", office, wordingTexts("O"), access.ErrNotAllowed},
		{"a purpose missing", f.head, missing, ErrInvalid},
		{"a purpose blank", f.head, blank, ErrInvalid},
		{"an unknown purpose", f.head, unknown, ErrInvalid},
		{"too long", f.head, long, ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := f.store.snapshot()
			_, err := tt.s.SetWording(tt.texts)
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
			if diff := cmp.Diff(f.store.snapshot(), before); diff != "" {
				t.Errorf("a refused edit changed the store:\n%s", diff)
			}
		})
	}
}

func TestAnswersRecordTheWordingInUse(t *testing.T) {
	f := newFixture(t)
	p := f.addPupil(amelia())
	office := f.session("Mrs Office", access.Office)
	grant := PurposeAnswer{Purpose: consent.School, Answer: consent.Granted}
	if err := office.RecordAnswers(formAnswer(p.ID, "Claire Smith", grant)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.head.SetWording(wordingTexts("New")); err != nil {
		t.Fatal(err)
	}
	f.clock.advance(time.Hour)
	if err := office.RecordAnswers(formAnswer(p.ID, "Owen Jones", grant)); err != nil {
		t.Fatal(err)
	}
	d, err := office.Pupil(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range d.History {
		got = append(got, r.By.Name+" "+r.Wording)
	}
	want := []string{"Claire Smith v1", "Owen Jones v2"}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("answers' wording versions (-got +want):\n%s", diff)
	}
	old, err := office.WordingVersion("v1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(old.Texts, DefaultWording("v1").Texts); diff != "" {
		t.Errorf("v1 changed after v2 was written (-got +want):\n%s", diff)
	}
}

func TestNextVersion(t *testing.T) {
	tests := []struct {
		current string
		stored  []string
		want    string
	}{
		{"v1", nil, "v2"},
		{"v2", []string{"v2"}, "v3"},
		{"v3", []string{"v2", "v10", "v3"}, "v11"},
		{"September 2026", nil, "v2"},
		{"v0", nil, "v2"},
	}
	for _, tt := range tests {
		t.Run(tt.current, func(t *testing.T) {
			var stored []Wording
			for _, v := range tt.stored {
				stored = append(stored, Wording{Version: v})
			}
			if got := nextVersion(tt.current, stored); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

package keyring

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFileRoundTrip(t *testing.T) {
	key := NewDataKey()
	f := New()
	for _, a := range []struct{ id, login string }{{"a1", "head"}, {"a2", "office"}} {
		s, err := Seal(key, a.id, a.login, "pw-"+a.login, InsecureTest)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Put(s); err != nil {
			t.Fatal(err)
		}
	}
	_, rec, err := NewRecovery(key)
	if err != nil {
		t.Fatal(err)
	}
	f.Recovery = &rec
	b, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(f, got); diff != "" {
		t.Errorf("Parse(Marshal(f)) differs (-want +got):\n%s", diff)
	}
}

func TestFilePut(t *testing.T) {
	key := NewDataKey()
	seal := func(id, login string) Slot {
		s, err := Seal(key, id, login, "pw", InsecureTest)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	f := New()
	if err := f.Put(seal("a1", "Head")); err != nil {
		t.Fatal(err)
	}
	if err := f.Put(seal("a2", "head")); !errors.Is(err, ErrLoginTaken) {
		t.Errorf("Put of a login differing only in case: got %v, want %v", err, ErrLoginTaken)
	}
	if err := f.Put(seal("a1", "headteacher")); err != nil {
		t.Errorf("Put replacing a1's slot with a new login: %v", err)
	}
	if s, ok := f.ByLogin("HEADTEACHER"); !ok || s.Account != "a1" || len(f.Slots) != 1 {
		t.Errorf("after replace: ByLogin = %+v, %v with %d slots, want a1's single slot", s, ok, len(f.Slots))
	}
	if !f.Remove("a1") || f.Remove("a1") || len(f.Slots) != 0 {
		t.Errorf("Remove twice: slots left %d", len(f.Slots))
	}
}

func TestParseRefuses(t *testing.T) {
	tests := []struct {
		name string
		doc  string
	}{
		{"not JSON", `{`},
		{"wrong format", `{"format":"photoconsent-keyring/2","slots":[]}`},
		{"no format", `{"slots":[]}`},
		{"slot without salt", `{"format":"photoconsent-keyring/1","slots":[{"account":"a","login":"a"}]}`},
		{"recovery without nonce", `{"format":"photoconsent-keyring/1","recovery":{"kdf":"hkdf-sha256"}}`},
		{"salt not base64", `{"format":"photoconsent-keyring/1","slots":[{"account":"a","login":"a","salt":"!!"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if f, err := Parse([]byte(tt.doc)); !errors.Is(err, ErrMalformed) {
				t.Errorf("Parse: got %+v, %v; want error %v", f, err, ErrMalformed)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"format":"photoconsent-keyring/1","slots":[]}`))
	f.Add([]byte(`{"format":"photoconsent-keyring/1","slots":[{"account":"a","login":"a","kdf":{"alg":"argon2id","time":1,"memory_kib":64,"threads":1},"salt":"AAAAAAAAAAAAAAAAAAAAAA==","nonce":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","sealed":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		kr, err := Parse(b)
		if err != nil {
			return
		}
		for _, s := range kr.Slots {
			if s.KDF.Validate() == nil && s.KDF.MemoryKiB <= 1024 && s.KDF.Time <= 2 {
				if _, err := s.Open("pw"); err == nil {
					t.Errorf("a fuzzed slot opened with a fixed password")
				}
			}
		}
		if _, err := kr.Marshal(); err != nil {
			t.Errorf("Marshal of a parsed file: %v", err)
		}
	})
}

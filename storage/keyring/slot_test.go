package keyring

import (
	"bytes"
	"errors"
	"testing"
)

func TestSealOpen(t *testing.T) {
	key := NewDataKey()
	s, err := Seal(key, "acct-1", "head", "correct horse", InsecureTest)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		edit    func(*Slot)
		pw      string
		wantErr error
	}{
		{"right password", func(*Slot) {}, "correct horse", nil},
		{"wrong password", func(*Slot) {}, "correct horsf", ErrWrongSecret},
		{"empty password", func(*Slot) {}, "", ErrWrongSecret},
		{"moved to another account", func(s *Slot) { s.Account = "acct-2" }, "correct horse", ErrWrongSecret},
		{"renamed login", func(s *Slot) { s.Login = "teacher" }, "correct horse", ErrWrongSecret},
		{"other salt", func(s *Slot) { s.Salt = bytes.Repeat([]byte{1}, saltSize) }, "correct horse", ErrWrongSecret},
		{"other time", func(s *Slot) { s.KDF.Time++ }, "correct horse", ErrWrongSecret},
		{"flipped tag bit", func(s *Slot) { s.Sealed = flip(s.Sealed) }, "correct horse", ErrWrongSecret},
		{"short salt", func(s *Slot) { s.Salt = s.Salt[:8] }, "correct horse", ErrMalformed},
		{"absurd memory", func(s *Slot) { s.KDF.MemoryKiB = 4 << 20 }, "correct horse", ErrBadParams},
		{"absurd time", func(s *Slot) { s.KDF.Time = 1 << 30 }, "correct horse", ErrBadParams},
		{"zero threads", func(s *Slot) { s.KDF.Threads = 0 }, "correct horse", ErrBadParams},
		{"unknown algorithm", func(s *Slot) { s.KDF.Alg = "scrypt" }, "correct horse", ErrBadParams},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := s
			c.Salt = bytes.Clone(s.Salt)
			tt.edit(&c)
			got, err := c.Open(tt.pw)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Open: got error %v, want %v", err, tt.wantErr)
			}
			if err == nil && !bytes.Equal(got, key) {
				t.Errorf("Open returned %x, want the sealed key %x", got, key)
			}
		})
	}
}

func TestSealFreshSaltAndNonce(t *testing.T) {
	key := NewDataKey()
	a, err := Seal(key, "a", "a", "pw", InsecureTest)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Seal(key, "a", "a", "pw", InsecureTest)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Salt, b.Salt) || bytes.Equal(a.Nonce, b.Nonce) || bytes.Equal(a.Sealed, b.Sealed) {
		t.Errorf("two seals of the same key share salt, nonce or ciphertext: %+v %+v", a, b)
	}
}

func TestSealRefuses(t *testing.T) {
	tests := []struct {
		name           string
		key            []byte
		account, login string
		params         Params
		want           error // nil: any error
	}{
		{"short key", make([]byte, 16), "a", "a", InsecureTest, nil},
		{"no account", NewDataKey(), "", "a", InsecureTest, ErrMalformed},
		{"no login", NewDataKey(), "a", "", InsecureTest, ErrMalformed},
		{"zero params", NewDataKey(), "a", "a", Params{}, ErrBadParams},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Seal(tt.key, tt.account, tt.login, "pw", tt.params)
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Errorf("Seal: got error %v, want %v", err, tt.want)
			}
		})
	}
}

func TestDecoyOpensNothing(t *testing.T) {
	for _, pw := range []string{"", "decoy", "correct horse"} {
		if _, err := Decoy(InsecureTest).Open(pw); !errors.Is(err, ErrWrongSecret) {
			t.Errorf("Decoy().Open(%q): got %v, want %v", pw, err, ErrWrongSecret)
		}
	}
}

func TestProductionParamsValid(t *testing.T) {
	if err := Production.Validate(); err != nil {
		t.Fatal(err)
	}
	if Production.MemoryKiB < 64<<10 || Production.Time < 3 {
		t.Errorf("Production = %+v, weaker than the 64 MiB, multi-pass floor", Production)
	}
}

// BenchmarkProductionKDF measures one password check at production cost:
// the time a person waits at login, and the time an attacker pays per guess.
func BenchmarkProductionKDF(b *testing.B) {
	s, err := Seal(NewDataKey(), "a", "a", "pw", Production)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Open("pw"); err != nil {
			b.Fatal(err)
		}
	}
}

func flip(b []byte) []byte {
	c := bytes.Clone(b)
	c[len(c)-1] ^= 1
	return c
}

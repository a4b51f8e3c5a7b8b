package keyring

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestRecoveryKeyFormat(t *testing.T) {
	key, _, err := NewRecovery(NewDataKey())
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$`).MatchString(key) {
		t.Errorf("recovery key %q is not eight dash-separated groups of four Crockford symbols", key)
	}
}

func TestRecoveryOpen(t *testing.T) {
	dataKey := NewDataKey()
	key, slot, err := NewRecovery(dataKey)
	if err != nil {
		t.Fatal(err)
	}
	sloppy := strings.NewReplacer("0", "o", "1", "l", "-", " – ").Replace(strings.ToLower(key))
	other, _, err := NewRecovery(dataKey)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		typed   string
		wantErr error
	}{
		{"as printed", key, nil},
		{"sloppy: lower case, O for 0, l for 1, en dashes", sloppy, nil},
		{"no separators", strings.ReplaceAll(key, "-", ""), nil},
		{"spaces and newlines", strings.ReplaceAll(key, "-", " \n"), nil},
		{"another store's key", other, ErrWrongSecret},
		{"one symbol changed", changeOne(key), ErrWrongSecret},
		{"one symbol missing", key[1:], ErrRecoveryKeyFormat},
		{"one symbol extra", key + "A", ErrRecoveryKeyFormat},
		{"U is not in the alphabet", "U" + key[1:], ErrRecoveryKeyFormat},
		{"a password, not a key", "Summer2024!", ErrRecoveryKeyFormat},
		{"empty", "", ErrRecoveryKeyFormat},
		{"huge", strings.Repeat("A", 10000), ErrRecoveryKeyFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := slot.Open(tt.typed)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Open(%q): got error %v, want %v", tt.typed, err, tt.wantErr)
			}
			if err == nil && !bytes.Equal(got, dataKey) {
				t.Errorf("Open returned %x, want %x", got, dataKey)
			}
		})
	}
}

func TestParseRecoveryKeyRoundTrip(t *testing.T) {
	for _, secret := range [][]byte{make([]byte, recoveryBytes), bytes.Repeat([]byte{0xff}, recoveryBytes), randomBytes(recoveryBytes)} {
		got, err := ParseRecoveryKey(FormatRecoveryKey(secret))
		if err != nil || !bytes.Equal(got, secret) {
			t.Errorf("ParseRecoveryKey(FormatRecoveryKey(%x)) = %x, %v", secret, got, err)
		}
	}
}

func FuzzParseRecoveryKey(f *testing.F) {
	f.Add("0000-0000-0000-0000-0000-0000-0000-0000")
	f.Add("oooo iiii llll")
	f.Add("ÿ")
	f.Fuzz(func(t *testing.T, s string) {
		secret, err := ParseRecoveryKey(s)
		if err != nil {
			return
		}
		again, err := ParseRecoveryKey(FormatRecoveryKey(secret))
		if err != nil || !bytes.Equal(again, secret) {
			t.Errorf("%q parsed to %x but its formatted form gave %x, %v", s, secret, again, err)
		}
	})
}

// changeOne replaces the first symbol with a different valid one.
func changeOne(key string) string {
	if key[0] == 'A' {
		return "B" + key[1:]
	}
	return "A" + key[1:]
}

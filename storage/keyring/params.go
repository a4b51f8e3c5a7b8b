// Package keyring is the pure cryptography of the store's key slots: it wraps
// the store's random data key under a staff password (Argon2id, then
// XChaCha20-Poly1305) or under the printed recovery key, and reads and writes
// the keyring.json document that holds those slots. It touches no files and
// knows nothing of Badger; package storage does the I/O.
package keyring

import (
	"errors"
	"fmt"
	"runtime"

	"golang.org/x/crypto/argon2"
)

// Argon2id is the only password KDF a slot may name. A slot records its own
// algorithm and parameters so they can be raised later without breaking
// existing slots.
const Argon2id = "argon2id"

// Params are the Argon2id cost parameters used to turn a password into the key
// that seals a slot. They are stored in each slot.
type Params struct {
	Alg       string `json:"alg"`
	Time      uint32 `json:"time"`       // passes over memory
	MemoryKiB uint32 `json:"memory_kib"` // memory in KiB
	Threads   uint8  `json:"threads"`
}

// Production is tuned to about half a second on a 2-core machine (measured
// 0.48–0.62 s per check on the 2-core AMD EPYC build VM, BenchmarkProductionKDF;
// an older school laptop may take two or three times that): slow enough
// that guessing offline from a stolen folder costs real money, fast enough
// that logging in is not a chore. 64 MiB keeps the app well under its memory
// budget while the store is open.
var Production = Params{Alg: Argon2id, Time: 16, MemoryKiB: 64 << 10, Threads: 2}

// InsecureTest is for tests only: it makes a password guessable in
// microseconds. Production code never selects it by default.
var InsecureTest = Params{Alg: Argon2id, Time: 1, MemoryKiB: 64, Threads: 1}

// Limits on stored parameters. keyring.json is plaintext on disk, so a slot's
// parameters are hostile input: absurd ones would exhaust memory or hang the
// login screen.
const (
	MaxTime      = 64
	MaxMemoryKiB = 1 << 20 // 1 GiB
	MaxThreads   = 16
)

// ErrBadParams is returned, wrapped, for KDF parameters outside the limits.
var ErrBadParams = errors.New("unsupported key derivation parameters")

// Validate reports whether p is safe to run.
func (p Params) Validate() error {
	switch {
	case p.Alg != Argon2id:
		return fmt.Errorf("algorithm %q: %w", p.Alg, ErrBadParams)
	case p.Time < 1 || p.Time > MaxTime:
		return fmt.Errorf("time %d outside 1..%d: %w", p.Time, MaxTime, ErrBadParams)
	case p.Threads < 1 || p.Threads > MaxThreads:
		return fmt.Errorf("threads %d outside 1..%d: %w", p.Threads, MaxThreads, ErrBadParams)
	case p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > MaxMemoryKiB:
		return fmt.Errorf("memory %d KiB outside %d..%d: %w", p.MemoryKiB, 8*uint32(p.Threads), MaxMemoryKiB, ErrBadParams)
	}
	return nil
}

// derive stretches a password into a 32-byte sealing key. p must be valid.
//
// Argon2id's working memory (64 MiB in production) is garbage once it
// returns, but a heap that held it lets the app grow by as much again before
// the next collection. Collecting now (a few milliseconds against the KDF's
// half second) lets the store reuse those pages instead; returning them to
// the OS as well would make the next login pay to fault them back in.
func (p Params) derive(password string, salt []byte) []byte {
	defer runtime.GC()
	return argon2.IDKey([]byte(password), salt, p.Time, p.MemoryKiB, p.Threads, keySize)
}

package register

// Store is what the register needs from persistent storage: transactions over
// an encrypted key-value store. storage.DB implements it with Badger.
type Store interface {
	// View runs fn in a read-only transaction.
	View(fn func(Tx) error) error
	// Update runs fn in a read-write transaction, committed durably if fn
	// returns nil, discarded otherwise. A transaction should hold at most a
	// few hundred records; larger work is split by the caller.
	Update(fn func(Tx) error) error
}

// Tx reads and writes JSON-encoded values under string keys, and raw bytes
// for scanned forms.
type Tx interface {
	// Get decodes the value at key into v and reports whether it exists.
	Get(key string, v any) (bool, error)
	// Put encodes v as JSON and stores it at key.
	Put(key string, v any) error
	// Delete removes key; deleting a missing key is not an error.
	Delete(key string) error
	// Scan calls fn for every key with the prefix, in key order. decode
	// unmarshals that key's value. Returning an error from fn stops the scan.
	Scan(prefix string, fn func(key string, decode func(v any) error) error) error
	// GetBlob returns the bytes stored at key by PutBlob.
	GetBlob(key string) ([]byte, bool, error)
	// PutBlob stores raw bytes at key.
	PutBlob(key string, b []byte) error
}

// Keyring is what the register needs from the key slots that wrap the store's
// data key: one slot per account, opened by that account's password.
type Keyring interface {
	// SetPassword creates or replaces the account's slot, wrapping the data
	// key under the new password. The data itself is not re-encrypted.
	SetPassword(accountID, login, password string) error
	// CheckPassword returns nil if the password opens the account's slot.
	CheckPassword(accountID, password string) error
	// RemoveSlot deletes the account's slot so its password opens nothing.
	RemoveSlot(accountID string) error
}

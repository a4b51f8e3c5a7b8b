package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"photoconsent/app/register"
)

// errTxDone is returned when a Tx, or a Scan's decode function, is used after
// the call that handed it out has returned.
var errTxDone = errors.New("storage: transaction used after it ended")

// tx implements register.Tx over one Badger transaction. Keys are the given
// strings' bytes; values are JSON, except blobs which are stored as given.
type tx struct {
	txn  *badger.Txn
	done bool
}

// runTx gives fn a Tx that stops working when fn returns, so a Tx kept by
// mistake fails cleanly instead of touching a discarded Badger transaction.
func runTx(txn *badger.Txn, fn func(register.Tx) error) error {
	t := &tx{txn: txn}
	defer func() { t.done = true }()
	return fn(t)
}

// Get decodes the JSON value at key into v.
func (t *tx) Get(key string, v any) (bool, error) {
	item, err := t.item(key)
	if item == nil || err != nil {
		return false, err
	}
	return true, item.Value(func(b []byte) error { return decode(b, v) })
}

// Put stores v as JSON at key.
func (t *tx) Put(key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("storage: encoding value: %w", err)
	}
	return t.set(key, b)
}

// Delete removes key; a missing key is not an error.
func (t *tx) Delete(key string) error {
	if err := t.check(key); err != nil {
		return err
	}
	return translate(t.txn.Delete([]byte(key)))
}

// GetBlob returns a copy of the bytes at key.
func (t *tx) GetBlob(key string) ([]byte, bool, error) {
	item, err := t.item(key)
	if item == nil || err != nil {
		return nil, false, err
	}
	b, err := item.ValueCopy(nil)
	return b, err == nil, translate(err)
}

// PutBlob stores a copy of b at key. Badger holds on to the slice until
// commit, so the copy protects against a caller reusing its buffer.
func (t *tx) PutBlob(key string, b []byte) error {
	return t.set(key, bytes.Clone(b))
}

// Scan walks keys with the prefix in order. Values are read only when fn
// calls decode, and decode works only during that call.
func (t *tx) Scan(prefix string, fn func(key string, decode func(v any) error) error) error {
	if t.done {
		return errTxDone
	}
	opt := badger.DefaultIteratorOptions
	opt.PrefetchValues = false
	opt.Prefix = []byte(prefix)
	it := t.txn.NewIterator(opt)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		if err := scanItem(it.Item(), fn); err != nil {
			return err
		}
	}
	return nil
}

func scanItem(item *badger.Item, fn func(string, func(any) error) error) error {
	live := true
	defer func() { live = false }()
	return fn(string(item.Key()), func(v any) error {
		if !live {
			return errTxDone
		}
		return item.Value(func(b []byte) error { return decode(b, v) })
	})
}

// item finds key, returning nil without error if it is absent.
func (t *tx) item(key string) (*badger.Item, error) {
	if err := t.check(key); err != nil {
		return nil, err
	}
	item, err := t.txn.Get([]byte(key))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, nil
	}
	return item, translate(err)
}

func (t *tx) set(key string, b []byte) error {
	if err := t.check(key); err != nil {
		return err
	}
	if len(b) > maxValueSize {
		return fmt.Errorf("storage: value of %d bytes, limit %d: %w", len(b), maxValueSize, ErrTooLarge)
	}
	return translate(t.txn.Set([]byte(key), b))
}

// check refuses keys Badger would refuse with a message quoting the key.
// Errors from this package never quote keys or values: keys hold pupil IDs.
func (t *tx) check(key string) error {
	switch {
	case t.done:
		return errTxDone
	case key == "":
		return errors.New("storage: empty key")
	case len(key) > maxKeySize:
		return fmt.Errorf("storage: key of %d bytes, limit %d: %w", len(key), maxKeySize, ErrTooLarge)
	case strings.HasPrefix(key, "!badger!"):
		return errors.New("storage: key uses Badger's reserved prefix")
	}
	return nil
}

func decode(b []byte, v any) error {
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("storage: decoding value: %w", err)
	}
	return nil
}

// translate maps Badger's transaction errors to this package's.
func translate(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, badger.ErrTxnTooBig):
		return fmt.Errorf("storage: %w", ErrTxnTooBig)
	case errors.Is(err, badger.ErrDBClosed):
		return ErrClosed
	}
	return fmt.Errorf("storage: %w", err)
}

package register

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"sync"
)

// memStore is an in-memory Store for this package's unit tests only: the
// end-to-end tests in ui/cli and storage use the real encrypted store.
type memStore struct {
	mu   sync.Mutex
	data map[string][]byte
	// writes counts committed Update transactions that changed something.
	writes int
}

func newMemStore() *memStore { return &memStore{data: map[string][]byte{}} }

func (m *memStore) View(fn func(Tx) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return fn(&memTx{data: m.data})
}

func (m *memStore) Update(fn func(Tx) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	tx := &memTx{data: maps.Clone(m.data)}
	if err := fn(tx); err != nil {
		return err
	}
	if tx.dirty {
		m.writes++
	}
	m.data = tx.data
	return nil
}

// snapshot returns a copy of every key and value, to compare before and after.
func (m *memStore) snapshot() map[string]string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]string{}
	for k, v := range m.data {
		out[k] = string(v)
	}
	return out
}

type memTx struct {
	data  map[string][]byte
	dirty bool
}

func (t *memTx) Get(key string, v any) (bool, error) {
	b, ok := t.data[key]
	if !ok {
		return false, nil
	}
	return true, json.Unmarshal(b, v)
}

func (t *memTx) Put(key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	t.data[key] = b
	t.dirty = true
	return nil
}

func (t *memTx) Delete(key string) error {
	delete(t.data, key)
	t.dirty = true
	return nil
}

func (t *memTx) Scan(prefix string, fn func(string, func(any) error) error) error {
	keys := slices.Sorted(maps.Keys(t.data))
	for _, k := range keys {
		if !strings.HasPrefix(k, prefix) {
			continue
		}
		b := t.data[k]
		if err := fn(k, func(v any) error { return json.Unmarshal(b, v) }); err != nil {
			return err
		}
	}
	return nil
}

func (t *memTx) GetBlob(key string) ([]byte, bool, error) {
	b, ok := t.data[key]
	return b, ok, nil
}

func (t *memTx) PutBlob(key string, b []byte) error {
	t.data[key] = slices.Clone(b)
	t.dirty = true
	return nil
}

// memKeys is an in-memory Keyring: passwords by account.
type memKeys struct{ pw map[string]string }

func newMemKeys() *memKeys { return &memKeys{pw: map[string]string{}} }

func (k *memKeys) SetPassword(id, _, pw string) error { k.pw[id] = pw; return nil }
func (k *memKeys) RemoveSlot(id string) error         { delete(k.pw, id); return nil }
func (k *memKeys) CheckPassword(id, pw string) error {
	if got, ok := k.pw[id]; !ok || got != pw {
		return ErrWrongPassword
	}
	return nil
}

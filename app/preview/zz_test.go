package preview

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestZZ(t *testing.T) {
	dir := os.Getenv("ZZDIR")
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		raw, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		s := strings.TrimSpace(strings.SplitN(string(raw), "\n", 2)[1])
		s = strings.TrimSuffix(strings.TrimPrefix(s, "[]byte("), ")")
		b, err := strconv.Unquote(s)
		if err != nil {
			t.Log(e.Name(), err)
			continue
		}
		t0 := time.Now()
		m, derr := decodeFrom(context.Background(), bytes.NewReader([]byte(b)), int64(len(b)), 64, 1<<20)
		if d := time.Since(t0); d > 50*time.Millisecond {
			t.Logf("%s %v %v %v len=%d head=%q", e.Name(), d, size(m), derr, len(b), b[:min(16, len(b))])
		}
	}
}

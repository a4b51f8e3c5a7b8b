package storage

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"strings"
	"syscall"
	"testing"
)

func TestQuietLoggerRedacts(t *testing.T) {
	key := []byte("pupil/K999200119014")
	tests := []struct {
		name   string
		log    func(quietLogger)
		want   string // "" means nothing logged
		secret string
	}{
		{"a key as bytes", func(q quietLogger) { q.Errorf("Key: %v, Version: %d", key, 7) }, "error: Key: [redacted], Version: 7", "K999"},
		{"a key as hex", func(q quietLogger) { q.Warningf("While reading key: %x, got error: %v", key, errors.New("bad")) }, "warning: While reading key: ", "3939"},
		{"a struct holding keys", func(q quietLogger) { q.Warningf("compact def %+v", struct{ Left []byte }{key}) }, "[redacted]", "K999"},
		{"a disk error", func(q quietLogger) {
			q.Errorf("writeRequests: %v", fmt.Errorf("wrapped: %w", &fs.PathError{Op: "write", Path: "000001.vlog", Err: syscall.ENOSPC}))
		}, "error: writeRequests: write 000001.vlog: no space left on device", ""},
		{"info is dropped", func(q quietLogger) { q.Infof("Set nextTxnTs to %d", 5) }, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			tt.log(quietLogger{log.New(&buf, "", 0)})
			got := strings.TrimSpace(buf.String())
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("logged %q, want it to contain %q", got, tt.want)
			}
			if tt.secret != "" && strings.Contains(got, tt.secret) {
				t.Errorf("logged %q, which leaks %q", got, tt.secret)
			}
		})
	}
}

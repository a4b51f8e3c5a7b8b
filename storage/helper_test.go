package storage

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"photoconsent/app/register"
)

// The tests that need a real process boundary (SIGKILL, peak memory) re-run
// this test binary as a child: TestHelperProcess does the child's half.
const (
	helperEnv    = "STORAGE_TEST_HELPER" // the child's job: "write" or "rss"
	helperDirEnv = "STORAGE_TEST_DIR"
	helperPlain  = "STORAGE_TEST_PLAIN" // "1": write to an unencrypted Badger (controls only)
)

// writeBatch is how many records the "write" child puts in each Update.
const writeBatch = 10

func TestHelperProcess(t *testing.T) {
	switch os.Getenv(helperEnv) {
	case "":
		t.Skip("runs only as a child of other tests")
	case "write":
		helperWrite(t, os.Getenv(helperDirEnv), os.Getenv(helperPlain) == "1")
	case "rss":
		helperRSS(t, os.Getenv(helperDirEnv))
	}
}

// helperWrite writes pupil records in batches until killed, printing
// "acked N" after each Update returns, N being the records committed so far.
func helperWrite(t *testing.T, dir string, plain bool) {
	db := helperOpen(t, dir, plain)
	for n := 0; ; n += writeBatch {
		err := db.Update(func(tx register.Tx) error {
			return putNeedleBatch(tx, n, writeBatch)
		})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("acked %d\n", n+writeBatch)
	}
}

func helperOpen(t *testing.T, dir string, plain bool) *DB {
	if plain {
		return openPlain(t, dir)
	}
	db, _, err := newFolder(t, dir, nil).Unlock("head", headPW)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// openPlain opens Badger with this package's options but no encryption key:
// the control that proves the plaintext scan can find what it looks for.
func openPlain(t testing.TB, dir string) *DB {
	bdb, err := badger.Open(badgerOptions(dir, nil))
	if err != nil {
		t.Fatal(err)
	}
	return &DB{bdb: bdb}
}

// child starts this binary as a helper and returns its stdout lines.
type child struct {
	cmd    *exec.Cmd
	lines  *bufio.Scanner
	stderr *strings.Builder
}

func startChild(t *testing.T, job, dir string, extraEnv ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1", "-test.timeout=10m")
	cmd.Env = append(os.Environ(), append([]string{helperEnv + "=" + job, helperDirEnv + "=" + dir}, extraEnv...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, lines: bufio.NewScanner(out), stderr: &stderr}
	t.Cleanup(func() { c.kill(t) })
	return c
}

// killAfter reads "acked N" lines until N reaches at, SIGKILLs the child
// mid-write, and returns the last N it printed, counting lines still in the
// pipe: the child may have acknowledged more while the kill was on its way.
func (c *child) killAfter(t *testing.T, at int) int {
	t.Helper()
	acked := c.readAcks(t, at)
	if acked < at {
		t.Fatalf("child stopped after %d acks (want %d); stderr:\n%s", acked, at, c.stderr)
	}
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	return max(acked, c.readAcks(t, math.MaxInt)) // to EOF: the child is dead
}

// readAcks reads lines until an ack reaches at or the output ends.
func (c *child) readAcks(t *testing.T, at int) int {
	t.Helper()
	acked := 0
	for acked < at && c.lines.Scan() {
		if n, ok := strings.CutPrefix(c.lines.Text(), "acked "); ok {
			var err error
			if acked, err = strconv.Atoi(n); err != nil {
				t.Fatal(err)
			}
		}
	}
	return acked
}

func (c *child) kill(t *testing.T) {
	if c.cmd.ProcessState != nil {
		return
	}
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Logf("killing the child: %v", err)
	}
	// Wait reaps the child; it closes our end of the pipe, unread lines and all.
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Error("the killed child did not exit")
	}
}

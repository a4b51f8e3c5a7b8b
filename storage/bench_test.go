package storage

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"photoconsent/app/register"
)

// The register's expected size: 50,000 pupils of about 1 KB of JSON each,
// imported in transactions of 500.
const (
	benchPupils = 50_000
	benchBatch  = 500
)

func BenchmarkPut50k(b *testing.B) {
	if n := len(mustJSON(b, needleRecord(0))); n < 900 || n > 1100 {
		b.Fatalf("record is %d bytes, want about 1 KB", n)
	}
	for b.Loop() {
		b.StopTimer()
		db, _ := initStore(b, newFolder(b, b.TempDir(), nil))
		b.StartTimer()
		putPupils(b, db)
		b.StopTimer()
		closeDB(b, db)
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchPupils), "ns/record")
	reportPeakRSS(b)
}

func BenchmarkScan50k(b *testing.B) {
	db, _ := initStore(b, newFolder(b, b.TempDir(), nil))
	putPupils(b, db)
	b.ResetTimer()
	for b.Loop() {
		if n := scanPupils(b, db); n != benchPupils {
			b.Fatalf("scanned %d records", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchPupils), "ns/record")
	reportPeakRSS(b)
}

// TestPeakRSS runs the app's storage life cycle in a fresh child process
// with production key derivation, and checks its peak resident memory.
func TestPeakRSS(t *testing.T) {
	if testing.Short() || raceEnabled || runtime.GOOS != "linux" {
		t.Skip("needs Linux /proc, a full run and no race detector")
	}
	c := startChild(t, "rss", t.TempDir())
	var peak int
	for c.lines.Scan() {
		line := c.lines.Text()
		if rest, ok := strings.CutPrefix(line, "rss "); ok {
			t.Log(rest)
			fmt.Sscanf(rest[strings.Index(rest, "peak="):], "peak=%dMiB", &peak)
		}
	}
	if err := c.cmd.Wait(); err != nil {
		t.Fatalf("child: %v\n%s", err, c.stderr)
	}
	if peak == 0 || peak >= 200 {
		t.Errorf("peak RSS %d MiB, want well under 200", peak)
	}
}

// helperRSS is the child of TestPeakRSS: create, fill, scan, reopen, scan,
// reporting peak and current RSS after each step.
func helperRSS(t *testing.T, dir string) {
	f, err := OpenFolder(dir, Options{}) // production KDF: its 64 MiB counts
	if err != nil {
		t.Fatal(err)
	}
	step := stepper()
	db, _, err := f.Init(headID, "head", headPW)
	if err != nil {
		t.Fatal(err)
	}
	step("init (Argon2id)")
	putPupils(t, db)
	step(fmt.Sprintf("put %d records in batches of %d", benchPupils, benchBatch))
	scanPupils(t, db)
	step("full scan")
	closeDB(t, db)
	db, _, err = f.Unlock("head", headPW)
	if err != nil {
		t.Fatal(err)
	}
	step("reopen (Argon2id)")
	scanPupils(t, db)
	step("full scan after reopen")
	closeDB(t, db)
}

func stepper() func(string) {
	start := time.Now()
	return func(what string) {
		hwm, rss := procStatus("VmHWM"), procStatus("VmRSS")
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Printf("rss %-40s %6dms  peak=%dMiB now=%dMiB (anon %d, file %d; Go heap %d, Go sys %d)\n",
			what, time.Since(start).Milliseconds(), hwm>>10, rss>>10,
			procStatus("RssAnon")>>10, procStatus("RssFile")>>10, ms.HeapInuse>>20, ms.Sys>>20)
		start = time.Now()
	}
}

func putPupils(t testing.TB, db *DB) {
	for seq := 0; seq < benchPupils; seq += benchBatch {
		err := db.Update(func(tx register.Tx) error {
			for i := seq; i < seq+benchBatch; i++ {
				if err := tx.Put(recordKey(i), needleRecord(i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func scanPupils(t testing.TB, db *DB) int {
	n := 0
	err := db.View(func(tx register.Tx) error {
		return tx.Scan("pupil/", func(_ string, decode func(any) error) error {
			n++
			var p pupil
			return decode(&p)
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func reportPeakRSS(b *testing.B) {
	if kib := procStatus("VmHWM"); kib > 0 {
		b.ReportMetric(float64(kib)/1024, "peak-RSS-MiB")
	}
}

// procStatus reads a KiB figure from /proc/self/status, or 0 off Linux.
func procStatus(field string) int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), field+":"); ok {
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				return 0
			}
			return n
		}
	}
	return 0
}

func mustJSON(t testing.TB, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

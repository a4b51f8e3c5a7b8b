package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"photoconsent/ui/cli"
)

// gpsPhoto copies a real camera photo with GPS from the corpus into dir
// under the given name, or skips.
func gpsPhoto(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", "ianare", "DSCN0010.jpg"))
	if err != nil {
		t.Skipf("the shared corpus is not here: %v", err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

type fileReport struct {
	File     string            `json:"file"`
	Format   string            `json:"format"`
	Location []json.RawMessage `json:"location"`
	Identity []json.RawMessage `json:"identity"`
	Names    []struct {
		Where, Text, Pupil, Severity string
	} `json:"names"`
	Removed []string `json:"removed"`
	Kept    []string `json:"kept"`
	Output  string   `json:"output"`
	Error   *string  `json:"error"`
}

func decodeReports(t *testing.T, out string) []fileReport {
	t.Helper()
	var rs []fileReport
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		t.Fatalf("--json output is not a JSON array of reports: %v\n%s", err, out)
	}
	return rs
}

func TestCheckReportsLocationAndNamesFromAList(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	photo := gpsPhoto(t, dir, "sports_day_AmeliaHartleyJones.jpg")
	list := filepath.Join(dir, "names.txt")
	if err := os.WriteFile(list, []byte("Amelia\tHartley-Jones\nGrace\tO'Neill\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := h.run(nil, "", "check", "--names", list, "--json", photo)
	h.want(r, 1, "check of a photo with GPS and a pupil's name")
	rs := decodeReports(t, r.stdout)
	if len(rs) != 1 {
		t.Fatalf("%d reports, want 1", len(rs))
	}
	got := rs[0]
	if got.File != photo || got.Format != "jpeg" || len(got.Location) == 0 || got.Error == nil || *got.Error != "" {
		t.Errorf("report = %+v, want the file, jpeg, location found, empty error", got)
	}
	if len(got.Names) != 1 || got.Names[0].Severity != "block" || got.Names[0].Where != "file name" ||
		got.Names[0].Pupil != "Amelia Hartley-Jones" {
		t.Errorf("names = %+v, want one block in the file name for Amelia Hartley-Jones", got.Names)
	}
	if r.stderr != "" {
		t.Errorf("findings are not errors; stderr = %q", r.stderr)
	}
}

func TestCheckUsesTheRegistersNames(t *testing.T) {
	h := newHarness(t)
	h.init()
	h.want(h.as("jsmith", headPassword, "import", samplePath(t, "sims_student_list.csv")), 0, "import")
	photo := gpsPhoto(t, t.TempDir(), "zoe-adeyemi-6B.jpg") // a sample pupil
	r := h.as("jsmith", headPassword, "check", photo)
	h.want(r, 1, "check against the register")
	if !strings.Contains(r.stdout, "name (block)") || !strings.Contains(r.stdout, "Adeyemi") {
		t.Errorf("the register's pupil was not found in the file name:\n%s", r.stdout)
	}
}

func TestCleanWritesCopiesAndSaysWhatItRemoved(t *testing.T) {
	h := newHarness(t)
	in, out := t.TempDir(), t.TempDir()
	photo := gpsPhoto(t, in, "IMG_0001.jpg")
	before, _ := os.ReadFile(photo)
	r := h.run(nil, "", "clean", "--out", out, "--prefix", "web", "--json", in)
	h.want(r, 0, "clean")
	rs := decodeReports(t, r.stdout)
	if len(rs) != 1 || rs[0].Output == "" || len(rs[0].Removed) == 0 {
		t.Fatalf("reports = %+v, want one copy with what was removed", rs)
	}
	if !strings.HasPrefix(filepath.Base(rs[0].Output), "web-") || filepath.Dir(rs[0].Output) != out {
		t.Errorf("copy written to %s, want web-YYYYMMDD-NNN.jpg in %s", rs[0].Output, out)
	}
	if after, _ := os.ReadFile(photo); string(after) != string(before) {
		t.Error("clean changed the original")
	}
	// The copy itself checks clean of location.
	c := h.run(nil, "", "check", "--json", rs[0].Output)
	if cs := decodeReports(t, c.stdout); len(cs) != 1 || len(cs[0].Location) != 0 {
		t.Errorf("the copy still has location: %+v", cs)
	}
}

func TestSweepIsADryRunUntilApply(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	photo := gpsPhoto(t, dir, "trip.jpg")
	before, _ := os.ReadFile(photo)
	h.want(h.run(nil, "", "sweep", dir), 1, "sweep dry run with location to remove")
	if after, _ := os.ReadFile(photo); string(after) != string(before) {
		t.Fatal("a dry run changed the file")
	}
	h.want(h.run(nil, "", "sweep", "--apply", dir), 0, "sweep --apply")
	h.want(h.run(nil, "", "sweep", dir), 0, "sweep after --apply")
}

func TestMediaCommandsUsage(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{
		{"check"},
		{"clean", "x.jpg"},
		{"clean", "--out", t.TempDir()},
		{"sweep"},
		{"check", "--names", "a.txt", "--user", "x", "y.jpg"},
	} {
		h.want(h.run(nil, "", args...), 2, strings.Join(args, " "))
	}
}

// TestCleanIntoAFolderInsideTheInputSkipsEarlierCopies: running clean twice
// with --out inside the folder being cleaned does not copy the copies.
func TestCleanIntoAFolderInsideTheInputSkipsEarlierCopies(t *testing.T) {
	h := newHarness(t)
	in := t.TempDir()
	gpsPhoto(t, in, "a.jpg")
	out := filepath.Join(in, "web")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		h.want(h.run(nil, "", "clean", "--out", out, in), 0, "clean")
	}
	copies, _ := os.ReadDir(out)
	if len(copies) != 2 {
		t.Errorf("%d files in the output folder after two runs over one photo, want 2", len(copies))
	}
}

// TestCheckKeepsTheOrderGiven: check reads several files at once, yet
// reports them in the order they were given, each readable photo with its
// faces, after the paths it could not find.
func TestCheckKeepsTheOrderGiven(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	var args, want []string
	for _, name := range []string{"e.jpg", "b.jpg", "d.jpg", "a.jpg", "c.jpg", "f.jpg"} {
		p := gpsPhoto(t, dir, name)
		args, want = append(args, p), append(want, p)
	}
	missing := filepath.Join(dir, "gone.jpg")
	args = append(args[:3], append([]string{missing}, args[3:]...)...)
	want = append([]string{missing}, want...)
	r := h.run(nil, "", append([]string{"check", "--json"}, args...)...)
	h.want(r, 1, "check of photos with GPS")
	var rs []struct {
		File  string          `json:"file"`
		Faces json.RawMessage `json:"faces"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rs); err != nil {
		t.Fatalf("check --json: %v\n%s", err, r.stdout)
	}
	var got []string
	for _, x := range rs {
		got = append(got, x.File)
		if x.File != missing && len(x.Faces) == 0 {
			t.Errorf("%s: no faces report", x.File)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("reported in this order:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCleanStopsWhenAsked: Ctrl-C during a batch finishes the files in
// hand, names none and leaves nothing in the output folder, not even the
// unfinished copies' temporary files.
func TestCleanStopsWhenAsked(t *testing.T) {
	in := t.TempDir()
	photo := gpsPhoto(t, in, "first.jpg")
	data, err := os.ReadFile(photo)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("p%03d.jpg", i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The stop is asked for as soon as the first copy is being written;
	// should the batch ever finish first, try again.
	for try := range 3 {
		out := t.TempDir()
		var stderr bytes.Buffer
		env := cli.Env{
			Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) string { return "" },
			Interrupts: func() (<-chan struct{}, func()) {
				stop, done := make(chan struct{}), make(chan struct{})
				go func() {
					for {
						select {
						case <-done:
							return
						case <-time.After(100 * time.Microsecond):
						}
						if es, _ := os.ReadDir(out); len(es) > 0 {
							close(stop)
							<-done
							return
						}
					}
				}()
				return stop, func() { close(done) }
			},
		}
		code := cli.Run(env, []string{"clean", "--out", out, in})
		left, _ := os.ReadDir(out)
		if code == cli.ExitOK && len(left) == 301 {
			t.Logf("try %d: the batch finished before the stop", try)
			continue
		}
		if code != cli.ExitFailure || !strings.Contains(stderr.String(), "no copies were written") {
			t.Fatalf("exit %d, stderr %q; want 1 and that no copies were written", code, stderr.String())
		}
		if len(left) != 0 {
			t.Fatalf("the output folder holds %d files after stopping, first %q", len(left), left[0].Name())
		}
		return
	}
	t.Fatal("every batch finished before the stop landed")
}

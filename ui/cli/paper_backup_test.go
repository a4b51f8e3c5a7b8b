package cli_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// backedUp makes a register with the sample pupils and an answer, backs it
// up with the command line, and returns the harness, the backup's path and
// the recovery key.
func backedUp(t *testing.T) (*harness, string, string) {
	t.Helper()
	h := newHarness(t)
	key := h.init()
	h.want(h.as("jsmith", headPassword, "import", samplePath(t, "sims_student_list.csv")), 0, "import")
	h.want(h.as("jsmith", headPassword, "consent", "--pupil", "K999200119014", "--purpose", "social",
		"--answer", "granted", "--by", "Rachel Hargreaves", "--date", "2026-01-10"), 0, "consent")
	out := filepath.Join(t.TempDir(), "school.pcbackup")
	r := h.as("jsmith", headPassword, "backup", "--out", out)
	h.want(r, 0, "backup")
	if !strings.HasPrefix(r.stdout, "Backup of ") {
		t.Errorf("backup said %q, want \"Backup of N records written to …\"", r.stdout)
	}
	return h, out, key
}

func TestBackupRestoreGivesTheSameRegister(t *testing.T) {
	h, backup, key := backedUp(t)
	tests := []struct {
		name string
		env  map[string]string
		args []string
	}{
		{"password", map[string]string{"PHOTOCONSENT_PASSWORD": headPassword}, []string{"--user", "jsmith"}},
		{"recovery key", map[string]string{"PHOTOCONSENT_RECOVERY_KEY": key}, []string{"--recovery-key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "restored")
			args := append([]string{"restore", "--backup", backup, "--data", dir}, tt.args...)
			r := h.run(tt.env, "", args...)
			h.want(r, 0, "restore")
			for _, cmd := range [][]string{{"pupils", "--json"}, {"status", "--json"}} {
				was := h.as("jsmith", headPassword, cmd...)
				restored := (&harness{t: t, dir: dir}).as("jsmith", headPassword, cmd...)
				h.want(restored, 0, "restored "+cmd[0])
				if restored.stdout != was.stdout || !strings.Contains(was.stdout, "K999200119014") {
					t.Errorf("%s in the restored register:\n%s\nwant:\n%s", cmd[0], restored.stdout, was.stdout)
				}
			}
		})
	}
}

func TestBackupFileHoldsNoPlaintext(t *testing.T) {
	_, backup, _ := backedUp(t)
	b, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	needles := sampleNeedles(t)
	if len(needles) < 40 {
		t.Fatalf("only %d needles from the samples", len(needles))
	}
	for _, n := range append(needles, "Rachel Hargreaves", "jsmith") {
		if bytes.Contains(b, []byte(n)) {
			t.Errorf("%q is in the backup file in the clear", n)
		}
	}
}

func TestRestoreRefusals(t *testing.T) {
	h, backup, _ := backedUp(t)
	b, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(t.TempDir(), "cut.pcbackup")
	if err := os.WriteFile(truncated, b[:len(b)*2/3], 0o600); err != nil {
		t.Fatal(err)
	}
	full := t.TempDir() // already holds a file
	if err := os.WriteFile(filepath.Join(full, "notes.txt"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	pw := map[string]string{"PHOTOCONSENT_PASSWORD": headPassword}
	tests := []struct {
		name     string
		env      map[string]string
		backup   string
		dir      string // "" for a new folder, which must still be absent
		extra    []string
		code     int
		inStderr string
	}{
		{"truncated", pw, truncated, "", []string{"--user", "jsmith"}, 1, "damaged or incomplete, so nothing was restored"},
		{"wrong password", map[string]string{"PHOTOCONSENT_PASSWORD": "Not-the-pw-1"}, backup, "", []string{"--user", "jsmith"}, 3, "Wrong password"},
		{"wrong recovery key", map[string]string{"PHOTOCONSENT_RECOVERY_KEY": "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"}, backup, "", []string{"--recovery-key"}, 3, "recovery key does not open"},
		{"folder not empty", pw, backup, full, []string{"--user", "jsmith"}, 1, "must be new or empty"},
		{"the live register", pw, backup, h.dir, []string{"--user", "jsmith"}, 1, "must be new or empty"},
		{"no user", pw, backup, "", nil, 2, "--user"},
		{"no backup file", pw, filepath.Join(t.TempDir(), "missing"), "", []string{"--user", "jsmith"}, 1, "Cannot read the backup"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.dir
			if dir == "" {
				dir = filepath.Join(t.TempDir(), "restored")
			}
			r := h.run(tt.env, "", append([]string{"restore", "--backup", tt.backup, "--data", dir}, tt.extra...)...)
			h.want(r, tt.code, "restore")
			if !strings.Contains(r.stderr, tt.inStderr) {
				t.Errorf("stderr %q, want it to say %q", r.stderr, tt.inStderr)
			}
			if _, err := os.Stat(dir); tt.dir == "" && !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("after a refused restore, stat %s: got %v, want it absent", dir, err)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(full, "notes.txt")); err != nil {
		t.Errorf("a refused restore touched the folder's file: %v", err)
	}
}

func TestBackupRefusals(t *testing.T) {
	h, backup, _ := backedUp(t)
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"no --out", nil, 2},
		{"file exists", []string{"--out", backup}, 1},
		{"folder missing", []string{"--out", filepath.Join(t.TempDir(), "no", "b.pcbackup")}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.want(h.as("jsmith", headPassword, append([]string{"backup"}, tt.args...)...), tt.code, "backup")
		})
	}
	h.want(h.as("jsmith", "Wrong-pw-2026", "backup", "--out", filepath.Join(t.TempDir(), "b")), 3, "backup with a wrong password")

	// A teacher may not: a backup holds contact details and scanned forms.
	r := h.run(map[string]string{"PHOTOCONSENT_PASSWORD": headPassword, "PHOTOCONSENT_NEW_PASSWORD": "Temp-pass-2026!"}, "",
		"user", "add", "--data", h.dir, "--user", "jsmith", "--name", "mr.teacher", "--role", "teacher")
	h.want(r, 0, "user add")
	r = h.run(map[string]string{"PHOTOCONSENT_PASSWORD": "Temp-pass-2026!", "PHOTOCONSENT_NEW_PASSWORD": "Own-pass-2026!x"}, "",
		"user", "passwd", "--data", h.dir, "--user", "mr.teacher")
	h.want(r, 0, "user passwd")
	out := filepath.Join(t.TempDir(), "teacher.pcbackup")
	r = h.as("mr.teacher", "Own-pass-2026!x", "backup", "--out", out)
	h.want(r, 1, "backup as a teacher")
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused backup left a file: %v", err)
	}
	r = h.as("jsmith", headPassword, "audit", "--limit", "0")
	h.want(r, 0, "audit")
	if !strings.Contains(r.stdout, "backup-written") {
		t.Errorf("audit trail lacks the backup:\n%s", r.stdout)
	}
}

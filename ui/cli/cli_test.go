package cli_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"photoconsent/app/register"
	"photoconsent/storage"
	"photoconsent/ui/cli"
)

const headPassword = "Head-pass-2026!"

// harness runs the command line in-process against a real encrypted store
// in a temporary folder, with cheap key derivation.
type harness struct {
	t   *testing.T
	dir string
}

type result struct {
	code           int
	stdout, stderr string
}

func newHarness(t *testing.T) *harness {
	return &harness{t: t, dir: t.TempDir()}
}

// run runs one command with the given environment variables and stdin.
func (h *harness) run(env map[string]string, stdin string, args ...string) result {
	h.t.Helper()
	var out, errOut bytes.Buffer
	e := cli.Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut,
		Getenv: func(k string) string { return env[k] },
		OpenVault: func(dir string) (register.Vault, error) {
			return storage.NewVault(dir, storage.Options{KDF: storage.InsecureTestKDF})
		},
		DefaultDir: func() (string, error) { return "", errors.New("tests always pass --data") },
	}
	code := cli.Run(e, args)
	return result{code, out.String(), errOut.String()}
}

// as runs a command signed in as user with password.
func (h *harness) as(user, password string, args ...string) result {
	h.t.Helper()
	full := append([]string{args[0], "--data", h.dir, "--user", user}, args[1:]...)
	return h.run(map[string]string{"PHOTOCONSENT_PASSWORD": password}, "", full...)
}

func (h *harness) want(r result, code int, what string) {
	h.t.Helper()
	if r.code != code {
		h.t.Fatalf("%s: exit %d, want %d\nstdout: %s\nstderr: %s", what, r.code, code, r.stdout, r.stderr)
	}
	if code != 0 && strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		h.t.Errorf("%s: error is not one line: %q", what, r.stderr)
	}
}

func (h *harness) init() string {
	h.t.Helper()
	r := h.run(map[string]string{"PHOTOCONSENT_NEW_PASSWORD": headPassword}, "",
		"init", "--data", h.dir, "--school", "Testbridge Primary", "--user", "jsmith")
	h.want(r, 0, "init")
	key := regexp.MustCompile(`(?m)^\s+([0-9A-Z]{4,}(?:-[0-9A-Z]{4,})+)\s*$`).FindStringSubmatch(r.stdout)
	if key == nil {
		h.t.Fatalf("init printed no recovery key:\n%s", r.stdout)
	}
	return key[1]
}

func samplePath(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "mis-samples", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared MIS samples not present beside the repository: %v", err)
	}
	return p
}

func TestCommandLineRegisterEndToEnd(t *testing.T) {
	h := newHarness(t)
	h.init()
	sims := samplePath(t, "sims_student_list.csv")

	r := h.as("jsmith", headPassword, "import", "--dry-run", sims)
	h.want(r, 0, "import --dry-run")
	if !strings.Contains(r.stdout, "40 new") {
		t.Errorf("dry run said %q, want 40 new", r.stdout)
	}
	r = h.as("jsmith", headPassword, "pupils", "--json")
	h.want(r, 0, "pupils after a dry run")
	if strings.TrimSpace(r.stdout) != "[]" {
		t.Fatalf("a dry run wrote pupils: %s", r.stdout)
	}

	h.want(h.as("jsmith", headPassword, "import", sims), 0, "import")
	r = h.as("jsmith", headPassword, "pupils", "--json")
	h.want(r, 0, "pupils --json")
	var pupils []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &pupils); err != nil {
		t.Fatalf("pupils --json is not a JSON array: %v", err)
	}
	if len(pupils) != 40 {
		t.Fatalf("pupils --json has %d entries, want 40", len(pupils))
	}

	r = h.as("jsmith", headPassword, "consent", "--pupil", "K999200119014", "--purpose", "social",
		"--answer", "granted", "--by", "Rachel Hargreaves", "--date", "2026-01-10")
	h.want(r, 0, "consent")
	status := statusOf(t, h, "K999200119014")
	if status["social"] != "granted" || status["press"] != "not-returned" || status["school"] != "granted" {
		t.Errorf("status after recording = %v", status)
	}
	r = h.as("jsmith", headPassword, "consent", "--pupil", "K999200119014", "--purpose", "social",
		"--answer", "withdrawn", "--by", "Daniel Hargreaves", "--method", "email")
	h.want(r, 0, "withdraw")
	if got := statusOf(t, h, "K999200119014")["social"]; got != "withdrawn" {
		t.Errorf("social after withdrawal = %q", got)
	}
}

func statusOf(t *testing.T, h *harness, upn string) map[string]string {
	t.Helper()
	r := h.as("jsmith", headPassword, "status", "--json")
	h.want(r, 0, "status --json")
	var entries []struct {
		UPN    string            `json:"upn"`
		Status map[string]string `json:"status"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &entries); err != nil {
		t.Fatalf("status --json: %v\n%s", err, r.stdout)
	}
	for _, e := range entries {
		if e.UPN == upn {
			return e.Status
		}
	}
	t.Fatalf("status --json has no entry for %s", upn)
	return nil
}

func TestTeacherRecordingConsentIsRefused(t *testing.T) {
	h := newHarness(t)
	h.init()
	h.want(h.as("jsmith", headPassword, "import", samplePath(t, "sims_student_list.csv")), 0, "import")
	r := h.run(map[string]string{"PHOTOCONSENT_PASSWORD": headPassword, "PHOTOCONSENT_NEW_PASSWORD": "Temp-pass-1"}, "",
		"user", "add", "--data", h.dir, "--user", "jsmith", "--name", "Mr Teach", "--role", "teacher")
	h.want(r, 0, "user add")

	consent := []string{"consent", "--pupil", "K999200119014", "--purpose", "school", "--answer", "refused", "--by", "Rachel Hargreaves"}
	r = h.as("Mr Teach", "Temp-pass-1", consent...)
	h.want(r, 3, "consent with a temporary password")

	r = h.run(map[string]string{"PHOTOCONSENT_PASSWORD": "Temp-pass-1", "PHOTOCONSENT_NEW_PASSWORD": "Teacher-pass-9"}, "",
		"user", "passwd", "--data", h.dir, "--user", "Mr Teach")
	h.want(r, 0, "user passwd")

	r = h.as("Mr Teach", "Teacher-pass-9", consent...)
	h.want(r, 1, "teacher consent")
	if !strings.Contains(r.stderr, "Not allowed for your role") {
		t.Errorf("teacher refusal said %q", r.stderr)
	}
	if got := statusOf(t, h, "K999200119014")["school"]; got != "granted" {
		t.Errorf("school status after the teacher's refused attempt = %q, want the MIS's granted", got)
	}
	r = h.as("Mr Teach", "Teacher-pass-9", "pupils", "--json")
	h.want(r, 0, "teacher pupils")
	if strings.Contains(r.stdout, "@example") || strings.Contains(r.stdout, "07700") {
		t.Error("a teacher's pupils --json shows parents' contact details")
	}
	r = h.run(map[string]string{"PHOTOCONSENT_PASSWORD": "Teacher-pass-9", "PHOTOCONSENT_NEW_PASSWORD": "Whatever-pass-1"}, "",
		"user", "add", "--data", h.dir, "--user", "Mr Teach", "--name", "Sneaky", "--role", "head")
	h.want(r, 1, "teacher user add")
}

func TestExitCodes(t *testing.T) {
	h := newHarness(t)
	h.init()
	tests := []struct {
		name string
		r    result
		code int
		says string
	}{
		{"wrong password", h.as("jsmith", "nope-nope-1!", "pupils"), 3, "Wrong password"},
		{"unknown user", h.as("nobody", headPassword, "pupils"), 3, "Wrong password"},
		{"unknown command", h.run(nil, "", "frobnicate"), 2, "unknown command"},
		{"missing file", h.as("jsmith", headPassword, "import"), 2, "exactly one file"},
		{"bad purpose", h.as("jsmith", headPassword, "consent", "--pupil", "X", "--purpose", "billboard", "--answer", "granted"), 2, "unknown purpose"},
		{"no such pupil", h.as("jsmith", headPassword, "consent", "--pupil", "Z000000000000", "--purpose", "school", "--answer", "granted", "--by", "pupil"), 1, "No pupil"},
		{"no password", h.run(nil, "", "pupils", "--data", h.dir, "--user", "jsmith"), 2, "PHOTOCONSENT_PASSWORD"},
		{"init twice", h.run(map[string]string{"PHOTOCONSENT_NEW_PASSWORD": headPassword}, "", "init", "--data", h.dir, "--school", "X", "--user", "jsmith"), 1, "already"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.r.code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", tt.r.code, tt.code, tt.r.stderr)
			}
			if !strings.Contains(strings.ToLower(tt.r.stderr), strings.ToLower(tt.says)) {
				t.Errorf("stderr %q does not say %q", tt.r.stderr, tt.says)
			}
		})
	}
}

func TestPasswordFromStdin(t *testing.T) {
	h := newHarness(t)
	h.init()
	r := h.run(nil, headPassword+"\n", "pupils", "--data", h.dir, "--user", "jsmith", "--password-stdin")
	h.want(r, 0, "pupils --password-stdin")
}

func TestRecoveryKeySetsANewPassword(t *testing.T) {
	h := newHarness(t)
	key := h.init()
	r := h.run(map[string]string{"PHOTOCONSENT_RECOVERY_KEY": "AAAA-BBBB-CCCC-DDDD", "PHOTOCONSENT_NEW_PASSWORD": "Brand-new-pw-1"}, "",
		"recover", "--data", h.dir, "--user", "jsmith")
	h.want(r, 3, "recover with a wrong key")
	r = h.run(map[string]string{"PHOTOCONSENT_NEW_PASSWORD": "Brand-new-pw-1"}, strings.ToLower(key)+"\n",
		"recover", "--data", h.dir, "--user", "jsmith")
	h.want(r, 0, "recover")
	h.want(h.as("jsmith", headPassword, "pupils"), 3, "old password after recovery")
	h.want(h.as("jsmith", "Brand-new-pw-1", "pupils"), 0, "new password after recovery")
	r = h.as("jsmith", "Brand-new-pw-1", "audit", "--limit", "0")
	h.want(r, 0, "audit")
	for _, kind := range []string{"recovery-key-used", "password-changed", "login-failed", "store-created"} {
		if !strings.Contains(r.stdout, kind) {
			t.Errorf("audit trail lacks %s:\n%s", kind, r.stdout)
		}
	}
}

package cli_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/media"
	"photoconsent/app/register"
	"photoconsent/storage"
)

// The pupils the end-to-end test tags, from the SIMS sample.
const (
	ollie = "K999200119014" // Ollie Hargreaves: the school's own use granted
	zoe   = "X999200119033" // Zoe Adeyemi: the school's own use granted
	lily  = "H999200125020" // Lily Bennett: refused
)

type takedown struct {
	Entry       int64  `json:"entry"`
	UPN         string `json:"upn"`
	Destination string `json:"destination"`
	Output      string `json:"output"`
	Why         string `json:"why"`
	Done        bool   `json:"done"`
}

func takedowns(t *testing.T, h *harness) []takedown {
	t.Helper()
	r := h.as("jsmith", headPassword, "takedowns", "--json")
	h.want(r, 0, "takedowns --json")
	var tds []takedown
	if err := json.Unmarshal([]byte(r.stdout), &tds); err != nil {
		t.Fatalf("takedowns --json is not a JSON array: %v\n%s", err, r.stdout)
	}
	return tds
}

// TestPublishingEndToEnd is the end-to-end test: real encrypted
// storage, the sample pupils, real photos, and the command line throughout.
func TestPublishingEndToEnd(t *testing.T) {
	h := newHarness(t)
	h.init()
	h.want(h.as("jsmith", headPassword, "import", samplePath(t, "sims_student_list.csv")), 0, "import")
	in, out := t.TempDir(), t.TempDir()
	photo := gpsPhoto(t, in, "Ollie Hargreaves and Zoe on sports day.jpg")
	if r := media.Check(photo, nil); len(r.Location) == 0 {
		t.Fatalf("the corpus photo has no location to remove: %+v", r)
	}
	answer(t, h, ollie, "granted", "Rachel Hargreaves")
	answer(t, h, zoe, "granted", "Tunde Adeyemi")
	answer(t, h, lily, "refused", "Joanna Bennett")

	publish := func(tags string, extra ...string) result {
		args := append([]string{"publish", "--to", "website", "--out", out, "--tag", tags}, extra...)
		return h.as("jsmith", headPassword, append(args, photo)...)
	}
	r := publish(ollie + "," + zoe)
	h.want(r, 0, "publish a consented photo")
	copies := files(t, out)
	if len(copies) != 1 || !regexp.MustCompile(`^website-\d{8}-001\.jpg$`).MatchString(copies[0]) {
		t.Fatalf("output folder holds %v, want one website-YYYYMMDD-001.jpg", copies)
	}
	if !strings.Contains(r.stdout, "exported as "+copies[0]) {
		t.Errorf("publish said %q, want it to name the copy %s", r.stdout, copies[0])
	}
	noLocation(t, filepath.Join(out, copies[0]))

	r = publish(ollie + "," + lily)
	if r.code != 1 || !strings.Contains(r.stderr, "blocked") || !strings.Contains(r.stderr, "Lily B.") {
		t.Errorf("publish with a refused pupil: exit %d, stderr %q; want 1 and a reason naming Lily B.", r.code, r.stderr)
	}
	r = publish(ollie+","+zoe, "--caption", "Ollie Hargreaves wins the sack race")
	if r.code != 1 || !strings.Contains(r.stderr, "caption") {
		t.Errorf("publish with a full name in the caption: exit %d, stderr %q; want 1 and a caption reason", r.code, r.stderr)
	}
	if got := files(t, out); len(got) != 1 {
		t.Errorf("blocked photos were copied: the output folder holds %v", got)
	}

	answer(t, h, ollie, "withdrawn", "Rachel Hargreaves")
	tds := takedowns(t, h)
	want := takedown{Entry: 1, UPN: ollie, Destination: "website", Output: copies[0]}
	if len(tds) != 1 || tds[0].Entry != want.Entry || tds[0].UPN != want.UPN || tds[0].Destination != want.Destination ||
		tds[0].Output != want.Output || tds[0].Done || tds[0].Why == "" {
		t.Fatalf("takedowns after withdrawing got %+v, want one like %+v with a reason", tds, want)
	}
	h.want(h.as("jsmith", headPassword, "takedowns", "--done", "1", "--note", "Removed from the website"), 0, "takedowns --done")
	if tds := takedowns(t, h); len(tds) != 1 || !tds[0].Done {
		t.Errorf("takedowns after marking done: %+v, want the one done", tds)
	}

	r = h.as("jsmith", headPassword, "log", "--verify")
	h.want(r, 0, "log --verify")
	if !strings.Contains(r.stdout, "intact (4 entries)") {
		t.Errorf("log --verify said %q, want intact with 4 entries (3 attempts and a takedown)", r.stdout)
	}
	r = h.as("jsmith", headPassword, "log", "--csv")
	h.want(r, 0, "log --csv")
	if lines := strings.Split(strings.TrimSpace(r.stdout), "\n"); len(lines) != 5 || !strings.Contains(lines[1], ollie) {
		t.Errorf("log --csv gave %d lines, want a header and 4 entries, the first naming %s:\n%s", len(lines), ollie, r.stdout)
	}

	tamper(t, h.dir)
	r = h.as("jsmith", headPassword, "log", "--verify")
	t.Logf("log --verify after tampering said:\n%s%s", r.stdout, r.stderr)
	if r.code != 1 || !strings.Contains(r.stderr, "broken") {
		t.Errorf("log --verify after tampering: exit %d, stderr %q; want 1 and broken", r.code, r.stderr)
	}
}

func answer(t *testing.T, h *harness, upn, answer, by string) {
	t.Helper()
	r := h.as("jsmith", headPassword, "consent", "--pupil", upn, "--purpose", "school", "--answer", answer, "--by", by)
	h.want(r, 0, "consent "+answer)
}

func files(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// noLocation checks a copy with exiftool when it is installed, and with
// our own check either way.
func noLocation(t *testing.T, path string) {
	t.Helper()
	if r := media.Check(path, nil); r.Error != "" || len(r.Location) > 0 {
		t.Errorf("the copy: error %q, location %v; want neither", r.Error, r.Location)
	}
	exiftool, err := exec.LookPath("exiftool")
	if err != nil {
		t.Log("exiftool is not installed; checked with media.Check only")
		return
	}
	b, err := exec.Command(exiftool, "-gps:all", "-xmp:all", "-n", "-j", path).Output()
	if err != nil {
		t.Fatalf("exiftool: %v", err)
	}
	var tags []map[string]any
	if err := json.Unmarshal(b, &tags); err != nil || len(tags) != 1 {
		t.Fatalf("exiftool -j gave %s (%v)", b, err)
	}
	for k := range tags[0] {
		if k != "SourceFile" {
			t.Errorf("exiftool still finds %s=%v in the copy", k, tags[0][k])
		}
	}
}

// tamper changes the first publication log entry's destination through
// the storage layer, keeping valid JSON, as someone with the key could.
func tamper(t *testing.T, dir string) {
	t.Helper()
	f, err := storage.OpenFolder(dir, storage.Options{KDF: storage.InsecureTestKDF})
	if err != nil {
		t.Fatal(err)
	}
	db, _, err := f.Unlock("jsmith", headPassword)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	}()
	changed := false
	err = db.Update(func(tx register.Tx) error {
		var key string
		var entry map[string]any
		err := tx.Scan("publog/", func(k string, decode func(any) error) error {
			var m map[string]any
			if err := decode(&m); err != nil {
				return nil // not an entry (the chain's head, say)
			}
			if seq, ok := m["seq"].(float64); ok && seq == 1 && m["hash"] != nil {
				key, entry = k, m
			}
			return nil
		})
		if err != nil || key == "" {
			return err
		}
		entry["destination"] = "newsletter"
		changed = true
		return tx.Put(key, entry)
	})
	if err != nil {
		t.Fatal(err)
	}
	if !changed {
		t.Fatal("no publication log entry with seq 1 was found in the store under publog/")
	}
}

func TestTakedownForOneOfTwoPupils(t *testing.T) {
	h := newHarness(t)
	h.init()
	h.want(h.as("jsmith", headPassword, "import", samplePath(t, "sims_student_list.csv")), 0, "import")
	in, out := t.TempDir(), t.TempDir()
	photo := gpsPhoto(t, in, "a.jpg")
	answer(t, h, ollie, "granted", "Rachel Hargreaves")
	answer(t, h, zoe, "granted", "Tunde Adeyemi")
	r := h.as("jsmith", headPassword, "publish", "--to", "display", "--out", out, "--tag", ollie+","+zoe, photo)
	h.want(r, 0, "publish")
	answer(t, h, ollie, "withdrawn", "Rachel Hargreaves")
	answer(t, h, zoe, "refused", "Tunde Adeyemi")
	if tds := takedowns(t, h); len(tds) != 2 {
		t.Fatalf("takedowns got %+v, want one for each pupil", tds)
	}

	r = h.as("jsmith", headPassword, "takedowns", "--done", "1", "--note", "Taken off the board")
	h.want(r, 2, "takedowns --done without --pupil")
	if !strings.Contains(r.stderr, "--pupil") {
		t.Errorf("stderr %q does not ask for --pupil", r.stderr)
	}
	h.want(h.as("jsmith", headPassword, "takedowns", "--done", "1", "--pupil", zoe, "--note", "Taken off the board"), 0, "takedowns --done --pupil")
	h.want(h.as("jsmith", headPassword, "takedowns", "--done", "1", "--pupil", zoe, "--note", "Again"), 1, "takedowns --done twice")
	h.want(h.as("jsmith", headPassword, "takedowns", "--done", "7", "--note", "No such entry"), 1, "takedowns --done for no takedown")
	done := map[string]bool{}
	for _, td := range takedowns(t, h) {
		done[td.UPN] = td.Done
	}
	if diff := cmp.Diff(map[string]bool{ollie: false, zoe: true}, done); diff != "" {
		t.Errorf("done by pupil (-want +got):\n%s", diff)
	}
	r = h.as("jsmith", headPassword, "log")
	h.want(r, 0, "log")
	if !strings.Contains(r.stdout, "taken-down") || !strings.Contains(r.stdout, "Taken off the board") {
		t.Errorf("the log does not show the takedown:\n%s", r.stdout)
	}
}

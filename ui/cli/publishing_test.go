package cli_test

import (
	"strings"
	"testing"
)

func TestPublishingCommandsUsage(t *testing.T) {
	h := newHarness(t)
	h.init()
	out := t.TempDir()
	photo := h.dir + "/nothing.jpg"
	tests := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"no destination", []string{"publish", "--out", out, "--no-pupils", photo}, 2, "--to"},
		{"unknown destination", []string{"publish", "--to", "billboard", "--out", out, "--no-pupils", photo}, 2, "unknown destination"},
		{"no output folder", []string{"publish", "--to", "website", "--no-pupils", photo}, 2, "--out"},
		{"missing output folder", []string{"publish", "--to", "website", "--out", out + "/nope", "--no-pupils", photo}, 1, "does not exist"},
		{"no files", []string{"publish", "--to", "website", "--out", out, "--no-pupils"}, 2, "photos"},
		{"neither tags nor confirmation", []string{"publish", "--to", "website", "--out", out, photo}, 2, "--no-pupils"},
		{"both tags and confirmation", []string{"publish", "--to", "website", "--out", out, "--tag", "X", "--no-pupils", photo}, 2, "one or the other"},
		{"negative resize", []string{"publish", "--to", "website", "--out", out, "--resize", "-5", "--no-pupils", photo}, 2, "--resize"},
		{"prefix with a slash", []string{"publish", "--to", "website", "--out", out, "--prefix", "a/b", "--no-pupils", photo}, 2, "--prefix"},
		{"unknown pupil", []string{"publish", "--to", "website", "--out", out, "--tag", "Z000000000000", photo}, 1, "No pupil"},
		{"csv and verify", []string{"log", "--csv", "--verify"}, 2, "not both"},
		{"note without done", []string{"takedowns", "--note", "gone"}, 2, "--done"},
		{"done without note", []string{"takedowns", "--done", "3"}, 2, "--note"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.as("jsmith", headPassword, tt.args...)
			if r.code != tt.code || !strings.Contains(strings.ToLower(r.stderr), strings.ToLower(tt.says)) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, tt.code, tt.says)
			}
		})
	}
}

func TestPublishingCommandsAreListed(t *testing.T) {
	h := newHarness(t)
	r := h.run(nil, "", "help")
	for _, cmd := range []string{"publish", "log", "takedowns"} {
		if !strings.Contains(r.stdout, "\n  "+cmd+" ") {
			t.Errorf("help does not list %s:\n%s", cmd, r.stdout)
		}
	}
	r = h.run(nil, "", "publish", "-h")
	for _, flag := range []string{"-to", "-out", "-prefix", "-caption", "-resize", "-tag", "-no-pupils", "-override"} {
		if !strings.Contains(r.stderr, flag) {
			t.Errorf("publish -h does not describe %s:\n%s", flag, r.stderr)
		}
	}
}

func TestPublishNoPupilsAndLogAsTeacherAndHead(t *testing.T) {
	h := newHarness(t)
	h.init()
	r := h.run(map[string]string{"PHOTOCONSENT_PASSWORD": headPassword, "PHOTOCONSENT_NEW_PASSWORD": "Teacher-pass-9"}, "",
		"user", "add", "--data", h.dir, "--user", "jsmith", "--name", "bell", "--role", "teacher")
	h.want(r, 0, "user add")
	// A temporary password must be changed before anything else.
	r = h.run(map[string]string{"PHOTOCONSENT_PASSWORD": "Teacher-pass-9", "PHOTOCONSENT_NEW_PASSWORD": "Teacher-pass-10"}, "",
		"user", "passwd", "--data", h.dir, "--user", "bell")
	h.want(r, 0, "user passwd")
	in, out := t.TempDir(), t.TempDir()
	photo := gpsPhoto(t, in, "field.jpg")
	r = h.as("bell", "Teacher-pass-10", "publish", "--to", "newsletter", "--out", out, "--prefix", "fair", "--resize", "200", "--no-pupils", photo)
	h.want(r, 0, "teacher publishes a photo without pupils")
	if !strings.Contains(r.stdout, "exported as fair-") || !strings.Contains(r.stdout, "resized to 200 px") {
		t.Errorf("publish said %q, want a resized fair-… copy", r.stdout)
	}
	noLocation(t, out+"/"+files(t, out)[0])

	// The website is for the head's named authorisers only.
	r = h.as("bell", "Teacher-pass-10", "publish", "--to", "website", "--out", out, "--no-pupils", photo)
	if r.code != 1 || !strings.Contains(r.stderr, "website authorisers") {
		t.Errorf("teacher publishes to the website: exit %d, stderr %q; want 1 and the authoriser reason", r.code, r.stderr)
	}
	website := func(as, password string, extra ...string) result {
		args := append([]string{"user", "website", "--data", h.dir, "--user", as, "--name", "bell"}, extra...)
		return h.run(map[string]string{"PHOTOCONSENT_PASSWORD": password}, "", args...)
	}
	h.want(website("bell", "Teacher-pass-10"), 1, "teacher names herself")
	h.want(website("jsmith", headPassword), 0, "head names the teacher a website authoriser")
	r = h.as("bell", "Teacher-pass-10", "publish", "--to", "website", "--out", out, "--no-pupils", photo)
	h.want(r, 0, "authorised teacher publishes to the website")
	h.want(website("jsmith", headPassword, "--off"), 0, "head stops it")
	r = h.as("bell", "Teacher-pass-10", "publish", "--to", "website", "--out", out, "--no-pupils", photo)
	h.want(r, 1, "teacher no longer an authoriser")

	h.want(h.as("bell", "Teacher-pass-10", "log"), 1, "teacher reads the log")
	h.want(h.as("bell", "Teacher-pass-10", "takedowns"), 1, "teacher lists takedowns")
	r = h.as("jsmith", headPassword, "log")
	h.want(r, 0, "head reads the log")
	if !strings.Contains(r.stdout, "bell") || !strings.Contains(r.stdout, "exported") || !strings.Contains(r.stdout, "field.jpg") {
		t.Errorf("log table lacks who, what or the original:\n%s", r.stdout)
	}
	r = h.as("jsmith", headPassword, "takedowns")
	h.want(r, 0, "head lists takedowns")
	if !strings.Contains(r.stdout, "0 open.") {
		t.Errorf("takedowns said %q, want 0 open", r.stdout)
	}
}

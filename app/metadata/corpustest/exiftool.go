package corpustest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// Exiftool lists what exiftool sees in each file, as path => "Group:Tag" =>
// value (-j -a -G1 -s -ee -n: every tag, embedded tracks too, numbers
// unconverted). It runs exiftool once for all the paths, since exiftool is
// slow to start, and skips the test when exiftool is not installed.
func Exiftool(t testing.TB, paths ...string) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for src, tags := range run(t, []string{"-j", "-a", "-G1", "-s", "-ee", "-n"}, paths) {
		out[src] = map[string]string{}
		for k, v := range tags {
			if k != "SourceFile" {
				out[src][k] = text(v)
			}
		}
	}
	return out
}

// XMP returns the XMP packet exiftool extracts from each file (-xmp -b),
// in one run; a file with no packet is missing from the map.
func XMP(t testing.TB, paths ...string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for src, tags := range run(t, []string{"-j", "-xmp", "-b"}, paths) {
		s, ok := tags["XMP"].(string)
		if !ok {
			continue
		}
		b64, ok := strings.CutPrefix(s, "base64:") // JSON carries binary this way
		if !ok {
			out[src] = []byte(s)
			continue
		}
		b, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			t.Fatalf("exiftool XMP of %s: %v", src, err)
		}
		out[src] = b
	}
	return out
}

// Orientation is the orientation exiftool reads in IFD0 (0 when none).
func Orientation(tags map[string]string) int {
	o, err := strconv.Atoi(tags["IFD0:Orientation"])
	if err != nil {
		return 0
	}
	return o
}

// Dropped reports whether an exiftool key (Group:Tag) is in a group no
// clean copy keeps: GPS, any XMP group, IPTC.
func Dropped(key string) bool {
	group, _, _ := strings.Cut(key, ":")
	return group == "GPS" || strings.HasPrefix(group, "XMP") || group == "IPTC"
}

// run runs exiftool with args over paths and returns its JSON by
// SourceFile; every path must come back.
func run(t testing.TB, args, paths []string) map[string]map[string]any {
	t.Helper()
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Skip("exiftool is not installed (scripts/test installs it)")
	}
	found := map[string]map[string]any{}
	if len(paths) == 0 {
		return found
	}
	raw, err := exec.Command("exiftool", append(args, paths...)...).Output()
	if err != nil && len(raw) == 0 { // it exits 1 when one file has an error
		t.Fatalf("exiftool: %v", err)
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var list []map[string]any
	if err := d.Decode(&list); err != nil {
		t.Fatalf("exiftool output: %v", err)
	}
	for _, tags := range list {
		src, _ := tags["SourceFile"].(string)
		found[src] = tags
	}
	for _, p := range paths {
		if found[p] == nil {
			t.Errorf("exiftool did not read %s", p)
		}
	}
	return found
}

// text is a JSON value as exiftool prints it.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Sprint(v)
		}
		return string(b)
	}
}

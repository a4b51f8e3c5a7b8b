package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"photoconsent/app/names"
)

func TestSniff(t *testing.T) {
	ftyp := func(major string, compat ...string) []byte {
		b := []byte{0, 0, 0, byte(16 + 4*len(compat))}
		b = append(b, "ftyp"+major+"\x00\x00\x00\x00"...)
		for _, c := range compat {
			b = append(b, c...)
		}
		return append(b, make([]byte, 16)...)
	}
	tests := []struct {
		name string
		head []byte
		want Format
	}{
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE1, 0, 0}, JPEG},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), PNG},
		{"webp", []byte("RIFF\x10\x00\x00\x00WEBPVP8 "), WebP},
		{"gif", []byte("GIF89a\x01\x00"), GIF},
		{"tiff little-endian", []byte("II*\x00\x08\x00\x00\x00"), TIFF},
		{"tiff big-endian", []byte("MM\x00*\x00\x00\x00\x08"), TIFF},
		{"heic", ftyp("heic", "mif1", "heic"), HEIC},
		{"avif listing mif1 first", ftyp("mif1", "avif", "miaf"), AVIF},
		{"quicktime", ftyp("qt  ", "qt  "), MOV},
		{"quicktime without ftyp", append([]byte{0, 0, 0, 8}, "wide\x00\x00\x00\x10mdat"...), MOV},
		{"mp4", ftyp("isom", "isom", "iso2", "avc1", "mp41"), MP4},
		{"3gp", ftyp("3gp5", "3gp5", "isom"), ThreeGP},
		{"m4v", ftyp("M4V ", "M4V ", "M4A "), M4V},
		{"canon raw", ftyp("crx ", "crx ", "isom"), Unknown},
		{"xmp sidecar", []byte("<x:xmpmeta xmlns:x='adobe:ns:meta/'>"), XMP},
		{"xmp sidecar with BOM", []byte("\xEF\xBB\xBF<?xpacket begin=''?>"), XMP},
		{"text", []byte("hello, world"), Unknown},
		{"empty", nil, Unknown},
	}
	for _, tt := range tests {
		if got, _ := Sniff(tt.head); got != tt.want {
			t.Errorf("%s: Sniff = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// writeJPEG makes a small real JPEG under dir with the given name.
func writeJPEG(t *testing.T, dir, name string) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 16, 8))
	for x := range 16 {
		img.Set(x, x%8, color.RGBA{200, uint8(x * 10), 40, 255})
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCopiesHaveNeutralNumberedNames(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	a := writeJPEG(t, in, "Amelia Hartley-Jones sports day.jpg")
	b := writeJPEG(t, in, "misnamed.png") // JPEG content: the copy is a .jpg
	c := NewCopier(CopyOptions{OutDir: out, Prefix: "web", Now: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)})
	var got []string
	for _, p := range []string{a, b} {
		r := c.Copy(p, nil)
		if r.Error != "" {
			t.Fatalf("%s: %s", p, r.Error)
		}
		got = append(got, filepath.Base(r.Output))
	}
	want := []string{"web-20261130-001.jpg", "web-20261130-002.jpg"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("copies named %v, want %v", got, want)
	}
	// A second batch on the same day must not overwrite the first.
	r := NewCopier(CopyOptions{OutDir: out, Prefix: "web", Now: time.Date(2026, 11, 30, 15, 0, 0, 0, time.UTC)}).Copy(a, nil)
	if filepath.Base(r.Output) != "web-20261130-003.jpg" {
		t.Errorf("second batch wrote %q, want web-20261130-003.jpg", r.Output)
	}
}

func TestRefusedFilesGetAReasonAndLeaveNothing(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	text := filepath.Join(in, "notes.jpg")
	if err := os.WriteFile(text, []byte("not a photo at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := writeJPEG(t, in, "whole.jpg")
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(in, "cut.jpg")
	if err := os.WriteFile(cut, data[:len(data)/3], 0o644); err != nil {
		t.Fatal(err)
	}
	c := NewCopier(CopyOptions{OutDir: out})
	for _, p := range []string{text, cut, filepath.Join(in, "missing.jpg")} {
		before, _ := os.ReadFile(p)
		r := c.Copy(p, nil)
		if r.Error == "" || r.Output != "" {
			t.Errorf("%s: want a reason and no copy, got %+v", filepath.Base(p), r)
		}
		if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
			t.Errorf("%s: the original changed", filepath.Base(p))
		}
	}
	left, _ := os.ReadDir(out)
	if len(left) != 0 {
		t.Errorf("the output folder holds %d files after refusals, want none", len(left))
	}
}

func TestExpandSkipsDocumentsInFoldersButNotNamedFiles(t *testing.T) {
	dir := t.TempDir()
	photo := writeJPEG(t, dir, "a.jpg")
	sub := filepath.Join(dir, "trip")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	inSub := writeJPEG(t, sub, "b.JPG")
	doc := filepath.Join(dir, "letter.docx")
	if err := os.WriteFile(doc, []byte("PK\x03\x04 a document"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeJPEG(t, dir, ".hidden.jpg")
	writeJPEG(t, dir, ".photoconsent-123.part")
	misnamed := writeJPEG(t, dir, "scan.dat") // found by its content
	damaged := filepath.Join(dir, "z.jpg")    // named as a photo: reported, not skipped
	if err := os.WriteFile(damaged, []byte("not a photo at all"), 0o644); err != nil {
		t.Fatal(err)
	}

	files, problems := Expand([]string{dir, doc})
	want := []string{photo, misnamed, inSub, damaged, doc}
	if strings.Join(files, "\n") != strings.Join(want, "\n") || len(problems) != 0 {
		t.Errorf("Expand = %v (problems %v), want %v", files, problems, want)
	}
}

// TestOneWarningForAForenameManyPupilsShare: "Amelia" alone is one warning
// naming a few Amelias, not one line per Amelia in the school.
func TestOneWarningForAForenameManyPupilsShare(t *testing.T) {
	var people []names.Person
	for i := range 40 {
		people = append(people, names.Person{ID: fmt.Sprint(i), Forenames: []string{"Amelia"}, Surnames: []string{fmt.Sprintf("Surname%c", 'A'+i%26)}})
	}
	people = append(people, names.Person{ID: "zz", Forenames: []string{"Zoë"}, Surnames: []string{"Adeyemi"}})
	p := NewPupils(people)
	var r Report
	p.find(&r, "file name", "IMG_0042_Amelia_and_Zoe_Adeyemi.jpg")
	if len(r.Names) != 2 {
		t.Fatalf("names = %+v, want one block for Zoë and one warning for all the Amelias", r.Names)
	}
	var warn Name
	for _, n := range r.Names {
		if n.Severity == names.Warn {
			warn = n
		}
	}
	if warn.Text != "Amelia" || !strings.HasSuffix(warn.Pupil, "or 38 other pupils") {
		t.Errorf("warning = %+v, want Amelia naming two pupils and 38 others", warn)
	}
}

// TestCopyNeverReplacesAFile: a file that appears under the next name
// after the batch began (another batch writing to the same folder) is kept,
// and the copy takes the next free name.
func TestCopyNeverReplacesAFile(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	a := writeJPEG(t, in, "a.jpg")
	c := NewCopier(CopyOptions{OutDir: out, Prefix: "x", SyncLater: true, Now: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)})
	p := c.Prepare(a, nil)
	if err := c.Sync([]Pending{p}); err != nil {
		t.Fatal(err)
	}
	taken := filepath.Join(out, "x-20260102-001.jpg")
	if err := os.WriteFile(taken, []byte("someone else's"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := c.Commit(p)
	if r.Error != "" || filepath.Base(r.Output) != "x-20260102-002.jpg" {
		t.Errorf("copy went to %q (error %q), want x-20260102-002.jpg", r.Output, r.Error)
	}
	if b, _ := os.ReadFile(taken); string(b) != "someone else's" {
		t.Errorf("the file already under the name was replaced")
	}
}

// TestLookThenRename is the fallback where the file system cannot refuse
// in the rename itself.
func TestLookThenRename(t *testing.T) {
	dir := t.TempDir()
	old, taken, free := filepath.Join(dir, "old"), filepath.Join(dir, "taken"), filepath.Join(dir, "free")
	for _, p := range []string{old, taken} {
		if err := os.WriteFile(p, []byte(filepath.Base(p)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := lookThenRename(old, taken); !errors.Is(err, os.ErrExist) {
		t.Errorf("onto a file: %v, want os.ErrExist", err)
	}
	if b, _ := os.ReadFile(taken); string(b) != "taken" {
		t.Errorf("the file there was replaced")
	}
	if err := lookThenRename(old, free); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(free); string(b) != "old" {
		t.Errorf("free name holds %q, want the renamed file", b)
	}
}

// TestFlushWhilePreparing: flushing runs beside the workers and stops when
// told; the batch's copies are then synced, named and whole.
func TestFlushWhilePreparing(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	c := NewCopier(CopyOptions{OutDir: out, Prefix: "x", SyncLater: true})
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		c.FlushWhile(stop)
		close(stopped)
	}()
	var ps []Pending
	for i := range 5 {
		ps = append(ps, c.Prepare(writeJPEG(t, in, fmt.Sprintf("%d.jpg", i)), nil))
	}
	close(stop)
	select {
	case <-stopped:
	case <-time.After(time.Minute):
		t.Fatal("FlushWhile did not stop")
	}
	if err := c.Sync(ps); err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		r := c.Commit(p)
		if r.Error != "" {
			t.Fatalf("%s: %s", r.File, r.Error)
		}
		b, err := os.ReadFile(r.Output)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := jpeg.Decode(bytes.NewReader(b)); err != nil {
			t.Errorf("%s: the copy does not decode: %v", r.Output, err)
		}
	}
}

// TestBatchSyncedOnceNamesInCommitOrder: with SyncLater, copies prepared in
// any order are synced together and numbered in the order they are committed.
func TestBatchSyncedOnceNamesInCommitOrder(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	a, b := writeJPEG(t, in, "a.jpg"), writeJPEG(t, in, "b.jpg")
	c := NewCopier(CopyOptions{OutDir: out, Prefix: "x", SyncLater: true, Now: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)})
	pb := c.Prepare(b, nil)
	pa := c.Prepare(a, nil)
	if err := c.Sync([]Pending{pb, pa}); err != nil {
		t.Fatal(err)
	}
	ra, rb := c.Commit(pa), c.Commit(pb)
	if filepath.Base(ra.Output) != "x-20260102-001.jpg" || filepath.Base(rb.Output) != "x-20260102-002.jpg" {
		t.Errorf("outputs %q, %q; want a as 001 and b as 002", ra.Output, rb.Output)
	}
	if err := c.Finish(); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(out, ".photoconsent-*"))
	if len(left) != 0 {
		t.Errorf("temp files left: %v", left)
	}
}

// TestVerifyRefusesShortOrLocatedCopies checks the read-back that stands
// between a written copy and its neutral name.
func TestVerifyRefusesShortOrLocatedCopies(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(writeJPEG(t, dir, "a.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	o := &opened{format: JPEG, h: handlers[JPEG]}
	if err := verify(bytes.NewReader(good), int64(len(good)), o); err != nil {
		t.Fatalf("a whole clean JPEG failed verification: %v", err)
	}
	// The cleaner said it wrote more than the file holds: cut short.
	if err := verify(bytes.NewReader(good), int64(len(good))+100, o); err == nil {
		t.Error("a copy shorter than what was written passed verification")
	}
	// A GPS IFD left in the copy.
	be := binary.BigEndian
	ex := []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x01")
	ex = append(ex, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26) // GPS IFD at 26
	ex = be.AppendUint32(ex, 0)
	ex = append(ex, 0, 1, 0, 0, 0, 1, 0, 0, 0, 4, 2, 3, 0, 0) // GPSVersionID
	ex = be.AppendUint32(ex, 0)
	located := append([]byte{0xFF, 0xD8, 0xFF, 0xE1}, be.AppendUint16(nil, uint16(len(ex)+2))...)
	located = append(append(located, ex...), good[2:]...)
	err = verify(bytes.NewReader(located), int64(len(located)), o)
	if err == nil || !strings.Contains(err.Error(), "location") {
		t.Errorf("a copy holding GPS gave %v, want a location error", err)
	}
}

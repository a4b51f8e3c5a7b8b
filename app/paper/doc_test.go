package paper

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pdfText writes data to a temp file and returns pdftotext's output,
// skipping the test when poppler is not installed.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	return runPoppler(t, data, "pdftotext", "-layout")
}

// pdfPages returns the page count pdfinfo reports.
func pdfPages(t *testing.T, data []byte) string {
	t.Helper()
	for _, line := range strings.Split(runPoppler(t, data, "pdfinfo"), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatal("pdfinfo printed no page count")
	return ""
}

func runPoppler(t *testing.T, data []byte, tool string, flags ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s is not installed", tool)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	args := append(flags, path)
	if tool == "pdftotext" {
		args = append(args, "-")
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v: %s", tool, err, out)
	}
	return string(out)
}

func TestNewPrintsUnicodeAndPageNumbers(t *testing.T) {
	pdf := New()
	SetFooter(pdf, func() string { return "Footnote" })
	for _, name := range []string{"Zoë Brontë", "Nguyễn Văn An"} {
		pdf.AddPage()
		pdf.Cell(0, 10, name)
	}
	var buf bytes.Buffer
	if err := Write(pdf, &buf); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	for _, want := range []string{"Zoë Brontë", "Nguyễn Văn An", "Page 1 of 2", "Page 2 of 2", "Footnote"} {
		t.Run(want, func(t *testing.T) {
			if !strings.Contains(text, want) {
				t.Errorf("PDF text = %q, want it to contain %q", text, want)
			}
		})
	}
	if got := pdfPages(t, buf.Bytes()); got != "2" {
		t.Errorf("pages = %s, want 2", got)
	}
}

func TestSaveFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(path, []byte("the good file"), 0o600); err != nil {
		t.Fatal(err)
	}
	failed := SaveFile(path, func(w io.Writer) error {
		if _, err := io.WriteString(w, "half a"); err != nil {
			return err
		}
		return errors.New("disk on fire")
	})
	if failed == nil {
		t.Error("SaveFile returned no error when writing failed")
	}
	if err := SaveFile(filepath.Join(dir, "new.pdf"), func(w io.Writer) error {
		_, err := io.WriteString(w, "new")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"out.pdf": "the good file", "new.pdf": "new"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v, want %q", name, got, err, want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("folder holds %d files, want 2 (no temporary files left)", len(entries))
	}
}

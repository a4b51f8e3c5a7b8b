package jpeg

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/corpustest"
)

// BenchmarkClean cleans the largest corpus JPEG from an open file into a
// temp file, the way the command line does.
func BenchmarkClean(b *testing.B) {
	dir, all := corpustest.Load(b)
	var name string
	var size int64
	for _, e := range corpustest.Only(all, "JPEG") {
		if fi, err := os.Stat(filepath.Join(dir, e.Path)); err == nil && fi.Size() > size && !wantMalformed[e.Path] {
			name, size = filepath.Join(dir, e.Path), fi.Size()
		}
	}
	in, err := os.Open(name)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(filepath.Join(b.TempDir(), "out.jpg"))
	if err != nil {
		b.Fatal(err)
	}
	defer out.Close()
	b.SetBytes(size)
	for b.Loop() {
		if _, err := out.Seek(0, io.SeekStart); err != nil {
			b.Fatal(err)
		}
		if _, err := Clean(in, size, out, metadata.CleanOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

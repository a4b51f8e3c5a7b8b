package bmff

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"photoconsent/app/metadata"
)

// seeds adds synthetic files and the small corpus files.
func seeds(f *testing.F) {
	f.Add(movie(bx("udta", bx("\xa9xyz", qtText("+51.5-000.1/")), full("loci", 0, make([]byte, 20)))))
	f.Add(movie(keysMeta("com.apple.quicktime.location.ISO6709", "+51.5-000.1/", "com.apple.quicktime.make", "Apple")))
	f.Add(append(movie(), bx("uuid", uuidXMP[:], xmpPacket)...))
	for _, v := range []byte{0, 1, 2} {
		file, _ := heifFile(&testing.T{}, v, v == 2)
		f.Add(file)
	}
	dir, files := corpus(f)
	for _, cf := range files {
		b, err := os.ReadFile(filepath.Join(dir, cf.Path))
		if err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
}

func FuzzClean(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, err := Inspect(bytes.NewReader(b), int64(len(b))); err != nil {
			return
		}
		var out bytes.Buffer
		if _, err := Clean(bytes.NewReader(b), int64(len(b)), &out, metadata.CleanOptions{}); err != nil {
			return
		}
		if out.Len() != len(b) {
			t.Fatalf("cleaned copy is %d bytes, want %d", out.Len(), len(b))
		}
		f2, err := Inspect(bytes.NewReader(out.Bytes()), int64(out.Len()))
		if err != nil {
			t.Fatalf("cleaned copy does not parse: %v", err)
		}
		for _, l := range f2.Location {
			if !l.Unremovable {
				t.Fatalf("cleaned copy still has %v", l)
			}
		}
	})
}

func FuzzParseIloc(f *testing.F) {
	f.Add([]byte{1, 0, 0, 0, 0x84, 0x04, 0, 1, 0, 7, 0, 1, 0, 0, 0, 1, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 3, 0xe8, 0, 0, 0, 50})
	f.Add([]byte{0, 0, 0, 0, 0x44, 0x40, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 8})
	f.Add([]byte{2, 0, 0, 0, 0x00, 0x00, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		locs, err := parseIloc(b)
		if err != nil {
			return
		}
		n := 0
		for _, l := range locs {
			n += len(l.extents)
		}
		if n > maxExtents {
			t.Fatalf("%d extents", n)
		}
	})
}

func FuzzParseKeys(f *testing.F) {
	f.Add([]byte("\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x2cmdtacom.apple.quicktime.location.ISO6709"))
	f.Add([]byte("\x00\x00\x00\x00\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		keys, err := parseKeys(b)
		if err == nil && len(keys) > int(maxKeys) {
			t.Fatalf("%d keys", len(keys))
		}
		for _, k := range keys {
			_ = keyInfo(k)
		}
		_ = userText("\xa9nam", b)
		_ = userText("kywd", b)
		_ = dataText(b)
		_, _ = parseInfe(b)
		_ = gpsTags(b)
		_ = exifTIFF(b)
	})
}

package webp

import (
	"bytes"
	"testing"

	"photoconsent/app/metadata/corpustest"
)

func TestCorpus(t *testing.T) {
	corpustest.Still{
		Formats: []string{"Extended WEBP", "WEBP"},
		Ext:     ".webp",
		Inspect: Inspect,
		Clean:   Clean,
		Check: func(t *testing.T, in, out []byte) {
			if hasChunk(t, in, "ICCP") != hasChunk(t, out, "ICCP") {
				t.Errorf("ICC profile lost")
			}
			samePixels(t, in, out)
		},
		Harmless: func(string) bool { return false }, // exiftool must have nothing to say
	}.Run(t)
}

func hasChunk(t *testing.T, b []byte, fourCC string) bool {
	t.Helper()
	cs, _, err := chunks(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.fourCC == fourCC {
			return true
		}
	}
	return false
}

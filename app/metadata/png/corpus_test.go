package png

import (
	"bytes"
	"strings"
	"testing"

	"photoconsent/app/metadata/corpustest"
)

func TestCorpus(t *testing.T) {
	corpustest.Still{
		Formats: []string{"PNG"},
		Ext:     ".png",
		Inspect: Inspect,
		Clean:   Clean,
		Check: func(t *testing.T, in, out []byte) {
			if bytes.Contains(in, []byte("iCCP")) && !bytes.Contains(out, []byte("iCCP")) {
				t.Errorf("ICC profile lost")
			}
			samePixels(t, in, out)
		},
		// exiftool's minor note that text chunks follow the image data is harmless.
		Harmless: func(w string) bool { return strings.Contains(w, "after PNG IDAT") },
	}.Run(t)
}

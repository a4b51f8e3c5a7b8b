package gate

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"photoconsent/app/media"
	"photoconsent/app/metadata"
)

// written is what writing one copy did.
type written struct {
	original    string // the original's SHA-256, hex
	output      string // the copy's path
	copyHash    string // the copy's SHA-256, hex
	resized     int    // the longest side it was resized to, or 0
	unremovable []metadata.Finding
}

// write makes the publish-safe copy of one item: resized and re-encoded
// when asked and the photo is larger, blurred and re-encoded when pupils
// are to be blurred, else a lossless copy without
// location, identity or a revealing name. The original is only read.
//
// A copy with pupils blurred is always re-encoded: the pixels change.
func (x *export) write(it Item) (written, error) {
	if boxes := it.blurBoxes(); len(boxes) > 0 {
		return x.blurred(it.Path, boxes)
	}
	if x.opt.Resize > 0 && resizable(media.Format(it.Check.Format)) {
		w, ok, err := x.resize(it.Path)
		if err != nil || ok {
			return w, err
		}
		// Already small enough: the lossless copy loses nothing.
		return x.lossless(it.Path, w.original)
	}
	return x.lossless(it.Path, "")
}

// lossless copies the file with media's cleaner. sum is the original's
// hash when the caller already read it.
func (x *export) lossless(path, sum string) (written, error) {
	var err error
	if sum == "" {
		if sum, err = hashFile(path); err != nil {
			return written{}, err
		}
	}
	w := written{original: sum}
	r := x.copier.Copy(path, nil)
	if r.Error != "" {
		return w, errors.New(r.Error)
	}
	w.output, w.unremovable = r.Output, r.Unremovable
	if w.copyHash, err = hashFile(r.Output); err != nil {
		return w, err
	}
	return w, nil
}

// hashFile is the SHA-256 of a file's content, hex.
func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// claim picks the next free neutral name for a re-encoded copy, in the
// same pattern the copier uses: <prefix>-<yyyymmdd>-<nnn>.<ext>.
func (x *export) claim(ext string) (string, error) {
	day := x.now.Format("20060102")
	for n := 1; n < 100_000; n++ {
		p := filepath.Join(x.opt.OutDir, fmt.Sprintf("%s-%s-%03d%s", x.opt.Prefix, day, n, ext))
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			return p, nil
		}
	}
	return "", errors.New("the output folder has no free names left for today")
}

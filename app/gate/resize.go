package gate

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"io"
	"os"

	"github.com/disintegration/imaging"

	"photoconsent/app/faces"
	"photoconsent/app/media"
)

// Limits on what is decoded for resizing, blurring or finding faces: a
// file or a picture beyond them is refused rather than risking the
// machine's memory.
const (
	maxResizeBytes  = 200 << 20
	maxResizePixels = 250_000_000
	jpegQuality     = 88
)

// resizable formats are decoded and re-encoded when resizing; other
// photos and every video keep their pixels and get the lossless copy.
func resizable(f media.Format) bool { return f == media.JPEG || f == media.PNG }

// resize writes a copy whose longest side is at most x.opt.Resize, turned
// upright, re-encoded (so it holds no metadata at all) and checked. ok is
// false, with the original's hash, when the photo is already small enough.
func (x *export) resize(path string) (w written, ok bool, err error) {
	b, err := readCapped(path, maxResizeBytes)
	if err != nil {
		return w, false, err
	}
	w.original = hashOf(b)
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err == nil && max(cfg.Width, cfg.Height) <= x.opt.Resize {
		return w, false, nil
	}
	img, kind, err := decodeBytes(b)
	if err != nil {
		return w, false, err
	}
	return x.reencode(w, img, kind, nil)
}

// blurred writes a copy with the boxes obscured, resized too when asked,
// re-encoded and checked like a resized one.
func (x *export) blurred(path string, boxes []faces.Box) (w written, err error) {
	b, err := readCapped(path, maxResizeBytes)
	if err != nil {
		return w, err
	}
	w.original = hashOf(b)
	img, kind, err := decodeBytes(b)
	if err != nil {
		return w, err
	}
	w, _, err = x.reencode(w, img, kind, boxes)
	return w, err
}

// reencode obscures the boxes (in the full-size upright picture, before
// any resizing), resizes when asked and the picture is larger, and writes
// the copy.
func (x *export) reencode(w written, img image.Image, kind string, boxes []faces.Box) (written, bool, error) {
	if len(boxes) > 0 {
		img = faces.Obscure(img, boxes)
	}
	if r := x.opt.Resize; r > 0 && max(img.Bounds().Dx(), img.Bounds().Dy()) > r {
		img = imaging.Fit(img, r, r, imaging.Lanczos)
		w.resized = r
	}
	var err error
	w.output, w.copyHash, err = x.encode(img, kind)
	return w, err == nil, err
}

// decodeUpright reads and decodes a photo, turned upright, for the face
// detector.
func decodeUpright(path string) (image.Image, string, error) {
	b, err := readCapped(path, maxResizeBytes)
	if err != nil {
		return nil, "", err
	}
	return decodeBytes(b)
}

// decodeBytes decodes a JPEG or PNG turned upright by its EXIF
// orientation, refusing one with too many pixels before decoding it.
func decodeBytes(b []byte) (image.Image, string, error) {
	cfg, kind, err := image.DecodeConfig(bytes.NewReader(b))
	switch {
	case err != nil:
		return nil, "", fmt.Errorf("the photo could not be decoded: %w", err)
	case cfg.Width*cfg.Height > maxResizePixels:
		return nil, "", errors.New("the photo has too many pixels to decode")
	}
	img, err := imaging.Decode(bytes.NewReader(b), imaging.AutoOrientation(true))
	if err != nil {
		return nil, "", fmt.Errorf("the photo could not be decoded: %w", err)
	}
	return img, kind, nil
}

// hashOf is the SHA-256 of b, hex.
func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// readCapped reads a whole file of at most limit bytes.
func readCapped(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("the photo is larger than %d MB, too large to resize", limit>>20)
	}
	return b, nil
}

// encode writes img to a temp file in the output folder (JPEG for a JPEG,
// PNG for a PNG), syncs it, checks it holds no location, and renames it to
// the next neutral name. It returns the copy's path and hash.
func (x *export) encode(img image.Image, kind string) (string, string, error) {
	format, ext := imaging.PNG, ".png"
	if kind == "jpeg" {
		format, ext = imaging.JPEG, ".jpg"
	}
	tmp, err := os.CreateTemp(x.opt.OutDir, ".photoconsent-*.part")
	if err != nil {
		return "", "", err
	}
	h := sha256.New()
	bw := bufio.NewWriter(io.MultiWriter(tmp, h))
	err = imaging.Encode(bw, img, format, imaging.JPEGQuality(jpegQuality))
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = checkEncoded(tmp.Name())
	}
	var final string
	if err == nil {
		final, err = x.claim(ext)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), final)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", "", err
	}
	if err := x.copier.Finish(); err != nil { // the rename, durable
		os.Remove(final)
		return "", "", err
	}
	return final, hex.EncodeToString(h.Sum(nil)), nil
}

// checkEncoded reads a re-encoded copy back: it must parse and hold no
// location at all.
func checkEncoded(path string) error {
	r := media.Check(path, nil)
	switch {
	case r.Error != "":
		return fmt.Errorf("the re-encoded copy could not be read back: %s", r.Error)
	case len(r.Location) > 0:
		return errors.New("the re-encoded copy still holds location")
	}
	return nil
}

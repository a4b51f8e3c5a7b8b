package register

import (
	"bytes"
	"errors"
	"image/jpeg"

	"photoconsent/app/access"
	"photoconsent/app/publog"
)

// Caps on a publication log thumbnail: a 160-pixel JPEG is a few
// kilobytes. The side is capped too, so that reading one back can never
// decode a huge picture from a few bytes.
const (
	MaxLogThumbnail     = 64 << 10 // bytes
	MaxLogThumbnailSide = 512      // pixels
)

// ErrThumbnailExists is returned when an entry already has its thumbnail:
// a thumbnail, once kept, is never replaced.
var ErrThumbnailExists = errors.New("the entry already has a thumbnail")

// SaveLogThumbnail keeps a small JPEG of an entry's photo in the encrypted
// register, for the log's entry detail. Only the person who logged the
// entry may add it, once. Thumbnails are kept outside the hash chain, under
// their own keys: retention can delete a pupil's thumbnails later without
// changing any entry, so --verify still passes.
func (s *Session) SaveLogThumbnail(seq int64, b []byte) error {
	if err := s.check(access.Publish); err != nil {
		return err
	}
	if err := checkThumbnail(b); err != nil {
		return err
	}
	return s.store.Update(func(tx Tx) error {
		var e publog.Entry
		if ok, err := tx.Get(publogKey(seq), &e); err != nil {
			return err
		} else if !ok {
			return invalidf("there is no publication log entry %d", seq)
		}
		switch {
		case e.Kind == publog.TakenDown:
			return invalidf("a takedown's entry has no photo")
		case e.By != s.me.ID:
			return invalidf("only the person who logged entry %d can add its thumbnail", seq)
		}
		if _, ok, err := tx.GetBlob(logThumbKey(seq)); err != nil {
			return err
		} else if ok {
			return ErrThumbnailExists
		}
		return tx.PutBlob(logThumbKey(seq), b)
	})
}

// checkThumbnail refuses bytes that are too large or not a JPEG.
func checkThumbnail(b []byte) error {
	if len(b) > MaxLogThumbnail {
		return invalidf("a thumbnail is larger than %d KB", MaxLogThumbnail>>10)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return invalidf("a thumbnail must be a JPEG picture")
	}
	if cfg.Width > MaxLogThumbnailSide || cfg.Height > MaxLogThumbnailSide {
		return invalidf("a thumbnail may be at most %d pixels on each side", MaxLogThumbnailSide)
	}
	return nil
}

// LogThumbnail returns the entry's thumbnail, and false when it has none
// (head only, like the log).
func (s *Session) LogThumbnail(seq int64) ([]byte, bool, error) {
	if err := s.check(access.ViewLog); err != nil {
		return nil, false, err
	}
	var (
		b  []byte
		ok bool
	)
	err := s.store.View(func(tx Tx) error {
		var err error
		b, ok, err = tx.GetBlob(logThumbKey(seq))
		return err
	})
	if err != nil {
		return nil, false, err
	}
	return b, ok, nil
}

package storage

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"photoconsent/storage/keyring"
)

// The decrypted payload is a run of records, each a tag byte then fields
// with uvarint lengths:
//
//	'K' keyring.json's bytes           first, exactly once
//	'R' key, value                     every record, in key order
//	'E' count of 'R' records           last, exactly once
const (
	tagKeyring = 'K'
	tagRecord  = 'R'
	tagEnd     = 'E'
)

type recordWriter struct {
	w   *bufio.Writer
	tmp []byte
	n   uint64
}

func newRecordWriter(w io.Writer) *recordWriter {
	return &recordWriter{w: bufio.NewWriterSize(w, chunkSize)}
}

func (rw *recordWriter) field(b []byte) error {
	rw.tmp = binary.AppendUvarint(rw.tmp[:0], uint64(len(b)))
	if _, err := rw.w.Write(rw.tmp); err != nil {
		return err
	}
	_, err := rw.w.Write(b)
	return err
}

func (rw *recordWriter) keyring(b []byte) error {
	if err := rw.w.WriteByte(tagKeyring); err != nil {
		return err
	}
	return rw.field(b)
}

func (rw *recordWriter) record(key, value []byte) error {
	if err := rw.w.WriteByte(tagRecord); err != nil {
		return err
	}
	if err := rw.field(key); err != nil {
		return err
	}
	rw.n++
	return rw.field(value)
}

func (rw *recordWriter) end() error {
	if err := rw.w.WriteByte(tagEnd); err != nil {
		return err
	}
	rw.tmp = binary.AppendUvarint(rw.tmp[:0], rw.n)
	if _, err := rw.w.Write(rw.tmp); err != nil {
		return err
	}
	return rw.w.Flush()
}

// recordReader reads the payload back. Its input has passed authentication,
// but it is still checked: sizes are capped and the shape enforced.
type recordReader struct {
	r *bufio.Reader
	n uint64
}

func newRecordReader(r io.Reader) *recordReader {
	return &recordReader{r: bufio.NewReaderSize(r, chunkSize)}
}

// readKeyring reads the first record, which must be the keyring.
func (rr *recordReader) readKeyring() ([]byte, error) {
	tag, err := rr.r.ReadByte()
	if err != nil {
		return nil, damaged(err)
	}
	if tag != tagKeyring {
		return nil, fmt.Errorf("no keyring at the start: %w", ErrBackupDamaged)
	}
	return rr.field(keyring.MaxFileSize)
}

// next returns the next record, or ok false at the end record, after
// checking the count and that nothing follows it.
func (rr *recordReader) next() (key, value []byte, ok bool, err error) {
	tag, err := rr.r.ReadByte()
	if err != nil {
		return nil, nil, false, damaged(err)
	}
	switch tag {
	case tagRecord:
		if key, err = rr.field(maxKeySize); err != nil {
			return nil, nil, false, err
		}
		if value, err = rr.field(maxValueSize); err != nil {
			return nil, nil, false, err
		}
		rr.n++
		return key, value, true, nil
	case tagEnd:
		return nil, nil, false, rr.finish()
	}
	return nil, nil, false, fmt.Errorf("unknown record %q: %w", tag, ErrBackupDamaged)
}

func (rr *recordReader) finish() error {
	count, err := binary.ReadUvarint(rr.r)
	if err != nil {
		return damaged(err)
	}
	if count != rr.n {
		return fmt.Errorf("%d records, the backup says %d: %w", rr.n, count, ErrBackupDamaged)
	}
	if _, err := rr.r.ReadByte(); !errors.Is(err, io.EOF) {
		return damaged(err)
	}
	return nil
}

func (rr *recordReader) field(max int) ([]byte, error) {
	n, err := binary.ReadUvarint(rr.r)
	if err != nil {
		return nil, damaged(err)
	}
	if n > uint64(max) {
		return nil, fmt.Errorf("a field of %d bytes: %w", n, ErrBackupDamaged)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(rr.r, b); err != nil {
		return nil, damaged(err)
	}
	return b, nil
}

// damaged keeps ErrBackupDamaged from the decrypting reader and turns an
// early end, or trailing bytes, into it.
func damaged(err error) error {
	if err == nil || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("the payload ends early or runs on: %w", ErrBackupDamaged)
	}
	return err
}

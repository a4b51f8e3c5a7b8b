package storage

import (
	"bufio"
	"crypto/cipher"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"golang.org/x/crypto/chacha20poly1305"
)

// The payload is cut into 64 KiB chunks, each sealed with ChaCha20-Poly1305
// under the file key. As in age's STREAM, the nonce is the chunk's number
// with a last byte of 1 on the final chunk, so chunks cannot be reordered,
// dropped or repeated, and a file cut at a chunk boundary fails too: its
// last chunk was not sealed as final.
const (
	chunkSize   = 64 << 10
	sealedChunk = chunkSize + chacha20poly1305.Overhead
)

func chunkNonce(n uint64, final bool) []byte {
	nonce := make([]byte, chacha20poly1305.NonceSize)
	binary.BigEndian.PutUint64(nonce[3:11], n)
	if final {
		nonce[11] = 1
	}
	return nonce
}

// sealWriter encrypts what is written to it. Close seals the final chunk;
// it must be called, and it never closes the underlying writer.
type sealWriter struct {
	w    io.Writer
	aead cipher.AEAD
	ad   []byte
	buf  []byte
	n    uint64
}

func newSealWriter(w io.Writer, key, ad []byte) (*sealWriter, error) {
	aead, err := chacha20poly1305.New(key)
	if err != nil {
		return nil, err
	}
	return &sealWriter{w: w, aead: aead, ad: ad, buf: make([]byte, 0, sealedChunk)}, nil
}

// Write keeps at least one byte back, so the final chunk is never empty and
// a reader can tell it from the others by its nonce alone.
func (s *sealWriter) Write(p []byte) (int, error) {
	total := len(p)
	for len(p) > 0 {
		if len(s.buf) == chunkSize {
			if err := s.flush(false); err != nil {
				return total - len(p), err
			}
		}
		n := copy(s.buf[len(s.buf):chunkSize], p)
		s.buf = s.buf[:len(s.buf)+n]
		p = p[n:]
	}
	return total, nil
}

func (s *sealWriter) Close() error { return s.flush(true) }

func (s *sealWriter) flush(final bool) error {
	out := s.aead.Seal(s.buf[:0], chunkNonce(s.n, final), s.buf, s.ad)
	s.n++
	_, err := s.w.Write(out)
	s.buf = s.buf[:0]
	return err
}

// openReader decrypts the payload. It returns ErrBackupDamaged for any chunk
// that fails to open, and io.EOF only after the final chunk.
type openReader struct {
	r    *bufio.Reader
	aead cipher.AEAD
	ad   []byte
	in   []byte
	out  []byte // decrypted, not yet read
	n    uint64
	done bool
}

func newOpenReader(r io.Reader, key, ad []byte) (*openReader, error) {
	aead, err := chacha20poly1305.New(key)
	if err != nil {
		return nil, err
	}
	return &openReader{r: bufio.NewReaderSize(r, sealedChunk+1), aead: aead, ad: ad, in: make([]byte, sealedChunk)}, nil
}

func (o *openReader) Read(p []byte) (int, error) {
	for len(o.out) == 0 {
		if o.done {
			return 0, io.EOF
		}
		if err := o.next(); err != nil {
			return 0, err
		}
	}
	n := copy(p, o.out)
	o.out = o.out[n:]
	return n, nil
}

// next opens one chunk. A short chunk must be the final one; a full chunk
// is final only if nothing follows it.
func (o *openReader) next() error {
	n, err := io.ReadFull(o.r, o.in)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
	case err != nil:
		return fmt.Errorf("reading the backup: %w", err)
	}
	final := n < sealedChunk
	if !final {
		_, perr := o.r.Peek(1)
		final = errors.Is(perr, io.EOF)
	}
	out, oerr := o.aead.Open(o.in[:0], chunkNonce(o.n, final), o.in[:n], o.ad)
	if oerr != nil || (final && len(out) == 0) {
		return fmt.Errorf("chunk %d does not open: %w", o.n, ErrBackupDamaged)
	}
	o.n++
	o.out, o.done = out, final
	return nil
}

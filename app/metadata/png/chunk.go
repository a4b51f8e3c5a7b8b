package png

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"

	"photoconsent/app/metadata"
)

const signature = "\x89PNG\r\n\x1a\n"

// maxChunks bounds the chunks of one file: a long APNG has a few hundred
// thousand; a hostile file of empty chunks must not exhaust memory.
const maxChunks = 1 << 20

// chunk is one PNG chunk: 4-byte length, 4-byte type, data, 4-byte CRC.
type chunk struct {
	off  int64 // of the length field
	size uint32
	typ  string
}

// end is the offset just past the chunk's CRC.
func (c chunk) end() int64 { return c.off + 12 + int64(c.size) }

// data returns the chunk's data, refusing any over metadata.MaxPayload.
func (c chunk) data(r io.ReaderAt) ([]byte, error) {
	if c.size > metadata.MaxPayload {
		return nil, metadata.Malformedf("PNG %s chunk of %d bytes is over the %d byte cap", c.typ, c.size, metadata.MaxPayload)
	}
	b := make([]byte, c.size)
	if _, err := r.ReadAt(b, c.off+8); err != nil {
		return nil, metadata.Malformedf("PNG %s chunk cannot be read: %v", c.typ, err)
	}
	return b, nil
}

// chunks walks the file's chunks from the signature to IEND and returns
// them with the number of bytes that follow IEND. With checkCRCs it streams
// over each chunk to check its CRC.
func chunks(r io.ReaderAt, size int64, checkCRCs bool) ([]chunk, int64, error) {
	var sig [8]byte
	if size < 8 {
		return nil, 0, metadata.Malformedf("PNG shorter than its signature")
	}
	if _, err := r.ReadAt(sig[:], 0); err != nil || string(sig[:]) != signature {
		return nil, 0, metadata.Malformedf("PNG signature missing")
	}
	var out []chunk
	off := int64(8)
	buf := make([]byte, 32<<10)
	for {
		if off+12 > size {
			return nil, 0, metadata.Malformedf("PNG ends without an IEND chunk")
		}
		var h [8]byte
		if _, err := r.ReadAt(h[:], off); err != nil {
			return nil, 0, metadata.Malformedf("PNG chunk header cannot be read: %v", err)
		}
		c := chunk{off: off, size: binary.BigEndian.Uint32(h[:4]), typ: string(h[4:])}
		if c.size > 1<<31-1 {
			return nil, 0, metadata.Malformedf("PNG chunk length %d is over the PNG limit", c.size)
		}
		if !validType(h[4:]) {
			return nil, 0, metadata.Malformedf("PNG chunk type %q is not letters", h[4:])
		}
		if c.end() > size {
			return nil, 0, metadata.Malformedf("PNG %s chunk runs past the end", c.typ)
		}
		if len(out) == 0 && c.typ != "IHDR" {
			return nil, 0, metadata.Malformedf("PNG does not start with IHDR")
		}
		if checkCRCs {
			if err := checkCRC(r, c, buf); err != nil {
				return nil, 0, err
			}
		}
		out = append(out, c)
		if len(out) > maxChunks {
			return nil, 0, metadata.Malformedf("PNG has over %d chunks", maxChunks)
		}
		off = c.end()
		if c.typ == "IEND" {
			return out, size - off, nil
		}
	}
}

func validType(t []byte) bool {
	for _, c := range t {
		if (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}

// checkCRC streams over the chunk's type and data and compares the CRC.
func checkCRC(r io.ReaderAt, c chunk, buf []byte) error {
	h := crc32.NewIEEE()
	sr := io.NewSectionReader(r, c.off+4, 4+int64(c.size))
	if _, err := io.CopyBuffer(h, sr, buf); err != nil {
		return metadata.Malformedf("PNG %s chunk cannot be read: %v", c.typ, err)
	}
	var want [4]byte
	if _, err := r.ReadAt(want[:], c.end()-4); err != nil {
		return metadata.Malformedf("PNG %s chunk CRC cannot be read: %v", c.typ, err)
	}
	if h.Sum32() != binary.BigEndian.Uint32(want[:]) {
		return metadata.Malformedf("PNG %s chunk CRC does not match", c.typ)
	}
	return nil
}

// writeChunk writes a new chunk with its CRC.
func writeChunk(w io.Writer, typ string, data []byte) error {
	var b bytes.Buffer
	b.Grow(12 + len(data))
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	b.Write(n[:])
	b.WriteString(typ)
	b.Write(data)
	binary.BigEndian.PutUint32(n[:], crc32.ChecksumIEEE(b.Bytes()[4:]))
	b.Write(n[:])
	_, err := w.Write(b.Bytes())
	return err
}

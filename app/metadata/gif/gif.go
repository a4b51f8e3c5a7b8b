// Package gif inspects and cleans GIF files losslessly. Image descriptors
// with their colour tables and LZW data, graphic control blocks, the
// NETSCAPE2.0 loop count, ICC profiles and plain-text blocks (they are
// drawn) are copied byte for byte; comments, XMP and other application
// blocks are read for the report and left out.
package gif

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/iptc"
	"photoconsent/app/metadata/xmp"
)

// The payload readers, swappable so tests can see what is handed on.
var (
	inspectXMP  = xmp.Inspect
	inspectIPTC = iptc.Inspect
)

// maxText bounds one reported text value.
const maxText = 4096

// maxBlocks bounds the blocks of one file: a long animation has a few
// hundred thousand; a hostile file of empty blocks must not exhaust memory.
const maxBlocks = 1 << 20

// kind says what a block is and whether a clean copy keeps it.
type kind int

const (
	kindHeader  kind = iota // signature, screen descriptor, global colour table
	kindImage               // image descriptor, local colour table, LZW data
	kindControl             // graphic control extension
	kindPlain               // plain text extension: drawn, so kept
	kindLoop                // NETSCAPE2.0 / ANIMEXTS1.0
	kindICC                 // ICCRGBG1012 colour profile
	kindComment
	kindXMP
	kindIRB // ImageMagick's MGK8BIM0000 / MGKIPTC0000
	kindApp // any other application or unknown extension
	kindTrailer
)

// block is a byte range of the file with its kind; data holds the
// payload of blocks the report reads (comments, XMP, IPTC, plain text).
type block struct {
	off, end int64
	kind     kind
	app      string
	data     []byte
}

// reader tracks the offset while reading through a buffered stream.
type reader struct {
	br   *bufio.Reader
	off  int64
	kept int // payload bytes kept so far, across blocks
}

func (r *reader) byte() (byte, error) {
	c, err := r.br.ReadByte()
	if err != nil {
		return 0, metadata.Malformedf("GIF is cut short at byte %d", r.off)
	}
	r.off++
	return c, nil
}

func (r *reader) skip(n int64) error {
	m, err := r.br.Discard(int(n))
	r.off += int64(m)
	if err != nil {
		return metadata.Malformedf("GIF is cut short at byte %d", r.off)
	}
	return nil
}

func (r *reader) read(n int) ([]byte, error) {
	b := make([]byte, n)
	m, err := io.ReadFull(r.br, b)
	r.off += int64(m)
	if err != nil {
		return nil, metadata.Malformedf("GIF is cut short at byte %d", r.off)
	}
	return b, nil
}

// subBlocks reads data sub-blocks up to the zero terminator, keeping up to
// limit bytes of their raw stream (length bytes included) when keep is set.
func (r *reader) subBlocks(keep bool) ([]byte, error) {
	var out []byte
	for {
		n, err := r.byte()
		if err != nil {
			return nil, err
		}
		if keep {
			r.kept += 1 + int(n)
			if r.kept > metadata.MaxPayload {
				return nil, metadata.Malformedf("GIF metadata over the %d byte cap", metadata.MaxPayload)
			}
			out = append(out, n)
		}
		if n == 0 {
			return out, nil
		}
		if keep {
			b, err := r.read(int(n))
			if err != nil {
				return nil, err
			}
			out = append(out, b...)
		} else if err := r.skip(int64(n)); err != nil {
			return nil, err
		}
	}
}

// blocks walks the file to the trailer and returns its blocks and the
// number of bytes after the trailer.
func blocks(ra io.ReaderAt, size int64) ([]block, int64, error) {
	r := &reader{br: bufio.NewReaderSize(io.NewSectionReader(ra, 0, size), 32<<10)}
	head, err := r.read(13)
	if err != nil {
		return nil, 0, metadata.Malformedf("GIF shorter than its header")
	}
	if s := string(head[:6]); s != "GIF87a" && s != "GIF89a" {
		return nil, 0, metadata.Malformedf("GIF signature missing")
	}
	if head[10]&0x80 != 0 {
		if err := r.skip(3 << (1 + head[10]&7)); err != nil {
			return nil, 0, err
		}
	}
	out := []block{{off: 0, end: r.off, kind: kindHeader}}
	for {
		start := r.off
		c, err := r.byte()
		if err != nil {
			return nil, 0, metadata.Malformedf("GIF ends without a trailer")
		}
		b := block{off: start}
		switch c {
		case 0x3B:
			b.kind = kindTrailer
			b.end = r.off
			return append(out, b), size - r.off, nil
		case 0x2C:
			d, err := r.read(9)
			if err != nil {
				return nil, 0, err
			}
			if d[8]&0x80 != 0 {
				if err := r.skip(3 << (1 + d[8]&7)); err != nil {
					return nil, 0, err
				}
			}
			if _, err := r.byte(); err != nil { // LZW minimum code size
				return nil, 0, err
			}
			if _, err := r.subBlocks(false); err != nil {
				return nil, 0, err
			}
			b.kind = kindImage
		case 0x21:
			if err := r.extension(&b); err != nil {
				return nil, 0, err
			}
		default:
			return nil, 0, metadata.Malformedf("GIF block starts with %#02x at byte %d", c, start)
		}
		b.end = r.off
		out = append(out, b)
		if len(out) > maxBlocks {
			return nil, 0, metadata.Malformedf("GIF has over %d blocks", maxBlocks)
		}
	}
}

// extension reads an extension block after its 0x21 introducer.
func (r *reader) extension(b *block) error {
	label, err := r.byte()
	if err != nil {
		return err
	}
	switch label {
	case 0xF9:
		b.kind = kindControl
		_, err = r.subBlocks(false)
	case 0xFE:
		b.kind = kindComment
		b.data, err = r.subBlocks(true)
	case 0x01:
		b.kind = kindPlain
		b.data, err = r.subBlocks(true)
	case 0xFF:
		n, err := r.byte()
		if err != nil {
			return err
		}
		if n != 11 {
			b.kind = kindApp
			if err := r.skip(int64(n)); err != nil {
				return err
			}
			_, err = r.subBlocks(false)
			return err
		}
		id, err := r.read(11)
		if err != nil {
			return err
		}
		b.app = string(id)
		switch {
		case b.app == "NETSCAPE2.0" || b.app == "ANIMEXTS1.0":
			b.kind = kindLoop
		case strings.HasPrefix(b.app, "ICCRGBG1"):
			b.kind = kindICC
		case b.app == "XMP DataXMP":
			b.kind = kindXMP
		case b.app == "MGK8BIM0000" || b.app == "MGKIPTC0000":
			b.kind = kindIRB
		default:
			b.kind = kindApp
		}
		keep := b.kind == kindXMP || b.kind == kindIRB
		b.data, err = r.subBlocks(keep)
		return err
	default:
		b.kind = kindApp
		_, err = r.subBlocks(false)
	}
	return err
}

// joined returns the payload of sub-blocks without their length bytes.
func joined(raw []byte) []byte {
	var out []byte
	for len(raw) > 0 {
		n := int(raw[0])
		if n == 0 || 1+n > len(raw) {
			break
		}
		out = append(out, raw[1:1+n]...)
		raw = raw[1+n:]
	}
	return out
}

// xmpPacket returns the XMP stored in an "XMP DataXMP" block: the raw
// stream, length bytes and all, up to the end of the packet, before the
// 258-byte "magic trailer" that makes the bytes read as sub-blocks.
func xmpPacket(raw []byte) []byte {
	if i := bytes.Index(raw, []byte("<?xpacket end")); i >= 0 {
		if j := bytes.Index(raw[i:], []byte("?>")); j >= 0 {
			return raw[:i+j+2]
		}
	}
	if i := bytes.LastIndex(raw, []byte("</x:xmpmeta>")); i >= 0 {
		return raw[:i+len("</x:xmpmeta>")]
	}
	return raw
}

func text(b []byte) string {
	b = bytes.TrimRight(b, "\x00")
	if len(b) > maxText {
		b = b[:maxText]
	}
	if utf8.Valid(b) {
		return strings.TrimSpace(string(b))
	}
	s, err := charmap.ISO8859_1.NewDecoder().Bytes(b)
	if err != nil {
		return strings.TrimSpace(string(bytes.ToValidUTF8(b, []byte("\uFFFD"))))
	}
	return strings.TrimSpace(string(s))
}

// Inspect reports the file's location, identity and text metadata.
func Inspect(r io.ReaderAt, size int64) (metadata.Findings, error) {
	bs, _, err := blocks(r, size)
	if err != nil {
		return metadata.Findings{}, err
	}
	var f metadata.Findings
	for _, b := range bs {
		switch b.kind {
		case kindComment:
			if t := text(joined(b.data)); t != "" {
				f.Texts = append(f.Texts, metadata.Text{Where: "GIF:Comment", Text: t})
			}
		case kindPlain:
			// The first sub-block is the 12-byte text grid description.
			d := b.data
			if len(d) > 0 && int(d[0]) < len(d) {
				d = d[1+int(d[0]):]
			}
			if t := text(joined(d)); t != "" {
				f.Texts = append(f.Texts, metadata.Text{Where: "GIF:PlainText", Text: t})
			}
		case kindXMP:
			// A bad packet is not a bad file: report what it yields.
			g, _ := inspectXMP(xmpPacket(b.data))
			f.Add(g)
		case kindIRB:
			g, _ := inspectIPTC(joined(b.data))
			f.Add(g)
		}
	}
	return f, nil
}

// Clean writes a copy to w without location or identity metadata, keeping
// the pixels (bit for bit), the animation and the colour profile. GIF has
// no orientation of its own to keep.
func Clean(r io.ReaderAt, size int64, w io.Writer, _ metadata.CleanOptions) (metadata.Result, error) {
	var res metadata.Result
	bs, trailing, err := blocks(r, size)
	if err != nil {
		return res, err
	}
	buf := make([]byte, 32<<10)
	for _, b := range bs {
		switch b.kind {
		case kindComment, kindXMP, kindIRB, kindApp:
			res.Removed = append(res.Removed, describe(b))
			continue
		case kindICC:
			res.Kept = append(res.Kept, "ICC colour profile")
		}
		if _, err := io.CopyBuffer(w, io.NewSectionReader(r, b.off, b.end-b.off), buf); err != nil {
			return res, err
		}
	}
	if trailing > 0 {
		res.Removed = append(res.Removed, fmt.Sprintf("data after the end of the image (%s)", bytesText(trailing)))
	}
	return res, nil
}

func describe(b block) string {
	n := bytesText(b.end - b.off)
	switch b.kind {
	case kindComment:
		return "GIF comment (" + n + ")"
	case kindXMP:
		return "XMP packet (" + n + ")"
	case kindIRB:
		return "IPTC/Photoshop resources (" + n + ")"
	}
	if b.app != "" {
		return fmt.Sprintf("GIF application block %q (%s)", strings.ToValidUTF8(b.app, "?"), n)
	}
	return "GIF extension block (" + n + ")"
}

func bytesText(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d KB", (n+512)/1024)
}

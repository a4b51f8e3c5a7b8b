package png

import (
	"fmt"
	"io"
	"strings"

	"photoconsent/app/metadata"
)

// kept are the chunks a clean copy carries over byte for byte: the image,
// its colour (including the ICC profile in iCCP), transparency, pixel
// size, and APNG animation.
var kept = map[string]bool{
	"IHDR": true, "PLTE": true, "IDAT": true, "IEND": true,
	"tRNS": true, "gAMA": true, "cHRM": true, "sRGB": true, "iCCP": true, "sBIT": true,
	"pHYs": true, "bKGD": true, "hIST": true, "cICP": true, "mDCV": true, "cLLI": true, "mDCv": true, "cLLi": true,
	"acTL": true, "fcTL": true, "fdAT": true,
}

// Clean writes a copy to w without location or identity metadata, keeping
// the pixels (bit for bit), the orientation and the colour profile.
// Unknown critical chunks (upper-case first letter) are kept too, as a
// decoder cannot do without them; unknown ancillary ones are dropped.
func Clean(r io.ReaderAt, size int64, w io.Writer, opt metadata.CleanOptions) (metadata.Result, error) {
	var res metadata.Result
	cs, trailing, err := chunks(r, size, true)
	if err != nil {
		return res, err
	}
	f, captured, err := inspect(r, cs)
	if err != nil {
		return res, err
	}
	orientation := 0
	if f.Orientation > 1 {
		orientation = f.Orientation
	}
	date := ""
	if opt.KeepDate {
		date = captured
	}
	fresh := minimalEXIF(orientation, date)

	if _, err := io.WriteString(w, signature); err != nil {
		return res, err
	}
	buf := make([]byte, 32<<10)
	wroteEXIF := false
	for _, c := range cs {
		if c.typ == "IDAT" && !wroteEXIF && fresh != nil {
			if err := writeChunk(w, "eXIf", fresh); err != nil {
				return res, err
			}
			wroteEXIF = true
		}
		critical := c.typ[0] >= 'A' && c.typ[0] <= 'Z'
		if !kept[c.typ] && !critical {
			res.Removed = append(res.Removed, describe(r, c))
			continue
		}
		if _, err := io.CopyBuffer(w, io.NewSectionReader(r, c.off, c.end()-c.off), buf); err != nil {
			return res, err
		}
		if c.typ == "iCCP" {
			res.Kept = append(res.Kept, "ICC colour profile")
		}
	}
	if trailing > 0 {
		res.Removed = append(res.Removed, fmt.Sprintf("data after the end of the image (%s)", bytesText(trailing)))
	}
	if wroteEXIF {
		if orientation != 0 {
			res.Kept = append(res.Kept, fmt.Sprintf("Orientation %d", orientation))
		}
		if date != "" {
			res.Kept = append(res.Kept, "Date "+date)
		}
	}
	return res, nil
}

// describe says in words what a dropped chunk was.
func describe(r io.ReaderAt, c chunk) string {
	n := bytesText(int64(c.size))
	switch c.typ {
	case "eXIf":
		return "EXIF (" + n + ")"
	case "tIME":
		return "PNG modification time"
	case "tEXt", "zTXt", "iTXt":
		k := keyword(r, c)
		switch {
		case k == "XML:com.adobe.xmp":
			return "XMP packet (" + n + ")"
		case strings.HasPrefix(strings.ToLower(k), "raw profile type "):
			return "PNG " + k + " (" + n + ")"
		}
		return fmt.Sprintf("PNG %s %q (%s)", c.typ, k, n)
	}
	return fmt.Sprintf("PNG %s chunk (%s)", c.typ, n)
}

// keyword reads the keyword that starts a text chunk.
func keyword(r io.ReaderAt, c chunk) string {
	b := make([]byte, min(int64(c.size), 80))
	if _, err := r.ReadAt(b, c.off+8); err != nil {
		return ""
	}
	k, _, _ := strings.Cut(string(b), "\x00")
	return latin1([]byte(k))
}

func bytesText(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d KB", (n+512)/1024)
}

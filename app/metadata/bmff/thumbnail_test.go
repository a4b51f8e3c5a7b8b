package bmff

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/metadata"
)

// thumbItems is the set of items a clean copy zeroes as thumbnails.
func thumbItems(p *plan) map[uint32]bool {
	out := make(map[uint32]bool)
	for _, id := range p.thumbs {
		out[id] = true
	}
	return out
}

// tItem is an item of a synthetic HEIF image; its data sits in the mdat,
// or in idat when inIdat is set. at, when set, makes it share the bytes of
// another item instead; aux gives it an auxC property of that type.
type tItem struct {
	id     uint16
	typ    string
	data   []byte
	inIdat bool
	at     uint16
	aux    string
}

// tRef is one item reference: from is a typ of each of to.
type tRef struct {
	typ  string
	from uint16
	to   []uint16
}

// heifWith builds a HEIF image whose primary item is the first of items,
// with an iref box of version irefV.
func heifWith(items []tItem, refs []tRef, irefV byte) []byte {
	id := func(v uint16) []byte {
		if irefV == 0 {
			return u16(v)
		}
		return u32(uint32(v))
	}
	var infes, irefs, ipma [][]byte
	props := [][]byte{bx("colr", []byte("prof"), make([]byte, 8))}
	for _, it := range items {
		infes = append(infes, full("infe", 2, u16(it.id), u16(0), []byte(it.typ), []byte{0}))
		if it.aux != "" {
			props = append(props, full("auxC", 0, []byte(it.aux+"\x00")))
			ipma = append(ipma, u16(it.id), []byte{1, byte(len(props))})
		}
	}
	for _, r := range refs {
		parts := [][]byte{id(r.from), u16(uint16(len(r.to)))}
		for _, to := range r.to {
			parts = append(parts, id(to))
		}
		irefs = append(irefs, bx(r.typ, parts...))
	}
	build := func(mdatStart int) []byte {
		var entries, media, inline [][]byte
		where := make(map[uint16][2]int) // id -> offset, length
		mdatOff, idatOff := mdatStart, 0
		for _, it := range items {
			if it.at != 0 {
				continue
			}
			if it.inIdat {
				where[it.id] = [2]int{idatOff, len(it.data)}
				idatOff += len(it.data)
				inline = append(inline, it.data)
				continue
			}
			where[it.id] = [2]int{mdatOff, len(it.data)}
			mdatOff += len(it.data)
			media = append(media, it.data)
		}
		for _, it := range items {
			w, method := where[it.id], uint16(0)
			if it.at != 0 {
				w = where[it.at]
			}
			if it.inIdat {
				method = 1
			}
			entries = append(entries, bytes.Join([][]byte{u16(it.id), u16(method), u16(0), u16(1), u32(uint32(w[0])), u32(uint32(w[1]))}, nil))
		}
		meta := full("meta", 0, full("hdlr", 0, u32(0), []byte("pict"), make([]byte, 13)),
			full("pitm", 0, u16(items[0].id)),
			full("iinf", 0, append([][]byte{u16(uint16(len(items)))}, infes...)...),
			full("iloc", 1, []byte{0x44, 0x00}, u16(uint16(len(items))), bytes.Join(entries, nil)),
			bx("idat", inline...),
			full("iref", irefV, irefs...),
			bx("iprp", bx("ipco", props...), full("ipma", 0, append([][]byte{u32(uint32(len(ipma) / 2))}, ipma...)...)))
		return bytes.Join([][]byte{ftyp("heic"), meta, bx("mdat", media...)}, nil)
	}
	first := build(0)
	return build(bytes.LastIndex(first, []byte("mdat")) + 4)
}

func fill(s string, n int) []byte { return bytes.Repeat([]byte(s), n) }

func TestThumbnails(t *testing.T) {
	exifItem := tItem{id: 3, typ: "Exif", data: append(u32(0), emptyTIFF...)}
	for _, tt := range []struct {
		name    string
		items   []tItem
		refs    []tRef
		irefV   byte
		zeroed  []uint32 // items blanked and hidden
		removed string   // the Result line, "" for none
		kept    string   // a Result line of what is kept
	}{
		{
			name:    "HEVC thumbnail in the mdat",
			items:   []tItem{{id: 1, typ: "hvc1", data: fill("PRIMARY", 40)}, {id: 2, typ: "hvc1", data: fill("THUMB", 300)}, exifItem},
			refs:    []tRef{{"thmb", 2, []uint16{1}}, {"cdsc", 3, []uint16{1}}},
			zeroed:  []uint32{2},
			removed: "Embedded thumbnail (HEIF item 2, HEVC, 1 KB)",
		},
		{
			name:    "AV1 thumbnail in idat, iref version 1",
			items:   []tItem{{id: 1, typ: "av01", data: fill("PRIMARY", 40)}, {id: 2, typ: "av01", data: fill("THUMB", 20), inIdat: true}},
			refs:    []tRef{{"thmb", 2, []uint16{1}}},
			irefV:   1,
			zeroed:  []uint32{2},
			removed: "Embedded thumbnail (HEIF item 2, AV1, 100 bytes)",
		},
		{
			name: "tiled primary with alpha, tiled thumbnail with alpha",
			items: []tItem{
				{id: 10, typ: "grid", data: fill("G", 8), inIdat: true},
				{id: 11, typ: "hvc1", data: fill("TILE-A", 30)}, {id: 12, typ: "hvc1", data: fill("TILE-B", 30)},
				{id: 13, typ: "hvc1", data: fill("ALPHA", 30), aux: "urn:mpeg:mpegB:cicp:systems:auxiliary:alpha"},
				{id: 20, typ: "grid", data: fill("g", 8), inIdat: true},
				{id: 21, typ: "hvc1", data: fill("THUMB-A", 10)}, {id: 22, typ: "hvc1", data: fill("THUMB-B", 10)},
				{id: 23, typ: "hvc1", data: fill("THUMB-ALPHA", 10), aux: "urn:mpeg:hevc:2015:auxid:1"},
			},
			refs: []tRef{{"dimg", 10, []uint16{11, 12}}, {"auxl", 13, []uint16{10}},
				{"dimg", 20, []uint16{21, 22}}, {"auxl", 23, []uint16{20}}, {"thmb", 20, []uint16{10}}},
			zeroed:  []uint32{20, 21, 22, 23},
			removed: "Embedded thumbnail (HEIF item 20, tiled, 258 bytes)",
			kept:    "Auxiliary image (HEIF item 13, alpha plane)",
		},
		{
			name: "depth map and HDR gain map are kept",
			items: []tItem{{id: 1, typ: "hvc1", data: fill("PRIMARY", 40)}, {id: 2, typ: "hvc1", data: fill("THUMB", 20)},
				{id: 4, typ: "hvc1", data: fill("DEPTH", 20), aux: "urn:mpeg:hevc:2015:auxid:2"},
				{id: 5, typ: "hvc1", data: fill("GAIN", 20), aux: "urn:com:apple:photo:2020:aux:hdrgainmap"}},
			refs:    []tRef{{"auxl", 4, []uint16{1}}, {"thmb", 2, []uint16{1}}, {"auxl", 5, []uint16{1}}},
			zeroed:  []uint32{2},
			removed: "Embedded thumbnail (HEIF item 2, HEVC, 100 bytes)",
			kept:    "Auxiliary image (HEIF item 4, depth map)|Auxiliary image (HEIF item 5, HDR gain map)",
		},
		{
			name: "thumbnail that is also a tile of the primary",
			items: []tItem{{id: 10, typ: "grid", data: fill("G", 8), inIdat: true},
				{id: 11, typ: "hvc1", data: fill("TILE-A", 30)}, {id: 12, typ: "hvc1", data: fill("TILE-B", 30)}},
			refs: []tRef{{"dimg", 10, []uint16{11, 12}}, {"thmb", 11, []uint16{10}}},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			file := heifWith(tt.items, tt.refs, tt.irefV)
			f, err := Inspect(bytes.NewReader(file), int64(len(file)))
			if err != nil {
				t.Fatal(err)
			}
			if !containsFinding(f.Identity, "HEIF", "ThumbnailImage") {
				t.Errorf("identity %v: want HEIF:ThumbnailImage", f.Identity)
			}
			var out bytes.Buffer
			res, err := Clean(bytes.NewReader(file), int64(len(file)), &out, metadata.CleanOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkClean(t, file, out.Bytes())
			p, err := scan(bytes.NewReader(file), int64(len(file)), metadata.CleanOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.zeroed, p.thumbs); diff != "" {
				t.Errorf("zeroed items (-want +got):\n%s", diff)
			}
			for _, it := range p.items {
				hidden := out.Bytes()[it.infe+3]&1 != 0
				if want := slices.Contains(tt.zeroed, it.id); hidden != want {
					t.Errorf("item %d hidden %v, want %v", it.id, hidden, want)
				}
			}
			if bytes.Contains(out.Bytes(), []byte("thmb")) {
				t.Error("a 'thmb' reference is left")
			}
			for _, s := range []string{"THUMB", "gggggggg"} {
				if bytes.Contains(out.Bytes(), []byte(s)) && len(tt.zeroed) > 0 {
					t.Errorf("thumbnail bytes %q left", s)
				}
			}
			removed := strings.Join(res.Removed, "|")
			if tt.removed != "" && !strings.Contains(removed, tt.removed) || tt.removed == "" && strings.Contains(removed, "thumbnail") {
				t.Errorf("removed %q, want %q", res.Removed, tt.removed)
			}
			if k := strings.Join(res.Kept, "|"); strings.Contains(strings.ToLower(k), "thumbnail") || !strings.Contains(k, tt.kept) {
				t.Errorf("kept %q, want %q and no thumbnail", res.Kept, tt.kept)
			}
			var again bytes.Buffer
			if _, err := Clean(bytes.NewReader(out.Bytes()), int64(out.Len()), &again, metadata.CleanOptions{}); err != nil {
				t.Fatalf("cleaning the clean copy: %v", err)
			}
			if !bytes.Equal(again.Bytes(), out.Bytes()) {
				t.Error("cleaning the clean copy changed it")
			}
		})
	}
}

func TestThumbnailSharingPrimaryData(t *testing.T) {
	file := heifWith([]tItem{{id: 1, typ: "hvc1", data: fill("PRIMARY", 40)}, {id: 2, typ: "hvc1", at: 1}},
		[]tRef{{"thmb", 2, []uint16{1}}}, 0)
	var out bytes.Buffer
	if _, err := Clean(bytes.NewReader(file), int64(len(file)), &out, metadata.CleanOptions{}); !errors.Is(err, metadata.ErrMalformed) {
		t.Errorf("got %v, want ErrMalformed: blanking the thumbnail would blank the picture", err)
	}
}

func TestSpansOverlap(t *testing.T) {
	s := keptExtents(map[uint32]bool{1: true, 2: true}, map[uint32]item{
		1: {extents: []extent{{100, 50}, {400, 10}}},
		2: {extents: []extent{{120, 5}}},
	})
	for _, tt := range []struct {
		e    extent
		want bool
	}{
		{extent{0, 100}, false}, {extent{0, 101}, true}, {extent{149, 1}, true}, {extent{150, 250}, false},
		{extent{130, 0}, false}, {extent{405, 100}, true}, {extent{410, 1}, false},
	} {
		if got := s.overlaps(tt.e); got != tt.want {
			t.Errorf("overlaps(%v) = %v, want %v", tt.e, got, tt.want)
		}
	}
}

func TestParseIpma(t *testing.T) {
	// version 1 (32-bit IDs), flags 1 (15-bit indexes): item 7 has 1 and 0x8003 (essential 3).
	b := bytes.Join([][]byte{{1, 0, 0, 1}, u32(1), u32(7), {2}, u16(1), u16(0x8003)}, nil)
	got, err := parseIpma(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[uint32][]int{7: {1, 3}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, bad := range [][]byte{nil, b[:len(b)-1], {0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff}} {
		if _, err := parseIpma(bad); !errors.Is(err, metadata.ErrMalformed) {
			t.Errorf("parseIpma(%x): got %v, want ErrMalformed", bad, err)
		}
	}
}

func FuzzParseIpma(f *testing.F) {
	f.Add(bytes.Join([][]byte{{1, 0, 0, 1}, u32(1), u32(7), {2}, u16(1), u16(0x8003)}, nil))
	f.Add(bytes.Join([][]byte{{0, 0, 0, 0}, u32(2), u16(1), {1, 0x81}, u16(2), {0}}, nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := parseIpma(b)
		if err == nil && len(m) > maxItems {
			t.Fatalf("%d items", len(m))
		}
		_ = auxKind(string(b))
	})
}

func containsFinding(fs []metadata.Finding, group, tag string) bool {
	for _, f := range fs {
		if f.Group == group && f.Tag == tag {
			return true
		}
	}
	return false
}

// thumbLine matches exiftool lines naming a thumbnail or preview image:
// -G1 -s tags, and -v3's item reference ("ThumbnailRef").
var thumbLine = regexp.MustCompile(`(?i)(^\[[^\]]+\]\s+\w*(Thumbnail|Preview)\w*\s+:|ThumbnailRef)`)

// TestCorpusThumbnails cleans every HEIC, HEIF and AVIF of the corpus and
// asks exiftool and ImageMagick (libheif) about the result: no thumbnail
// left, and the picture decodes to the same pixels.
func TestCorpusThumbnails(t *testing.T) {
	dir, files := corpus(t)
	exiftool, _ := exec.LookPath("exiftool")
	convert, _ := exec.LookPath("convert")
	for _, cf := range files {
		if cf.Format != "HEIC" && cf.Format != "HEIF" && cf.Format != "AVIF" {
			continue
		}
		t.Run(cf.Path, func(t *testing.T) {
			path := filepath.Join(dir, cf.Path)
			orig, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			res, err := Clean(bytes.NewReader(orig), int64(len(orig)), &out, metadata.CleanOptions{})
			if err != nil {
				if contains(cf.Categories, "malformed") && errors.Is(err, metadata.ErrMalformed) {
					t.Skipf("malformed as expected: %v", err)
				}
				t.Fatal(err)
			}
			checkClean(t, orig, out.Bytes())
			f, err := Inspect(bytes.NewReader(out.Bytes()), int64(out.Len()))
			if err != nil {
				t.Fatal(err)
			}
			if containsFinding(f.Identity, "HEIF", "ThumbnailImage") {
				t.Error("Inspect still finds a thumbnail")
			}
			if strings.Contains(strings.ToLower(strings.Join(res.Kept, "|")), "thumbnail") {
				t.Errorf("kept %q", res.Kept)
			}
			thumb := strings.Contains(strings.Join(res.Removed, "|"), "Embedded thumbnail")
			t.Logf("removed %q", res.Removed)
			tmp := filepath.Join(t.TempDir(), "out"+filepath.Ext(cf.Path))
			if err := os.WriteFile(tmp, out.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			if exiftool != "" {
				for _, args := range [][]string{{"-G1", "-a", "-s", "-ee"}, {"-v3"}} {
					eo, err := exec.Command(exiftool, append(args, tmp)...).CombinedOutput()
					if err != nil {
						t.Fatalf("exiftool %v: %v\n%s", args, err, eo)
					}
					for _, line := range strings.Split(string(eo), "\n") {
						if thumbLine.MatchString(line) {
							t.Errorf("exiftool %v still finds a thumbnail: %s", args, line)
						}
					}
				}
			}
			if convert == "" || !thumb {
				return
			}
			decode := func(p string) []byte {
				b, err := exec.Command(convert, p, "-depth", "8", "rgb:-").Output()
				if err != nil {
					t.Fatalf("convert %s: %v", p, err)
				}
				return b
			}
			if !bytes.Equal(decode(path), decode(tmp)) {
				t.Error("the clean copy decodes to other pixels")
			}
		})
	}
}

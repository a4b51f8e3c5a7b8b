package gate_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"photoconsent/app/access"
	"photoconsent/app/register"
	"photoconsent/storage"
)

const headPassword = "Head-pass-2026!"

// Three pupils: Amelia and Tom have the school's own use from the MIS,
// Rose's parents said no.
const pupilsCSV = `"Adno","UPN","Legal Surname","Legal Forename","Preferred Surname","Preferred Forename","Gender","DOB","Year","Reg","Admission Date","Photo Consent"
"000101","K999200119014","Smith","Amelia","Smith","Amelia","F","03/11/2014","6","6B","04/09/2019","Yes"
"000202","D999200120018","Brown","Thomas","Brown","Tom","M","02/05/2016","5","Owls","03/09/2020","Yes"
"000401","Y999200122007","Patel","Rose","Patel","Rose","F","19/01/2018","3","3H","05/09/2022","No"
`

const (
	amelia = "K999200119014"
	tom    = "D999200120018"
	rose   = "Y999200122007"
)

// fixture is a real encrypted register with the three pupils, signed in as
// its head.
type fixture struct {
	sess *register.Session
	db   register.Opened
	ids  map[string]string // UPN → pupil ID
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	v, err := storage.NewVault(t.TempDir(), storage.Options{KDF: storage.InsecureTestKDF})
	if err != nil {
		t.Fatal(err)
	}
	sess, db, _, err := register.CreateRegister(v, "Testbridge Primary", "jsmith", headPassword, register.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	if _, err := sess.Import(context.Background(), "pupils.csv", []byte(pupilsCSV), register.ImportOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	f := &fixture{sess: sess, db: db, ids: map[string]string{}}
	for _, upn := range []string{amelia, tom, rose} {
		p, err := sess.FindPupil(upn)
		if err != nil {
			t.Fatal(err)
		}
		f.ids[upn] = p.ID
	}
	return f
}

// teacher adds a teacher's account and signs them in on the same store.
func (f *fixture) teacher(t *testing.T) *register.Session {
	t.Helper()
	acc, err := f.sess.AddAccount("bell", access.Teacher, "Temp-pass-1!x")
	if err != nil {
		t.Fatal(err)
	}
	s, err := register.Open(f.db, f.db, acc.ID, nil, register.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ChangePassword("Temp-pass-1!x", "Teacher-pass-9"); err != nil {
		t.Fatal(err)
	}
	return s
}

func (f *fixture) tags(upns ...string) []string {
	var out []string
	for _, u := range upns {
		out = append(out, f.ids[u])
	}
	return out
}

// picture is a w×h test pattern.
func picture(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	return img
}

// writeJPEG writes a w×h JPEG named name into dir. With gps it carries an
// Exif block with a GPS IFD; orientation, when not 0, is its Exif
// Orientation tag.
func writeJPEG(t *testing.T, dir, name string, w, h int, gps bool, orientation uint16) string {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, picture(w, h), nil); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	if gps || orientation != 0 {
		ex := exif(gps, orientation)
		seg := append([]byte{0xFF, 0xE1}, binary.BigEndian.AppendUint16(nil, uint16(len(ex)+2))...)
		data = append(append(append([]byte{0xFF, 0xD8}, seg...), ex...), data[2:]...)
	}
	return writeFile(t, dir, name, data)
}

// exif builds a big-endian Exif block: IFD0 with Orientation and a GPS
// pointer, and a GPS IFD holding GPSVersionID.
func exif(gps bool, orientation uint16) []byte {
	be := binary.BigEndian
	var entries [][]byte
	if orientation != 0 {
		entries = append(entries, []byte{0x01, 0x12, 0, 3, 0, 0, 0, 1, byte(orientation >> 8), byte(orientation), 0, 0})
	}
	gpsAt := uint32(8 + 2 + 12*(len(entries)+btoi(gps)) + 4)
	if gps {
		entries = append(entries, append([]byte{0x88, 0x25, 0, 4, 0, 0, 0, 1}, be.AppendUint32(nil, gpsAt)...))
	}
	ex := []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08")
	ex = be.AppendUint16(ex, uint16(len(entries)))
	for _, e := range entries {
		ex = append(ex, e...)
	}
	ex = be.AppendUint32(ex, 0)
	if gps {
		ex = append(ex, 0, 1, 0, 0, 0, 1, 0, 0, 0, 4, 2, 3, 0, 0)
		ex = be.AppendUint32(ex, 0)
	}
	return ex
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func writePNG(t *testing.T, dir, name string, w, h int) string {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, picture(w, h)); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, name, b.Bytes())
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// size decodes a picture's dimensions.
func size(t *testing.T, path string) (int, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	return cfg.Width, cfg.Height
}

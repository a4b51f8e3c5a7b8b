package register

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/access"
	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
)

// thumbJPEG encodes a small grey picture, w by h pixels.
func thumbJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 75}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLogThumbnailSavedAndReadBack(t *testing.T) {
	f := newFixture(t)
	p := f.addPupil(amelia())
	answer(t, f, p.ID, consent.School, consent.Granted)
	teacher := f.session("Mr Teach", access.Teacher)
	e := mustLog(t, teacher, entry(publog.Exported, publish.Newsletter, p.ID))
	pic := thumbJPEG(t, 160, 120)
	if err := teacher.SaveLogThumbnail(e.Seq, pic); err != nil {
		t.Fatalf("SaveLogThumbnail = %v, want nil", err)
	}
	got, ok, err := f.head.LogThumbnail(e.Seq)
	if err != nil || !ok {
		t.Fatalf("LogThumbnail = %v, %v; want the thumbnail", ok, err)
	}
	if !bytes.Equal(got, pic) {
		t.Errorf("LogThumbnail read back %d bytes, want the %d saved", len(got), len(pic))
	}
	if _, ok, err := f.head.LogThumbnail(e.Seq + 1); ok || err != nil {
		t.Errorf("LogThumbnail(no such entry) = %v, %v; want false, nil", ok, err)
	}
	if problems, err := f.head.VerifyLog(); err != nil || len(problems) != 0 {
		t.Errorf("VerifyLog after a thumbnail = %v, %v; want no problems (thumbnails are outside the chain)", problems, err)
	}
	log, err := f.head.PublicationLog()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]publog.Entry{e}, log); diff != "" {
		t.Errorf("the log changed with a thumbnail (-want +got):\n%s", diff)
	}
}

func TestSaveLogThumbnailRefuses(t *testing.T) {
	f := newFixture(t)
	p := f.addPupil(amelia())
	answer(t, f, p.ID, consent.School, consent.Granted)
	teacher := f.session("Mr Teach", access.Teacher)
	office := f.session("Mrs Office", access.Office)
	mine := mustLog(t, teacher, entry(publog.Exported, publish.Newsletter, p.ID))
	taken := mustLog(t, teacher, entry(publog.Exported, publish.Display, p.ID))
	if err := teacher.SaveLogThumbnail(taken.Seq, thumbJPEG(t, 16, 16)); err != nil {
		t.Fatalf("first SaveLogThumbnail = %v, want nil", err)
	}
	big := thumbJPEG(t, 16, 16)
	big = append(big, make([]byte, MaxLogThumbnail)...) // a JPEG reader stops at the end marker
	tests := []struct {
		name string
		s    *Session
		seq  int64
		b    []byte
		want error
	}{
		{"overwrite", teacher, taken.Seq, thumbJPEG(t, 8, 8), ErrThumbnailExists},
		{"too large", teacher, mine.Seq, big, ErrInvalid},
		{"too many pixels", teacher, mine.Seq, thumbJPEG(t, MaxLogThumbnailSide+1, 8), ErrInvalid},
		{"not a JPEG", teacher, mine.Seq, []byte("\x89PNG\r\n\x1a\n"), ErrInvalid},
		{"no such entry", teacher, 99, thumbJPEG(t, 8, 8), ErrInvalid},
		{"someone else's entry", office, mine.Seq, thumbJPEG(t, 8, 8), ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.s.SaveLogThumbnail(tc.seq, tc.b); !errors.Is(err, tc.want) {
				t.Errorf("SaveLogThumbnail = %v, want %v", err, tc.want)
			}
		})
	}
	if _, ok, err := f.head.LogThumbnail(mine.Seq); ok || err != nil {
		t.Errorf("after refusals LogThumbnail = %v, %v; want none kept", ok, err)
	}
	if got, _, err := f.head.LogThumbnail(taken.Seq); err != nil || !bytes.Equal(got, thumbJPEG(t, 16, 16)) {
		t.Errorf("the first thumbnail was replaced (%d bytes, %v)", len(got), err)
	}
}

func TestLogThumbnailHeadOnly(t *testing.T) {
	f := newFixture(t)
	teacher := f.session("Mr Teach", access.Teacher)
	e := mustLog(t, teacher, entry(publog.Exported, publish.Display))
	if err := teacher.SaveLogThumbnail(e.Seq, thumbJPEG(t, 8, 8)); err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]*Session{"teacher": teacher, "office": f.session("Mrs Office", access.Office)} {
		t.Run(name, func(t *testing.T) {
			if b, _, err := s.LogThumbnail(e.Seq); !errors.Is(err, access.ErrNotAllowed) || b != nil {
				t.Errorf("LogThumbnail = %d bytes, %v; want nothing, ErrNotAllowed", len(b), err)
			}
		})
	}
}

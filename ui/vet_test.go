package ui

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/register"
)

// vetPupils records answers for the class list: Zoë Brontë may appear in
// school and alone but not on social media, Chidi Okafor's parents said no
// to everything, and Aoife Walsh must never be published.
func vetPupils(t *testing.T, v register.Vault) map[string]string {
	t.Helper()
	s, st, err := register.SignIn(v, headLogin, headPassword, register.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}()
	rows, _, err := s.Register()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, r := range rows {
		ids[r.Name] = r.PupilID
	}
	record := func(name string, answers map[consent.Purpose]consent.Answer) {
		var pa []register.PurposeAnswer
		for p, ans := range answers {
			pa = append(pa, register.PurposeAnswer{Purpose: p, Answer: ans})
		}
		err := s.RecordAnswers(register.AnswerRequest{PupilIDs: []string{ids[name]}, Answers: pa,
			ByFirstContact: true, Method: consent.Form})
		if err != nil {
			t.Fatalf("recording %s's answers: %v", name, err)
		}
	}
	record("Zoë Brontë", map[consent.Purpose]consent.Answer{consent.School: consent.Granted,
		consent.Individual: consent.Granted, consent.Social: consent.Refused, consent.Press: consent.Refused})
	record("Chidi Okafor", map[consent.Purpose]consent.Answer{consent.School: consent.Refused,
		consent.Individual: consent.Refused, consent.Social: consent.Refused, consent.Press: consent.Refused})
	record("Aoife Walsh", map[consent.Purpose]consent.Answer{consent.School: consent.Granted,
		consent.Individual: consent.Granted, consent.Social: consent.Granted, consent.Press: consent.Granted})
	if err := s.SetNeverPublish(ids["Aoife Walsh"], "court order"); err != nil {
		t.Fatal(err)
	}
	return ids
}

// writePhoto writes a small real JPEG; with gps, its EXIF holds a GPS
// latitude reference, enough for the check to find a location.
func writePhoto(t *testing.T, dir, name string, gps bool) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := range 64 {
		for y := range 48 {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), 120, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	if gps {
		data = slices.Concat(data[:2], gpsSegment(), data[2:])
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// gpsSegment is an APP1 EXIF segment whose GPS directory holds one entry.
func gpsSegment() []byte {
	le := binary.LittleEndian
	tiff := []byte("II*\x00\x08\x00\x00\x00")
	ifd0 := make([]byte, 2+12+4)
	le.PutUint16(ifd0, 1)
	le.PutUint16(ifd0[2:], 0x8825) // GPSInfo
	le.PutUint16(ifd0[4:], 4)      // LONG
	le.PutUint32(ifd0[6:], 1)
	le.PutUint32(ifd0[10:], uint32(len(tiff)+len(ifd0)))
	gpsIFD := make([]byte, 2+12+4)
	le.PutUint16(gpsIFD, 1)
	le.PutUint16(gpsIFD[2:], 0x0001) // GPSLatitudeRef
	le.PutUint16(gpsIFD[4:], 2)      // ASCII
	le.PutUint32(gpsIFD[6:], 2)
	copy(gpsIFD[10:], "N\x00")
	body := slices.Concat([]byte("Exif\x00\x00"), tiff, ifd0, gpsIFD)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(body)+2))
	return append(seg, body...)
}

// openVet signs in, opens the vet screen on the main window and loads a
// folder of three photos (the second with GPS) the way Enter in the path
// box does.
func openVet(t *testing.T, login, password string) (*App, *vetScreen, map[string]string, string) {
	t.Helper()
	v := newVault(t, nil)
	seed(t, v, nil, testdata("class_list.csv"))
	ids := vetPupils(t, v)
	a := newTestApp(t, v, nil)
	signIn(t, a, login, password)
	s := newVetScreen(a)
	a.shell.body.Objects = []fyne.CanvasObject{s.content}
	a.shell.body.Refresh()
	a.settle()
	if !hasText(screenTexts(a), vetEmpty) {
		t.Errorf("the empty vet screen does not say %q", vetEmpty)
	}
	dir := t.TempDir()
	for i, name := range []string{"IMG_0001.jpg", "IMG_0002.jpg", "IMG_0003.jpg"} {
		writePhoto(t, dir, name, i == 1)
	}
	test.Type(s.path, dir)
	s.path.TypedKey(&fyneKeyReturn)
	a.settle()
	if len(s.photos) != 3 {
		t.Fatalf("%d photos on the vet screen, want 3; the screen says %q", len(s.photos), s.problem.Text)
	}
	return a, s, ids, dir
}

func badgeWords(p *vetPhoto) []string {
	var out []string
	for _, b := range p.badges() {
		out = append(out, b.word)
	}
	return out
}

// tagOnly selects only photo i and tags the named pupil through the class
// menu, the search box and Enter.
func tagOnly(t *testing.T, a *App, s *vetScreen, i int, class, name string) {
	t.Helper()
	s.selectAll(false)
	s.tap(i, false)
	s.tags.class.SetSelected(class)
	test.Type(s.tags.search, strings.Fields(name)[0])
	s.tags.search.TypedKey(&fyneKeyReturn)
	a.settle()
	if !slices.Contains(s.photos[i].item.Tags, idByName(s, name)) {
		t.Fatalf("%s is not tagged in photo %d after Enter in the search box", name, i)
	}
}

func idByName(s *vetScreen, name string) string {
	for _, r := range s.rows {
		if r.Name == name {
			return r.PupilID
		}
	}
	return ""
}

// TestVetLoadAndTag: a teacher loads a folder; every photo starts untagged
// and blocked, with thumbnails and the GPS photo's location badge; tagging
// a granted pupil makes a photo ready, a refused one blocks it with the
// reason on screen, "no identifiable pupils" makes one ready, and a full
// name in the caption blocks it again. The teacher sees no override.
func TestVetLoadAndTag(t *testing.T) {
	a, s, _, _ := openVet(t, teachLogin, staffPass)
	for i, p := range s.photos {
		if got := badgeWords(p); !slices.Contains(got, "Blocked") || !slices.Contains(got, "Untagged") {
			t.Errorf("photo %d badges = %v, want Blocked and Untagged", i, got)
		}
		if p.thumb == nil {
			t.Errorf("photo %d has no thumbnail (%q)", i, p.thumbErr)
		}
		if !slices.Contains(p.dec.Reasons, "no pupils tagged: tag who is in it, or confirm there are no identifiable pupils") {
			t.Errorf("photo %d reasons = %q, want the untagged reason", i, p.dec.Reasons)
		}
	}
	if got := badgeWords(s.photos[1]); !slices.Contains(got, "Location") {
		t.Errorf("GPS photo badges = %v, want Location", got)
	}

	t.Run("granted pupil: ready", func(t *testing.T) {
		tagOnly(t, a, s, 0, "5K", "Zoë Brontë")
		if got := badgeWords(s.photos[0]); got[0] != "Ready" {
			t.Errorf("badges = %v, want Ready first", got)
		}
		if !hasText(screenTexts(a), "Ready to publish: School website.") {
			t.Error("the detail area does not say the photo is ready")
		}
	})
	t.Run("refused pupil: blocked with the reason", func(t *testing.T) {
		tagOnly(t, a, s, 2, "5K", "Chidi Okafor")
		p := s.photos[2]
		if p.dec.Outcome != publish.Blocked {
			t.Fatalf("outcome = %s, want blocked", p.dec.Outcome)
		}
		texts := screenTexts(a)
		if !hasText(texts, "Chidi O.: no consent for the school's own use") {
			t.Errorf("the reason is not on screen; reasons %q", p.dec.Reasons)
		}
		if s.detail.override.Visible() {
			t.Error("a teacher sees the override button")
		}
	})
	t.Run("no identifiable pupils: ready", func(t *testing.T) {
		s.selectAll(false)
		s.tap(1, false)
		test.Tap(s.tags.noPupils)
		a.settle()
		if got := s.photos[1].dec.Outcome; got != publish.Ready {
			t.Errorf("outcome = %s (%q), want ready: its location is removed from the copy", got, s.photos[1].dec.Reasons)
		}
	})
	t.Run("full name in the caption: blocked", func(t *testing.T) {
		s.selectAll(false)
		s.tap(0, false)
		test.Type(s.detail.caption, "Zoë Brontë at sports day")
		a.settle()
		p := s.photos[0]
		if p.item.Caption != "Zoë Brontë at sports day" || p.dec.Outcome != publish.Blocked {
			t.Fatalf("caption %q: outcome %s, want blocked", p.item.Caption, p.dec.Outcome)
		}
		if !hasText(screenTexts(a), "full name") {
			t.Errorf("the caption reason is not on screen; reasons %q", p.dec.Reasons)
		}
	})
	t.Run("who may not appear", func(t *testing.T) {
		s.tags.class.SetSelected("5K")
		a.settle()
		got := strings.Join(s.tags.blockedNames, "\n")
		for _, want := range []string{"Chidi Okafor: no consent", "Aoife Walsh: must never be published"} {
			if !strings.Contains(got, want) {
				t.Errorf("who may not appear = %q, want a line %q", got, want)
			}
		}
		if strings.Contains(got, "Zoë") {
			t.Errorf("who may not appear = %q, want Zoë left out: she may appear on the website", got)
		}
	})
}

// TestVetDestinationAndSelection: Ctrl+A selects every tile and tags them
// at once; changing the destination decides again (Zoë may not go on
// social media).
func TestVetDestinationAndSelection(t *testing.T) {
	a, s, _, _ := openVet(t, teachLogin, staffPass)
	a.win.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutSelectAll{})
	if got := len(s.selected()); got != 3 {
		t.Fatalf("Ctrl+A selected %d photos, want 3", got)
	}
	s.tags.class.SetSelected("5K")
	test.Type(s.tags.search, "Zo")
	s.tags.search.TypedKey(&fyneKeyReturn)
	a.settle()
	for i, p := range s.photos {
		if p.dec.Outcome != publish.Ready {
			t.Errorf("photo %d: %s %q, want ready for the website", i, p.dec.Outcome, p.dec.Reasons)
		}
	}
	s.destSel.SetSelected(publish.Social.Label())
	a.settle()
	for i, p := range s.photos {
		if p.dec.Outcome != publish.Blocked || !hasText(p.dec.Reasons, "Zoë B.: no consent for social media") {
			t.Errorf("photo %d for social media: %s %q, want blocked for Zoë", i, p.dec.Outcome, p.dec.Reasons)
		}
	}
	s.selectAll(false)
	s.tap(0, false)
	s.tap(2, true)
	if got := len(s.selected()); got != 3 {
		t.Errorf("Shift+click selected %d photos, want 3", got)
	}
	s.selectAll(false)
	tapped := false
	for _, tile := range s.tiles {
		if tile.i == 1 && !tapped {
			test.Tap(tile)
			tapped = true
		}
	}
	if got := s.selected(); !tapped || !slices.Equal(got, []int{1}) || s.cur != 1 {
		t.Errorf("tapping tile 1 (drawn: %v) selected %v with %d in the detail area, want [1] and 1", tapped, got, s.cur)
	}
}

// TestVetDrop: files dropped on the window open like chosen ones.
func TestVetDrop(t *testing.T) {
	a, s, _, dir := openVet(t, teachLogin, staffPass)
	s.drop([]fyne.URI{fynestorage.NewFileURI(filepath.Join(dir, "IMG_0002.jpg")), fynestorage.NewFileURI(filepath.Join(dir, "IMG_0003.jpg"))})
	a.settle()
	var got []string
	for _, p := range s.photos {
		got = append(got, p.name)
	}
	if want := []string{"IMG_0002.jpg", "IMG_0003.jpg"}; !slices.Equal(got, want) {
		t.Errorf("after the drop the screen shows %q, want %q", got, want)
	}
}

// TestVetExport: the office exports; the folder holds exactly the ready
// photos' copies and the progress bar is full.
func TestVetExport(t *testing.T) {
	a, s, _, _ := openVet(t, officeLogin, staffPass)
	s.destSel.SetSelected(publish.Newsletter.Label()) // the office is not a website authoriser
	tagOnly(t, a, s, 0, "5K", "Zoë Brontë")
	tagOnly(t, a, s, 1, "5K", "Zoë Brontë")
	tagOnly(t, a, s, 2, "5K", "Chidi Okafor")
	out := t.TempDir()
	test.Type(s.export.folder, out)
	if s.export.run.Disabled() {
		t.Fatal("Export is disabled with two ready photos")
	}
	test.Tap(s.export.run)
	a.settle()
	files, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name())
	}
	if len(names) != 2 {
		t.Errorf("output folder holds %q, want two copies", names)
	}
	for _, n := range names {
		if strings.HasPrefix(n, "IMG_") || strings.HasPrefix(n, ".") {
			t.Errorf("copy %q is not a neutral finished name", n)
		}
	}
	if got := s.export.progress.Value; got != 1 {
		t.Errorf("progress = %v, want 1", got)
	}
	if want := "2 photos exported to " + out + "; 1 photo not."; s.export.summary != want {
		t.Errorf("summary = %q, want %q", s.export.summary, want)
	}
	if !hasText(screenTexts(a), "IMG_0003.jpg: Chidi O.: no consent") {
		t.Error("the summary does not say why IMG_0003.jpg was blocked")
	}
}

// TestVetHeadOverride: the head lifts a refusal with a written reason; a
// never-publish pupil also needs a second person's password.
func TestVetHeadOverride(t *testing.T) {
	a, s, _, _ := openVet(t, headLogin, headPassword)
	tagOnly(t, a, s, 0, "5K", "Chidi Okafor")
	if !s.detail.override.Visible() {
		t.Fatal("the head sees no override button on a consent block")
	}
	test.Tap(s.detail.override)
	f := s.overrideForm
	test.Type(f.reason, "Parents agreed in writing for this event only")
	test.Tap(f.d.ok)
	a.settle()
	if p := s.photos[0]; p.dec.Outcome != publish.Overridden {
		t.Fatalf("after the override: %s %q, want overridden", p.dec.Outcome, p.dec.Reasons)
	}

	tagOnly(t, a, s, 1, "5K", "Aoife Walsh")
	if !s.photos[1].dec.NeedsSecondSignOff {
		t.Fatal("a never-publish pupil does not need a second sign-off")
	}
	test.Tap(s.detail.override)
	f = s.overrideForm
	if f.login == nil {
		t.Fatal("the override dialog asks for no second person")
	}
	test.Type(f.reason, "Court order lifted; letter on file")
	test.Type(f.login, officeLogin)
	test.Type(f.password, "wrong-password-1!")
	test.Tap(f.d.ok)
	a.settle()
	if p := s.photos[1]; p.dec.Outcome != publish.Blocked || !f.problem.Visible() {
		t.Fatalf("a wrong second password: %s, problem %q; want blocked with a message", p.dec.Outcome, f.problem.Text)
	}
	test.Type(f.password, staffPass)
	test.Tap(f.d.ok)
	a.settle()
	if p := s.photos[1]; p.dec.Outcome != publish.Overridden {
		t.Fatalf("with the office's sign-off: %s %q (%q), want overridden", p.dec.Outcome, p.dec.Reasons, f.problem.Text)
	}
}

// TestVetNewChoiceReplacesLoad: choosing again before the first folder has
// loaded shows only the new photos; nothing from the first load lands on
// them.
func TestVetNewChoiceReplacesLoad(t *testing.T) {
	a, s, _, _ := openVet(t, teachLogin, staffPass)
	other := t.TempDir()
	writePhoto(t, other, "first.jpg", false)
	s.path.SetText(other)
	s.openTyped()
	s.open([]string{filepath.Join(other, "first.jpg")}) // before the first has loaded
	a.settle()
	if len(s.photos) != 1 || s.photos[0].name != "first.jpg" {
		t.Fatalf("%d photos after choosing again, want only first.jpg", len(s.photos))
	}
	if p := s.photos[0]; p.thumb == nil || !p.decided || !p.checked {
		t.Errorf("the new photo: thumbnail %v, checked %v, decided %v; want all", p.thumb != nil, p.checked, p.decided)
	}
	if s.load != nil || s.loading.Visible() {
		t.Errorf("after loading: load running %v, spinner showing %v; want neither", s.load != nil, s.loading.Visible())
	}
}

// TestVetExportResized: "Resize for the web" writes copies no larger than
// the size asked for.
func TestVetExportResized(t *testing.T) {
	a, s, _, _ := openVet(t, officeLogin, staffPass)
	s.destSel.SetSelected(publish.Newsletter.Label()) // the office is not a website authoriser
	s.selectAll(true)
	test.Tap(s.tags.noPupils)
	a.settle()
	out := t.TempDir()
	test.Type(s.export.folder, out)
	test.Tap(s.export.resize)
	s.export.size.SetText("5")
	test.Tap(s.export.run)
	a.settle()
	if got := s.export.problem.Text; !s.export.problem.Visible() || !strings.Contains(got, "between 16 and 20000") {
		t.Errorf("a 5-pixel size says %q, want the allowed range", got)
	}
	s.export.size.SetText("32")
	test.Tap(s.export.run)
	a.settle()
	files, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 {
		t.Fatalf("%d copies, want 3 (%s)", len(files), s.export.summary)
	}
	for _, f := range files {
		r, err := os.Open(filepath.Join(out, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		cfg, _, err := image.DecodeConfig(r)
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name(), err)
		}
		if cfg.Width > 32 || cfg.Height > 32 {
			t.Errorf("%s is %d×%d, want at most 32 on the longest side", f.Name(), cfg.Width, cfg.Height)
		}
	}
}

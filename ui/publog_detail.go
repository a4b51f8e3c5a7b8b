package ui

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/consent"
	"photoconsent/app/preview"
	"photoconsent/app/publog"
	"photoconsent/app/register"
)

// logThumbSize is the side of the entry dialog's picture area; a picture
// kept in the register (160 pixels) is shown at its own size within it.
const logThumbSize = 200

// logDetail is one entry in full, with the small picture the register
// kept when the entry was logged. Older entries have none: for those, the
// published copy is shown once the head says which folder holds it.
type logDetail struct {
	s      *logScreen
	e      publog.Entry
	dialog *formDialog
	thumb  *fyne.Container // the picture, or an icon
	where  *widget.Label   // what the picture is
	find   *widget.Button  // "Look in a folder…", for entries without a kept picture
	shown  bool            // the thumbnail is the published copy
	kept   bool            // the thumbnail is the one kept in the register
}

func (s *logScreen) showEntry(e publog.Entry) {
	a := s.app
	d := &logDetail{s: s, e: e, thumb: container.NewStack(), where: hint("")}
	d.find = widget.NewButtonWithIcon("Look in a folder…", theme.FolderOpenIcon(), d.chooseFolder)
	d.find.Hide() // until it is known that no picture was kept
	// the words go last: a wrapped label grows downwards, into free space
	picture := container.NewVBox(container.NewGridWrap(fyne.NewSquareSize(logThumbSize), d.thumb), d.find, d.where)
	body := container.NewBorder(nil, nil, fixedWidth(logThumbSize, picture), nil,
		container.NewVScroll(container.NewPadded(entryGrid(e, s.pupils))))
	s.detail = d
	d.dialog = a.sizedDialog(fmt.Sprintf("Publication log entry %d", e.Seq), "Close", body, fyne.NewSize(820, 560),
		func() { d.dialog.close() })
	d.dialog.cancel.Hide()
	d.loadKept()
}

// entryGrid lists every field of an entry in words.
func entryGrid(e publog.Entry, pupils map[string]register.Row) fyne.CanvasObject {
	rows := [][2]string{
		{"When", ukDateTime(e.At)},
		{"Who", e.ByName},
		{"Destination", destinationWord(e)},
		{"Decision", kindWord(e.Kind)},
		{"Original file", logFileWords(e.Original)},
		{"Published copy", logFileWords(e.Output)},
		{"Pupils", strings.Join(pupilLines(e, pupils), "\n")},
	}
	if e.Caption != "" {
		rows = append(rows, [2]string{"Caption", e.Caption})
	}
	if e.Resized > 0 {
		rows = append(rows, [2]string{"Resized", fmt.Sprintf("Longest side %d pixels", e.Resized)})
	}
	if e.Faces > 0 {
		rows = append(rows, [2]string{"Faces found", fmt.Sprint(e.Faces)})
	}
	if e.Device != "" || e.NotSchoolDevice {
		rows = append(rows, [2]string{"Camera", deviceWords(e)})
	}
	if len(e.Reasons) > 0 {
		rows = append(rows, [2]string{"Reasons", strings.Join(e.Reasons, "\n")})
	}
	if e.Override != "" {
		rows = append(rows, [2]string{"Override reason", e.Override})
	}
	if len(e.Approvers) > 0 {
		var names []string
		for _, ap := range e.Approvers {
			names = append(names, fmt.Sprintf("%s (%s)", ap.Name, roleWord(ap.Role)))
		}
		rows = append(rows, [2]string{"Approved by", strings.Join(names, "\n")})
	}
	if e.Kind == publog.TakenDown {
		rows = append(rows,
			[2]string{"Takedown of", fmt.Sprintf("Entry %d, for %s", e.TakedownOf, logPupilName(e.TakedownPupil, pupils))},
			[2]string{"What was done", e.Note})
	}
	rows = append(rows, [2]string{"Entry", fmt.Sprintf("%d, sealed %s", e.Seq, logShortHash(e.Hash))})
	grid := container.New(layout.NewFormLayout())
	for _, r := range rows {
		grid.Add(bold(r[0]))
		grid.Add(wrapped(r[1]))
	}
	return grid
}

func logFileWords(f publog.File) string {
	if f.Name == "" {
		return "—"
	}
	if f.SHA256 == "" {
		return f.Name
	}
	return f.Name + "\nSHA-256 " + f.SHA256
}

func logShortHash(h string) string {
	if len(h) > 16 {
		return h[:16] + "…"
	}
	return h
}

// pupilLines says who was in the photo and how each stood at the time:
// "Zoë Brontë (K999…): School granted, Individual granted".
func pupilLines(e publog.Entry, pupils map[string]register.Row) []string {
	if len(e.Pupils) == 0 {
		return entryPupilNames(e, pupils)
	}
	var out []string
	for _, p := range e.Pupils {
		line := logPupilName(p.PupilID, pupils)
		if r, ok := pupils[p.PupilID]; ok && r.UPN != "" {
			line += " (" + r.UPN + ")"
		}
		var sts []string
		for _, purpose := range consent.Purposes {
			if st, ok := p.Statuses[purpose]; ok {
				sts = append(sts, purposeWords[purpose].short+" "+strings.ToLower(statusLabel(st)))
			}
		}
		if p.Leaver {
			sts = append(sts, "had left")
		}
		if p.Blurred {
			sts = append(sts, "published blurred")
		}
		if len(sts) > 0 {
			line += ": " + strings.Join(sts, ", ")
		}
		out = append(out, line)
	}
	return out
}

// loadKept shows the small picture kept in the register with the entry;
// without one (or when it cannot be read), it offers to look for the
// published copy in a folder instead.
func (d *logDetail) loadKept() {
	d.setThumb(nil, "")
	sess, seq := d.s.app.sess, d.e.Seq
	background(d.s.app, func() (image.Image, error) { return keptThumb(sess, seq) },
		func(img image.Image, err error) {
			if err != nil || img == nil {
				if d.e.Output.Name != "" {
					d.find.Show()
				}
				d.loadThumb()
				return
			}
			d.setKept(img)
		})
}

// keptThumb reads and decodes the entry's kept picture, or nil when it has
// none.
func keptThumb(sess *register.Session, seq int64) (image.Image, error) {
	b, ok, err := sess.LogThumbnail(seq)
	if err != nil || !ok {
		return nil, err
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	if cfg.Width > register.MaxLogThumbnailSide || cfg.Height > register.MaxLogThumbnailSide {
		return nil, errors.New("the kept picture is too large")
	}
	return jpeg.Decode(bytes.NewReader(b))
}

// setKept shows the kept picture at its own size (about 160 pixels), not
// stretched.
func (d *logDetail) setKept(img image.Image) {
	d.kept = true
	ci := canvas.NewImageFromImage(img)
	ci.FillMode = canvas.ImageFillContain
	size := img.Bounds().Size()
	d.thumb.Objects = []fyne.CanvasObject{
		container.NewCenter(container.NewGridWrap(fyne.NewSize(float32(size.X), float32(size.Y)), ci))}
	d.thumb.Refresh()
	if d.e.Output.Name != "" {
		d.where.SetText("The published copy, as kept in the register when it was logged.")
	} else {
		d.where.SetText("The photo, as kept in the register when it was logged.")
	}
}

// chooseFolder asks where the published copies were saved.
func (d *logDetail) chooseFolder() {
	a := d.s.app
	fd := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			a.notify(sentence(err))
			return
		}
		if u == nil || u.Scheme() != "file" {
			return
		}
		d.s.folder = u.Path()
		d.loadThumb()
	}, a.win)
	fd.Resize(fyne.NewSize(900, 600))
	a.showDialog(fd)
}

// loadThumb shows the published copy from the chosen folder when its
// content is what the log says was published, else an icon and why.
func (d *logDetail) loadThumb() {
	e, folder := d.e, d.s.folder
	switch {
	case e.Output.Name == "":
		d.setThumb(nil, "Nothing was exported, so there is no copy to show.")
		return
	case folder == "":
		d.setThumb(nil, "Choose the folder the copies were saved in to see this one.")
		return
	}
	d.setThumb(nil, "Looking for the copy…")
	path := filepath.Join(folder, filepath.Base(e.Output.Name)) // a name, never a path out of the folder
	background(d.s.app, func() (image.Image, error) { return publishedThumb(path, e.Output.SHA256) },
		func(img image.Image, err error) {
			if err != nil {
				d.setThumb(nil, thumbProblem(err, e.Output.Name))
				return
			}
			d.setThumb(img, "The published copy, found in the folder "+filepath.Base(folder)+".")
		})
}

// errCopyChanged says the file at the output's name is not the one published.
var errCopyChanged = errors.New("changed since it was published")

// publishedThumb checks the file against the hash in the log, then decodes
// a small picture of it.
func publishedThumb(path, sum string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	if sum != "" && !strings.EqualFold(fmt.Sprintf("%x", h.Sum(nil)), sum) {
		return nil, errCopyChanged
	}
	return preview.Decode(path, logThumbSize)
}

func thumbProblem(err error, name string) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "There is no file called " + name + " in that folder."
	case errors.Is(err, errCopyChanged):
		return "The file called " + name + " in that folder is not the copy that was published."
	}
	return "The copy is there but cannot be shown: " + sentence(err)
}

func (d *logDetail) setThumb(img image.Image, why string) {
	d.shown = img != nil
	var o fyne.CanvasObject
	if img != nil {
		ci := canvas.NewImageFromImage(img)
		ci.FillMode = canvas.ImageFillContain
		o = ci
	} else {
		o = container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(64), widget.NewIcon(theme.FileImageIcon())))
	}
	d.thumb.Objects = []fyne.CanvasObject{o}
	d.thumb.Refresh()
	d.where.SetText(why)
}

// deviceWords is the camera an entry's photo came from, and whether it is
// one of the school's: "Apple iPhone 12 (not a school device)".
func deviceWords(e publog.Entry) string {
	name := e.Device
	if name == "" {
		name = "Not named in the photo"
	}
	if e.NotSchoolDevice {
		name += " (not a school device)"
	}
	return name
}

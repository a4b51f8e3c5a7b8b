package gate

import (
	"image"
	"slices"
	"strings"

	"photoconsent/app/consent"
	"photoconsent/app/faces"
	"photoconsent/app/media"
	"photoconsent/app/publish"
)

// Face is one face the detector found in a photo, and what the person
// vetting it said about it. The tag lasts for this publication only: the
// register keeps no faces.
type Face struct {
	Box      faces.Box // in the photo's displayed pixels (turned upright)
	Pupil    string    // the pupil ID tagged to this face, or ""
	NotPupil bool      // confirmed: an adult, or nobody identifiable
}

// Resolved reports whether someone has said who the face is.
func (f Face) Resolved() bool { return f.Pupil != "" || f.NotPupil }

// FindFaces looks for faces in the item's photo and returns the item with
// them. A video, or a photo the app cannot decode, is marked as looked at
// with FacesNote saying why no faces could be found: the faces rule cannot
// help there, and the teacher's tags are all the gate has.
func (g *Gate) FindFaces(it Item) Item {
	it.Faces, it.FacesChecked, it.FacesNote, it.Size = nil, true, "", image.Point{}
	if it.Check.Error != "" {
		return it // unreadable: blocked for that already
	}
	r := it.Check
	r.File = it.Path
	boxes, size, note := DetectFaces(g.detector, r)
	it.Size, it.FacesNote = size, note
	for _, b := range boxes {
		it.Faces = append(it.Faces, Face{Box: b})
	}
	return it
}

// DetectFaces finds the faces in a checked photo, in its pixels turned
// upright, and the size of that picture. note says, in plain words, why
// faces could not be looked for ("" when they were): videos, HEIC and AVIF
// are not looked in (the app has no decoder for them), and a photo that
// cannot be decoded says why.
func DetectFaces(d *faces.Detector, r media.Report) (boxes []faces.Box, size image.Point, note string) {
	switch f := media.Format(r.Format); {
	case mediumOf(f) == consent.MediaVideo:
		return nil, size, "faces are not looked for in videos"
	case f == media.HEIC || f == media.AVIF:
		return nil, size, "faces are not looked for in " + strings.ToUpper(string(f)) + " photos"
	}
	img, _, err := decodeUpright(r.File)
	if err != nil {
		return nil, size, "faces could not be looked for: " + media.Sentence(err)
	}
	return d.Detect(img), img.Bounds().Size(), ""
}

// TagFace tags face i with a pupil, who is then tagged in the photo too.
// A pupil the face was tagged with before is no longer blurred: their face
// is not known any more. It returns the item unchanged when i is out of
// range.
func (it Item) TagFace(i int, pupilID string) Item {
	if i < 0 || i >= len(it.Faces) || pupilID == "" {
		return it
	}
	if prev := it.Faces[i].Pupil; prev != "" && prev != pupilID {
		it = it.SetBlur(prev, false)
	}
	it.Faces = slices.Clone(it.Faces)
	for j := range it.Faces { // one face per pupil
		if it.Faces[j].Pupil == pupilID {
			it.Faces[j].Pupil = ""
		}
	}
	it.Faces[i] = Face{Box: it.Faces[i].Box, Pupil: pupilID}
	if !slices.Contains(it.Tags, pupilID) {
		it.Tags = append(slices.Clone(it.Tags), pupilID)
	}
	return it
}

// Untag removes a pupil from the photo, from any face tagged with them and
// from the blurred.
func (it Item) Untag(pupilID string) Item {
	if i := slices.Index(it.Tags, pupilID); i >= 0 {
		it.Tags = slices.Delete(slices.Clone(it.Tags), i, i+1)
	}
	it.Faces = slices.Clone(it.Faces)
	for i := range it.Faces {
		if it.Faces[i].Pupil == pupilID {
			it.Faces[i].Pupil = ""
		}
	}
	return it.SetBlur(pupilID, false)
}

// PlaceFace finds the face a person pointed at with a box (from the
// command line, say): the found face the box's centre lies in, the
// smallest if several; a box where the detector found nothing becomes a
// face of its own, so a missed face can still be tagged and blurred. It
// returns the item and the face's index.
func (it Item) PlaceFace(b faces.Box) (Item, int) {
	cx, cy := b.X+b.W/2, b.Y+b.H/2
	best := -1
	for i, f := range it.Faces {
		in := cx >= f.Box.X && cx < f.Box.X+f.Box.W && cy >= f.Box.Y && cy < f.Box.Y+f.Box.H
		if in && (best < 0 || f.Box.W*f.Box.H < it.Faces[best].Box.W*it.Faces[best].Box.H) {
			best = i
		}
	}
	if best >= 0 {
		return it, best
	}
	it.Faces = append(slices.Clone(it.Faces), Face{Box: b})
	return it, len(it.Faces) - 1
}

// MarkNotPupil confirms face i is an adult or nobody identifiable; a pupil
// the face was tagged with is no longer blurred.
func (it Item) MarkNotPupil(i int) Item {
	if i < 0 || i >= len(it.Faces) {
		return it
	}
	if prev := it.Faces[i].Pupil; prev != "" {
		it = it.SetBlur(prev, false)
	}
	it.Faces = slices.Clone(it.Faces)
	it.Faces[i] = Face{Box: it.Faces[i].Box, NotPupil: true}
	return it
}

// ClearFace forgets what was said about face i. A pupil tagged through the
// face stays tagged in the photo and is no longer blurred (their face is
// no longer known).
func (it Item) ClearFace(i int) Item {
	if i < 0 || i >= len(it.Faces) {
		return it
	}
	it.Faces = slices.Clone(it.Faces)
	if p := it.Faces[i].Pupil; p != "" {
		it = it.SetBlur(p, false)
	}
	it.Faces[i] = Face{Box: it.Faces[i].Box}
	return it
}

// FaceOf returns the box tagged with a pupil.
func (it Item) FaceOf(pupilID string) (faces.Box, bool) {
	for _, f := range it.Faces {
		if f.Pupil == pupilID && pupilID != "" {
			return f.Box, true
		}
	}
	return faces.Box{}, false
}

// SetBlur marks a tagged pupil to be published with their face obscured,
// or not. Decide refuses a blur whose face is not tagged.
func (it Item) SetBlur(pupilID string, on bool) Item {
	i := slices.Index(it.Blur, pupilID)
	switch {
	case on && i < 0:
		it.Blur = append(slices.Clone(it.Blur), pupilID)
	case !on && i >= 0:
		it.Blur = slices.Delete(slices.Clone(it.Blur), i, i+1)
	}
	return it
}

// FaceCounts says how many faces were found and how many are accounted
// for by a tag or a confirmation: "3 faces, 1 tagged".
func (it Item) FaceCounts() (found, resolved int) {
	for _, f := range it.Faces {
		if f.Resolved() {
			resolved++
		}
	}
	return len(it.Faces), resolved
}

// Unaccounted is how many faces nobody has said anything about, by the
// rule in publish.UnaccountedFaces: pupils tagged by face or in the list
// count, and so do faces confirmed as adults.
func (it Item) Unaccounted() int {
	found, resolved := it.FaceCounts()
	tags := slices.Clone(it.Tags)
	slices.Sort(tags)
	return publish.UnaccountedFaces(found, resolved-taggedFaces(it), len(slices.Compact(tags)), it.NoPupils)
}

// blurBoxes are the face boxes to obscure in the copy: those of the
// pupils marked to be blurred who are still tagged.
func (it Item) blurBoxes() []faces.Box {
	var out []faces.Box
	for _, id := range it.Blur {
		if b, ok := it.FaceOf(id); ok && slices.Contains(it.Tags, id) {
			out = append(out, b)
		}
	}
	return out
}

// blurProblem says why the item's blurs cannot be done, or "".
func (g *Gate) blurProblem(it Item) string {
	for _, id := range it.Blur {
		if !slices.Contains(it.Tags, id) {
			continue // no longer tagged: nothing to blur
		}
		if _, ok := it.FaceOf(id); !ok {
			return g.labels[id] + " cannot be blurred until their face is tagged in the photo"
		}
		if !resizable(media.Format(it.Check.Format)) {
			return "only JPEG and PNG photos can be published blurred"
		}
	}
	return ""
}

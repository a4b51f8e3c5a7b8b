// Package gate runs the publishing gate for a signed-in person: it checks
// each photo (location, names, readability), asks the rulebook in
// app/publish for a decision per destination, writes publish-safe copies of
// the ready ones (optionally resized for the web) and logs every export,
// block and override in the publication log. The command line and the vet
// screen both use it. It is synchronous; callers add goroutines.
package gate

import (
	"context"
	"image"
	"slices"
	"strings"

	"photoconsent/app/consent"
	"photoconsent/app/devices"
	"photoconsent/app/faces"
	"photoconsent/app/media"
	"photoconsent/app/names"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
	"photoconsent/app/register"
)

// Gate is one person's publishing session over the register.
type Gate struct {
	sess   *register.Session
	pupils *media.Pupils // the register's names, indexed once, for files and captions
	policy publish.Policy
	labels map[string]string // pupil ID → "Amelia S.", for reasons

	detector *faces.Detector
	devices  []devices.Device // the school's cameras and tablets
	website  bool             // the person publishes to the school's website
}

// New indexes the register's pupils' names for the checks.
func New(sess *register.Session) (*Gate, error) {
	people, err := sess.PupilNames()
	if err != nil {
		return nil, err
	}
	policy, err := sess.Policy()
	if err != nil {
		return nil, err
	}
	detector, err := faces.NewDetector()
	if err != nil {
		return nil, err
	}
	devs, err := sess.SchoolDevices()
	if err != nil {
		return nil, err
	}
	website, err := sess.MayUploadToWebsite()
	if err != nil {
		return nil, err
	}
	g := &Gate{
		sess:     sess,
		pupils:   media.NewPupils(people),
		policy:   policy,
		labels:   make(map[string]string, len(people)),
		detector: detector,
		devices:  devs,
		website:  website,
	}
	for _, p := range people {
		g.labels[p.ID] = shortLabel(p)
	}
	return g, nil
}

// shortLabel is a pupil as reasons name them: forename and surname
// initial, "Amelia S.".
func shortLabel(p names.Person) string {
	var fore, initial string
	if len(p.Forenames) > 0 {
		fore = p.Forenames[0]
	}
	if len(p.Surnames) > 0 {
		for _, r := range p.Surnames[0] {
			initial = string(r) + "."
			break
		}
	}
	return strings.TrimSpace(fore + " " + initial)
}

// Item is one photo or video on its way through the gate, with what the
// person said about it.
type Item struct {
	Path     string
	Check    media.Report  // what the check found in the file
	Medium   consent.Media // photo or video, from the format
	Tags     []string      // pupil IDs of the pupils in it
	NoPupils bool          // confirmed: no identifiable pupils
	Caption  string        // caption or alt text, checked for full names
	Override *publish.Override

	// Faces are the faces found in the photo, with what the person said
	// about each; FacesChecked says the detector has looked (FindFaces), and
	// FacesNote why it could not ("" when it could). Until it has looked,
	// the photo is not ready.
	Faces        []Face
	FacesChecked bool
	FacesNote    string
	// Size is the photo's size turned upright, the space of the face boxes;
	// zero when no faces could be looked for.
	Size image.Point
	// Blur lists pupils (IDs) to publish with their face obscured; each
	// needs a face tagged with them.
	Blur []string
}

// Load checks one file (read-only), looks for faces in it and returns its
// item, untagged.
func (g *Gate) Load(path string) Item {
	return g.FindFaces(g.Check(path))
}

// Check checks one file (read-only) and returns its item, untagged, with
// faces not yet looked for: the vet screen finds them in the background.
func (g *Gate) Check(path string) Item {
	r := media.Check(path, g.pupils)
	return Item{Path: path, Check: r, Medium: mediumOf(media.Format(r.Format))}
}

// mediumOf says whether a format is a video, for answers that cover
// photos and videos separately.
func mediumOf(f media.Format) consent.Media {
	switch f {
	case media.MP4, media.MOV, media.M4V, media.ThreeGP:
		return consent.MediaVideo
	}
	return consent.MediaPhoto
}

// Decide returns the decision for the item going to d, with the tagged
// pupils' statuses as they are now.
func (g *Gate) Decide(it Item, d publish.Destination) (publish.Decision, error) {
	dec, _, err := g.decide(it, d)
	return dec, err
}

// decide is Decide, also returning the subjects it decided on, for the log.
func (g *Gate) decide(it Item, d publish.Destination) (publish.Decision, []publish.Subject, error) {
	it = g.signed(it)
	var subjects []publish.Subject
	if len(it.Tags) > 0 {
		var err error
		if subjects, err = g.sess.Subjects(it.Tags, it.Medium); err != nil {
			return publish.Decision{}, nil, err
		}
	}
	for i := range subjects {
		_, face := it.FaceOf(subjects[i].PupilID)
		subjects[i].Blurred = face && slices.Contains(it.Blur, subjects[i].PupilID)
	}
	found, resolved := it.FaceCounts()
	photo := publish.Photo{
		Subjects:            subjects,
		NoPupils:            it.NoPupils,
		UnremovableLocation: len(it.Check.Unremovable) > 0,
		CaptionNames:        g.CaptionNames(it.Caption),
		Problem:             it.Check.Error,
		Faces:               found,
		NotPupilFaces:       resolved - taggedFaces(it),
		FacesPending:        !it.FacesChecked && it.Check.Error == "",
		BlurProblem:         g.blurProblem(it),
		Device:              devices.CameraLabel(it.Check.Camera),
		NotSchoolDevice:     !g.SchoolDevice(it),
		NotAuthoriser:       !g.website,
	}
	return publish.Decide(d, photo, g.policy, it.Override), subjects, nil
}

// SchoolDevice reports whether the photo was taken on one of the school's
// cameras or tablets. While the school has listed none, every photo
// counts as taken on one: the warning would say nothing about the photo.
// An unreadable file is not warned about either; it is blocked already.
func (g *Gate) SchoolDevice(it Item) bool {
	return len(g.devices) == 0 || it.Check.Error != "" || devices.Known(g.devices, it.Check.Camera)
}

// HasDeviceList reports whether the school has listed its devices.
func (g *Gate) HasDeviceList() bool { return len(g.devices) > 0 }

// taggedFaces counts the faces tagged with a pupil.
func taggedFaces(it Item) int {
	n := 0
	for _, f := range it.Faces {
		if f.Pupil != "" {
			n++
		}
	}
	return n
}

// signed makes an item's override the signed-in person's own, whoever the
// caller said made it: an override is only ever made by the person using
// the gate.
func (g *Gate) signed(it Item) Item {
	if it.Override == nil {
		return it
	}
	o := *it.Override
	me := g.sess.Me()
	o.By = publish.Approver{AccountID: me.ID, Name: me.Login, Role: me.Role}
	it.Override = &o
	return it
}

// CaptionNames lists the pupils whose full name is in a caption, as
// "Amelia S.", each once. A forename or surname alone is not a full name
// (May, Grace and Rose are also words) and does not count. A name in the
// file's name or metadata does not count either: the copy gets a neutral
// name and loses its metadata; only the caption is published as written.
func (g *Gate) CaptionNames(caption string) []string {
	if strings.TrimSpace(caption) == "" {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, m := range g.pupils.Find(caption) {
		if m.Severity != names.Block || seen[m.PersonID] {
			continue
		}
		seen[m.PersonID] = true
		out = append(out, g.labels[m.PersonID])
	}
	slices.Sort(out)
	return out
}

// ExportOptions say where and how the copies are written.
type ExportOptions struct {
	To     publish.Destination
	OutDir string
	Prefix string // the start of each copy's name; the destination's name when empty
	Resize int    // longest side in pixels; 0 keeps the original pixels (lossless)
}

// Result is what happened to one item.
type Result struct {
	Item     Item
	Decision publish.Decision
	Output   string       // the copy written, or ""
	Entry    publog.Entry // the log entry written for it
	Err      string       // one plain sentence when the file could not be exported
}

// Export decides every item, writes copies of the ready and overridden
// ones, and logs each (blocked ones too). progress is called after each
// item. Cancelling stops before the next item; what was done stays logged.
func (g *Gate) Export(ctx context.Context, items []Item, opt ExportOptions, progress func(done, total int)) ([]Result, error) {
	x, err := g.newExport(opt)
	if err != nil {
		return nil, err
	}
	var out []Result
	for i, it := range items {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		res, err := x.one(it)
		if err != nil {
			return out, err
		}
		out = append(out, res)
		if progress != nil {
			progress(i+1, len(items))
		}
	}
	return out, nil
}

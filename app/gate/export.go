package gate

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"photoconsent/app/access"
	"photoconsent/app/consent"
	"photoconsent/app/devices"
	"photoconsent/app/media"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
)

// export is one Export call: the options and the copier that names the
// copies.
type export struct {
	g      *Gate
	opt    ExportOptions
	copier *media.Copier
	now    time.Time
}

func (g *Gate) newExport(opt ExportOptions) (*export, error) {
	if err := g.sess.Check(access.Publish); err != nil {
		return nil, err
	}
	if _, err := publish.ParseDestination(string(opt.To)); err != nil {
		return nil, err
	}
	if st, err := os.Stat(opt.OutDir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("the output folder %s does not exist", opt.OutDir)
	}
	if opt.Resize < 0 {
		return nil, errors.New("the longest side for resizing cannot be negative")
	}
	if opt.Prefix == "" {
		opt.Prefix = string(opt.To)
	}
	now := g.sess.Now() // the copies' names carry the date the log records
	c := media.NewCopier(media.CopyOptions{OutDir: opt.OutDir, Prefix: opt.Prefix, Now: now})
	return &export{g: g, opt: opt, copier: c, now: now}, nil
}

// one decides, copies and logs one item. The error is for what stops the
// whole export (the register cannot be read or written); a file that
// cannot be read or copied is the item's Err.
func (x *export) one(it Item) (Result, error) {
	it = x.g.signed(it)
	if it.Check.File != it.Path {
		loaded := x.g.Check(it.Path)
		it.Check, it.Medium = loaded.Check, loaded.Medium
	}
	dec, subjects, err := x.g.decide(it, x.opt.To)
	if err != nil {
		return Result{}, err
	}
	res := Result{Item: it, Decision: dec}
	e := x.entry(it, dec, subjects)
	if dec.Outcome == publish.Blocked {
		res.Err = it.Check.Error // unreadable or unsupported: also the item's error
		return x.log(res, e, "")
	}
	w, err := x.write(it)
	e.Original.SHA256 = w.original
	switch {
	case err != nil:
		return x.failed(res, e, err)
	case len(w.unremovable) > 0 && len(it.Check.Unremovable) == 0:
		// The file changed since it was checked: decide again on what
		// the copy was made from.
		it.Check.Unremovable = w.unremovable
		return x.relog(it, w.output)
	}
	res.Output = w.output
	e.Output = publog.File{Name: filepath.Base(w.output), SHA256: w.copyHash}
	e.Resized = w.resized
	return x.log(res, e, w.output)
}

// relog decides again after the copy showed location that cannot be
// removed; the copy is deleted and the attempt logged as blocked.
func (x *export) relog(it Item, output string) (Result, error) {
	if err := os.Remove(output); err != nil {
		return Result{}, fmt.Errorf("a copy with location that cannot be removed could not be deleted: %w", err)
	}
	dec, subjects, err := x.g.decide(it, x.opt.To)
	if err != nil {
		return Result{}, err
	}
	res := Result{Item: it, Decision: dec}
	e := x.entry(it, dec, subjects)
	if dec.Outcome != publish.Blocked {
		return x.failed(res, e, errors.New("the file changed while it was being copied"))
	}
	if sum, err := hashFile(it.Path); err == nil {
		e.Original.SHA256 = sum
	}
	return x.log(res, e, "")
}

// failed logs an item whose file could not be read or copied as blocked,
// with the reason.
func (x *export) failed(res Result, e publog.Entry, err error) (Result, error) {
	res.Err = media.Sentence(err)
	res.Decision.Outcome = publish.Blocked
	res.Decision.Reasons = append(slices.Clone(res.Decision.Reasons), "the file could not be exported: "+res.Err)
	e.Kind, e.Decision, e.Reasons = publog.Blocked, publish.Blocked, res.Decision.Reasons
	e.Override, e.Approvers = "", nil
	return x.log(res, e, "")
}

// log writes the entry. If the log cannot be written, the copy is removed:
// nothing is published without its entry.
func (x *export) log(res Result, e publog.Entry, output string) (Result, error) {
	if e.Original.SHA256 == "" && e.Kind == publog.Blocked {
		if sum, err := hashFile(res.Item.Path); err == nil {
			e.Original.SHA256 = sum
		} else if res.Err == "" {
			res.Err = media.Sentence(err)
		}
	}
	sealed, err := x.g.sess.LogPublication(e)
	if err != nil {
		if output != "" {
			if rerr := os.Remove(output); rerr != nil {
				err = fmt.Errorf("%w (and the copy %s could not be deleted: %v)", err, filepath.Base(output), rerr)
			}
		}
		return Result{}, fmt.Errorf("the publication log could not be written: %w", err)
	}
	res.Entry = sealed
	x.keepThumbnail(sealed.Seq, res.Item.Path, output)
	return res, nil
}

// entry is the log entry for a decision, before the copy is written.
func (x *export) entry(it Item, dec publish.Decision, subjects []publish.Subject) publog.Entry {
	e := publog.Entry{
		Kind:        kindOf(dec.Outcome),
		Destination: x.opt.To,
		Medium:      it.Medium,
		Original:    publog.File{Name: filepath.Base(it.Path)},
		Pupils:      logPupils(subjects, dec),
		NoPupils:    it.NoPupils,
		Decision:    dec.Outcome,
		Reasons:     dec.Reasons,
		Faces:       len(it.Faces),
		Device:      devices.CameraLabel(it.Check.Camera),
		// The decision's warning says the same; the log keeps it as a flag
		// so a headteacher can find every photo from another device.
		NotSchoolDevice: !x.g.SchoolDevice(it),
	}
	// A caption with a pupil's full name is not kept: the log holds no
	// names, so that a pupil's record can be deleted without the chain.
	if len(x.g.CaptionNames(it.Caption)) == 0 {
		e.Caption = it.Caption
	}
	if dec.Outcome == publish.Overridden && it.Override != nil {
		e.Override = it.Override.Reason
		e.Approvers = []publish.Approver{it.Override.By}
		if it.Override.Second != nil {
			e.Approvers = append(e.Approvers, *it.Override.Second)
		}
	}
	return e
}

func kindOf(o publish.Outcome) publog.Kind {
	switch o {
	case publish.Ready:
		return publog.Exported
	case publish.Overridden:
		return publog.Overridden
	}
	return publog.Blocked
}

// logPupils keeps each tagged pupil's statuses for the purposes the
// destination needed, as they stood at the decision.
func logPupils(subjects []publish.Subject, dec publish.Decision) []publog.Pupil {
	var out []publog.Pupil
	for _, s := range subjects {
		if slices.ContainsFunc(out, func(p publog.Pupil) bool { return p.PupilID == s.PupilID }) {
			continue // tagged twice
		}
		p := publog.Pupil{PupilID: s.PupilID, Statuses: map[consent.Purpose]consent.Status{}, Leaver: s.Leaver, Blurred: s.Blurred}
		for _, need := range dec.Needs {
			if st, ok := s.Statuses[need]; ok {
				p.Statuses[need] = st
			}
		}
		out = append(out, p)
	}
	return out
}

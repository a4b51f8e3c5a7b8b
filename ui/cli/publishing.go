package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"photoconsent/app/gate"
	"photoconsent/app/publish"
	"photoconsent/app/register"
)

// publishFlags are publish's own flags.
type publishFlags struct {
	common
	to       string
	opt      gate.ExportOptions
	caption  string
	tags     string
	none     bool
	override string
	faces    faceFlags
	blur     listFlag
}

func (p *publishFlags) parse(env *Env, args []string) ([]string, error) {
	fs := newFlags("publish", env, &p.common)
	fs.StringVar(&p.to, "to", "", "where the photos go: `DEST` is website, newsletter, display, social, press or prospectus")
	fs.StringVar(&p.opt.OutDir, "out", "", "the folder `DIR` for the publish-safe copies (it must exist)")
	fs.StringVar(&p.opt.Prefix, "prefix", "", "the start of each copy's name: `P`-YYYYMMDD-NNN.ext (default: the destination)")
	fs.StringVar(&p.caption, "caption", "", "the caption or alt `TEXT` published with the photos; a pupil's full name in it blocks them")
	fs.IntVar(&p.opt.Resize, "resize", 0, "resize JPEG and PNG photos so the longest side is at most `PX` pixels (re-encoded; never enlarged)")
	fs.StringVar(&p.tags, "tag", "", "every pupil in the photos, by `UPN`, separated by commas: one set of photos with the same pupils.\nExit 0 when all are exported, 1 when any is blocked (the reasons go to stderr); every attempt is logged")
	fs.BoolVar(&p.none, "no-pupils", false, "confirm that no pupil can be identified in the photos")
	fs.Var(&p.faces, "face", "one photo only, repeatable: `WHO=x,y,w,h` says whose face is in that box (pixels of the photo turned upright,\nas check --json reports them); WHO is a pupil's UPN (who is then tagged) or \"adult\" for an adult or nobody identifiable")
	fs.Var(&p.blur, "blur", "one photo only, repeatable: publish the photo with this pupil's face obscured (`UPN`; their face needs --face)")
	fs.StringVar(&p.override, "override", "", "head only: publish photos blocked on consent anyway, for this written `REASON`\n(a never-publish pupil needs a second person's sign-off: use the desktop app)")
	paths, err := parse(fs, args)
	if err != nil {
		return nil, err
	}
	return paths, p.check(paths)
}

func (p *publishFlags) check(paths []string) error {
	d, err := publish.ParseDestination(p.to)
	switch {
	case p.to == "":
		return usagef("say where the photos go with --to website|newsletter|display|social|press|prospectus")
	case err != nil:
		return usagef("%v", err)
	case p.opt.OutDir == "":
		return usagef("say where the copies go with --out DIR")
	case len(paths) == 0:
		return usagef("give the photos or videos to publish")
	case (p.tags == "" && !p.faces.anyPupil()) == !p.none:
		return usagef("say who is in the photos with --tag UPN[,UPN...] or --face, or confirm --no-pupils (one or the other)")
	case (len(p.faces) > 0 || len(p.blur) > 0) && len(paths) != 1:
		return usagef("--face and --blur are about one photo: give exactly one")
	case p.opt.Resize < 0:
		return usagef("--resize is the longest side in pixels")
	case strings.ContainsAny(p.opt.Prefix, `/\:`) || strings.HasPrefix(p.opt.Prefix, "."):
		return usagef("--prefix must be a plain word, without slashes or a leading dot")
	}
	p.opt.To = d
	if st, err := os.Stat(p.opt.OutDir); err != nil || !st.IsDir() {
		return fmt.Errorf("the output folder %s does not exist", p.opt.OutDir)
	}
	return nil
}

// runPublish puts one set of photos with the same pupils through the gate.
// Every attempt is logged; blocked photos are named on stderr with why.
func runPublish(env *Env, args []string) error {
	var p publishFlags
	paths, err := p.parse(env, args)
	if err != nil {
		return err
	}
	s, done, err := p.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	ids, err := tagIDs(s, p.tags)
	if err != nil {
		return err
	}
	g, err := gate.New(s)
	if err != nil {
		return err
	}
	items := make([]gate.Item, len(paths))
	for i, path := range paths {
		items[i] = g.Load(path)
		items[i].Tags, items[i].NoPupils, items[i].Caption = ids, p.none, p.caption
		items[i].Override = p.overrideBy(s)
		if items[i], err = p.applyFaces(s, items[i]); err != nil {
			return err
		}
	}
	res, err := g.Export(context.Background(), items, p.opt, nil)
	if err != nil {
		return err
	}
	return reportPublished(env, res)
}

// overrideBy is the signed-in person's --override, or nil.
func (p *publishFlags) overrideBy(s *register.Session) *publish.Override {
	if p.override == "" {
		return nil
	}
	me := s.Me()
	return &publish.Override{
		By:     publish.Approver{AccountID: me.ID, Name: me.Login, Role: me.Role},
		Reason: p.override,
	}
}

// tagIDs turns --tag's UPNs into pupil IDs.
func tagIDs(s *register.Session, tags string) ([]string, error) {
	var ids []string
	for _, upn := range strings.Split(tags, ",") {
		if upn = strings.TrimSpace(upn); upn == "" {
			continue
		}
		p, err := s.FindPupil(upn)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(ids, p.ID) {
			ids = append(ids, p.ID)
		}
	}
	return ids, nil
}

// reportPublished prints each exported copy on stdout and each blocked
// photo, with its reasons, on stderr; any blocked photo makes exit 1.
func reportPublished(env *Env, res []gate.Result) error {
	blocked := 0
	for _, r := range res {
		if r.Output == "" {
			blocked++
			fmt.Fprintf(env.Stderr, "%s: blocked: %s.\n", r.Item.Path, strings.Join(r.Decision.Reasons, "; "))
			continue
		}
		printExported(env.Stdout, r)
	}
	fmt.Fprintf(env.Stdout, "%d exported, %d blocked; each is in the publication log.\n", len(res)-blocked, blocked)
	if blocked > 0 {
		return errFindings
	}
	return nil
}

func printExported(w io.Writer, r gate.Result) {
	how := ""
	if r.Entry.Resized > 0 {
		how = fmt.Sprintf(", resized to %d px", r.Entry.Resized)
	}
	if n := len(r.Decision.Blurred); n > 0 {
		how += fmt.Sprintf(", %s blurred", plural(n, "pupil"))
	}
	if r.Decision.Outcome == publish.Overridden {
		how += ", on your override"
	}
	for _, w := range r.Decision.Warnings {
		how += "; " + w
	}
	fmt.Fprintf(w, "%s: exported as %s%s\n", r.Item.Path, filepath.Base(r.Output), how)
}

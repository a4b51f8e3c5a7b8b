package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"photoconsent/app/faces"
	"photoconsent/app/media"
	"photoconsent/app/metadata"
	"photoconsent/app/names"
)

// errFindings makes check and sweep exit 1 without printing an error line:
// the report above already says what was found.
var errFindings = errors.New("")

// nameSource holds the flags that say whose names to look for. Reading
// the register's names also reads its list of school devices.
type nameSource struct {
	common
	file    string
	devices cameraCheck
}

func (n *nameSource) flags(fs *flag.FlagSet) {
	fs.StringVar(&n.file, "names", "", "a file of pupils' names to look for, one per line: Forename<TAB>Surname")
}

// pupils loads the names to look for: a --names file, the register when
// --data or --user is given, or none.
func (n *nameSource) pupils(env *Env) (*media.Pupils, error) {
	switch {
	case n.file != "" && (n.user != "" || n.data != ""):
		return nil, usagef("give either --names FILE or --data DIR --user NAME, not both")
	case n.file != "":
		f, err := os.Open(n.file)
		if err != nil {
			return nil, fmt.Errorf("cannot read the names file: %w", err)
		}
		defer f.Close()
		people, err := names.ReadList(f)
		if err != nil {
			return nil, err
		}
		return media.NewPupils(people), nil
	case n.user != "" || n.data != "":
		s, done, err := n.signIn(env)
		if err != nil {
			return nil, err
		}
		defer done()
		people, err := s.PupilNames()
		if err != nil {
			return nil, err
		}
		if n.devices.list, err = s.SchoolDevices(); err != nil {
			return nil, err
		}
		n.devices.registered = true
		return media.NewPupils(people), nil
	}
	return nil, nil
}

func runCheck(env *Env, args []string) error {
	var n nameSource
	fs := newFlags("check", env, &n.common)
	n.flags(fs)
	asJSON := fs.Bool("json", false, "print a JSON array, one object per file. A file that names its camera has\n"+
		`"device": {"make", "model", "serial", "known"}; "known" says it is one of the school's devices`+"\n"+
		"(photoconsent devices). It is only ever true with --data/--user, which read the register's list:\n"+
		"with --names FILE, or neither, there is no list and it is false. Each photo has \"faces\": {\"count\",\n"+
		`"boxes": [{"x","y","w","h"}], "note"}, in pixels of the photo turned upright (for publish --face)`)
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("give the photos, videos or folders to check")
	}
	pupils, err := n.pupils(env)
	if err != nil {
		return err
	}
	d, err := faces.NewDetector()
	if err != nil {
		return err
	}
	files, reports := media.Expand(paths)
	found := make([]*facesJSON, len(reports)) // the problems have no faces
	checked := make([]media.Report, len(files))
	seen := make([]*facesJSON, len(files))
	forEach(len(files), checkWorkers(), func(i int) {
		checked[i] = media.Check(files[i], pupils)
		seen[i] = facesIn(d, checked[i])
	})
	return finishChecked(env, append(reports, checked...), append(found, seen...), *asJSON, &n.devices)
}

func runClean(env *Env, args []string) error {
	var n nameSource
	fs := newFlags("clean", env, &n.common)
	n.flags(fs)
	var opt media.CopyOptions
	fs.StringVar(&opt.OutDir, "out", "", "the folder for the clean copies (must exist)")
	fs.StringVar(&opt.Prefix, "prefix", "photo", "the start of each copy's name: PREFIX-YYYYMMDD-NNN.ext")
	fs.BoolVar(&opt.KeepDate, "keep-date", false, "keep the date the photo was taken")
	asJSON := fs.Bool("json", false, "print a JSON array, one object per file")
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case opt.OutDir == "":
		return usagef("say where the copies go with --out DIR")
	case len(paths) == 0:
		return usagef("give the photos, videos or folders to clean")
	case strings.ContainsAny(opt.Prefix, `/\:`) || strings.HasPrefix(opt.Prefix, "."):
		return usagef("--prefix must be a plain word, without slashes or a leading dot")
	}
	if st, err := os.Stat(opt.OutDir); err != nil || !st.IsDir() {
		return fmt.Errorf("the output folder %s does not exist", opt.OutDir)
	}
	if env.Now != nil {
		opt.Now = env.Now()
	}
	pupils, err := n.pupils(env)
	if err != nil {
		return err
	}
	files, reports := media.Expand(paths)
	files = outside(files, opt.OutDir) // earlier copies in an --out folder inside PATH
	opt.SyncLater = true
	c := media.NewCopier(opt)
	stop, release := interrupts(env)
	defer release()
	copied, err := copyAll(c, files, pupils, stop)
	if err != nil {
		return err
	}
	reports = append(reports, copied...)
	if err := c.Finish(); err != nil {
		return err
	}
	return finish(env, reports, *asJSON, func(r *media.Report) bool { return r.Error != "" })
}

// outside drops the files inside dir.
func outside(files []string, dir string) []string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return files
	}
	var out []string
	for _, f := range files {
		if fa, err := filepath.Abs(f); err == nil && strings.HasPrefix(fa, abs+string(filepath.Separator)) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// copyWorkers is how many files are prepared at once.
const copyWorkers = 8

// checkWorkers is how many files check reads and looks for faces in at
// once: one per core, at most four (a 12-megapixel photo decoded for the
// face detector takes some 50 MB).
func checkWorkers() int { return min(runtime.NumCPU(), 4) }

// forEach calls do(i) for i from 0 to n-1 on the given number of
// goroutines, and returns when all calls have.
func forEach(n, workers int, do func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for i := range next {
				do(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// errStopped is clean's answer to Ctrl-C while copies are being prepared.
var errStopped = errors.New("stopped as asked: no copies were written")

// interrupts starts catching Ctrl-C where the environment can.
func interrupts(env *Env) (<-chan struct{}, func()) {
	if env.Interrupts == nil {
		return nil, func() {}
	}
	return env.Interrupts()
}

// closed reports whether ch is closed; a nil ch never is.
func closed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// copyAll prepares every copy in parallel, makes them durable with one
// sync (flushing as it goes, so the disk is busy while the files are being
// cleaned), then names them in input order, so the numbering follows the
// order the files were given in. When stop closes before every copy is
// prepared, the files in hand are finished, nothing is named and nothing
// is left behind.
func copyAll(c *media.Copier, files []string, pupils *media.Pupils, stop <-chan struct{}) ([]media.Report, error) {
	pending := make([]media.Pending, len(files))
	var flusher sync.WaitGroup
	prepared := make(chan struct{}) // closed once no copy is being written
	flusher.Go(func() { c.FlushWhile(prepared) })
	forEach(len(files), copyWorkers, func(i int) {
		if !closed(stop) {
			pending[i] = c.Prepare(files[i], pupils)
		}
	})
	close(prepared)
	flusher.Wait()
	if closed(stop) {
		c.Discard(pending)
		return nil, errStopped
	}
	if err := c.Sync(pending); err != nil {
		return nil, fmt.Errorf("could not save the copies to disk: %w", err)
	}
	reports := make([]media.Report, len(files))
	for i, p := range pending {
		reports[i] = c.Commit(p)
	}
	return reports, nil
}

func runSweep(env *Env, args []string) error {
	fs := newFlags("sweep", env, nil)
	apply := fs.Bool("apply", false, "rewrite the files (without it, only report)")
	asJSON := fs.Bool("json", false, "print a JSON array, one object per file")
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("give the files or folders to sweep")
	}
	files, reports := media.Expand(paths)
	for _, f := range files {
		reports = append(reports, media.Sweep(f, *apply))
	}
	left := func(r *media.Report) bool {
		return r.Error != "" || len(r.Unremovable) > 0 || (!*apply && len(r.Location) > 0)
	}
	return finish(env, reports, *asJSON, left)
}

// finish prints the reports and returns errFindings if any file is bad.
func finish(env *Env, reports []media.Report, asJSON bool, bad func(*media.Report) bool) error {
	var err error
	if asJSON {
		for i := range reports {
			noNulls(&reports[i])
		}
		err = writeJSON(env.Stdout, reports)
	} else {
		// One write for the lot rather than a few per file.
		w := bufio.NewWriter(env.Stdout)
		for i := range reports {
			printReport(w, &reports[i], nil)
		}
		err = w.Flush()
	}
	if err != nil {
		return err
	}
	return findings(reports, bad)
}

// findings returns errFindings if any file is bad.
func findings(reports []media.Report, bad func(*media.Report) bool) error {
	for i := range reports {
		if bad(&reports[i]) {
			return errFindings
		}
	}
	return nil
}

// noNulls makes empty lists print as [] in JSON, which scripts expect.
func noNulls(r *media.Report) {
	if r.Location == nil {
		r.Location = []metadata.Finding{}
	}
	if r.Identity == nil {
		r.Identity = []metadata.Finding{}
	}
	if r.Names == nil {
		r.Names = []media.Name{}
	}
	if r.Removed == nil {
		r.Removed = []string{}
	}
	if r.Kept == nil {
		r.Kept = []string{}
	}
}

func printReport(w io.Writer, r *media.Report, cams *cameraCheck) {
	format := strings.ToUpper(r.Format)
	if format == "" {
		format = "?"
	}
	switch {
	case r.Error != "":
		fmt.Fprintf(w, "%s: %s\n", r.File, r.Error)
	case r.Clean() && r.Output == "":
		fmt.Fprintf(w, "%s: %s, nothing found\n", r.File, format)
	default:
		fmt.Fprintf(w, "%s: %s\n", r.File, format)
	}
	list(w, "location", r.Location)
	list(w, "cannot be removed", r.Unremovable)
	list(w, "identity", r.Identity)
	if cams != nil && !r.Camera.IsZero() {
		fmt.Fprintf(w, "  camera: %s\n", cams.line(r.Camera))
	}
	for _, n := range r.Names {
		fmt.Fprintf(w, "  name (%s): %q in %s, %s\n", n.Severity, n.Text, n.Where, n.Pupil)
	}
	if r.Output != "" {
		fmt.Fprintf(w, "  copy: %s\n", r.Output)
	}
	if len(r.Removed) > 0 {
		fmt.Fprintf(w, "  removed: %s\n", strings.Join(r.Removed, "; "))
	}
	if len(r.Kept) > 0 {
		fmt.Fprintf(w, "  kept: %s\n", strings.Join(r.Kept, "; "))
	}
}

// list prints up to six findings on one line, then a count.
func list(w io.Writer, what string, fs []metadata.Finding) {
	if len(fs) == 0 {
		return
	}
	var parts []string
	for i, f := range fs {
		if i == 6 {
			parts = append(parts, fmt.Sprintf("and %d more", len(fs)-6))
			break
		}
		parts = append(parts, f.String())
	}
	fmt.Fprintf(w, "  %s: %s\n", what, strings.Join(parts, ", "))
}

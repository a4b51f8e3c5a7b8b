package media

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"photoconsent/app/metadata"
)

// CopyOptions say where clean copies go and what they are called.
type CopyOptions struct {
	OutDir   string
	Prefix   string    // the start of every copy's name; "photo" when empty
	KeepDate bool      // keep the capture date in the copy
	Now      time.Time // the date in the copies' names; zero means today
	// SyncLater leaves syncing the prepared copies to one call of Sync for
	// the whole batch, before any is committed: one flush of the disk
	// instead of one per file. Without it Prepare syncs each copy.
	SyncLater bool
}

// Copier writes publish-safe copies with neutral names,
// <prefix>-<yyyymmdd>-<nnn>.<ext>, never derived from the original's name.
type Copier struct {
	opt  CopyOptions
	next int // the next number to try
}

// NewCopier prepares a batch of copies into opt.OutDir, which must exist.
func NewCopier(opt CopyOptions) *Copier {
	if opt.Prefix == "" {
		opt.Prefix = "photo"
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	return &Copier{opt: opt, next: 1}
}

// Copy checks one file and writes its clean copy. The report says what was
// removed and kept, or why there is no copy; nothing half-written is left.
func (c *Copier) Copy(path string, pupils *Pupils) Report {
	r := c.Commit(c.Prepare(path, pupils))
	if err := c.Finish(); err != nil && r.Error == "" {
		r.Error = Sentence(err)
	}
	return r
}

// Pending is a clean copy written and verified under a temporary name,
// waiting for Commit to give it its neutral name.
type Pending struct {
	report Report
	tmp    string
	ext    string
}

// Prepare checks a file and writes its verified clean copy under a
// temporary name. It is safe to call from several goroutines at once. Where
// the cleaner reports what it read, the original is read only once.
func (c *Copier) Prepare(path string, pupils *Pupils) Pending {
	p := Pending{report: Report{File: path}}
	o, err := openMedia(path, &p.report, pupils)
	if o != nil {
		defer o.f.Close()
	}
	if err == nil {
		err = c.prepare(o, &p, pupils)
	}
	if err != nil {
		p.report.Error = Sentence(err)
	}
	return p
}

func (c *Copier) prepare(o *opened, p *Pending, pupils *Pupils) error {
	var found *metadata.Findings
	var err error
	if o.h.clean == nil {
		err = errOnlyMetadata
	} else {
		p.ext = o.h.ext
		opt := metadata.CleanOptions{KeepDate: c.opt.KeepDate}
		p.tmp, found, err = writeClean(o, c.opt.OutDir, opt, !c.opt.SyncLater, &p.report)
	}
	if found == nil {
		// The cleaner did not say what it read, or it failed: read the
		// original again for the report (a damaged file's location too).
		f, ierr := o.h.inspect(o.f, o.size)
		found = &f
		if ierr != nil && err == nil {
			err = ierr
		}
	}
	o.report(&p.report, *found, pupils)
	if err != nil && p.tmp != "" {
		os.Remove(p.tmp)
		p.tmp = ""
	}
	return err
}

// Sync makes a batch's prepared copies durable, for a Copier made with
// SyncLater: one flush of the output folder's file system where the system
// offers it, else a sync of each copy. On error every copy is discarded.
func (c *Copier) Sync(ps []Pending) error {
	err := syncFS(c.opt.OutDir)
	if errors.Is(err, errNoSyncFS) {
		err = nil
		for _, p := range ps {
			if err == nil && p.tmp != "" {
				err = syncFile(p.tmp)
			}
		}
	}
	if err != nil {
		for i := range ps {
			if ps[i].tmp != "" {
				ps[i].report.Error = Sentence(err)
			}
		}
		c.Discard(ps)
	}
	return err
}

// Discard removes prepared copies that will not be committed.
func (c *Copier) Discard(ps []Pending) {
	for i := range ps {
		if ps[i].tmp != "" {
			os.Remove(ps[i].tmp)
			ps[i].tmp = ""
		}
	}
}

// FlushWhile makes what has been written so far durable, over and over,
// until stop is closed: the disk then works while the rest of a batch is
// being cleaned and the batch's Sync, which must still be called (it is
// what reports errors), finds little left. It starts a flush at most every
// flushEvery (on a file system in memory a sync returns at once, and the
// loop would spin), and returns at once where the system has no
// whole-file-system sync or a flush fails.
func (c *Copier) FlushWhile(stop <-chan struct{}) {
	for {
		start := time.Now()
		if syncFS(c.opt.OutDir) != nil {
			return
		}
		select {
		case <-stop:
			return
		case <-time.After(flushEvery - time.Since(start)):
		}
	}
}

// flushEvery is the least time between the starts of two flushes.
const flushEvery = 20 * time.Millisecond

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Commit names a prepared copy, in the order Commit is called (not safe
// for concurrent use), and returns its report.
func (c *Copier) Commit(p Pending) Report {
	r := p.report
	if p.tmp == "" {
		return r
	}
	final, err := c.name(p.tmp, p.ext)
	if err != nil {
		os.Remove(p.tmp)
		r.Error = Sentence(err)
		r.Removed, r.Kept = nil, nil
		return r
	}
	r.Output = final
	return r
}

// Finish makes the batch's renames durable.
func (c *Copier) Finish() error { return syncDir(c.opt.OutDir) }

var errOnlyMetadata = errors.New("an XMP sidecar holds only metadata; it is not copied or changed")

// name gives the copy at tmp the next free neutral name in the output
// folder. It never replaces a file: one that appears under a name after
// it was checked (another batch writing to the same folder) is kept.
func (c *Copier) name(tmp, ext string) (string, error) {
	day := c.opt.Now.Format("20060102")
	for ; c.next < 100_000; c.next++ {
		p := filepath.Join(c.opt.OutDir, fmt.Sprintf("%s-%s-%03d%s", c.opt.Prefix, day, c.next, ext))
		err := renameNew(tmp, p)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err == nil {
			c.next++
		}
		return p, err
	}
	return "", errors.New("the output folder has no free names left for today")
}

// writeClean writes the clean copy of o to a temp file in dir, syncs it
// (unless the caller syncs the batch later) and reads it back: it must
// parse, and hold no location that can be removed. It returns the temp
// file's path and, when the cleaner says, what it read in the original; on
// error nothing is left behind.
func writeClean(o *opened, dir string, opt metadata.CleanOptions, sync bool, r *Report) (string, *metadata.Findings, error) {
	tmp, err := createTemp(dir)
	if err != nil {
		return "", nil, err
	}
	w := &counter{w: tmp}
	res, err := o.h.clean(o.f, o.size, w, opt)
	if err == nil && sync {
		err = tmp.Sync()
	}
	if err == nil {
		err = verify(tmp, w.n, o)
	}
	if err == nil && !sync {
		startWriteback(tmp)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", nil, err
	}
	r.Removed, r.Kept = res.Removed, res.Kept
	return tmp.Name(), res.Found, nil
}

// createTemp creates a new, empty file for a copy in dir, as os.CreateTemp
// does (trying another name on a clash). The name starts with a dot and
// ends in .part, so Expand skips it and file managers hide it.
func createTemp(dir string) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, fmt.Sprintf(".photoconsent-%d.part", rand.Uint32()))
		f, err := openFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, os.ErrExist) {
			return f, err
		}
	}
	return nil, errors.New("could not find a free name for a temporary file")
}

// counter counts the bytes written through it.
type counter struct {
	w *os.File
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ReadFrom keeps the file's own ReadFrom (copy_file_range on Linux) for
// the large stretches the cleaners copy unchanged, such as video data.
func (c *counter) ReadFrom(r io.Reader) (int64, error) {
	n, err := c.w.ReadFrom(r)
	c.n += n
	return n, err
}

// verify reads a cleaned copy back from the file with the same parser, as
// long as the cleaner said it wrote: a copy cut short fails.
func verify(f io.ReaderAt, size int64, o *opened) error {
	head := make([]byte, min(sniffLen, size))
	if n, err := f.ReadAt(head, 0); n < len(head) {
		return fmt.Errorf("the cleaned copy could not be read back: %w", err)
	}
	if got, _ := Sniff(head); got != o.format {
		return fmt.Errorf("the cleaned copy is not a %s file any more", o.format)
	}
	fs, err := o.h.inspect(f, size)
	if err != nil {
		return fmt.Errorf("the cleaned copy could not be read back: %w", err)
	}
	for _, l := range fs.Location {
		if !l.Unremovable {
			return fmt.Errorf("the cleaned copy still holds location (%s)", l)
		}
	}
	return nil
}

// lookThenRename renames old to new if nothing is at new when it looks.
func lookThenRename(old, new string) error {
	if _, err := os.Lstat(new); !errors.Is(err, os.ErrNotExist) {
		if err == nil {
			err = os.ErrExist
		}
		return &os.LinkError{Op: "rename", Old: old, New: new, Err: err}
	}
	return os.Rename(old, new)
}

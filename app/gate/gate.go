// Package gate runs the publishing gate for a signed-in person: it checks
// each photo (location, names, readability), asks the rulebook in
// app/publish for a decision per destination, writes publish-safe copies of
// the ready ones (optionally resized for the web) and logs every export,
// block and override in the publication log. The command line and the vet
// screen both use it. It is synchronous; callers add goroutines.
package gate

import (
	"context"

	"photoconsent/app/consent"
	"photoconsent/app/media"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
	"photoconsent/app/register"
)

// Gate is one person's publishing session over the register.
type Gate struct {
	sess   *register.Session
	pupils *media.Pupils // the register's names, indexed once
	policy publish.Policy
}

// New indexes the register's pupils' names for the checks.
func New(sess *register.Session) (*Gate, error) {
	panic("not written yet")
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
}

// Load checks one file (read-only) and returns its item, untagged.
func (g *Gate) Load(path string) Item {
	panic("not written yet")
}

// Decide returns the decision for the item going to d, with the tagged
// pupils' statuses as they are now.
func (g *Gate) Decide(it Item, d publish.Destination) (publish.Decision, error) {
	panic("not written yet")
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
	panic("not written yet")
}

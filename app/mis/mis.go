// Package mis reads pupil lists exported from a school's management
// information system: DfE Common Transfer Files (XML) and CSV reports in the
// shapes SIMS and Arbor produce. It only parses; deciding what to do with the
// pupils (matching, updating, marking leavers) is the register's job.
//
// Every byte of an input file is hostile: parsers bound sizes, never panic,
// and report problems as warnings on the row rather than dropping a pupil.
package mis

import (
	"time"

	"photoconsent/app/pupil"
)

// Format is the kind of export a file holds.
type Format string

// The formats the parser recognises from content.
const (
	CTF Format = "ctf" // DfE Common Transfer File, XML
	CSV Format = "csv" // a CSV report (SIMS-style, Arbor-style or mapped by hand)
)

// File is one parsed export.
type File struct {
	Format     Format
	Version    string    // CTF version ("25.0"), or the CSV dialect guessed ("SIMS", "Arbor", "")
	ExportedAt time.Time // from the CTF header; zero for CSV
	School     School    // from the CTF header; empty for CSV
	Rows       []Row
	Warnings   []string // about the file as a whole, e.g. "column 'Fav colour' is not used"
}

// School is the source school named in a CTF header.
type School struct {
	LEA, Estab, URN, Name, AcademicYear string
}

// Row is one pupil as the file gives them.
type Row struct {
	Line  int         // 1-based: the CSV row as a spreadsheet numbers it (heading row = 1), or the CTF <Pupil>'s position
	Pupil pupil.Pupil // ID is empty; UPNStatus set by pupil.CheckUPN; all contacts, PR or not
	// PhotoConsent is the MIS's own photo-consent column normalised to
	// "granted" or "refused"; "" when blank, requested, unknown or absent.
	PhotoConsent string
	Warnings     []string // plain sentences; no pupil names (the UI shows the row's name beside them)
}

// Field is a pupil attribute a CSV column can hold.
type Field string

// Limits that keep a hostile file from exhausting memory.
const (
	MaxFileSize = 64 << 20 // bytes
	MaxRows     = 200_000
)

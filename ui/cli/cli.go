// Package cli is PhotoConsent's command line: the same register as the
// desktop app, for scripting and IT support. It reads flags and secrets,
// calls app/register, and turns results and errors into plain lines.
package cli

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"photoconsent/app/register"
)

// Exit codes.
const (
	ExitOK        = 0
	ExitFailure   = 1 // including "not allowed for your role"
	ExitUsage     = 2
	ExitForbidden = 3 // wrong password, locked out, or a password that must be changed
)

// Env is everything a command touches outside itself, so tests can run the
// command line in-process.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// OpenVault opens the data folder; DefaultDir names it when --data is absent.
	OpenVault  func(dir string) (register.Vault, error)
	DefaultDir func() (string, error)
	Now        func() time.Time // nil: the real clock
	// Terminal reports whether stdin is a terminal and reads a password
	// from it without echo; nil means stdin is not a terminal.
	ReadPassword func(prompt string) (string, error)
	// Interrupts starts catching the person's request to stop (Ctrl-C) for
	// a command that can stop cleanly: stop is closed at the first request,
	// and release gives the request back its usual effect (the program ends
	// at once), as does a second request. Nil: never interrupted.
	Interrupts func() (stop <-chan struct{}, release func())
}

type command struct {
	summary string
	run     func(env *Env, args []string) error
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"init":      {"create a register and its head account; prints the recovery key", runInit},
		"import":    {"import pupils from a CTF (.xml) or CSV export", runImport},
		"pupils":    {"list pupils", runPupils},
		"consent":   {"record a parent's answer for one pupil", runConsent},
		"status":    {"show every pupil's consent status per purpose", runStatus},
		"user":      {"add or remove staff, change or reset a password", runUser},
		"recover":   {"set a head's new password using the recovery key", runRecover},
		"audit":     {"show the audit trail (head only)", runAudit},
		"check":     {"report location, identity, pupils' names and the camera in photos and videos", runCheck},
		"devices":   {"list the school's cameras and tablets; devices add --from PHOTO, devices remove ID", runDevices},
		"clean":     {"write publish-safe copies: no location or identity, neutral names", runClean},
		"sweep":     {"strip location in place across a folder (a dry run without --apply)", runSweep},
		"publish":   {"put photos through the publishing gate: copy the ready ones, log every one", runPublish},
		"log":       {"show or verify the publication log (head only)", runLog},
		"takedowns": {"list published photos that must come down, or mark one done (head only)", runTakedowns},
		"forms":     {"print consent forms as a PDF, one page per pupil", runForms},
		"chase":     {"list pupils whose form is missing or expired, as CSV or a PDF", runChase},
		"report":    {"write the governors' report (PDF, and CSV) (head only)", runReport},
		"backup":    {"write an encrypted backup of the whole register", runBackup},
		"restore":   {"restore an encrypted backup into a new data folder", runRestore},
		"sar":       {"gather everything held about one pupil into a zip (subject access)", runSAR},
		"retention": {"list leavers past the retention period, or delete them with --apply (head only)", runRetention},
	}
}

// IsCommand reports whether name is a command-line command rather than the
// desktop app's flags.
func IsCommand(name string) bool {
	_, ok := commands[name]
	return ok || name == "help" || name == "-h" || name == "--help"
}

// Run runs one command and returns the process exit code.
func Run(env Env, args []string) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stdout)
		return ExitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "photoconsent: unknown command %q; run \"photoconsent help\".\n", args[0])
		return ExitUsage
	}
	err := cmd.run(&env, args[1:])
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, errFindings) {
		return ExitFailure // the report said it all
	}
	fmt.Fprintln(env.Stderr, "photoconsent: "+Sentence(err))
	return exitCode(err)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: photoconsent [--data DIR] [--demo]      open the desktop app")
	fmt.Fprintln(w, "       photoconsent COMMAND [flags]            run one command:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "Passwords come from PHOTOCONSENT_PASSWORD or --password-stdin; a new password from")
	fmt.Fprintln(w, "PHOTOCONSENT_NEW_PASSWORD or a prompt. Run \"photoconsent COMMAND -h\" for its flags.")
}

// usageError is a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func exitCode(err error) int {
	var ue usageError
	switch {
	case errors.As(err, &ue):
		return ExitUsage
	case errors.Is(err, register.ErrWrongPassword), errors.Is(err, register.ErrTooManyAttempts),
		errors.Is(err, register.ErrMustChangePassword), errors.Is(err, register.ErrBadRecoveryKey):
		return ExitForbidden
	}
	return ExitFailure
}

// Sentence turns an error into the one plain line a person reads.
func Sentence(err error) string {
	var locked *register.LockedOutError
	switch {
	case errors.As(err, &locked):
		return fmt.Sprintf("Too many wrong passwords. Try again in %s.", locked.Wait.Round(time.Second))
	case errors.Is(err, register.ErrWrongPassword):
		return "Wrong password, or no account with that name."
	case errors.Is(err, register.ErrMustChangePassword):
		return "Your password was reset: set a new one first with \"photoconsent user passwd\"."
	case errors.Is(err, register.ErrInUse):
		return "The register is open in another window or program. Close it and try again."
	case errors.Is(err, register.ErrNotInitialized):
		return "There is no register in that folder yet. Create one with \"photoconsent init\"."
	}
	msg := err.Error()
	if msg == "" {
		return "Something went wrong."
	}
	msg = strings.ToUpper(msg[:1]) + msg[1:]
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}

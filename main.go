// Command photoconsent is the school's photo-consent register: the desktop
// app when run without a command, the command line with one. This file only
// wires: it opens storage, builds the app's services and hands them to ui.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	_ "time/tzdata" // CTF dates are UK local time; Windows has no zoneinfo

	"golang.org/x/term"

	"photoconsent/app/demo"
	"photoconsent/app/register"
	"photoconsent/storage"
	"photoconsent/ui"
	"photoconsent/ui/cli"
)

// memoryLimit is a soft heap target that keeps a large school's register
// (50,000 pupils) well under 200 MB resident; GOMEMLIMIT overrides it.
const memoryLimit = 100 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) > 0 && cli.IsCommand(args[0]) {
		return cli.Run(commandLine(), args)
	}
	return desktop(args)
}

func commandLine() cli.Env {
	env := cli.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		OpenVault:  func(dir string) (register.Vault, error) { return storage.NewVault(dir, storage.Options{}) },
		DefaultDir: storage.DefaultDir,
		Interrupts: interrupts,
	}
	if fd := int(os.Stdin.Fd()); term.IsTerminal(fd) {
		env.ReadPassword = func(prompt string) (string, error) {
			fmt.Fprint(os.Stderr, prompt)
			b, err := term.ReadPassword(fd)
			fmt.Fprintln(os.Stderr)
			return string(b), err
		}
	}
	return env
}

// interrupts catches Ctrl-C (and a polite kill) for a command that can
// stop cleanly: the first closes stop and says what happens; after it, or
// after release, the signal ends the program at once as usual.
func interrupts() (<-chan struct{}, func()) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		select {
		case <-sig:
			signal.Stop(sig)
			fmt.Fprintln(os.Stderr, "photoconsent: stopping once the files in hand are done; Ctrl-C again stops at once.")
			close(stop)
		case <-done:
		}
	}()
	var once sync.Once
	return stop, func() {
		once.Do(func() {
			signal.Stop(sig)
			close(done)
		})
	}
}

func desktop(args []string) int {
	fs := flag.NewFlagSet("photoconsent", flag.ContinueOnError)
	data := fs.String("data", "", "the register's data folder (default: your user config folder)")
	demoMode := fs.Bool("demo", false, "open a throwaway demo school")
	samples := fs.String("samples", "", "with --demo: the folder of MIS samples (default ../shared/mis-samples)")
	if err := fs.Parse(args); err != nil {
		return cli.ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "photoconsent: unknown command %q; run \"photoconsent help\".\n", fs.Arg(0))
		return cli.ExitUsage
	}
	cfg := ui.Config{}
	dir := *data
	if *demoMode {
		d, cleanup, err := demoFolder(*samples)
		if err != nil {
			fmt.Fprintln(os.Stderr, "photoconsent: "+cli.Sentence(err))
			return cli.ExitFailure
		}
		defer cleanup()
		dir = d
		cfg.Demo = demoHint()
		if photos := filepath.Join(d, demo.VetFolder); isDir(photos) {
			cfg.Demo.Photos = photos
		}
	}
	if dir == "" {
		d, err := storage.DefaultDir()
		if err != nil {
			fmt.Fprintln(os.Stderr, "photoconsent: "+cli.Sentence(err))
			return cli.ExitFailure
		}
		dir = d
	}
	v, err := storage.NewVault(dir, storage.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "photoconsent: "+cli.Sentence(err))
		return cli.ExitFailure
	}
	cfg.Vault = v
	ui.Run(cfg)
	return cli.ExitOK
}

// demoHint tells a newcomer the demo's password and who is who.
func demoHint() *ui.Demo {
	d := &ui.Demo{Password: demo.Password}
	var who []string
	for _, acc := range demo.Accounts {
		d.Logins = append(d.Logins, acc.Login)
		who = append(who, fmt.Sprintf("%s (%s)", acc.Login, acc.Role))
	}
	d.Hint = "Sign in as " + strings.Join(who[:len(who)-1], ", ") + " or " + who[len(who)-1] + "."
	return d
}

// demoFolder builds the demo school in a new temporary folder, removed when
// the app closes.
func demoFolder(samples string) (string, func(), error) {
	src, err := demo.FindSamples(samples)
	if err != nil {
		return "", nil, err
	}
	dir, err := os.MkdirTemp("", "photoconsent-demo-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() {
		if err := os.RemoveAll(dir); err != nil {
			fmt.Fprintln(os.Stderr, "photoconsent: could not remove the demo folder "+dir)
		}
	}
	fmt.Fprintln(os.Stderr, "Preparing the demo school (a few seconds)…")
	v, err := storage.NewVault(dir, storage.Options{})
	if err == nil {
		err = demo.Build(v, src, dir, nil)
	}
	if err != nil {
		cleanup()
		return "", nil, err
	}
	return dir, cleanup, nil
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"photoconsent/app/register"
)

// common holds the flags most commands share.
type common struct {
	data          string
	user          string
	passwordStdin bool
	pw            string // the password that signed in, kept for "user passwd"
}

func newFlags(name string, env *Env, c *common) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	if c != nil {
		fs.StringVar(&c.data, "data", "", "the register's data folder (default: your user config folder)")
		fs.StringVar(&c.user, "user", "", "your account name")
		fs.BoolVar(&c.passwordStdin, "password-stdin", false, "read your password from the first line of standard input")
	}
	return fs
}

// parse reads flags wherever they appear among the arguments, so
// "import FILE --dry-run" works like "import --dry-run FILE".
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, usagef("see the flags above")
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

func (c *common) require(needUser bool) error {
	if needUser && c.user == "" {
		return usagef("say who you are with --user NAME")
	}
	return nil
}

// vault opens the data folder named by --data, or the default one.
func (c *common) vault(env *Env) (register.Vault, error) {
	dir := c.data
	if dir == "" {
		d, err := env.DefaultDir()
		if err != nil {
			return nil, fmt.Errorf("cannot find your user config folder; give --data DIR: %w", err)
		}
		dir = d
	}
	return env.OpenVault(dir)
}

// password reads the signed-in person's password: PHOTOCONSENT_PASSWORD,
// or the first line of standard input with --password-stdin, or a prompt.
func (c *common) password(env *Env) (string, error) {
	if c.passwordStdin {
		return firstLine(env.Stdin)
	}
	if pw := env.Getenv("PHOTOCONSENT_PASSWORD"); pw != "" {
		return pw, nil
	}
	if env.ReadPassword != nil {
		return env.ReadPassword("Password for " + c.user + ": ")
	}
	return "", usagef("give your password in PHOTOCONSENT_PASSWORD or with --password-stdin")
}

// signIn opens the register as the --user account.
func (c *common) signIn(env *Env) (*register.Session, func(), error) {
	if err := c.require(true); err != nil {
		return nil, nil, err
	}
	v, err := c.vault(env)
	if err != nil {
		return nil, nil, err
	}
	pw, err := c.password(env)
	if err != nil {
		return nil, nil, err
	}
	s, db, err := register.SignIn(v, c.user, pw, register.Options{Now: env.Now})
	if err != nil {
		return nil, nil, err
	}
	c.pw = pw
	return s, func() { closeQuietly(env, db) }, nil
}

func closeQuietly(env *Env, db io.Closer) {
	if err := db.Close(); err != nil {
		fmt.Fprintln(env.Stderr, "photoconsent: the register did not close cleanly: "+err.Error())
	}
}

// newPassword reads a password being set: PHOTOCONSENT_NEW_PASSWORD, or a
// prompt asked twice.
func newPassword(env *Env, whose string) (string, error) {
	if pw := env.Getenv("PHOTOCONSENT_NEW_PASSWORD"); pw != "" {
		return pw, nil
	}
	if env.ReadPassword == nil {
		return "", usagef("give the new password in PHOTOCONSENT_NEW_PASSWORD")
	}
	first, err := env.ReadPassword("New password for " + whose + ": ")
	if err != nil {
		return "", err
	}
	again, err := env.ReadPassword("Type it again: ")
	if err != nil {
		return "", err
	}
	if first != again {
		return "", errors.New("the two passwords differ")
	}
	return first, nil
}

func firstLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", usagef("standard input held no password")
	}
	return line, nil
}

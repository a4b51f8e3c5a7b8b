package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"photoconsent/app/register"
)

// restoreFlags are restore's flags. It takes --data like every command,
// but here it names the new folder to restore into.
type restoreFlags struct {
	common
	backup   string
	recovery bool
}

// runRestore restores a backup into a new or empty data folder, opened with
// the --user account's password or, with --recovery-key, the recovery key.
func runRestore(env *Env, args []string) error {
	var r restoreFlags
	if err := r.parse(env, args); err != nil {
		return err
	}
	secret, err := r.secret(env)
	if err != nil {
		return err
	}
	_, statErr := os.Stat(r.data)
	existed := !errors.Is(statErr, fs.ErrNotExist)
	n, err := r.restore(env, secret)
	if err != nil {
		if !existed {
			removeEmpty(env, r.data)
		}
		return restoreError(err)
	}
	fmt.Fprintf(env.Stdout, "Restored and checked %d records into %s.\n", n, r.data)
	return nil
}

func (r *restoreFlags) parse(env *Env, args []string) error {
	fs := newFlags("restore", env, &r.common)
	fs.StringVar(&r.backup, "backup", "", "the backup `FILE` to restore")
	fs.BoolVar(&r.recovery, "recovery-key", false, "open the backup with the recovery key (from PHOTOCONSENT_RECOVERY_KEY or standard input) instead of a password")
	rest, err := parse(fs, args)
	switch {
	case err != nil:
		return err
	case len(rest) > 0:
		return usagef("restore takes no file names; give the backup with --backup FILE")
	case r.backup == "":
		return usagef("say which backup to restore with --backup FILE")
	case r.data == "":
		return usagef("say which new folder to restore into with --data NEWDIR")
	case !r.recovery && r.user == "":
		return usagef("say whose password opens the backup with --user NAME, or use --recovery-key")
	}
	if _, err := os.Stat(r.backup); err != nil {
		return fmt.Errorf("cannot read the backup file %s", r.backup)
	}
	return nil
}

// secret reads the password, or the recovery key.
func (r *restoreFlags) secret(env *Env) (string, error) {
	if !r.recovery {
		return r.password(env)
	}
	if key := env.Getenv("PHOTOCONSENT_RECOVERY_KEY"); key != "" {
		return key, nil
	}
	key, err := firstLine(env.Stdin)
	if err != nil {
		return "", usagef("give the recovery key in PHOTOCONSENT_RECOVERY_KEY or on standard input")
	}
	return key, nil
}

func (r *restoreFlags) restore(env *Env, secret string) (int, error) {
	v, err := r.vault(env)
	if err != nil {
		return 0, err
	}
	rs, ok := v.(register.Restorer)
	if !ok {
		return 0, errors.New("this version cannot restore backups")
	}
	if r.recovery {
		return rs.RestoreBackupWithRecovery(r.backup, secret)
	}
	return rs.RestoreBackup(r.backup, r.user, secret)
}

// restoreError puts restore's failures in words; the exit code still
// follows the error underneath.
func restoreError(err error) error {
	switch {
	case errors.Is(err, register.ErrBackupDamaged):
		return worded{"the backup file is damaged or incomplete, so nothing was restored", err}
	case errors.Is(err, register.ErrRestoreTarget):
		return worded{"the folder to restore into must be new or empty", err}
	case errors.Is(err, register.ErrBadRecoveryKey):
		return worded{"that recovery key does not open this backup", err}
	}
	return err
}

// worded is an error whose message is written for people, still matching
// the error it replaces.
type worded struct {
	msg string
	err error
}

func (w worded) Error() string { return w.msg }
func (w worded) Unwrap() error { return w.err }

// removeEmpty removes the folder the vault made for a restore that failed;
// the restore has already emptied it.
func removeEmpty(env *Env, dir string) {
	if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(env.Stderr, "photoconsent: could not remove the folder %s: %v\n", dir, err)
	}
}

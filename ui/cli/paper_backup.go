package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// runBackup writes an encrypted backup of the whole register to --out.
// Any staff password, or the recovery key, opens it again with "restore".
func runBackup(env *Env, args []string) error {
	var c common
	fs := newFlags("backup", env, &c)
	out := fs.String("out", "", "the backup `FILE` to write (it must not exist yet)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(rest) > 0:
		return usagef("backup takes no file names; give the backup file with --out FILE")
	case *out == "":
		return usagef("say where the backup goes with --out FILE")
	}
	if err := checkNewFile(*out); err != nil {
		return err
	}
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	n, err := s.WriteBackup(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Backup of %d records written to %s.\n", n, *out)
	return nil
}

// checkNewFile refuses to replace a file (an older backup, perhaps) and a
// folder that does not exist, before the password is asked for.
func checkNewFile(path string) error {
	if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s already exists; choose a new file name", path)
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return fmt.Errorf("the folder %s does not exist", filepath.Dir(path))
	}
	return nil
}

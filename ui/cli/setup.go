package cli

import (
	"fmt"

	"photoconsent/app/register"
)

func runInit(env *Env, args []string) error {
	var c common
	fs := newFlags("init", env, &c)
	school := fs.String("school", "", "the school's name")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(rest) > 0:
		return usagef("init takes no file names")
	case *school == "":
		return usagef("name the school with --school NAME")
	}
	if err := c.require(true); err != nil {
		return err
	}
	v, err := c.vault(env)
	if err != nil {
		return err
	}
	if v.Initialized() {
		return register.ErrAlreadySetUp
	}
	pw, err := newPassword(env, c.user)
	if err != nil {
		return err
	}
	_, db, recovery, err := register.CreateRegister(v, *school, c.user, pw, register.Options{Now: env.Now})
	if err != nil {
		return err
	}
	defer closeQuietly(env, db)
	fmt.Fprintf(env.Stdout, "Register created for %s; %s is its head.\n\n", *school, c.user)
	fmt.Fprintln(env.Stdout, "Recovery key (shown once: write it down and keep it locked away):")
	fmt.Fprintf(env.Stdout, "\n    %s\n\n", recovery)
	fmt.Fprintln(env.Stdout, "It opens the register if every password is lost: \"photoconsent recover\".")
	return nil
}

func runRecover(env *Env, args []string) error {
	var c common
	fs := newFlags("recover", env, &c)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("recover takes no file names")
	}
	if err := c.require(true); err != nil {
		return err
	}
	key := env.Getenv("PHOTOCONSENT_RECOVERY_KEY")
	if key == "" {
		if key, err = firstLine(env.Stdin); err != nil {
			return usagef("give the recovery key in PHOTOCONSENT_RECOVERY_KEY or on standard input")
		}
	}
	v, err := c.vault(env)
	if err != nil {
		return err
	}
	s, db, err := register.Recover(v, key, c.user, register.Options{Now: env.Now})
	if err != nil {
		return err
	}
	defer closeQuietly(env, db)
	pw, err := newPassword(env, c.user)
	if err != nil {
		return err
	}
	if err := s.ChangePassword("", pw); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "New password set for %s.\n", c.user)
	return nil
}

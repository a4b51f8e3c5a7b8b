package cli

import (
	"fmt"
	"strings"

	"photoconsent/app/access"
	"photoconsent/app/register"
)

func runUser(env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("say what to do: user add, user remove, user passwd or user website")
	}
	var c common
	fs := newFlags("user "+args[0], env, &c)
	name := fs.String("name", "", "the other account's name")
	role := fs.String("role", "", "head, office or teacher (for add; changes the role if the account exists)")
	off := fs.Bool("off", false, "for website: stop being a website authoriser")
	rest, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected %q", strings.Join(rest, " "))
	}
	switch args[0] {
	case "add":
		return userAdd(env, &c, *name, *role)
	case "remove":
		return userRemove(env, &c, *name)
	case "passwd":
		return userPasswd(env, &c, *name)
	case "website":
		return userWebsite(env, &c, *name, !*off)
	}
	return usagef("unknown user action %q: want add, remove, passwd or website", args[0])
}

func userAdd(env *Env, c *common, name, roleName string) error {
	if name == "" {
		return usagef("name the new account with --name NAME")
	}
	role, err := access.ParseRole(roleName)
	if err != nil {
		return usagef("give the new account a role with --role head, office or teacher")
	}
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	if err := s.Check(access.ManageUsers); err != nil {
		return err
	}
	pw, err := newPassword(env, name)
	if err != nil {
		return err
	}
	if _, err := s.AddAccount(name, role, pw); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Added %s (%s). They must choose their own password when they first sign in.\n", name, role)
	return nil
}

func userRemove(env *Env, c *common, name string) error {
	return onAccount(env, c, name, "name the account to remove with --name NAME", func(s *register.Session, acc register.Account) error {
		if err := s.RemoveAccount(acc.ID); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Removed %s.\n", acc.Login)
		return nil
	})
}

// userPasswd changes your own password, or with --name resets someone
// else's to a temporary one (head only).
func userPasswd(env *Env, c *common, name string) error {
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	if name == "" || strings.EqualFold(name, s.Me().Login) {
		pw, err := newPassword(env, s.Me().Login)
		if err != nil {
			return err
		}
		if err := s.ChangePassword(c.pw, pw); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, "Password changed.")
		return nil
	}
	acc, err := accountNamed(s, name)
	if err != nil {
		return err
	}
	pw, err := newPassword(env, acc.Login)
	if err != nil {
		return err
	}
	if err := s.ResetPassword(acc.ID, pw); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Password reset for %s. They must change it when they next sign in.\n", acc.Login)
	return nil
}

// userWebsite names someone a website authoriser, or with --off stops
// (head only): only they, and heads, publish to the school's website.
func userWebsite(env *Env, c *common, name string, on bool) error {
	return onAccount(env, c, name, "name the account with --name NAME", func(s *register.Session, acc register.Account) error {
		if err := s.SetWebsiteAuthoriser(acc.ID, on); err != nil {
			return err
		}
		if on {
			fmt.Fprintf(env.Stdout, "%s is a website authoriser: they may publish to the school's website.\n", acc.Login)
		} else {
			fmt.Fprintf(env.Stdout, "%s is no longer a website authoriser.\n", acc.Login)
		}
		return nil
	})
}

// onAccount signs in and does something to the account called name; with
// no name it says how to give one (usage).
func onAccount(env *Env, c *common, name, usage string, do func(*register.Session, register.Account) error) error {
	if name == "" {
		return usagef("%s", usage)
	}
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	acc, err := accountNamed(s, name)
	if err != nil {
		return err
	}
	return do(s, acc)
}

func accountNamed(s *register.Session, name string) (register.Account, error) {
	all, err := s.Accounts()
	if err != nil {
		return register.Account{}, err
	}
	for _, a := range all {
		if strings.EqualFold(a.Login, name) {
			return a, nil
		}
	}
	return register.Account{}, fmt.Errorf("there is no account called %q", name)
}

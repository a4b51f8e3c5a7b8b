package cli

import (
	"fmt"
	"text/tabwriter"
	"time"
)

func runAudit(env *Env, args []string) error {
	var c common
	fs := newFlags("audit", env, &c)
	limit := fs.Int("limit", 50, "how many of the newest events to show (0: all)")
	if err := noFiles(fs, args); err != nil {
		return err
	}
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	events, err := s.AuditTrail(*limit)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN\tWHO\tWHAT\tDETAIL")
	for _, ev := range events {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", ev.At.Local().Format(time.DateTime), ev.ActorName, ev.Kind, ev.Detail)
	}
	return tw.Flush()
}

package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"photoconsent/app/mis"
	"photoconsent/app/register"
)

// mappings collects repeated --map "Header=field" flags.
type mappings map[string]mis.Field

func (m mappings) String() string { return "" }

func (m mappings) Set(v string) error {
	header, field, ok := strings.Cut(v, "=")
	if !ok {
		return fmt.Errorf("--map wants \"Header=field\", got %q", v)
	}
	m[strings.TrimSpace(header)] = mis.Field(strings.TrimSpace(field))
	return nil
}

func runImport(env *Env, args []string) error {
	var c common
	fs := newFlags("import", env, &c)
	dry := fs.Bool("dry-run", false, "show what would change and write nothing")
	full := fs.Bool("full", false, "the file lists every pupil on roll: mark pupils missing from it as left")
	maps := mappings{}
	fs.Var(maps, "map", "map an unknown CSV column: \"Header=field\" (repeatable)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("give exactly one file to import")
	}
	data, err := readInput(rest[0])
	if err != nil {
		return err
	}
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	opt := register.ImportOptions{Mapping: maps, Full: *full}
	if *dry {
		plan, err := s.PlanImport(baseName(rest[0]), data, opt)
		if err != nil {
			return err
		}
		printPlan(env.Stdout, plan, "would be")
		return nil
	}
	plan, err := s.Import(context.Background(), baseName(rest[0]), data, opt, nil)
	if err != nil {
		return err
	}
	printPlan(env.Stdout, plan, "")
	return nil
}

// printPlan prints counts, changes and warnings by line number. Names stay
// out of it: output like this ends up in logs.
func printPlan(w io.Writer, p *register.Plan, verb string) {
	if verb != "" {
		verb += " "
	}
	fmt.Fprintf(w, "%s: %d new, %d updated, %d unchanged, %d %smarked as left, %d MIS consent answers, %d warnings\n",
		p.FileName, len(p.New), len(p.Updated), p.Unchanged, len(p.Left), verb, len(p.Answers), len(p.Warnings))
	for _, u := range p.Updated {
		fields := make([]string, len(u.Changes))
		for i, c := range u.Changes {
			fields[i] = c.Field
		}
		fmt.Fprintf(w, "  line %d: updated %s\n", u.Line, strings.Join(fields, ", "))
	}
	for _, wn := range p.Warnings {
		if wn.Line > 0 {
			fmt.Fprintf(w, "  line %d: %s\n", wn.Line, wn.Message)
		} else {
			fmt.Fprintf(w, "  %s\n", wn.Message)
		}
	}
}

// readInput reads a file the user chose, refusing anything larger than an
// export could be. The file is only read, never written.
func readInput(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, mis.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	if len(data) > mis.MaxFileSize {
		return nil, fmt.Errorf("%s is larger than %d MB, too large for a pupil export", path, mis.MaxFileSize>>20)
	}
	return data, nil
}

func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

package cli

import (
	"fmt"
	"strings"

	"github.com/muesli/mango"
	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
)

// manCommand replaces fang's `man`, which hands the help text to the man
// page as it is written: every line break of it starts a new paragraph, so
// sentences broke mid-way. Here each paragraph is one line, and each
// command is described by its whole help, not only its one-line summary.
func (a *app) manCommand() *cobra.Command {
	return &cobra.Command{
		Use:                   "man",
		Short:                 "Print the manual page (roff): rebound man | man -l -",
		Hidden:                true,
		DisableFlagsInUseLine: true,
		Args:                  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			root := cmd.Root()
			page := mango.NewManPage(1, root.Name(), root.Short).WithLongDescription(paragraphs(root.Long))
			if err := mcobra.AddCommand(page, root); err != nil {
				return fmt.Errorf("build the manual page: %w", err)
			}
			describe(page.Root.Commands, root)
			if root.Example != "" {
				page.WithSection("Examples", root.Example)
			}
			_, err := fmt.Fprint(cmd.OutOrStdout(), page.Build(roff.NewDocument()))
			return err
		},
	}
}

// describe gives each command of the page its whole help text as one
// paragraph (mango joins a command's description into one).
func describe(cmds map[string]*mango.Command, parent *cobra.Command) {
	for _, c := range parent.Commands() {
		mc, ok := cmds[c.Name()]
		if !ok {
			continue
		}
		if c.Long != "" {
			mc.Short = strings.ReplaceAll(paragraphs(c.Long), "\n", " ")
		}
		describe(mc.Commands, c)
	}
}

// paragraphs rejoins text wrapped for a terminal: the lines of a paragraph
// (up to a blank line) become one line. A line that starts with a space (an
// example, a list) keeps its own line, as does the line after it.
func paragraphs(text string) string {
	var out []string
	cur := ""
	flush := func() {
		if cur != "" {
			out = append(out, cur)
			cur = ""
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		switch {
		case strings.TrimSpace(line) == "":
			flush()
		case strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t"):
			flush()
			out = append(out, strings.TrimSpace(line))
		case cur == "":
			cur = strings.TrimSpace(line)
		default:
			cur += " " + strings.TrimSpace(line)
		}
	}
	flush()
	return strings.Join(out, "\n")
}

package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rebound-coach/rebound/internal/journal"
)

// textFlags are the flags whose value is free text: given "-", the text is
// read from standard input, as jrnl does (`pbpaste | rebound log --who
// Acme --said -`). Ids, dates and paths are not among them: "-" there is
// a value of its own (-o - is stdout).
var textFlags = map[string]bool{
	"who": true, "contact": true, "offer": true, "channel": true, "said": true, "reason-text": true,
	"change": true, "competitor": true, "competitor-why": true, "lesson": true, "next": true,
	"thought": true, "evidence-for": true, "evidence-against": true, "balanced": true, "referral": true,
	"prepared": true, "what": true, "focus": true, "support": true,
}

// readDashFlags sets the one text flag given "-" to what standard input
// holds (at most journal.MaxField bytes; a trailing line break dropped).
func (a *app) readDashFlags(cmd *cobra.Command) error {
	var dash []string
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if textFlags[f.Name] && f.Value.Type() == "string" && f.Value.String() == "-" {
			dash = append(dash, "--"+f.Name)
		}
	})
	switch len(dash) {
	case 0:
		return nil
	case 1:
	default:
		return usage("%s each ask to read standard input (-); only one flag can, so give the others as text", strings.Join(dash, " and "))
	}
	name := strings.TrimPrefix(dash[0], "--")
	if a.stdinTTY() {
		fmt.Fprintf(a.stderr, "Type %s, then press ctrl+d on a line of its own.\n", dash[0])
	}
	b, err := io.ReadAll(io.LimitReader(a.stdin, journal.MaxField+1))
	if err != nil {
		return fmt.Errorf("read %s from standard input: %w", dash[0], err)
	}
	if len(b) > journal.MaxField {
		return usage("%s from standard input is over %d KB, the limit of a text field", dash[0], journal.MaxField>>10)
	}
	text := strings.TrimRight(string(b), "\r\n")
	if strings.TrimSpace(text) == "" {
		return usage("%s - read nothing from standard input; pipe the text in, e.g. echo \"...\" | rebound log %s -", dash[0], dash[0])
	}
	return cmd.Flags().Set(name, text)
}

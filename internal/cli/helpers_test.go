package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// runCLI runs the command tree in-process with the clock at now and stdin,
// and returns stdout, stderr (with the error sentence) and the exit code.
func runCLI(t *testing.T, now time.Time, stdin, db string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{now: func() time.Time { return now }, stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}
	root := a.rootCommand()
	root.SilenceErrors, root.SilenceUsage = true, true
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SetArgs(append([]string{"--db", db}, args...))
	err := root.ExecuteContext(context.Background())
	if err != nil {
		errb.WriteString(err.Error() + "\n")
	}
	return out.String(), errb.String(), exitCode(err)
}

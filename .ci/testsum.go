//go:build ignore

// testsum reads `go test -json` on stdin and prints what `go test` prints
// (the ok/FAIL line of each package, the output of failed tests), then
// every skipped test with its reason, then one closing line. It exits 1 when
// a test failed, or when a test skipped that CI should run in full (the
// machine has root, tmux, a pty and tzdata): only the skips named in
// allowed are expected.
//
//	go test -race -count=1 -json ./... | go run .ci/testsum.go
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

// allowed are tests that skip by design unless asked (an environment
// variable or a flag) or that act only as a helper process.
var allowed = map[string]string{
	"TestWriteFixture":                    "writes testdata only with -update-fixture",
	"TestBucketSizes":                     "prints sizes only with REBOUND_STATS_NOS",
	"TestHelperProcess":                   "a helper process of TestSecondProcessWrites",
	"TestImportMemorySoak":                "the million-No import runs only with REBOUND_SOAK=1",
	"TestUpgradeMemorySoak":               "the million-No upgrade runs only with REBOUND_SOAK=1",
	"TestMatchProspectsSoak":              "200,000 prospects only with REBOUND_SOAK=1",
	"TestKilledExportTempRemovedNextTime": "timing: the kill may miss the temporary on a busy machine",
}

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

func main() {
	out := map[string][]string{} // package/test -> output lines
	var skips []string
	passed, failed, skipped, unexpected := 0, 0, 0, 0
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			fmt.Println(sc.Text()) // the build's own output
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			if e.Test == "" {
				if strings.HasPrefix(e.Output, "ok ") || strings.HasPrefix(e.Output, "FAIL") || strings.HasPrefix(e.Output, "?") || strings.HasPrefix(e.Output, "panic") {
					fmt.Print(e.Output)
				}
				out[key] = append(out[key], e.Output)
				continue
			}
			out[key] = append(out[key], e.Output)
		case "pass":
			if e.Test != "" {
				passed++
			}
			delete(out, key)
		case "fail":
			if e.Test != "" {
				failed++
				fmt.Print(strings.Join(out[key], ""))
			} else if failed == 0 {
				fmt.Print(strings.Join(out[key], "")) // a build or TestMain failure
			}
			delete(out, key)
		case "skip":
			if e.Test == "" {
				continue
			}
			skipped++
			why := reason(out[key])
			note := ""
			top, _, _ := strings.Cut(e.Test, "/")
			if _, ok := allowed[top]; !ok {
				unexpected++
				note = "  <- not expected in CI"
			}
			skips = append(skips, fmt.Sprintf("SKIP %s %s: %s%s", e.Package, e.Test, why, note))
			delete(out, key)
		}
	}
	sort.Strings(skips)
	if len(skips) > 0 {
		fmt.Println("== skipped tests")
		for _, s := range skips {
			fmt.Println(s)
		}
	}
	fmt.Printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped)
	if failed > 0 || unexpected > 0 {
		if unexpected > 0 {
			fmt.Printf("%d tests skipped that CI must run\n", unexpected)
		}
		os.Exit(1)
	}
}

// reason is the skip message: the test's output lines other than the
// === / --- framing.
func reason(lines []string) string {
	var b []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "===") || strings.HasPrefix(t, "---") {
			continue
		}
		b = append(b, t)
	}
	if len(b) == 0 {
		return "(no reason given)"
	}
	return strings.Join(b, " | ")
}

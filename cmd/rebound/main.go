// Command rebound is a terminal coach for the moment after someone says no.
package main

import (
	"context"
	"os"

	"github.com/rebound-coach/rebound/internal/cli"
)

func main() {
	os.Exit(cli.Main(context.Background(), os.Args[1:]))
}

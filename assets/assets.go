// Package assets embeds Rebound's coaching content. Each mode is one JSON file
// in modes/ (a coach.Mode); adding a mode means dropping in a file, no Go change.
package assets

import "embed"

// ModesDir is the directory inside Modes that holds one <id>.json per mode.
const ModesDir = "modes"

// Modes holds modes/*.json, parsed and validated by package coach.
//
//go:embed modes/*.json
var Modes embed.FS

// Package exchange reads Rebound's JSON export back in, strictly: a file
// from a newer format or a malformed one is refused with the line, column
// and field at fault, before anything touches the journal.
package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/rebound-coach/rebound/internal/journal"
)

// MaxSize is the largest export read (a journal of ~500,000 No's); a larger
// file is refused rather than read into memory.
const MaxSize = 512 << 20

// Error is a problem in an import file, with where it is.
type Error struct {
	Line, Column int    // 0 when not known
	Field        string // e.g. nos[3].date
	Msg          string
}

func (e *Error) Error() string {
	var where []string
	if e.Line > 0 {
		where = append(where, fmt.Sprintf("line %d, column %d", e.Line, e.Column))
	}
	if e.Field != "" {
		where = append(where, e.Field)
	}
	if len(where) == 0 {
		return e.Msg
	}
	return strings.Join(where, ", ") + ": " + e.Msg
}

// Parse reads an export and checks every record; nothing is half-read.
func Parse(r io.Reader) (journal.Export, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return journal.Export{}, fmt.Errorf("read the export: %w", err)
	}
	if len(data) > MaxSize {
		return journal.Export{}, &Error{Msg: fmt.Sprintf("the file is larger than %d MB", MaxSize>>20)}
	}
	return ParseBytes(data)
}

// ParseBytes is Parse over bytes in memory.
func ParseBytes(data []byte) (journal.Export, error) {
	var e journal.Export
	// Look at the format first, so a newer file gets "upgrade" rather than
	// a confusing complaint about a field this build doesn't know.
	var head struct {
		Format *string `json:"format"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return e, located(data, err)
	}
	if head.Format == nil {
		return e, &Error{Field: "format", Msg: "missing; this is not a Rebound export (make one with rebound export --format json)"}
	}
	if err := CheckFormat(*head.Format); err != nil {
		return e, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return e, located(data, err)
	}
	if dec.More() {
		off := int(dec.InputOffset())
		line, col := position(data, off)
		return e, &Error{Line: line, Column: col, Msg: "unexpected data after the export"}
	}
	return e, Validate(e)
}

// Stream reads an export like Parse, but hands each No to onNo as it is
// read (onNo nil: only check) instead of keeping them: a 100k export is
// 90 MB of JSON and 170 MB decoded. It returns the export without its
// No's and how many it had. Every No is checked like Validate does, the
// rest of the export after the last one; onNo's error stops the read and
// is returned as is. Stream's own errors do not say where: the JSON
// decoder's offsets are not the file's once it reads ahead, so a caller
// that reports an error re-reads the file with Parse (Stream is the
// stricter of the two: it refuses a second "nos").
func Stream(r io.Reader, onNo func(n *journal.No) error) (journal.Export, int, error) {
	var e journal.Export
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return e, 0, &Error{Msg: "the file is not a JSON object"}
	}
	rest := map[string]json.RawMessage{}
	count, sawNos := 0, false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return e, count, located(nil, err)
		}
		key, _ := t.(string)
		if !strings.EqualFold(key, "nos") { // encoding/json matches names without case
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return e, count, located(nil, err)
			}
			rest[key] = raw
			continue
		}
		if sawNos {
			return e, count, &Error{Field: "nos", Msg: "appears twice"}
		}
		sawNos = true
		if t, err = dec.Token(); err != nil {
			return e, count, located(nil, err)
		} else if t == nil {
			continue // "nos": null
		} else if t != json.Delim('[') {
			return e, count, &Error{Field: "nos", Msg: "is not a list"}
		}
		for dec.More() {
			var n journal.No
			if err := dec.Decode(&n); err != nil {
				return e, count, located(nil, err)
			}
			if err := ValidateNo(count, &n); err != nil {
				return e, count, err
			}
			if onNo != nil {
				if err := onNo(&n); err != nil {
					return e, count, err
				}
			}
			count++
		}
		if _, err := dec.Token(); err != nil {
			return e, count, located(nil, err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return e, count, located(nil, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return e, count, &Error{Msg: "unexpected data after the export"}
	}
	// The rest is small: decode it as Parse does, strictly.
	obj, err := json.Marshal(rest)
	if err != nil {
		return e, count, &Error{Msg: err.Error()}
	}
	head, err := ParseBytes(obj)
	if err != nil {
		return e, count, err
	}
	return head, count, nil
}

// CheckFormat accepts "rebound/v1" and refuses newer or foreign formats.
func CheckFormat(f string) error {
	if f == journal.ExportFormat {
		return nil
	}
	if v, ok := strings.CutPrefix(f, "rebound/v"); ok {
		n, err := strconv.Atoi(v)
		have, _ := strconv.Atoi(strings.TrimPrefix(journal.ExportFormat, "rebound/v"))
		if err == nil && n > have {
			return &Error{Field: "format", Msg: fmt.Sprintf("%s was written by a newer Rebound (this build reads %s); upgrade rebound", f, journal.ExportFormat)}
		}
	}
	return &Error{Field: "format", Msg: fmt.Sprintf("%q is not a Rebound export format (expected %s)", f, journal.ExportFormat)}
}

// Validate checks each record the way the journal would on entry.
func Validate(e journal.Export) error {
	for i := range e.Nos {
		if err := ValidateNo(i, &e.Nos[i]); err != nil {
			return err
		}
	}
	return validateRest(e)
}

// ValidateNo checks the i-th No of an export.
func ValidateNo(i int, n *journal.No) error {
	f := func(name string) string { return fmt.Sprintf("nos[%d].%s", i, name) }
	if strings.TrimSpace(n.Who) == "" {
		return &Error{Field: f("who"), Msg: "is empty"}
	}
	if !n.Date.Valid() {
		return &Error{Field: f("date"), Msg: fmt.Sprintf("%q is not a date of the form YYYY-MM-DD", n.Date)}
	}
	if !n.FollowUp.IsZero() && !n.FollowUp.Valid() {
		return &Error{Field: f("follow_up"), Msg: fmt.Sprintf("%q is not a date of the form YYYY-MM-DD", n.FollowUp)}
	}
	if n.Kind != "" && !slices.Contains(journal.Kinds, n.Kind) {
		return &Error{Field: f("kind"), Msg: fmt.Sprintf("unknown kind %q", n.Kind)}
	}
	if n.Outcome != "" && !slices.Contains(journal.Outcomes, n.Outcome) {
		return &Error{Field: f("outcome"), Msg: fmt.Sprintf("unknown outcome %q", n.Outcome)}
	}
	for j, h := range n.OutcomeHistory {
		if !slices.Contains(journal.Outcomes, h.Outcome) {
			return &Error{Field: fmt.Sprintf("nos[%d].outcome_history[%d].outcome", i, j), Msg: fmt.Sprintf("unknown outcome %q", h.Outcome)}
		}
	}
	if n.Feeling < 0 || n.Feeling > 5 || n.FeelingAfter < 0 || n.FeelingAfter > 5 {
		return &Error{Field: f("feeling"), Msg: "must be 0 (unset) or 1-5"}
	}
	if err := n.Validate(nil); err != nil {
		return &Error{Field: fmt.Sprintf("nos[%d]", i), Msg: err.Error()}
	}
	return nil
}

// validateRest checks an export's records other than its No's.
func validateRest(e journal.Export) error {
	for i, r := range e.Reflections {
		if !r.Date.Valid() {
			return &Error{Field: fmt.Sprintf("reflections[%d].date", i), Msg: fmt.Sprintf("%q is not a date of the form YYYY-MM-DD", r.Date)}
		}
		if r.Mood < 0 || r.Mood > 5 {
			return &Error{Field: fmt.Sprintf("reflections[%d].mood", i), Msg: "must be 0 (unset) or 1-5"}
		}
	}
	for i, w := range e.Wins {
		if !w.Date.Valid() {
			return &Error{Field: fmt.Sprintf("wins[%d].date", i), Msg: fmt.Sprintf("%q is not a date of the form YYYY-MM-DD", w.Date)}
		}
		if strings.TrimSpace(w.Who) == "" {
			return &Error{Field: fmt.Sprintf("wins[%d].who", i), Msg: "is empty"}
		}
	}
	for i, d := range e.RestDays {
		if !d.Valid() {
			return &Error{Field: fmt.Sprintf("rest_days[%d]", i), Msg: fmt.Sprintf("%q is not a date of the form YYYY-MM-DD", d)}
		}
	}
	if e.Settings != nil && (e.Settings.WeekGoal < 0 || e.Settings.WeekGoal > 7) {
		return &Error{Field: "settings.week_goal", Msg: "must be 0-7"}
	}
	return nil
}

// located turns a decoding error into one that says where (data nil: a
// stream, where offsets are not known).
func located(data []byte, err error) error {
	position := position
	if data == nil {
		position = func([]byte, int) (int, int) { return 0, 0 }
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := position(data, int(syn.Offset))
		return &Error{Line: line, Column: col, Msg: "malformed JSON: " + syn.Error()}
	case errors.As(err, &typ):
		line, col := position(data, int(typ.Offset))
		return &Error{Line: line, Column: col, Field: typ.Field, Msg: fmt.Sprintf("expected %s, found %s", typ.Type, typ.Value)}
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		line, col := position(data, len(data))
		return &Error{Line: line, Column: col, Msg: "the file ends too early (truncated?)"}
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return &Error{Msg: strings.TrimPrefix(err.Error(), "json: ") + " (not part of " + journal.ExportFormat + ")"}
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Msg: err.Error()}
}

// position converts a byte offset into 1-based line and column.
func position(data []byte, off int) (int, int) {
	off = max(0, min(off, len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := off - bytes.LastIndexByte(before, '\n')
	return line, col
}

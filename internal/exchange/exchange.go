// Package exchange reads Rebound's JSON export back in, strictly: a file
// from a newer format, a malformed one or one with a record the command
// line would refuse is refused with the record, the line and the field at
// fault, before anything touches the journal. It reads a record at a time,
// so what it holds does not grow with the file.
package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

// Error is a problem in an import file, with where it is.
type Error struct {
	Line, Column int    // 0 when not known
	Field        string // e.g. nos[3] or nos[3].date
	Msg          string
}

func (e *Error) Error() string {
	where := ""
	switch {
	case e.Line > 0 && e.Column > 0:
		where = fmt.Sprintf("line %d, column %d", e.Line, e.Column)
	case e.Line > 0:
		where = fmt.Sprintf("line %d", e.Line)
	}
	switch {
	case e.Field != "" && where != "":
		return fmt.Sprintf("%s (%s): %s", e.Field, where, e.Msg)
	case e.Field != "":
		return e.Field + ": " + e.Msg
	case where != "":
		return where + ": " + e.Msg
	}
	return e.Msg
}

// Limits on what one read holds. A record's text is at most
// journal.MaxText bytes; written as JSON, with every character escaped
// (\u003c), it is at most six times that.
const (
	maxRecord = 6*journal.MaxText + 1<<20
	maxSmall  = 4 << 10 // a key, the format, a date, a time
)

// Parse reads a whole export into memory and checks every record, modes
// and reasons too when modes is not nil. Import reads with Stream instead.
func Parse(r io.Reader, modes journal.Reasons) (journal.Export, error) {
	var nos []journal.No
	var refl []journal.Reflection
	var wins []journal.Win
	var rest []journal.Day
	var exps []journal.Experiment
	var reviews []journal.Review
	e, _, err := Stream(r, modes, journal.Records{
		No:         func(n *journal.No) error { nos = append(nos, *n); return nil },
		Reflection: func(x *journal.Reflection) error { refl = append(refl, *x); return nil },
		Win:        func(w *journal.Win) error { wins = append(wins, *w); return nil },
		RestDay:    func(d journal.Day) error { rest = append(rest, d); return nil },
		Experiment: func(x *journal.Experiment) error { exps = append(exps, *x); return nil },
		Review:     func(x *journal.Review) error { reviews = append(reviews, *x); return nil },
	})
	e.Nos, e.Reflections, e.Wins, e.RestDays = nos, refl, wins, rest
	e.Experiments = exps
	e.Reviews = reviews
	return e, err
}

// ParseBytes is Parse over bytes in memory.
func ParseBytes(data []byte, modes journal.Reasons) (journal.Export, error) {
	return Parse(bytes.NewReader(data), modes)
}

// Stream reads an export and hands each record to its func in to as soon
// as it is read and checked (a nil func: only check). It returns the
// export without its records (format, exported_at, settings) and how many
// of each it had. Every record is checked as the command line checks what
// it stores (journal's Validate and CheckLimits; with modes, its mode and
// reasons too), and the first that fails stops the read with one sentence
// naming the record, its line and what is wrong. An error from a func of
// to stops the read and is returned as is.
func Stream(r io.Reader, modes journal.Reasons, to journal.Records) (journal.Export, journal.Size, error) {
	return StreamAsOf(r, modes, "", to)
}

// StreamAsOf is Stream that also refuses a No dated after today (the
// importing user's day), as the command line does; "" checks no date
// against a day.
func StreamAsOf(r io.Reader, modes journal.Reasons, today journal.Day, to journal.Records) (journal.Export, journal.Size, error) {
	to = to.WithPrepared()
	s := &scanner{r: bufio.NewReaderSize(r, 64<<10), line: 1, col: 1}
	var e journal.Export
	size, err := s.export(&e, modes, today, to)
	size.Bytes = s.off
	s.order.Fill(&size)
	return e, size, err
}

// export reads the top-level object.
func (s *scanner) export(e *journal.Export, modes journal.Reasons, today journal.Day, to journal.Records) (journal.Size, error) {
	var size journal.Size
	c, err := s.peek()
	if err == io.EOF {
		return size, &Error{Line: 1, Msg: "the file is empty, not a Rebound export (make one with rebound export --format json)"}
	}
	if err != nil {
		return size, s.readErr(err)
	}
	if c != '{' {
		return size, &Error{Line: s.line, Column: s.col, Msg: "the file is not a JSON object, so not a Rebound export (make one with rebound export --format json)"}
	}
	s.skip()
	seen := map[string]bool{}
	sawFormat := false
	for first := true; ; first = false {
		if done, err := s.endOrComma('}', first); err != nil || done {
			if err != nil {
				return size, err
			}
			break
		}
		line, col := s.line, s.col
		raw, err := s.value(maxSmall, "")
		if err != nil {
			return size, err
		}
		var key string
		if raw[0] != '"' || json.Unmarshal(raw, &key) != nil {
			return size, &Error{Line: line, Column: col, Msg: "malformed JSON: expected a field name in quotes"}
		}
		if err := s.colon(); err != nil {
			return size, err
		}
		name := strings.ToLower(key) // encoding/json matches names without case
		if seen[name] {
			return size, &Error{Line: line, Field: key, Msg: "appears twice"}
		}
		seen[name] = true
		switch name {
		case "format":
			if err := s.small(&e.Format, "format"); err != nil {
				return size, err
			}
			if err := CheckFormat(e.Format); err != nil {
				return size, err
			}
			sawFormat = true
		case "exported_at":
			if err := s.small(&e.ExportedAt, "exported_at"); err != nil {
				return size, err
			}
		case "settings":
			var set *journal.Settings
			line, err := s.record(&set, "settings")
			if err != nil {
				return size, err
			}
			if set != nil {
				if err := set.Validate(modes); err != nil {
					return size, &Error{Line: line, Field: "settings", Msg: err.Error()}
				}
			}
			e.Settings = set
		case "nos":
			err = s.list("nos", &size.Nos, func(path string, line int) error {
				if s.ahead != nil { // StreamParallel decodes it elsewhere
					return s.handOver(path, line)
				}
				var n journal.No
				if err := s.decodeNo(&n, path, line); err != nil {
					return err
				}
				if err := checkNo(&n, modes, today, path, line); err != nil {
					return err
				}
				s.order.Add(&n)
				return call(to.No, &n)
			})
		case "reflections":
			err = s.list("reflections", &size.Reflections, func(path string, line int) error {
				var x journal.Reflection
				if _, err := s.decode(&x, path, line); err != nil {
					return err
				}
				if err := x.CheckLimits(); err != nil {
					return &Error{Line: line, Field: path, Msg: err.Error()}
				}
				return call(to.Reflection, &x)
			})
		case "wins":
			err = s.list("wins", &size.Wins, func(path string, line int) error {
				var w journal.Win
				if _, err := s.decode(&w, path, line); err != nil {
					return err
				}
				if err := w.Validate(modes); err != nil {
					return &Error{Line: line, Field: path, Msg: err.Error()}
				}
				return call(to.Win, &w)
			})
		case "rest_days":
			err = s.list("rest_days", &size.RestDays, func(path string, line int) error {
				var d journal.Day
				if err := s.smallAt(&d, path, line); err != nil {
					return err
				}
				if err := journal.CheckRestDay(d); err != nil {
					return &Error{Line: line, Field: path, Msg: err.Error()}
				}
				if to.RestDay != nil {
					return to.RestDay(d)
				}
				return nil
			})
		case "experiments":
			err = s.list("experiments", &size.Experiments, func(path string, line int) error {
				if size.Experiments >= journal.MaxExperiments {
					return &Error{Line: line, Field: path, Msg: fmt.Sprintf("an export holds at most %d experiments", journal.MaxExperiments)}
				}
				var x journal.Experiment
				if _, err := s.decode(&x, path, line); err != nil {
					return err
				}
				if err := x.Validate(modes); err != nil {
					return &Error{Line: line, Field: path, Msg: err.Error()}
				}
				return call(to.Experiment, &x)
			})
		case "reviews":
			err = s.list("reviews", &size.Reviews, func(path string, line int) error {
				if size.Reviews >= journal.MaxReviews {
					return &Error{Line: line, Field: path, Msg: fmt.Sprintf("an export holds at most %d reviews", journal.MaxReviews)}
				}
				var x journal.Review
				if _, err := s.decode(&x, path, line); err != nil {
					return err
				}
				if err := journal.CheckReview(&x); err != nil {
					return &Error{Line: line, Field: path, Msg: err.Error()}
				}
				return call(to.Review, &x)
			})
		default:
			return size, &Error{Line: line, Msg: fmt.Sprintf("unknown field %q (not part of %s)", key, journal.ExportFormat)}
		}
		if err != nil {
			return size, err
		}
	}
	if _, err := s.peek(); err != io.EOF {
		if err != nil {
			return size, s.readErr(err)
		}
		return size, &Error{Line: s.line, Column: s.col, Msg: "unexpected data after the export"}
	}
	if !sawFormat {
		return size, &Error{Field: "format", Msg: "missing; this is not a Rebound export (make one with rebound export --format json)"}
	}
	return size, nil
}

func call[T any](f func(*T) error, x *T) error {
	if f == nil {
		return nil
	}
	return f(x)
}

// list reads a list of records ("nos": [...], or null), calling each with
// the record's path (nos[3]) and line; n counts them.
func (s *scanner) list(name string, n *int, each func(path string, line int) error) error {
	c, err := s.peek()
	if err != nil {
		return s.readErr(err)
	}
	if c == 'n' {
		var v any
		return s.small(&v, name) // null; anything else is not a list
	}
	if c != '[' {
		return &Error{Line: s.line, Column: s.col, Field: name, Msg: "is not a list"}
	}
	s.skip()
	for first := true; ; first = false {
		if done, err := s.endOrComma(']', first); err != nil || done {
			return err
		}
		if _, err := s.peek(); err != nil {
			return s.readErr(err)
		}
		if err := each(fmt.Sprintf("%s[%d]", name, *n), s.line); err != nil {
			return err
		}
		*n++
	}
}

// record reads one record into v (a pointer) and returns its line.
func (s *scanner) record(v any, path string) (int, error) {
	if _, err := s.peek(); err != nil {
		return 0, s.readErr(err)
	}
	line := s.line
	return s.decode(v, path, line)
}

// decode reads the next value (a record, at most maxRecord bytes) into v.
func (s *scanner) decode(v any, path string, line int) (int, error) {
	col := s.col
	raw, err := s.value(maxRecord, path)
	if err != nil {
		return line, err
	}
	if err := decodeRaw(raw, v, path, line, col); err != nil {
		return line, err
	}
	s.release()
	return line, nil
}

// decodeRaw decodes one record's bytes into v (a pointer) the general
// way: encoding/json, then a refusal of any field v's type lacks.
func decodeRaw(raw []byte, v any, path string, line, col int) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return located(raw, line, col, path, err)
	}
	return knownFields(raw, v, path, line)
}

// small reads a short value (a string, a time, null) into v.
func (s *scanner) small(v any, path string) error {
	if _, err := s.peek(); err != nil {
		return s.readErr(err)
	}
	return s.smallAt(v, path, s.line)
}

func (s *scanner) smallAt(v any, path string, line int) error {
	col := s.col
	raw, err := s.value(maxSmall, path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return located(raw, line, col, path, err)
	}
	return nil
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

// located turns a decoding error in raw, a value that starts at line and
// col of the file, into one that says where.
func located(raw []byte, line, col int, path string, err error) error {
	at := func(off int64) (int, int) {
		off = max(0, min(off, int64(len(raw))))
		before := raw[:off]
		nl := bytes.LastIndexByte(before, '\n')
		if nl < 0 {
			return line, col + int(off)
		}
		return line + bytes.Count(before, []byte("\n")), int(off) - nl
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		l, c := at(syn.Offset - 1)
		return &Error{Line: l, Column: c, Msg: "malformed JSON: " + syn.Error()}
	case errors.As(err, &typ):
		l, c := at(typ.Offset)
		field := path
		if typ.Field != "" {
			field = join(path, typ.Field)
		}
		return &Error{Line: l, Column: c, Field: field, Msg: fmt.Sprintf("expected %s, found %s", typeName(typ), typ.Value)}
	}
	// A value's own check (a time that does not parse, say).
	return &Error{Line: line, Field: path, Msg: strings.TrimPrefix(err.Error(), "json: ")}
}

func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

func typeName(typ *json.UnmarshalTypeError) string {
	switch typ.Type {
	case nil:
		return "another type"
	case reflect.TypeFor[time.Time]():
		return "a time like 2006-01-02T15:04:05Z"
	}
	return typ.Type.String()
}

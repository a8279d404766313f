// scan.go reads an export one record at a time (about 530 lines): the
// token scanner, the line tracking and the size checks made before a value
// is held belong together, so every refusal can name its record and line.

package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"

	"github.com/rebound-coach/rebound/internal/journal"
)

// scanner reads an export a value at a time from a buffered reader,
// counting lines as it goes, so every error can say where it is and no
// value larger than its limit is ever held.
type scanner struct {
	r         *bufio.Reader
	off       int64 // bytes consumed
	line, col int   // of the next byte, 1-based
	buf       []byte
	order     journal.Order // of the No's read
	// ahead, when set, takes each No's bytes instead of their being
	// decoded here (StreamParallel).
	ahead func(raw []byte, path string, line, col int) error
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// peek skips white space and returns the next byte without consuming it.
func (s *scanner) peek() (byte, error) {
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			return 0, err
		}
		if !isSpace(c) {
			return c, s.r.UnreadByte()
		}
		s.off++
		if c == '\n' {
			s.line, s.col = s.line+1, 1
		} else {
			s.col++
		}
	}
}

// skip consumes the byte peek returned (never a newline).
func (s *scanner) skip() {
	_, _ = s.r.ReadByte()
	s.off, s.col = s.off+1, s.col+1
}

func (s *scanner) syntax(msg string) error {
	return &Error{Line: s.line, Column: s.col, Msg: "malformed JSON: " + msg}
}

// readErr says what a failed read means: the end of a file that stops too
// early, or a failure of the file itself.
func (s *scanner) readErr(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return &Error{Line: s.line, Msg: "the file ends too early (truncated?)"}
	}
	return fmt.Errorf("read the export: %w", err)
}

// endOrComma reads what follows a member of an object or a list: its end
// (done) or a comma and then the next member (not the end: no trailing
// commas). first is true before the first member.
func (s *scanner) endOrComma(end byte, first bool) (bool, error) {
	c, err := s.peek()
	if err != nil {
		return false, s.readErr(err)
	}
	if c == end {
		s.skip()
		return true, nil
	}
	if first {
		return false, nil
	}
	if c != ',' {
		return false, s.syntax(fmt.Sprintf("expected , or %c, found %q", end, c))
	}
	s.skip()
	if c, err = s.peek(); err != nil {
		return false, s.readErr(err)
	}
	if c == end {
		return false, s.syntax(fmt.Sprintf("a comma before %c", end))
	}
	return false, nil
}

func (s *scanner) colon() error {
	c, err := s.peek()
	if err != nil {
		return s.readErr(err)
	}
	if c != ':' {
		return s.syntax(fmt.Sprintf("expected : after a field name, found %q", c))
	}
	s.skip()
	return nil
}

// advance counts the lines and columns of bytes consumed.
func (s *scanner) advance(b []byte) {
	s.off += int64(len(b))
	if n := bytes.Count(b, []byte{'\n'}); n > 0 {
		s.line += n
		s.col = len(b) - bytes.LastIndexByte(b, '\n')
		return
	}
	s.col += len(b)
}

// value reads the next JSON value's bytes (at most limit) without decoding
// it: strings, nesting and literals are followed only far enough to find
// where the value ends; json.Unmarshal checks the rest. The bytes are
// valid until the next call. In a record (limit maxRecord) a string too
// long for any field is not held: it is read to its end, counted, and
// refused by the name of its field (see shape).
func (s *scanner) value(limit int, path string) ([]byte, error) {
	s.buf = s.buf[:0]
	line := s.line
	if _, err := s.peek(); err != nil {
		return nil, s.readErr(err)
	}
	const (
		start = iota
		nested
		str // a string on its own
		literal
	)
	state, depth, inStr, esc := start, 0, false, false
	var sh shape
	track := limit == maxRecord
	skipping := false // over a string too long to keep
	for {
		if s.r.Buffered() == 0 {
			if _, err := s.r.Peek(1); err != nil {
				if err == io.EOF && state == literal {
					return s.buf, nil // a number or true at the very end
				}
				return nil, s.readErr(err)
			}
		}
		p, _ := s.r.Peek(s.r.Buffered())
		i, done, over := 0, false, false
	scan:
		for ; i < len(p); i++ {
			c := p[i]
			switch {
			case state == start:
				switch c {
				case '{', '[':
					state, depth = nested, 1
					sh.open(c, 1)
				case '"':
					state, inStr = str, true
				case '}', ']', ',', ':':
					return nil, s.syntax(fmt.Sprintf("expected a value, found %q", c))
				default:
					state = literal
				}
			case state == literal:
				if isSpace(c) || c == ',' || c == ']' || c == '}' || c == ':' {
					done = true
					break scan
				}
			case inStr:
				switch {
				case esc:
					esc = false
				case c == '\\':
					esc = true
				case c == '"':
					inStr = false
					if state == str {
						i, done = i+1, true
						break scan
					}
					if skipping {
						i, over = i+1, true
						break scan
					}
					sh.isKey = false
					continue
				}
				if track {
					if sh.isKey && len(sh.key) < 64 {
						sh.key = append(sh.key, c)
					}
					if sh.strLen++; sh.strLen > maxString && !sh.isKey && !skipping {
						// Keep what came before, and no more of this string.
						s.buf = append(s.buf, p[:i]...)
						s.advance(p[:i])
						_, _ = s.r.Discard(i)
						p, _ = s.r.Peek(s.r.Buffered())
						i, skipping = 0, true
					}
				}
			case c == '"':
				inStr = true
				if track {
					sh.startString(depth)
				}
			case c == '{' || c == '[':
				depth++
				sh.open(c, depth)
			case c == '}' || c == ']':
				if depth--; depth == 0 {
					i, done = i+1, true
					break scan
				}
			case c == ',':
				if sh.comma(depth) > maxList {
					return nil, &Error{Line: line, Field: path, Msg: fmt.Sprintf("%s has more than %s entries; no list in a record holds more than %s",
						strings.ReplaceAll(strings.ToLower(string(sh.key)), "_", " "), journal.Commas(maxList), journal.Commas(maxList))}
				}
			}
		}
		if skipping {
			s.advance(p[:i])
			_, _ = s.r.Discard(i)
			if over {
				return nil, &Error{Line: line, Field: path, Msg: sh.tooLong()}
			}
			continue
		}
		if len(s.buf)+i > limit {
			return nil, tooLarge(line, path, limit)
		}
		s.buf = append(s.buf, p[:i]...)
		s.advance(p[:i])
		_, _ = s.r.Discard(i)
		if done {
			return s.buf, nil
		}
	}
}

// maxList is the most entries a list in a record may have (the outcome
// history's limit, the largest): a longer one is refused before it is
// decoded, as a million short tags cost far more decoded than as JSON.
const maxList = journal.MaxHistory

// maxString is the longest string a record may hold as JSON: a field of
// journal.MaxField bytes with every byte escaped (\u0001).
const maxString = 6*journal.MaxField + 16

// shape follows the first levels of a record while value reads it, so that
// a string too long for any field can be named, by its field and its place
// in a list, without being held.
type shape struct {
	kinds   [3]byte // '{' or '[' of the containers at depths 1 to 3
	wantKey bool    // the next string at depth 1 names a field
	isKey   bool    // the string being read does
	key     []byte  // the last field name at depth 1 (its first 64 bytes)
	keyed   bool    // the string being read is that field's value, or in it
	index   int     // the element of a list at depth 2
	strLen  int     // bytes of the string being read
}

func (sh *shape) open(c byte, depth int) {
	if depth <= len(sh.kinds) {
		sh.kinds[depth-1] = c
	}
	switch depth {
	case 1:
		sh.wantKey = c == '{'
	case 2:
		sh.index = 0
	}
}

// comma notes a comma at depth and returns the index of the list element
// it starts (0 when not in a list of the record).
func (sh *shape) comma(depth int) int {
	switch {
	case depth == 1 && sh.kinds[0] == '{':
		sh.wantKey = true
	case depth == 2 && sh.kinds[1] == '[':
		sh.index++
		return sh.index
	}
	return 0
}

func (sh *shape) startString(depth int) {
	sh.strLen = 0
	sh.isKey = depth == 1 && sh.kinds[0] == '{' && sh.wantKey
	if sh.isKey {
		sh.key, sh.wantKey = sh.key[:0], false
	}
	sh.keyed = depth >= 2 && sh.kinds[1] == '['
}

// tooLong says which field the over-long string is in, as the journal's
// own checks would.
func (sh *shape) tooLong() string {
	size := journal.Commas(sh.strLen)
	field := strings.ToLower(string(sh.key))
	nth := sh.index + 1
	idLimit := fmt.Sprintf("an id is at most %d bytes", journal.MaxTag)
	fieldLimit := fmt.Sprintf("a field holds at most %s bytes (%d KB)", journal.Commas(journal.MaxField), journal.MaxField>>10)
	switch {
	case field == "tags" && sh.keyed:
		return fmt.Sprintf("tag %d is %s bytes; a tag is at most %d bytes", nth, size, journal.MaxTag)
	case field == "prompt_ids" && sh.keyed:
		return fmt.Sprintf("prompt id %d is %s bytes; %s", nth, size, idLimit)
	case field == "mode" || field == "reason" || field == "assumed":
		return fmt.Sprintf("the %s is %s bytes; %s", field, size, idLimit)
	case (field == "debrief" || field == "answers") && sh.keyed:
		name := "answer"
		if field == "debrief" {
			name = "debrief answer"
		}
		return fmt.Sprintf("%s %d is %s bytes; %s", name, nth, size, fieldLimit)
	case field == "":
		return fmt.Sprintf("a string of %s bytes; %s", size, fieldLimit)
	}
	return fmt.Sprintf("%s is %s bytes; %s", strings.ReplaceAll(field, "_", " "), size, fieldLimit)
}

func tooLarge(line int, path string, limit int) error {
	if limit == maxRecord {
		return &Error{Line: line, Field: path, Msg: fmt.Sprintf("is more than %d MB of JSON; one record holds at most %d KB of text", limit>>20, journal.MaxText>>10)}
	}
	if path == "" {
		return &Error{Line: line, Msg: fmt.Sprintf("a field name is longer than %d bytes", limit)}
	}
	return &Error{Line: line, Field: path, Msg: fmt.Sprintf("is longer than %d bytes", limit)}
}

// release drops a buffer a large record grew, so one such record does not
// keep its size for the rest of the file.
func (s *scanner) release() {
	if cap(s.buf) > 1<<20 {
		s.buf = nil
	}
}

// knownFields refuses a field of raw (a value json.Unmarshal accepted
// into v) that v's type does not have, at any depth: encoding/json would
// drop it silently, and a field this build does not know may be one a
// newer Rebound needs.
func knownFields(raw []byte, v any, path string, line int) error {
	w := walker{b: raw, line: line}
	return w.value(reflect.TypeOf(v).Elem(), path)
}

type walker struct {
	b    []byte
	i    int
	line int
}

func (w *walker) ws() {
	for w.i < len(w.b) && isSpace(w.b[w.i]) {
		w.i++
	}
}

var unmarshaler = reflect.TypeFor[json.Unmarshaler]()

func (w *walker) value(t reflect.Type, path string) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	w.ws()
	if w.i >= len(w.b) {
		return nil
	}
	switch c := w.b[w.i]; {
	case c == '{' && t.Kind() == reflect.Struct && !reflect.PointerTo(t).Implements(unmarshaler):
		return w.object(t, path)
	case c == '[' && t.Kind() == reflect.Slice:
		return w.array(t.Elem(), path)
	}
	w.skipValue()
	return nil
}

func (w *walker) object(t reflect.Type, path string) error {
	fields := fieldsOf(t)
	w.i++
	for w.i < len(w.b) {
		w.ws()
		switch w.b[w.i] {
		case '}':
			w.i++
			return nil
		case ',':
			w.i++
			w.ws()
		}
		start := w.i
		w.skipValue()
		key := string(w.b[start+1 : w.i-1])
		if strings.IndexByte(key, '\\') >= 0 {
			_ = json.Unmarshal(w.b[start:w.i], &key)
		}
		w.ws()
		w.i++ // :
		f, ok := fields.lookup(key)
		if !ok {
			line := w.line + bytes.Count(w.b[:start], []byte{'\n'})
			return &Error{Line: line, Field: path, Msg: fmt.Sprintf("unknown field %q (not part of %s)", key, journal.ExportFormat)}
		}
		if err := w.value(f.typ, join(path, f.name)); err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) array(elem reflect.Type, path string) error {
	w.i++
	for k := 0; w.i < len(w.b); k++ {
		w.ws()
		switch w.b[w.i] {
		case ']':
			w.i++
			return nil
		case ',':
			w.i++
		}
		if err := w.value(elem, path); err != nil {
			if e, ok := err.(*Error); ok && e.Field == path {
				e.Field = fmt.Sprintf("%s[%d]", path, k)
			}
			return err
		}
	}
	return nil
}

// skipValue moves past one value (raw is valid JSON).
func (w *walker) skipValue() {
	w.ws()
	if w.i >= len(w.b) {
		return
	}
	depth, inStr, esc := 0, false, false
	switch w.b[w.i] {
	case '"':
		inStr = true
	case '{', '[':
		depth = 1
	default:
		for w.i < len(w.b) {
			switch c := w.b[w.i]; {
			case isSpace(c) || c == ',' || c == ']' || c == '}' || c == ':':
				return
			}
			w.i++
		}
		return
	}
	for w.i++; w.i < len(w.b); w.i++ {
		c := w.b[w.i]
		switch {
		case inStr:
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
				if depth == 0 {
					w.i++
					return
				}
			}
		case c == '"':
			inStr = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth--; depth == 0 {
				w.i++
				return
			}
		}
	}
}

type fieldInfo struct {
	name string
	typ  reflect.Type
}

type fieldSet map[string]fieldInfo

// lookup finds a field by its JSON name, exactly or, as encoding/json
// does, without case.
func (fs fieldSet) lookup(key string) (fieldInfo, bool) {
	if f, ok := fs[key]; ok {
		return f, true
	}
	for name, f := range fs {
		if strings.EqualFold(name, key) {
			return f, true
		}
	}
	return fieldInfo{}, false
}

var fieldSets sync.Map // reflect.Type -> fieldSet

func fieldsOf(t reflect.Type) fieldSet {
	if fs, ok := fieldSets.Load(t); ok {
		return fs.(fieldSet)
	}
	fs := fieldSet{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		fs[name] = fieldInfo{name: name, typ: f.Type}
	}
	fieldSets.Store(t, fs)
	return fs
}

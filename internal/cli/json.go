package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// writeJSON writes v as every --json output does: indented two spaces,
// one value, a final newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

// jsonList streams a JSON array one item at a time, byte for byte as
// writeJSON writes the whole slice, so a list of any length holds one item
// in memory. indent is the indentation of the line the list starts on ("" at
// the top level, "  " for a field of a top-level object). Each Write holds
// whole items, as inertJSON needs.
type jsonList struct {
	w      io.Writer
	indent string
	n      int
	buf    bytes.Buffer
	enc    *json.Encoder // into buf, reused: a third of MarshalIndent's cost per item
}

// add writes one item.
func (l *jsonList) add(v any) error {
	if l.enc == nil {
		l.enc = json.NewEncoder(&l.buf)
		l.enc.SetIndent(l.indent+"  ", "  ")
	}
	l.buf.Reset()
	if l.n == 0 {
		l.buf.WriteString("[\n" + l.indent + "  ")
	} else {
		l.buf.WriteString(",\n" + l.indent + "  ")
	}
	if err := l.enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	b := l.buf.Bytes()
	if _, err := l.w.Write(b[:len(b)-1]); err != nil { // Encode's newline ends the item
		return fmt.Errorf("write JSON: %w", err)
	}
	l.n++
	return nil
}

// end closes the array: "[]" when nothing was added.
func (l *jsonList) end() error {
	end := "\n" + l.indent + "]"
	if l.n == 0 {
		end = "[]"
	}
	if _, err := io.WriteString(l.w, end); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

// writeJSONList writes a top-level JSON array as writeJSON would, streamed:
// items calls add once per item, in order.
func writeJSONList(w io.Writer, items func(add func(any) error) error) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	list := jsonList{w: bw}
	if err := items(list.add); err != nil {
		return err
	}
	if err := list.end(); err != nil {
		return err
	}
	bw.WriteString("\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

package cli

import (
	"bytes"
	"strings"
	"testing"
)

// TestJSONListIsWriteJSON: a streamed list is byte for byte what writeJSON
// writes for the whole slice, at the top level and as an object's field.
func TestJSONListIsWriteJSON(t *testing.T) {
	t.Parallel()
	type item struct {
		ID   int      `json:"id"`
		Text string   `json:"text"`
		Tags []string `json:"tags"`
	}
	all := []item{{1, "plain", nil}, {2, "<b>&\"\\\n\u2028 \xff", []string{"a", "b"}}, {3, "", []string{}}}
	for n := range len(all) + 1 {
		items := all[:n]
		var want, got bytes.Buffer
		if err := writeJSON(&want, items); err != nil {
			t.Fatal(err)
		}
		list := jsonList{w: &got}
		for _, it := range items {
			if err := list.add(it); err != nil {
				t.Fatal(err)
			}
		}
		if err := list.end(); err != nil {
			t.Fatal(err)
		}
		got.WriteString("\n")
		if got.String() != want.String() {
			t.Errorf("%d items:\n%s\nwant\n%s", n, got.String(), want.String())
		}

		// As the field of an object, between other fields.
		want.Reset()
		if err := writeJSON(&want, struct {
			A    int    `json:"a"`
			List []item `json:"list"`
			Z    string `json:"z"`
		}{1, items, "z"}); err != nil {
			t.Fatal(err)
		}
		got.Reset()
		got.WriteString("{\n  \"a\": 1,\n  \"list\": ")
		list = jsonList{w: &got, indent: "  "}
		for _, it := range items {
			if err := list.add(it); err != nil {
				t.Fatal(err)
			}
		}
		if err := list.end(); err != nil {
			t.Fatal(err)
		}
		got.WriteString(",\n  \"z\": \"z\"\n}\n")
		if got.String() != want.String() {
			t.Errorf("%d items as a field:\n%s\nwant\n%s", n, got.String(), want.String())
		}
		if n > 0 && !strings.Contains(got.String(), "\"id\": 1") {
			t.Errorf("no first item in %s", got.String())
		}
	}
}

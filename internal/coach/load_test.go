package coach

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadRefusesBrokenFiles(t *testing.T) {
	list := func(m map[string]any, key string) []any { return m[key].([]any) }
	tests := []struct {
		name string
		fsys func(t *testing.T) fstest.MapFS
		want []string // fragments of the error
	}{
		{"syntax error", func(t *testing.T) fstest.MapFS {
			f := brokenFS(t, "modes/sales.json", nil)
			f["modes/job.json"] = &fstest.MapFile{Data: []byte("{\n  \"id\": \"job\",\n  \"label\": oops\n}")}
			return f
		}, []string{"modes/job.json", "line 3"}},
		{"unknown field", func(t *testing.T) fstest.MapFS {
			return brokenFS(t, "modes/sales.json", func(m map[string]any) { m["promtps"] = []any{} })
		}, []string{"modes/sales.json", "promtps"}},
		{"missing other", func(t *testing.T) fstest.MapFS {
			return brokenFS(t, "modes/sales.json", func(m map[string]any) {
				r := list(m, "reasons")
				m["reasons"] = r[:len(r)-1]
			})
		}, []string{"modes/sales.json", `"other"`}},
		{"duplicate reason", func(t *testing.T) fstest.MapFS {
			return brokenFS(t, "modes/sales.json", func(m map[string]any) {
				m["reasons"] = append(list(m, "reasons"), map[string]any{"id": "price", "label": "Again"})
			})
		}, []string{"modes/sales.json", `duplicate id "price"`}},
		{"too few prompts", func(t *testing.T) fstest.MapFS {
			return brokenFS(t, "modes/sales.json", func(m map[string]any) { m["prompts"] = list(m, "prompts")[:29] })
		}, []string{"modes/sales.json", "29 found, at least 30"}},
		{"duplicate prompt", func(t *testing.T) fstest.MapFS {
			return brokenFS(t, "modes/sales.json", func(m map[string]any) {
				p := list(m, "prompts")
				m["prompts"] = append(p, p[0])
			})
		}, []string{"modes/sales.json", `duplicate id "sales-01"`}},
		{"missing kind", func(t *testing.T) fstest.MapFS {
			return brokenFS(t, "modes/sales.json", func(m map[string]any) { m["kinds"] = list(m, "kinds")[:4] })
		}, []string{"modes/sales.json", `"final" is missing`}},
		{"empty debrief", func(t *testing.T) fstest.MapFS {
			return brokenFS(t, "modes/sales.json", func(m map[string]any) { m["debrief"] = map[string]any{} })
		}, []string{"modes/sales.json", "debrief"}},
		{"bad template field", func(t *testing.T) fstest.MapFS {
			return brokenFS(t, "modes/sales.json", func(m map[string]any) {
				m["debrief"].(map[string]any)["body"] = "Hi {{.Nmae}}"
			})
		}, []string{"modes/sales.json", "debrief.body", "Nmae"}},
		{"bad rule", func(t *testing.T) fstest.MapFS {
			return brokenFS(t, "modes/sales.json", func(m map[string]any) {
				m["suggestions"] = append(list(m, "suggestions"), map[string]any{
					"id": "x", "metric": "reason_share", "keys": []any{"salary"}, "min_share": 0.5, "min_count": 1,
					"text": "t {{.Percnt}}", "because": "b",
				})
			})
		}, []string{"modes/sales.json", `"salary" is not a reason`, "Percnt"}},
		{"unknown metric", func(t *testing.T) fstest.MapFS {
			return brokenFS(t, "modes/sales.json", func(m map[string]any) {
				list(m, "suggestions")[0].(map[string]any)["metric"] = "vibes"
			})
		}, []string{"modes/sales.json", `unknown metric "vibes"`}},
		{"id does not match file", func(t *testing.T) fstest.MapFS {
			f := brokenFS(t, "modes/sales.json", nil)
			f["modes/sale.json"] = f["modes/job.json"]
			return f
		}, []string{"modes/sale.json", `"job" does not match`}},
		{"default mode missing", func(t *testing.T) fstest.MapFS {
			f := brokenFS(t, "modes/sales.json", nil)
			delete(f, "modes/sales.json")
			return f
		}, []string{`default mode "sales" is missing`}},
		{"no files", func(t *testing.T) fstest.MapFS { return fstest.MapFS{} }, []string{"no mode files"}},
		{"trailing data", func(t *testing.T) fstest.MapFS {
			f := brokenFS(t, "modes/sales.json", nil)
			f["modes/job.json"] = &fstest.MapFile{Data: append(bytes.Clone(f["modes/job.json"].Data), "{}"...)}
			return f
		}, []string{"modes/job.json", "after the mode"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadFS(tt.fsys(t))
			if err == nil {
				t.Fatalf("loaded %v, want an error", c.ModeIDs())
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// A new mode is a new file: no Go change.
func TestLoadNewModeFile(t *testing.T) {
	f := brokenFS(t, "modes/sales.json", nil)
	var m map[string]any
	if err := json.Unmarshal(f["modes/job.json"].Data, &m); err != nil {
		t.Fatal(err)
	}
	m["id"], m["label"] = "dating", "Dating"
	delete(m, "order")
	data, _ := json.Marshal(m)
	f["modes/dating.json"] = &fstest.MapFile{Data: data}
	c, err := LoadFS(f)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.ModeIDs(), []string{"sales", "job", "school", "personal", "dating"}; !slices.Equal(got, want) {
		t.Errorf("ModeIDs = %v, want %v (unordered modes last)", got, want)
	}
	if _, err := c.Mode("dating"); err != nil {
		t.Error(err)
	}
}

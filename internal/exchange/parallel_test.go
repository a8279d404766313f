package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

// manyNos is an export of n No's (a few out of date order), with
// reflections, wins and rest days after them.
func manyNos(n int) journal.Export {
	x := sample()
	x.Nos = nil
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		d := day.AddDate(0, 0, i/3)
		if i%97 == 5 {
			d = d.AddDate(0, 0, -20) // out of order
		}
		x.Nos = append(x.Nos, journal.No{ID: uint64(i + 1), Date: journal.Day(d.Format("2006-01-02")),
			Who: fmt.Sprintf("Who %d", i%40), Said: strings.Repeat("word ", i%300), Outcome: "open",
			Tags: []string{"t" + fmt.Sprint(i%5)}})
	}
	x.Wins = []journal.Win{{ID: 1, Date: "2024-02-01", Who: "Acme"}}
	return x
}

type seen struct {
	calls []string
}

func (s *seen) records() journal.Records {
	add := func(kind string, v any) error {
		b, _ := json.Marshal(v)
		s.calls = append(s.calls, kind+string(b))
		return nil
	}
	return journal.Records{
		No:         func(n *journal.No) error { return add("no", n) },
		Reflection: func(x *journal.Reflection) error { return add("reflection", x) },
		Win:        func(w *journal.Win) error { return add("win", w) },
		RestDay:    func(d journal.Day) error { return add("rest", d) },
		Experiment: func(x *journal.Experiment) error { return add("experiment", x) },
		Review:     func(x *journal.Review) error { return add("review", x) },
	}
}

// TestStreamParallelAgrees: the same records reach the same funcs in the
// same order, with the same sizes, as StreamAsOf gives.
func TestStreamParallelAgrees(t *testing.T) {
	for _, n := range []int{0, 1, 127, 128, 129, 2000} {
		data, _ := json.MarshalIndent(manyNos(n), "", "  ")
		var a, b seen
		_, sa, errA := StreamAsOf(bytes.NewReader(data), nil, "2030-01-01", a.records())
		_, sb, errB := StreamParallel(bytes.NewReader(data), nil, "2030-01-01", b.records())
		if errA != nil || errB != nil {
			t.Fatalf("%d No's: %v / %v", n, errA, errB)
		}
		if sa != sb {
			t.Errorf("%d No's: sizes %+v, parallel %+v", n, sa, sb)
		}
		if !reflect.DeepEqual(a.calls, b.calls) {
			t.Errorf("%d No's: the records differ (%d calls, parallel %d)", n, len(a.calls), len(b.calls))
		}
	}
}

// TestStreamParallelRefusesAsBefore: the first problem in the file's
// order is the one reported, in the same words, whoever finds it.
func TestStreamParallelRefusesAsBefore(t *testing.T) {
	good, _ := json.MarshalIndent(manyNos(1500), "", "  ")
	g := string(good)
	nth := func(s, sub string, k int) int { // index of the k-th sub
		at := -1
		for range k {
			i := strings.Index(s[at+1:], sub)
			if i < 0 {
				t.Fatalf("no %d-th %q", k, sub)
			}
			at += 1 + i
		}
		return at
	}
	replaceAt := func(s string, at int, old, new string) string {
		return s[:at] + strings.Replace(s[at:], old, new, 1)
	}
	badDate := func(s string, k int) string { return replaceAt(s, nth(s, `"date": "`, k), `"date": "`, `"date": "x`) }
	cases := map[string]string{
		"a bad date late":                badDate(g, 1400),
		"a bad date, then bad syntax":    replaceAt(badDate(g, 300), nth(g, `"who"`, 900), `"who"`, `"who" "`),
		"bad syntax, then a bad date":    badDate(replaceAt(g, nth(g, `"who"`, 200), `"who"`, `"who"::`), 900),
		"a future No":                    strings.Replace(g, `"date": "2024-01-01"`, `"date": "2031-01-01"`, 1),
		"an unknown field in the middle": replaceAt(g, nth(g, `"tags"`, 700), `"tags"`, `"tagz"`),
		"truncated":                      g[:len(g)/2],
		"a bad win after the No's":       strings.Replace(g, `"who": "Acme"`, `"who": ""`, 1),
	}
	for name, data := range cases {
		_, _, errA := StreamAsOf(strings.NewReader(data), nil, "2030-01-01", journal.Records{})
		_, _, errB := StreamParallel(strings.NewReader(data), nil, "2030-01-01", journal.Records{})
		if errA == nil || errB == nil || errA.Error() != errB.Error() {
			t.Errorf("%s:\n  StreamAsOf     %v\n  StreamParallel %v", name, errA, errB)
		}
	}
}

// TestStreamParallelStopsAtAFailedRecord: a func's error ends the reading;
// no record after it reaches a func.
func TestStreamParallelStopsAtAFailedRecord(t *testing.T) {
	data, _ := json.MarshalIndent(manyNos(3000), "", "  ")
	full := errors.New("disk full")
	calls := 0
	_, _, err := StreamParallel(bytes.NewReader(data), nil, "2030-01-01", journal.Records{
		No: func(*journal.No) error {
			if calls++; calls == 1000 {
				return full
			}
			return nil
		},
		Win: func(*journal.Win) error { t.Error("a win after the failure"); return nil },
	})
	if err != full || calls != 1000 {
		t.Fatalf("err %v after %d calls; want the func's error at the 1000th", err, calls)
	}
}

// TestHandOnCoversEveryRecord: a kind of record added to journal.Records
// must be handed on by StreamParallel too, or an import would drop it.
func TestHandOnCoversEveryRecord(t *testing.T) {
	var to journal.Records
	v := reflect.ValueOf(&to).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		f.Set(reflect.MakeFunc(f.Type(), func([]reflect.Value) []reflect.Value {
			return []reflect.Value{reflect.Zero(reflect.TypeFor[error]())}
		}))
	}
	out := reflect.ValueOf(handOn(to, func(item) error { return nil }))
	for i := range out.NumField() {
		name := out.Type().Field(i).Name
		isNo := name == "No" || name == "Prepare" || name == "NoPrepared" // the workers' and the loop's
		if !isNo && out.Field(i).IsNil() {
			t.Errorf("StreamParallel does not hand on %s records (add them to handOn)", name)
		}
	}
}

// TestStreamPrepared: with Prepare and NoPrepared, every No reaches
// NoPrepared in the file's order with what Prepare made of that very No,
// in both readers (Prepare on the workers, or folded in by WithPrepared);
// the other records come as they did, and a large No (decoded by the
// reader itself) is prepared too.
func TestStreamPrepared(t *testing.T) {
	x := manyNos(700)
	// Over batchBytes.
	x.Nos[350].Said, x.Nos[350].Lesson = strings.Repeat("a long answer ", 4000), strings.Repeat("lesson ", 8000)
	data, _ := json.MarshalIndent(x, "", "  ")
	var want seen
	if _, _, err := StreamAsOf(bytes.NewReader(data), nil, "2030-01-01", want.records()); err != nil {
		t.Fatal(err)
	}
	type prep struct{ who, said string }
	for name, stream := range map[string]func(to journal.Records) error{
		"one goroutine": func(to journal.Records) error {
			_, _, err := StreamAsOf(bytes.NewReader(data), nil, "2030-01-01", to)
			return err
		},
		"parallel": func(to journal.Records) error {
			_, _, err := StreamParallel(bytes.NewReader(data), nil, "2030-01-01", to)
			return err
		},
	} {
		var got seen
		to := got.records()
		no := to.No
		to.No = nil
		prepared := 0
		to.Prepare = func(n *journal.No) any { return prep{n.Who, n.Said} }
		to.NoPrepared = func(n *journal.No, p any) error {
			if p != (prep{n.Who, n.Said}) {
				t.Fatalf("%s: No %d came with another No's preparation", name, n.ID)
			}
			prepared++
			return no(n)
		}
		if err := stream(to); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if prepared != len(x.Nos) || !reflect.DeepEqual(got.calls, want.calls) {
			t.Errorf("%s: %d prepared, %d calls; want %d and the records as without", name, prepared, len(got.calls), len(x.Nos))
		}
	}
}

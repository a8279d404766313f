package store

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// TestASCIITokensAreTokens: the doctor's tokenizer for ASCII text gives
// tokens' words, so its fingerprint of the postings is the index's.
func TestASCIITokensAreTokens(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	const alphabet = "abcXYZ019 -'_.,!?\t\n\x00\x7f@[`{"
	texts := []string{"", "a", "The Acme Corp said NO, don't call again!", strings.Repeat("x", 40) + " " + strings.Repeat("Ab1", 20)}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(60) {
			if r.IntN(5) == 0 {
				b.WriteString([]string{"the", "and", "an", "re", "ve", "don", "Price", "budget", "A"}[r.IntN(9)])
			} else {
				b.WriteByte(alphabet[r.IntN(len(alphabet))])
			}
		}
		texts = append(texts, b.String())
	}
	for _, n := range demoNos(t, 3000) {
		if asciiText(n.Text()) {
			texts = append(texts, n.Text())
		}
	}
	for _, s := range texts {
		got := asciiTokens([]byte(s), nil)
		if want := tokens(s); !slices.Equal(got, want) {
			t.Fatalf("%q:\nascii:  %q\ntokens: %q", s, got, want)
		}
	}
}

// TestAddNoWordsMatchesAddNo: the fingerprint of a No's postings is the
// same either way, its text ASCII or not (random No's: every kind of text).
func TestAddNoWordsMatchesAddNo(t *testing.T) {
	var ws wordScratch
	nos := demoNos(t, 3000)
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		nos = append(nos, randomNo(r))
	}
	for _, n := range nos {
		var want, got postingPrint
		want.addNo(&n)
		got.addNoWords(&n, &ws)
		if got != want {
			t.Fatalf("No %d (%q): print %v, want %v", n.ID, n.Text(), got, want)
		}
	}
}

// TestPagesHealthyOnAJournal: a journal as Rebound writes it, with free
// pages from commits, and its snapshot (what doctor checks) are healthy:
// doctor starts no child for them.
func TestPagesHealthyOnAJournal(t *testing.T) {
	s := newStore(t)
	nos := demoNos(t, 2000)
	if err := s.Seed(nos[:1800], nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	for _, n := range nos[1800:1900] { // one commit each: pages freed and reused
		n.ID = 0
		must(t, s.AddNo(&n, n.CreatedAt))
	}
	if !pagesHealthy(s.path) {
		t.Fatal("a journal is not healthy")
	}
	snap, err := s.snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.remove()
	if !pagesHealthy(snap.store.path) {
		t.Fatal("a journal's snapshot is not healthy")
	}
}

// TestPagesHealthyNeverHidesDamage damages a journal's file at random (a
// byte of a page's header or elements, a whole page zeroed or copied over
// another, a byte of the free list or of a meta page) and, each time the
// file is still called healthy, runs the two checks doctor then skips:
// neither may find anything. REBOUND_SOAK=1 damages it 3000 times.
func TestPagesHealthyNeverHidesDamage(t *testing.T) {
	s := newStore(t)
	nos := demoNos(t, 1500)
	must(t, s.Seed(nos[:1400], nil, nil, nil))
	for _, n := range nos[1400:1460] {
		n.ID = 0
		must(t, s.AddNo(&n, n.CreatedAt))
	}
	clean, err := os.ReadFile(s.Path())
	must(t, err)
	ps := int(binary.NativeEndian.Uint32(clean[metaOffset+8:]))
	pages := len(clean) / ps
	runs, childRuns := 300, 0
	if os.Getenv("REBOUND_SOAK") == "1" {
		runs = 3000
	}
	r := rand.New(rand.NewPCG(11, 12))
	path := filepath.Join(t.TempDir(), "damaged.db")
	caught := 0
	for i := range runs {
		data := slices.Clone(clean)
		p := r.IntN(pages)
		page := data[p*ps : (p+1)*ps]
		what := ""
		switch r.IntN(5) {
		case 0:
			what = "header byte"
			page[r.IntN(pageHeader)] ^= byte(1 << r.IntN(8))
		case 1:
			what = "element byte"
			page[pageHeader+r.IntN(4*elementSize)] ^= byte(1 << r.IntN(8))
		case 2:
			what = "zeroed"
			clear(page)
		case 3:
			what = "copied"
			q := r.IntN(pages)
			copy(page, clean[q*ps:(q+1)*ps])
		case 4:
			what = "any byte"
			page[r.IntN(ps)] ^= byte(1 << r.IntN(8))
		}
		must(t, os.WriteFile(path, data, 0o600))
		if !pagesHealthy(path) {
			caught++
			continue
		}
		w, err := walkPages(path)
		if err != nil || len(w.order) > 0 {
			t.Fatalf("run %d (%s of page %d): healthy, but the walk finds %v %v", i, what, p, err, w.bad)
		}
		if childRuns++; childRuns > 40 && os.Getenv("REBOUND_SOAK") != "1" {
			continue // bbolt's check costs a process: enough of them
		}
		lines, stopped, err := runPageCheck(path, time.Minute)
		if err != nil || stopped != "" || len(lines) > 0 {
			t.Fatalf("run %d (%s of page %d): healthy, but bbolt's check says %q %q %v", i, what, p, lines, stopped, err)
		}
	}
	t.Logf("%d of %d damaged files not healthy; bbolt's check run on %d healthy ones", caught, runs, childRuns)
	if caught < runs/4 {
		t.Errorf("only %d of %d damaged files were not called healthy", caught, runs)
	}
}

// TestPagesHealthyCatchesWhatOnlyBboltSees: damage the walk does not see
// but bbolt's check does (a free page listed twice, a page neither used
// nor free, a leaf whose first key is below its parent's key for it) is
// not healthy, so bbolt's check still runs and names it.
func TestPagesHealthyCatchesWhatOnlyBboltSees(t *testing.T) {
	s := newStore(t)
	nos := demoNos(t, 1500)
	must(t, s.Seed(nos[:1400], nil, nil, nil))
	for _, n := range nos[1400:1460] {
		n.ID = 0
		must(t, s.AddNo(&n, n.CreatedAt))
	}
	clean, err := os.ReadFile(s.Path())
	must(t, err)
	ne := binary.NativeEndian
	ps := int(ne.Uint32(clean[metaOffset+8:]))
	m0, m1 := parseMeta(clean), parseMeta(clean[ps:])
	meta := clean[:ps]
	if m1.txid > m0.txid {
		meta = clean[ps : 2*ps]
	}
	fl := int(ne.Uint64(meta[metaOffset+32:]))
	free := clean[fl*ps : (fl+1)*ps]
	if ne.Uint16(free[10:]) < 2 || ne.Uint16(free[10:]) == 0xFFFF {
		t.Fatalf("the free list holds %d pages; the test needs a few", ne.Uint16(free[10:]))
	}
	// A leaf under a branch of the nos bucket (8-byte keys): its first key.
	leafKey := -1
	for p := 2; p*ps < len(clean) && leafKey < 0; p++ {
		pg := clean[p*ps : (p+1)*ps]
		if ne.Uint16(pg[8:]) != flagBranch || ne.Uint16(pg[10:]) < 2 {
			continue
		}
		el := pg[pageHeader+elementSize:]
		if ne.Uint32(el[4:]) != 8 { // the second child's key is not an id
			continue
		}
		child := int(ne.Uint64(el[8:]))
		cp := clean[child*ps : (child+1)*ps]
		if ne.Uint16(cp[8:]) != flagLeaf {
			continue
		}
		ce := cp[pageHeader:]
		if ne.Uint32(ce[8:]) == 8 {
			leafKey = child*ps + pageHeader + int(ne.Uint32(ce[4:])) + 7 // the key's last byte
		}
	}
	if leafKey < 0 {
		t.Fatal("no leaf of ids under a branch")
	}
	path := filepath.Join(t.TempDir(), "damaged.db")
	for _, c := range []struct {
		name   string
		damage func(d []byte)
	}{
		{"a free page listed twice", func(d []byte) {
			f := d[fl*ps:]
			copy(f[pageHeader+8:pageHeader+16], f[pageHeader:pageHeader+8])
		}},
		{"a page neither used nor free", func(d []byte) {
			f := d[fl*ps:]
			ne.PutUint16(f[10:], ne.Uint16(f[10:])-1)
		}},
		{"a first key below its parent's", func(d []byte) { d[leafKey]-- }},
	} {
		data := slices.Clone(clean)
		c.damage(data)
		must(t, os.WriteFile(path, data, 0o600))
		lines, _, err := runPageCheck(path, time.Minute)
		must(t, err)
		if len(lines) == 0 {
			t.Fatalf("%s: bbolt's check finds nothing; the damage is not what the test means", c.name)
		}
		if pagesHealthy(path) {
			t.Errorf("%s: called healthy, but bbolt's check says %q", c.name, lines)
		}
	}
}

// TestBucketKeysIsStats: bucketKeys counts what Stats counts, buckets in
// the bucket included.
func TestBucketKeysIsStats(t *testing.T) {
	s := newStore(t)
	must(t, s.Seed(demoNos(t, 1200), nil, nil, nil))
	db, err := bolt.Open(s.Path(), 0o600, nil)
	must(t, err)
	defer db.Close()
	must(t, db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte("counted"))
		if err != nil {
			return err
		}
		for i := range 3000 {
			must(t, b.Put([]byte(fmt.Sprintf("k%05d", i)), []byte("some value to fill the pages")))
		}
		sub, err := b.CreateBucket([]byte("k01000x"))
		if err != nil {
			return err
		}
		for i := range 500 {
			must(t, sub.Put([]byte(fmt.Sprint(i)), []byte("v")))
		}
		_, err = b.CreateBucket([]byte("inline"))
		return err
	}))
	must(t, db.View(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketByDay, bucketByWho, bucketWaiting, bucketByFollowUp, []byte("counted")} {
			if got, want := bucketKeys(tx.Bucket(name)), tx.Bucket(name).Stats().KeyN; got != want {
				t.Errorf("%s: bucketKeys %d, Stats %d", name, got, want)
			}
		}
		return nil
	}))
}

// TestCheckSaysEachNosProblemsInKeyOrder: a No that does not decode and
// index entries missing, wrong and stale come out as a check on one core
// says them, No by No in key order, however the workers split the No's.
func TestCheckSaysEachNosProblemsInKeyOrder(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "rebound.db")) // damaged on purpose: no check on cleanup
	must(t, err)
	seedN(t, s, 900)
	var a, b journal.No
	must(t, s.view(func(_ *bolt.Tx, bk *buckets) error {
		var err error
		if a, err = s.getNo(bk, 300); err != nil {
			return err
		}
		b, err = s.getNo(bk, 700)
		return err
	}))
	raw(t, s.Path(), func(tx *bolt.Tx) error {
		must(t, tx.Bucket(bucketByDay).Delete(dayIDKey(a.Date, a.ID)))                   // No 300: missing
		must(t, tx.Bucket(bucketNos).Put(idKey(500), []byte("\x02{not json")))           // No 500: does not decode
		must(t, tx.Bucket(bucketByDay).Put(dayIDKey(b.Date, b.ID), []byte("wrong\x00"))) // No 700: wrong value
		return nil
	})
	ps, err := s.Check()
	must(t, err)
	var got []string
	for _, p := range ps {
		if p.Kind == "index" || p.Kind == "record" {
			got = append(got, p.Kind+": "+p.Detail)
		}
	}
	want := []string{
		"index: No 300 is missing from by_day",
		"record: No 500 cannot be read: decode value: invalid character 'n' looking for beginning of object key string",
		`index: by_day has "wrong\x00" for No 700, which needs ` + strconv.Quote(string(dayValue(&b))),
	}
	if len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
		t.Fatalf("problems:\n%s\nwant first:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

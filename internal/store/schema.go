package store

import (
	"errors"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// Buckets. Keys are chosen so that bbolt's byte order is the order a screen
// wants: dates are "YYYY-MM-DD" and ids are big-endian uint64.
var (
	bucketMeta           = []byte("meta")            // app, schema, count, waiting, yes
	bucketNos            = []byte("nos")             // id -> No (valueV2)
	bucketByDay          = []byte("by_day")          // date + id -> the list row (see dayValue)
	bucketByFollowUp     = []byte("by_follow_up")    // follow-up date + id -> the follow-up row (set and not done; see followUpValue)
	bucketWaiting        = []byte("waiting")         // date + id -> "" (not reframed, or a draft: No.Waiting)
	bucketWords          = []byte("words")           // word 0x00 block -> posting (see index.go)
	bucketNoDays         = []byte("no_days")         // id >> 8 -> day numbers (see index.go)
	bucketTally          = []byte("tally")           // date -> tally.Day
	bucketMonths         = []byte("tally_month")     // "YYYY-MM" -> tally.Day
	bucketReframedDays   = []byte("reframed_days")   // date -> uint32 reframed No's dated that day
	bucketReflections    = []byte("reflections")     // date -> Reflection
	bucketReflectionDays = []byte("reflection_days") // date -> uint32 sessions
	bucketWins           = []byte("wins")            // id -> Win
	bucketWinDays        = []byte("win_days")        // date -> count (decimal)
	bucketRestDays       = []byte("rest_days")       // date -> ""
	bucketSettings       = []byte("settings")        // "settings" -> Settings
	bucketByWho          = []byte("by_who")          // prospect + date + id -> outcome; open follow-ups (see whoindex.go)
	bucketWhoCounts      = []byte("who_counts")      // prospect -> No's, yes
	bucketModeCounts     = []byte("mode_counts")     // mode -> No's, yes
	bucketFollowUpDays   = []byte("follow_up_days")  // follow-up date -> uint32 open follow-ups (not settled) due that day
	// bucketDamaged keeps No values Repair could not decode, so nothing is lost.
	bucketDamaged = []byte("damaged")
)

// Buckets created when first written (not in allBuckets, no schema change;
// the rewrite copies them, export and import carry them, doctor checks
// them): experiments (experiments.go), reviews (reviews.go); who_merges
// (whomerge.go: the last merge of two names, to undo it; copied by the
// rewrite, not exported: it is an undo, not a record). And by_source
// (source.go), an index of the No's imported from a CRM or a tracker:
// remade by the rewrite from the No's (derivedBuckets), checked by doctor
// with the other per-No indexes.

// allBuckets are created for a new journal and by Repair.
var allBuckets = [][]byte{bucketMeta, bucketNos, bucketByDay, bucketByFollowUp, bucketWaiting,
	bucketWords, bucketNoDays, bucketTally, bucketMonths, bucketReframedDays, bucketReflections,
	bucketReflectionDays, bucketWins, bucketWinDays, bucketRestDays, bucketSettings,
	bucketByWho, bucketWhoCounts, bucketModeCounts, bucketFollowUpDays}

// derivedBuckets hold only what can be recomputed from nos, reflections and wins.
var derivedBuckets = [][]byte{bucketByDay, bucketByFollowUp, bucketWaiting, bucketWords, bucketNoDays,
	bucketTally, bucketMonths, bucketReframedDays, bucketReflectionDays, bucketWinDays,
	bucketByWho, bucketWhoCounts, bucketModeCounts, bucketFollowUpDays, bucketBySource, bucketEvents}

var (
	keyApp       = []byte("app")
	keySchema    = []byte("schema")
	keyCount     = []byte("count")      // number of No's
	keyWaiting   = []byte("waiting")    // number of No's waiting to be reframed (No.Waiting)
	keyYes       = []byte("yes")        // number of No's whose outcome is yes
	keyFollowUps = []byte("follow_ups") // number of follow-ups set, not done, not settled
	keySettings  = []byte("settings")
	appName      = "rebound"
)

// currentSchema is the schema this build writes and reads.
var currentSchema = len(migrations)

type buckets struct {
	meta, nos, byDay, byFollowUp, waiting, words, noDays, tally, months, reframedDays,
	reflections, reflectionDays, wins, winDays, restDays, settings,
	byWho, whoCounts, modeCounts, fuDays *bolt.Bucket
	// bySource is nil until a No with a source is written (source.go),
	// events until a No with a follow-up or a turnaround (events.go).
	bySource, events *bolt.Bucket
	tx               *bolt.Tx
}

// fill is each bucket's FillPercent. Buckets written mostly in key order
// (ids, today's date) pack their pages full instead of half; words gets
// its new blocks' keys between older ones, so it keeps some room.
var fillPercent = map[string]float64{
	string(bucketNos): 1.0, string(bucketByDay): 0.95, string(bucketWaiting): 0.95,
	string(bucketWords): 0.8, string(bucketNoDays): 1.0, string(bucketTally): 0.9,
	string(bucketMonths): 0.9, string(bucketReframedDays): 0.95, string(bucketReflections): 0.95,
	string(bucketReflectionDays): 0.95, string(bucketWins): 1.0, string(bucketWinDays): 0.95,
	string(bucketByWho): 0.8, string(bucketFollowUpDays): 0.9,
}

// bind finds every bucket of tx (nil when missing) and sets its fill.
func bind(tx *bolt.Tx) (*buckets, []byte) {
	b := &buckets{tx: tx, bySource: tx.Bucket(bucketBySource), events: tx.Bucket(bucketEvents)}
	var missing []byte
	for _, x := range []struct {
		name []byte
		dst  **bolt.Bucket
	}{
		{bucketMeta, &b.meta}, {bucketNos, &b.nos}, {bucketByDay, &b.byDay}, {bucketByFollowUp, &b.byFollowUp},
		{bucketWaiting, &b.waiting}, {bucketWords, &b.words}, {bucketNoDays, &b.noDays}, {bucketTally, &b.tally},
		{bucketMonths, &b.months}, {bucketReframedDays, &b.reframedDays}, {bucketReflections, &b.reflections},
		{bucketReflectionDays, &b.reflectionDays}, {bucketWins, &b.wins}, {bucketWinDays, &b.winDays},
		{bucketRestDays, &b.restDays}, {bucketSettings, &b.settings},
		{bucketByWho, &b.byWho}, {bucketWhoCounts, &b.whoCounts}, {bucketModeCounts, &b.modeCounts},
		{bucketFollowUpDays, &b.fuDays},
	} {
		*x.dst = tx.Bucket(x.name)
		if *x.dst == nil {
			if missing == nil {
				missing = x.name
			}
			continue
		}
		if f, ok := fillPercent[string(x.name)]; ok {
			(*x.dst).FillPercent = f
		}
	}
	return b, missing
}

// load finds every bucket and re-checks the schema: another (newer) rebound
// may have migrated the file since Open.
func (s *Store) load(tx *bolt.Tx) (*buckets, error) {
	st := readSchema(tx)
	if err := s.schemaErr(st); err != nil {
		return nil, err
	}
	if st.fresh || st.version != currentSchema {
		return nil, fmt.Errorf("%s has schema %d but this build expects %d; restart rebound", s.path, st.version, currentSchema)
	}
	b, missing := bind(tx)
	if missing != nil {
		return nil, s.corrupt(fmt.Errorf("bucket %q is missing; rebound doctor can rebuild it", missing))
	}
	return b, nil
}

type schemaState struct {
	fresh   bool // a bbolt file with no buckets at all: safe to initialise
	foreign bool // buckets, but not Rebound's
	bad     string
	version int
}

func readSchema(tx *bolt.Tx) schemaState {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		found := false
		_ = tx.ForEach(func([]byte, *bolt.Bucket) error { found = true; return errStop })
		return schemaState{fresh: !found, foreign: found}
	}
	if string(meta.Get(keyApp)) != appName {
		return schemaState{foreign: true}
	}
	v := meta.Get(keySchema)
	if v == nil {
		return schemaState{version: 0}
	}
	n, err := strconv.Atoi(string(v))
	if err != nil || n < 0 {
		return schemaState{bad: fmt.Sprintf("the schema version %q cannot be read", v)}
	}
	return schemaState{version: n}
}

var errStop = errors.New("stop")

func (s *Store) schemaErr(st schemaState) error {
	switch {
	case st.foreign:
		return wrap(ErrNotRebound, nil, "%s is not a Rebound journal; point --db at another file or move it away", s.path)
	case st.bad != "":
		return s.corrupt(errors.New(st.bad))
	case st.version > currentSchema:
		return wrap(ErrTooNew, nil, "%s was written by a newer Rebound (schema %d; this build reads up to %d); upgrade rebound", s.path, st.version, currentSchema)
	}
	return nil
}

// initSchema lays out a brand-new journal at the current schema.
func initSchema(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	meta := tx.Bucket(bucketMeta)
	for k, v := range map[string]string{"app": appName, "schema": strconv.Itoa(currentSchema), "count": "0", "waiting": "0", "yes": "0", "follow_ups": "0"} {
		if err := meta.Put([]byte(k), []byte(v)); err != nil {
			return err
		}
	}
	return nil
}

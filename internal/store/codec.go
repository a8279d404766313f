package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// Values are versioned JSON: one version byte, then the JSON of the domain
// type. The byte is checked before decoding, so a value written by a later
// layout is reported instead of half-read, and a migration can tell old and
// new values apart without parsing them. JSON keeps the file readable with
// `bbolt get` and uses the same field names as the export format.
const valueV1 = 1

func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte(valueV1)
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return nil, fmt.Errorf("encode value: %w", err)
	}
	out := buf.Bytes()
	return out[:len(out)-1], nil // Encoder adds a newline
}

func decode(b []byte, v any) error {
	if len(b) == 0 {
		return fmt.Errorf("empty value")
	}
	if b[0] != valueV1 {
		return fmt.Errorf("value version %d is unknown to this build", b[0])
	}
	return jsonUnmarshal(b[1:], v)
}

func jsonUnmarshal(b []byte, v any) error {
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode value: %w", err)
	}
	return nil
}

// empty is the value of index keys; bbolt stores it as a zero-length value.
var empty = []byte{}

func idKey(id uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, id)
	return k
}

func idOf(k []byte) uint64 { return binary.BigEndian.Uint64(k[len(k)-8:]) }

// dayIDKey is date + id: by_day and by_follow_up keys, and the tail of the
// field index keys, so a reverse cursor yields newest first.
func dayIDKey(d journal.Day, id uint64) []byte {
	k := make([]byte, 0, len(d)+8)
	k = append(k, d...)
	return binary.BigEndian.AppendUint64(k, id)
}

// fieldPrefix is value 0x00: the prefix of one value's keys in
// by_outcome/by_reason/by_mode.
func fieldPrefix(val string) []byte {
	k := make([]byte, 0, len(val)+1+18)
	k = append(k, val...)
	return append(k, 0)
}

func fieldKey(val string, d journal.Day, id uint64) []byte {
	return binary.BigEndian.AppendUint64(append(fieldPrefix(val), d...), id)
}

func wordKey(w string, id uint64) []byte {
	k := make([]byte, 0, len(w)+9)
	k = append(append(k, w...), 0)
	return binary.BigEndian.AppendUint64(k, id)
}

// has reports whether key is present (index values are empty, which Get
// cannot tell apart from a missing key).
func has(b *bolt.Bucket, key []byte) bool {
	k, _ := b.Cursor().Seek(key)
	return k != nil && bytes.Equal(k, key)
}

func getInt(b *bolt.Bucket, key []byte) int {
	n, _ := strconv.Atoi(string(b.Get(key)))
	return n
}

func putInt(b *bolt.Bucket, key []byte, n int) error {
	return b.Put(key, []byte(strconv.Itoa(n)))
}

func addInt(b *bolt.Bucket, key []byte, delta int) error {
	if delta == 0 {
		return nil
	}
	return putInt(b, key, getInt(b, key)+delta)
}

package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
)

// bbolt's on-disk meta page, read here before bolt.Open so that a file that
// is not a bbolt file is never handed to bbolt (which would initialise a
// 0-byte file, and maps whatever it is given), and a truncated file is
// refused instead of faulting on a page past the end of the file.
// Layout (internal/common in bbolt v1.5): a 16-byte page header
// (id u64, flags u16, count u16, overflow u32), then the meta struct:
// magic u32, version u32, pageSize u32, flags u32, root {pgid u64, seq u64},
// freelist u64, pgid u64, txid u64, checksum u64 (FNV-64a of the bytes
// before it), all in the machine's byte order.
const (
	boltMagic    = 0xED0CDAED
	boltVersion  = 2
	metaOffset   = 16
	metaChecksum = metaOffset + 56
	metaEnd      = metaChecksum + 8
)

type metaPage struct {
	magic, valid bool
	pageSize     uint32
	pgid, txid   uint64
}

func parseMeta(b []byte) metaPage {
	if len(b) < metaEnd {
		return metaPage{}
	}
	ne := binary.NativeEndian
	m := metaPage{
		magic:    ne.Uint32(b[metaOffset:]) == boltMagic,
		pageSize: ne.Uint32(b[metaOffset+8:]),
		pgid:     ne.Uint64(b[metaOffset+40:]),
		txid:     ne.Uint64(b[metaOffset+48:]),
	}
	h := fnv.New64a()
	h.Write(b[metaOffset:metaChecksum])
	m.valid = m.magic && ne.Uint32(b[metaOffset+4:]) == boltVersion &&
		ne.Uint64(b[metaChecksum:]) == h.Sum64() && m.pageSize >= 512 && m.pageSize&(m.pageSize-1) == 0
	return m
}

// checkHeader returns nil for a bbolt file whose newest valid meta page
// describes no more pages than the file holds; errors wrap ErrNotRebound
// (no bbolt magic at all) or describe the damage.
func checkHeader(path string, size int64) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	read := func(off int64) []byte {
		b := make([]byte, metaEnd)
		n, _ := f.ReadAt(b, off)
		return b[:n]
	}
	m0 := parseMeta(read(0))
	pageSize := int64(os.Getpagesize())
	if m0.valid {
		pageSize = int64(m0.pageSize)
	}
	m1 := parseMeta(read(pageSize))
	if !m1.magic && pageSize != 4096 && !m0.valid {
		m1 = parseMeta(read(4096))
	}
	switch {
	case !m0.magic && !m1.magic:
		return ErrNotRebound
	case !m0.valid && !m1.valid:
		return errors.New("both bbolt meta pages are invalid")
	}
	m := m0
	if !m0.valid || (m1.valid && m1.txid > m0.txid) {
		m = m1
	}
	if need := int64(m.pgid) * int64(m.pageSize); size < need {
		return fmt.Errorf("the file is truncated: %d bytes of %d", size, need)
	}
	return nil
}

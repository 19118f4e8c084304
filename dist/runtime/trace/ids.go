package trace

import (
	"encoding/binary"
	"math/rand/v2"
)

// newTraceID and newSpanID draw from math/rand/v2's global source, which is a
// per-thread ChaCha8 generator seeded from the operating system: unpredictable
// ids without a lock on the hot path. Zero is invalid, so it is redrawn.
func newTraceID() (id [16]byte) {
	for id == [16]byte{} {
		binary.BigEndian.PutUint64(id[:8], rand.Uint64())
		binary.BigEndian.PutUint64(id[8:], rand.Uint64())
	}
	return id
}

func newSpanID() (id [8]byte) {
	for id == [8]byte{} {
		binary.BigEndian.PutUint64(id[:], rand.Uint64())
	}
	return id
}

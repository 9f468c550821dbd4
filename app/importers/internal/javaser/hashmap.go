package javaser

import (
	"encoding/binary"
	"fmt"
)

// Entry is one mapping of a map.
type Entry struct {
	Key, Value Value
}

// HashMap reads the entries of a java.util.HashMap, in the order of the
// stream. HashMap's writeObject writes, after its fields, the number of
// buckets and the number of entries as two ints of block data, then each
// key and its value.
func HashMap(v Value) ([]Entry, error) {
	o, ok := v.(*Object)
	if !ok || o.Class.Name != "java.util.HashMap" {
		return nil, fmt.Errorf("%w: not a java.util.HashMap", ErrFormat)
	}
	extra := o.Data[len(o.Data)-1].Extra
	var head []byte
	for len(extra) > 0 && len(head) < 8 {
		b, ok := extra[0].([]byte)
		if !ok {
			break
		}
		head = append(head, b...)
		extra = extra[1:]
	}
	if len(head) != 8 {
		return nil, fmt.Errorf("%w: HashMap without its bucket count and size", ErrFormat)
	}
	size := int32(binary.BigEndian.Uint32(head[4:]))
	if size < 0 || int(size)*2 != len(extra) {
		return nil, fmt.Errorf("%w: HashMap of size %d holds %d values", ErrFormat, size, len(extra))
	}
	entries := make([]Entry, 0, size)
	for i := 0; i < len(extra); i += 2 {
		for _, x := range extra[i : i+2] {
			if _, ok := x.([]byte); ok {
				return nil, fmt.Errorf("%w: block data among HashMap entries", ErrFormat)
			}
		}
		entries = append(entries, Entry{Key: extra[i], Value: extra[i+1]})
	}
	return entries, nil
}

// Package javaser reads the part of the Java Object Serialization Stream
// Protocol that FreeOTP 2 uses for its backups: an ObjectOutputStream that
// holds one java.util.HashMap of strings.
//
// The grammar followed is the one of the Java Object Serialization
// Specification, chapter 6 ("Object Serialization Stream Protocol"): the
// magic 0xACED and version 5, then content elements. This package reads
// TC_OBJECT with its class descriptor (TC_CLASSDESC: name, serialVersionUID,
// flags, fields, an empty class annotation, the superclass), the values of
// primitive and object fields, the data a class's writeObject method adds
// (TC_BLOCKDATA, TC_BLOCKDATALONG and objects, up to TC_ENDBLOCKDATA),
// TC_STRING and TC_LONGSTRING in Java's modified UTF-8, TC_NULL, and
// TC_REFERENCE to what it has already read. Arrays, enums, classes, proxy
// classes, externalizable objects, resets and exceptions are refused: no
// backup has them.
//
// Nothing is instantiated: a stream becomes a tree of [Object], [String]
// and nil values that the caller interprets, such as with [HashMap]. Depth,
// the number of handles and the number of fields are bounded, and every
// element consumes input, so reading costs time and memory linear in the
// input.
package javaser

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"unicode/utf16"
)

// ErrFormat is wrapped by every error of this package: the data is not a
// serialization stream, or uses a part of the protocol not read here.
var ErrFormat = errors.New("not a Java serialization stream this reader understands")

// Bounds of what a stream may hold.
const (
	MaxDepth   = 32      // nesting of objects in objects
	MaxHandles = 1 << 20 // objects, strings and class descriptors
	MaxFields  = 1024    // fields of one class
	MaxSize    = 16 << 20
)

// Stream constants, from java.io.ObjectStreamConstants.
const (
	magic   = 0xACED
	version = 5

	tcNull           = 0x70
	tcReference      = 0x71
	tcClassDesc      = 0x72
	tcObject         = 0x73
	tcString         = 0x74
	tcBlockData      = 0x77
	tcEndBlockData   = 0x78
	tcBlockDataLong  = 0x7A
	tcLongString     = 0x7C
	baseWireHandle   = 0x7E0000
	scWriteMethod    = 0x01
	scSerializable   = 0x02
	scExternalizable = 0x04
	scEnum           = 0x10
)

// A Value is one content element of a stream: a [String], an [*Object], or
// nil for TC_NULL.
type Value any

// String is a string of the stream, decoded to UTF-8.
type String string

// Class is a class descriptor.
type Class struct {
	Name   string
	UID    int64
	Flags  byte
	Fields []Field
	// Super is the superclass's descriptor, nil at the top.
	Super *Class
}

// Field is a serialised field of a class.
type Field struct {
	// Type is the field's type code: B C D F I J S Z for primitives, L
	// for an object, [ for an array.
	Type byte
	Name string
	// ClassName is the type of an object field, such as
	// "Ljava/lang/String;".
	ClassName string
}

// Object is a serialised object. Its data is kept per class of its
// hierarchy, from the topmost superclass down, as the stream has it.
type Object struct {
	Class *Class
	Data  []ClassData
}

// ClassData is the part of an object that one class of its hierarchy
// wrote.
type ClassData struct {
	Class *Class
	// Values are the fields' values, in the order of Class.Fields: int64
	// for the integer types (char as its code unit), float64 for float
	// and double, bool, or a Value for object fields.
	Values []any
	// Extra is what the class's writeObject method wrote after its
	// fields: []byte for block data, and Values.
	Extra []any
}

// Field returns the value of the field named name, looked up from the
// object's own class up to its topmost superclass.
func (o *Object) Field(name string) (any, bool) {
	for i := len(o.Data) - 1; i >= 0; i-- {
		d := o.Data[i]
		for j, f := range d.Class.Fields {
			if f.Name == name {
				return d.Values[j], true
			}
		}
	}
	return nil, false
}

// Parse reads a stream that holds one content element, and nothing after
// it.
func Parse(data []byte) (Value, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%w: larger than %d MiB", ErrFormat, MaxSize>>20)
	}
	if len(data) < 4 || binary.BigEndian.Uint16(data) != magic {
		return nil, fmt.Errorf("%w: no magic number", ErrFormat)
	}
	if v := binary.BigEndian.Uint16(data[2:]); v != version {
		return nil, fmt.Errorf("%w: version %d", ErrFormat, v)
	}
	r := &reader{data: data, off: 4}
	v, err := r.content(0)
	if err != nil {
		return nil, err
	}
	if r.off != len(r.data) {
		return nil, r.errorf("%d bytes after the object", len(r.data)-r.off)
	}
	return v, nil
}

// Sniff reports cheaply whether data begins like a serialization stream.
func Sniff(data []byte) bool {
	return len(data) >= 4 && binary.BigEndian.Uint16(data) == magic && binary.BigEndian.Uint16(data[2:]) == version
}

type reader struct {
	data    []byte
	off     int
	handles []any // String, *Object or *Class
}

func (r *reader) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: at byte %d: %s", ErrFormat, r.off, fmt.Sprintf(format, args...))
}

func (r *reader) next(n int) ([]byte, error) {
	if n < 0 || n > len(r.data)-r.off {
		return nil, r.errorf("truncated")
	}
	b := r.data[r.off : r.off+n]
	r.off += n
	return b, nil
}

func (r *reader) u8() (byte, error) {
	b, err := r.next(1)
	if err != nil {
		return 0, err
	}
	return b[0], nil
}

func (r *reader) u16() (uint16, error) {
	b, err := r.next(2)
	if err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint16(b), nil
}

func (r *reader) u32() (uint32, error) {
	b, err := r.next(4)
	if err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint32(b), nil
}

func (r *reader) u64() (uint64, error) {
	b, err := r.next(8)
	if err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint64(b), nil
}

func (r *reader) peek() (byte, error) {
	if r.off >= len(r.data) {
		return 0, r.errorf("truncated")
	}
	return r.data[r.off], nil
}

func (r *reader) newHandle(v any) error {
	if len(r.handles) >= MaxHandles {
		return r.errorf("more than %d handles", MaxHandles)
	}
	r.handles = append(r.handles, v)
	return nil
}

func (r *reader) reference() (any, error) {
	h, err := r.u32()
	if err != nil {
		return nil, err
	}
	i := int64(h) - baseWireHandle
	if i < 0 || i >= int64(len(r.handles)) {
		return nil, r.errorf("reference to handle %#x, which is not defined", h)
	}
	return r.handles[i], nil
}

// utf reads a string of n bytes of modified UTF-8: NUL as two bytes, and
// characters outside the BMP as two surrogates of three bytes each.
func (r *reader) utf(n int) (string, error) {
	b, err := r.next(n)
	if err != nil {
		return "", err
	}
	units := make([]uint16, 0, len(b))
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c != 0 && c < 0x80:
			units = append(units, uint16(c))
			i++
		case c&0xE0 == 0xC0 && i+1 < len(b) && b[i+1]&0xC0 == 0x80:
			units = append(units, uint16(c&0x1F)<<6|uint16(b[i+1]&0x3F))
			i += 2
		case c&0xF0 == 0xE0 && i+2 < len(b) && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80:
			units = append(units, uint16(c&0x0F)<<12|uint16(b[i+1]&0x3F)<<6|uint16(b[i+2]&0x3F))
			i += 3
		default:
			return "", r.errorf("string is not modified UTF-8")
		}
	}
	// Unpaired surrogates, which Java strings may hold, become U+FFFD.
	return string(utf16.Decode(units)), nil
}

// content reads one content element that is a value: an object, a string,
// null, or a reference to one of them.
func (r *reader) content(depth int) (Value, error) {
	if depth > MaxDepth {
		return nil, r.errorf("objects nested deeper than %d", MaxDepth)
	}
	tc, err := r.u8()
	if err != nil {
		return nil, err
	}
	switch tc {
	case tcNull:
		return nil, nil
	case tcString, tcLongString:
		return r.string(tc)
	case tcReference:
		v, err := r.reference()
		if err != nil {
			return nil, err
		}
		if _, ok := v.(*Class); ok {
			return nil, r.errorf("reference to a class descriptor where a value was expected")
		}
		return v, nil
	case tcObject:
		return r.object(depth)
	}
	return nil, r.errorf("type code %#02x is not read", tc)
}

func (r *reader) string(tc byte) (String, error) {
	var n uint64
	if tc == tcString {
		m, err := r.u16()
		if err != nil {
			return "", err
		}
		n = uint64(m)
	} else {
		m, err := r.u64()
		if err != nil {
			return "", err
		}
		n = m
	}
	if n > uint64(len(r.data)-r.off) {
		return "", r.errorf("truncated string")
	}
	s, err := r.utf(int(n))
	if err != nil {
		return "", err
	}
	v := String(s)
	return v, r.newHandle(v)
}

// classDesc reads a class descriptor, a reference to one, or TC_NULL (nil).
func (r *reader) classDesc(depth int) (*Class, error) {
	if depth > MaxDepth {
		return nil, r.errorf("class hierarchy deeper than %d", MaxDepth)
	}
	tc, err := r.u8()
	if err != nil {
		return nil, err
	}
	switch tc {
	case tcNull:
		return nil, nil
	case tcReference:
		v, err := r.reference()
		if err != nil {
			return nil, err
		}
		c, ok := v.(*Class)
		if !ok {
			return nil, r.errorf("reference to a value where a class descriptor was expected")
		}
		return c, nil
	case tcClassDesc:
	default:
		return nil, r.errorf("type code %#02x where a class descriptor was expected", tc)
	}
	n, err := r.u16()
	if err != nil {
		return nil, err
	}
	name, err := r.utf(int(n))
	if err != nil {
		return nil, err
	}
	uid, err := r.u64()
	if err != nil {
		return nil, err
	}
	c := &Class{Name: name, UID: int64(uid)}
	if err := r.newHandle(c); err != nil {
		return nil, err
	}
	if c.Flags, err = r.u8(); err != nil {
		return nil, err
	}
	if c.Flags&(scExternalizable|scEnum) != 0 || c.Flags&scSerializable == 0 {
		return nil, r.errorf("class %.64q is not plainly serializable (flags %#02x)", c.Name, c.Flags)
	}
	count, err := r.u16()
	if err != nil {
		return nil, err
	}
	if count > MaxFields {
		return nil, r.errorf("class with %d fields", count)
	}
	for range count {
		var f Field
		if f.Type, err = r.u8(); err != nil {
			return nil, err
		}
		if fieldSize(f.Type) < 0 {
			return nil, r.errorf("field type code %#02x", f.Type)
		}
		n, err := r.u16()
		if err != nil {
			return nil, err
		}
		if f.Name, err = r.utf(int(n)); err != nil {
			return nil, err
		}
		if f.Type == 'L' || f.Type == '[' {
			v, err := r.content(depth + 1)
			if err != nil {
				return nil, err
			}
			s, ok := v.(String)
			if !ok {
				return nil, r.errorf("field type name is not a string")
			}
			f.ClassName = string(s)
		}
		c.Fields = append(c.Fields, f)
	}
	// The class annotation: ObjectOutputStream writes none.
	if tc, err := r.u8(); err != nil {
		return nil, err
	} else if tc != tcEndBlockData {
		return nil, r.errorf("class annotation is not empty")
	}
	if c.Super, err = r.classDesc(depth + 1); err != nil {
		return nil, err
	}
	return c, nil
}

// fieldSize is the size of a primitive field's value, 0 for an object
// field, -1 for an unknown type code.
func fieldSize(t byte) int {
	switch t {
	case 'B', 'Z':
		return 1
	case 'C', 'S':
		return 2
	case 'I', 'F':
		return 4
	case 'J', 'D':
		return 8
	case 'L', '[':
		return 0
	}
	return -1
}

func (r *reader) object(depth int) (*Object, error) {
	c, err := r.classDesc(depth + 1)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, r.errorf("object without a class")
	}
	o := &Object{Class: c}
	if err := r.newHandle(o); err != nil {
		return nil, err
	}
	var chain []*Class
	for k := c; k != nil; k = k.Super {
		if len(chain) > MaxDepth {
			return nil, r.errorf("class hierarchy deeper than %d", MaxDepth)
		}
		chain = append(chain, k)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		k := chain[i]
		d := ClassData{Class: k}
		for _, f := range k.Fields {
			v, err := r.fieldValue(f.Type, depth)
			if err != nil {
				return nil, err
			}
			d.Values = append(d.Values, v)
		}
		if k.Flags&scWriteMethod != 0 {
			if d.Extra, err = r.annotation(depth); err != nil {
				return nil, err
			}
		}
		o.Data = append(o.Data, d)
	}
	return o, nil
}

func (r *reader) fieldValue(t byte, depth int) (any, error) {
	size := fieldSize(t)
	if size == 0 {
		return r.content(depth + 1)
	}
	b, err := r.next(size)
	if err != nil {
		return nil, err
	}
	switch t {
	case 'B':
		return int64(int8(b[0])), nil
	case 'Z':
		return b[0] != 0, nil
	case 'C':
		return int64(binary.BigEndian.Uint16(b)), nil
	case 'S':
		return int64(int16(binary.BigEndian.Uint16(b))), nil
	case 'I':
		return int64(int32(binary.BigEndian.Uint32(b))), nil
	case 'F':
		return float64(math.Float32frombits(binary.BigEndian.Uint32(b))), nil
	case 'J':
		return int64(binary.BigEndian.Uint64(b)), nil
	default: // 'D'
		return math.Float64frombits(binary.BigEndian.Uint64(b)), nil
	}
}

// annotation reads what a writeObject method wrote after the fields: block
// data and values, up to TC_ENDBLOCKDATA.
func (r *reader) annotation(depth int) ([]any, error) {
	var out []any
	for {
		tc, err := r.peek()
		if err != nil {
			return nil, err
		}
		switch tc {
		case tcEndBlockData:
			r.off++
			return out, nil
		case tcBlockData:
			r.off++
			n, err := r.u8()
			if err != nil {
				return nil, err
			}
			b, err := r.next(int(n))
			if err != nil {
				return nil, err
			}
			out = append(out, b)
		case tcBlockDataLong:
			r.off++
			n, err := r.u32()
			if err != nil {
				return nil, err
			}
			if n > uint32(len(r.data)-r.off) {
				return nil, r.errorf("truncated block data")
			}
			b, err := r.next(int(n))
			if err != nil {
				return nil, err
			}
			out = append(out, b)
		default:
			v, err := r.content(depth + 1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
	}
}

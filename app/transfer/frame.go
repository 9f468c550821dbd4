package transfer

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

// Prefix starts the text of every transfer code. Receivers match it
// ignoring case.
const Prefix = "TWOFOLD:"

// Sizes of a frame's fields around its block, in bytes: the format
// version, the transfer id, the number of blocks and the sequence number
// before it, the check after it.
const (
	frameHeader   = 1 + idSize + 2 + 2
	checkSize     = 2
	frameOverhead = frameHeader + checkSize
)

// maxBlocks is the largest number of blocks a receiver accepts.
const maxBlocks = 8192

// ErrNotFrame is returned by [Receiver.Add] for a text that is not a
// transfer code: an account's QR code, a Google Authenticator export code,
// or anything else.
var ErrNotFrame = errors.New("not a transfer code")

// IsFrame reports whether text starts like a transfer code.
func IsFrame(text string) bool {
	return len(text) >= len(Prefix) && strings.EqualFold(text[:len(Prefix)], Prefix)
}

// frame is one decoded transfer code.
type frame struct {
	id    [idSize]byte
	k     int // blocks of the message
	seq   int
	block []byte
}

// encodeFrame returns the text of a frame.
func encodeFrame(f frame) string {
	b := make([]byte, 0, frameOverhead+len(f.block))
	b = append(b, formatVersion)
	b = append(b, f.id[:]...)
	b = binary.BigEndian.AppendUint16(b, uint16(f.k))
	b = binary.BigEndian.AppendUint16(b, uint16(f.seq))
	b = append(b, f.block...)
	sum := sha256.Sum256(b)
	b = append(b, sum[:checkSize]...)
	return string(appendBase45([]byte(Prefix), b))
}

// decodeFrame reads the text of a frame and checks it.
func decodeFrame(text string) (frame, error) {
	if !IsFrame(text) {
		return frame{}, ErrNotFrame
	}
	b, err := decodeBase45(text[len(Prefix):])
	if err != nil {
		return frame{}, fmt.Errorf("%w: not Base45", ErrDamaged)
	}
	if len(b) < 1 {
		return frame{}, fmt.Errorf("%w: empty", ErrDamaged)
	}
	if b[0] != formatVersion {
		return frame{}, fmt.Errorf("%w: frame format %d", ErrVersion, b[0])
	}
	if len(b) <= frameOverhead {
		return frame{}, fmt.Errorf("%w: %d bytes", ErrDamaged, len(b))
	}
	body, check := b[:len(b)-checkSize], b[len(b)-checkSize:]
	if sum := sha256.Sum256(body); string(sum[:checkSize]) != string(check) {
		return frame{}, fmt.Errorf("%w: its check does not match", ErrDamaged)
	}
	f := frame{
		id:    [idSize]byte(body[1 : 1+idSize]),
		k:     int(binary.BigEndian.Uint16(body[9:11])),
		seq:   int(binary.BigEndian.Uint16(body[11:13])),
		block: body[frameHeader:],
	}
	if f.k == 0 || f.k > maxBlocks || f.k*len(f.block) > maxMessage {
		return frame{}, fmt.Errorf("%w: %d blocks of %d bytes", ErrDamaged, f.k, len(f.block))
	}
	return f, nil
}

// blocks returns the number of blocks and the block size of a message of n
// bytes in layout l: whole blocks of l.BlockSize() bytes, or, when the
// message fits one code, one block of exactly n bytes.
func blocks(n int, l Layout) (k, size int) {
	size = l.BlockSize()
	if size <= 0 {
		panic(fmt.Sprintf("transfer: layout %+v holds no frame", l))
	}
	if n <= size {
		return 1, n
	}
	return (n + size - 1) / size, size
}

// ID returns the transfer id, which every frame carries.
func (m *Message) ID() [idSize]byte { return m.id }

// Count returns the number of codes shown step by step in layout l.
func (m *Message) Count(l Layout) int {
	k, _ := blocks(len(m.data), l)
	return k
}

// Frames returns the codes shown step by step in layout l: the message
// cut into blocks, the last one padded with zeros. Any order of them, all
// of them, rebuilds the message.
func (m *Message) Frames(l Layout) []string {
	k, size := blocks(len(m.data), l)
	out := make([]string, k)
	for i := range k {
		out[i] = encodeFrame(frame{id: m.id, k: k, seq: i, block: m.block(i, size)})
	}
	return out
}

// block returns block i of the message cut into blocks of size bytes.
func (m *Message) block(i, size int) []byte {
	b := make([]byte, size)
	if i*size < len(m.data) {
		copy(b, m.data[i*size:])
	}
	return b
}

// Stream returns code n of the endless stream that auto-play shows in
// layout l: first the codes of [Message.Frames], then codes that each hold
// the sum (XOR) of a pseudo-random half of the blocks. A receiver that
// reads any k of them, k = [Message.Count], plus a few more, rebuilds the
// message. Sequence numbers have 16 bits: code n is the same as code
// n+65536, and no code repeats before.
func (m *Message) Stream(l Layout, n uint64) string {
	k, size := blocks(len(m.data), l)
	seq := int(n % (1 << 16))
	if seq < k {
		return encodeFrame(frame{id: m.id, k: k, seq: seq, block: m.block(seq, size)})
	}
	sum := make([]byte, size)
	for i, on := range coefficients(m.id, k, seq) {
		if on {
			b := m.block(i, size)
			for j := range sum {
				sum[j] ^= b[j]
			}
		}
	}
	return encodeFrame(frame{id: m.id, k: k, seq: seq, block: sum})
}

// coefficients returns which of the k blocks frame seq sums. For seq < k it
// is block seq alone. For the others, bit i of the bytes SHA-256(id ‖
// seq ‖ j), j = 0, 1, … (seq as 2 bytes and j as 4 bytes, big-endian),
// least significant bit first, says whether block i is in the sum; if none
// is, block seq mod k is.
func coefficients(id [idSize]byte, k, seq int) []bool {
	c := make([]bool, k)
	if seq < k {
		c[seq] = true
		return c
	}
	var in [idSize + 2 + 4]byte
	copy(in[:], id[:])
	binary.BigEndian.PutUint16(in[idSize:], uint16(seq))
	some := false
	for j := 0; j*256 < k; j++ {
		binary.BigEndian.PutUint32(in[idSize+2:], uint32(j))
		sum := sha256.Sum256(in[:])
		for i := 0; i < 256 && j*256+i < k; i++ {
			if sum[i/8]>>(i%8)&1 == 1 {
				c[j*256+i] = true
				some = true
			}
		}
	}
	if !some {
		c[seq%k] = true
	}
	return c
}

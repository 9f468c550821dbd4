package ente

import (
	"crypto/subtle"
	"encoding/binary"
	"errors"

	"golang.org/x/crypto/chacha20"
	"golang.org/x/crypto/poly1305"
)

// The pull side of libsodium's crypto_secretstream_xchacha20poly1305, as
// libsodium's crypto_secretstream/xchacha20poly1305/secretstream_xchacha20poly1305.c
// defines it. Go's x/crypto has the primitives but not the construction;
// its poly1305 package is marked deprecated as a MAC for general use, and
// is used here as the building block it is. Both packages are already in
// the browser build, under chacha20poly1305.
//
// The 24-byte header gives the state: its first 16 bytes and the key make
// the subkey with HChaCha20, and its last 8 bytes are the "inonce". Each
// chunk is tag (1 byte, encrypted) || message || MAC (16 bytes), encrypted
// with ChaCha20 (IETF) under the subkey and the 12-byte nonce counter
// (4 bytes, little-endian, from 1) || inonce. Block 0 of the keystream
// keys Poly1305; block 1 encrypts the tag in its first byte; the message
// starts at block 2. The MAC covers the associated data, zero-padded to 16
// bytes, the whole 64-byte tag block (the encrypted tag byte, then the
// keystream of the rest), the encrypted message, libsodium's padding of
// (0x10 - 64 + mlen) & 0xf zero bytes, and the lengths of the associated
// data and of 64 + mlen as 8-byte little-endian numbers. After each chunk
// the first 8 bytes of the MAC are XORed into the inonce and the counter
// goes up; the REKEY tag, or a counter that wraps to 0, replaces the
// subkey and inonce with their own ChaCha20 encryption and resets the
// counter.

const (
	streamHeaderSize = 24
	streamOverhead   = 1 + poly1305.TagSize // tag byte and MAC: 17 bytes

	tagMessage = 0x00
	tagPush    = 0x01
	tagRekey   = 0x02
	tagFinal   = tagPush | tagRekey
)

// pullStream is the state of a stream being decrypted.
type pullStream struct {
	key   [chacha20.KeySize]byte
	nonce [chacha20.NonceSize]byte // counter (4 bytes) || inonce (8 bytes)
}

var errHeader = errors.New("secretstream header is not 24 bytes")

// newPullStream starts decrypting the stream of key whose header is
// header (libsodium's crypto_secretstream_xchacha20poly1305_init_pull).
func newPullStream(key, header []byte) (*pullStream, error) {
	if len(header) != streamHeaderSize {
		return nil, errHeader
	}
	sub, err := chacha20.HChaCha20(key, header[:16])
	if err != nil {
		return nil, err // a key that is not 32 bytes
	}
	s := new(pullStream)
	copy(s.key[:], sub)
	copy(s.nonce[4:], header[16:])
	s.resetCounter()
	return s, nil
}

func (s *pullStream) resetCounter() {
	binary.LittleEndian.PutUint32(s.nonce[:4], 1)
}

// rekey replaces the subkey and the inonce with their ChaCha20 encryption
// under the current key and nonce, and resets the counter.
func (s *pullStream) rekey() {
	var buf [chacha20.KeySize + 8]byte
	copy(buf[:chacha20.KeySize], s.key[:])
	copy(buf[chacha20.KeySize:], s.nonce[4:])
	c, _ := chacha20.NewUnauthenticatedCipher(s.key[:], s.nonce[:]) // sizes are fixed
	c.XORKeyStream(buf[:], buf[:])
	copy(s.key[:], buf[:chacha20.KeySize])
	copy(s.nonce[4:], buf[chacha20.KeySize:])
	s.resetCounter()
}

var pad0 [16]byte

// pull decrypts one chunk (libsodium's
// crypto_secretstream_xchacha20poly1305_pull). ok is false when the chunk
// is shorter than its overhead or does not authenticate; the state is then
// unchanged.
func (s *pullStream) pull(chunk, ad []byte) (message []byte, tag byte, ok bool) {
	if len(chunk) < streamOverhead {
		return nil, 0, false
	}
	mlen := len(chunk) - streamOverhead
	c, _ := chacha20.NewUnauthenticatedCipher(s.key[:], s.nonce[:]) // sizes are fixed

	var block [64]byte
	c.XORKeyStream(block[:], block[:]) // block 0: the Poly1305 key
	var polyKey [32]byte
	copy(polyKey[:], block[:32])
	mac := poly1305.New(&polyKey)
	mac.Write(ad)
	mac.Write(pad0[:(0x10-len(ad))&0xf])

	block = [64]byte{}
	block[0] = chunk[0]
	c.XORKeyStream(block[:], block[:]) // block 1: the tag
	tag = block[0]
	block[0] = chunk[0]
	mac.Write(block[:])

	encrypted := chunk[1 : 1+mlen]
	mac.Write(encrypted)
	mac.Write(pad0[:(0x10-64+mlen)&0xf]) // libsodium's padding, kept as it is
	var lengths [16]byte
	binary.LittleEndian.PutUint64(lengths[:8], uint64(len(ad)))
	binary.LittleEndian.PutUint64(lengths[8:], 64+uint64(mlen))
	mac.Write(lengths[:])
	sum := mac.Sum(nil)
	if subtle.ConstantTimeCompare(sum, chunk[1+mlen:]) != 1 {
		return nil, 0, false
	}

	message = make([]byte, mlen)
	c.XORKeyStream(message, encrypted) // blocks 2 and on

	for i := range 8 {
		s.nonce[4+i] ^= sum[i]
	}
	counter := binary.LittleEndian.Uint32(s.nonce[:4]) + 1
	binary.LittleEndian.PutUint32(s.nonce[:4], counter)
	if tag&tagRekey != 0 || counter == 0 {
		s.rekey()
	}
	return message, tag, true
}

// Errors of openStream.
var (
	// errFirstChunk means the first chunk does not authenticate: the key
	// is wrong, or the chunk was changed.
	errFirstChunk = errors.New("the first chunk does not authenticate")
	errLaterChunk = errors.New("a chunk after the first does not authenticate")
	errTruncated  = errors.New("the stream ends without its final tag: it is truncated")
	errAfterFinal = errors.New("data follows the stream's final tag")
)

// openStream decrypts a whole stream whose chunks are chunkSize bytes of
// ciphertext each, the last one possibly shorter, and checks that it ends
// with the FINAL tag there and nowhere before.
func openStream(key, header, ciphertext, ad []byte, chunkSize int) ([]byte, error) {
	s, err := newPullStream(key, header)
	if err != nil {
		return nil, err
	}
	if chunkSize < streamOverhead {
		return nil, errors.New("secretstream chunk size too small") // unreachable: a constant
	}
	var plain []byte
	for n := 0; ; n++ {
		size := min(chunkSize, len(ciphertext))
		m, tag, ok := s.pull(ciphertext[:size], ad)
		switch {
		case !ok && n == 0:
			return nil, errFirstChunk
		case !ok:
			return nil, errLaterChunk
		}
		plain = append(plain, m...)
		ciphertext = ciphertext[size:]
		switch {
		case tag == tagFinal && len(ciphertext) > 0:
			return nil, errAfterFinal
		case tag == tagFinal:
			return plain, nil
		case len(ciphertext) == 0:
			return nil, errTruncated
		}
	}
}

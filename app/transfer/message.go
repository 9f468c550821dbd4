package transfer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"golang.org/x/crypto/chacha20poly1305"

	"twofold.app/app/kdf"
	"twofold.app/app/vault"
)

// formatVersion is the version of the message and frame formats in SPEC.md.
const formatVersion = 1

// Sizes of the message header's fields, in bytes.
const (
	idSize       = 8
	saltSize     = 16
	nonceSize    = chacha20poly1305.NonceSizeX
	headerSize   = 1 + idSize + 1 + 4 + 1 + saltSize + nonceSize + 4
	overheadSize = headerSize + chacha20poly1305.Overhead
)

// Offsets of the salt, the nonce and the ciphertext length in the header.
const (
	saltAt  = 15
	nonceAt = saltAt + saltSize
	lenAt   = nonceAt + nonceSize
)

// maxMessage is the largest message a receiver accepts, far above the
// 500 accounts a person might move.
const maxMessage = 4 << 20

// DefaultParams is the Argon2id cost of the key a verification code
// unlocks: the vault's default, so that guessing a code costs an attacker as
// much as guessing a password does.
var DefaultParams = kdf.Default

// Bounds on the parameters a receiver accepts before deriving anything: a
// hostile sender must not make the receiving page spin for minutes or
// allocate gigabytes.
const (
	MaxMemoryKiB = 256 * 1024
	MaxTime      = 10
	MaxThreads   = 4
)

// Errors of receiving and opening a transfer. Callers branch on them with
// errors.Is; the messages name what is wrong, never a secret.
var (
	// ErrWrongCode means the verification code is well-formed (its check
	// character matched) but does not open this transfer.
	ErrWrongCode = errors.New("wrong verification code")
	// ErrParams means the message asks for key derivation parameters
	// outside the accepted bounds. It wraps kdf.ErrParams.
	ErrParams = fmt.Errorf("transfer %w", kdf.ErrParams)
	// ErrDamaged means a frame or the message assembled from the frames
	// is not well-formed.
	ErrDamaged = errors.New("transfer code damaged")
	// ErrVersion means a frame or message of a format newer than this
	// program reads.
	ErrVersion = errors.New("transfer made by a newer version of Twofold")
)

// Message is a sealed transfer, ready to be shown as frames.
type Message struct {
	id   [idSize]byte
	data []byte // header and ciphertext
}

// Seal encrypts accounts under a key derived from code with derive and
// params p, for a new transfer. Keys are read from rand.
func Seal(accounts []vault.Account, code Code, p kdf.Params, rand io.Reader, derive kdf.Func) (*Message, error) {
	if code.IsZero() {
		return nil, errors.New("sealing a transfer: no verification code")
	}
	if err := checkParams(p); err != nil {
		return nil, err
	}
	plain, err := marshalAccounts(accounts)
	if err != nil {
		return nil, fmt.Errorf("sealing a transfer: %w", err)
	}
	h := make([]byte, headerSize)
	h[0] = formatVersion
	if _, err := io.ReadFull(rand, h[1:1+idSize]); err != nil {
		return nil, fmt.Errorf("reading randomness for a transfer: %w", err)
	}
	h[9] = byte(p.Time)
	binary.BigEndian.PutUint32(h[10:14], p.MemoryKiB)
	h[14] = p.Threads
	if _, err := io.ReadFull(rand, h[saltAt:lenAt]); err != nil {
		return nil, fmt.Errorf("reading randomness for a transfer: %w", err)
	}
	ctLen := len(plain) + chacha20poly1305.Overhead
	if headerSize+ctLen > maxMessage {
		return nil, fmt.Errorf("sealing a transfer: %d bytes of accounts, more than one transfer carries", len(plain))
	}
	binary.BigEndian.PutUint32(h[lenAt:], uint32(ctLen))
	key, err := derive(code.password(), h[saltAt:nonceAt], p)
	if err != nil {
		return nil, fmt.Errorf("deriving the transfer key: %w", err)
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err // unreachable: the key has the right size
	}
	m := &Message{data: aead.Seal(h, h[nonceAt:lenAt], plain, h)}
	copy(m.id[:], h[1:1+idSize])
	return m, nil
}

// checkParams refuses Argon2id parameters outside the transfer's bounds.
func checkParams(p kdf.Params) error {
	if err := p.Check(); err != nil || p.Time > MaxTime || p.MemoryKiB > MaxMemoryKiB || p.Threads > MaxThreads {
		return fmt.Errorf("%w: t=%d m=%d p=%d", ErrParams, p.Time, p.MemoryKiB, p.Threads)
	}
	return nil
}

// Sealed is a transfer message assembled by a [Receiver], to be opened with
// the verification code.
type Sealed struct {
	id   [idSize]byte
	data []byte
	p    kdf.Params
}

// parseSealed reads the header of a message of transfer id, with the zero
// padding of its last block after it, and checks its parameters.
func parseSealed(id [idSize]byte, padded []byte) (*Sealed, error) {
	if len(padded) < overheadSize {
		return nil, fmt.Errorf("%w: a message of %d bytes", ErrDamaged, len(padded))
	}
	if padded[0] != formatVersion {
		return nil, fmt.Errorf("%w: message format %d", ErrVersion, padded[0])
	}
	if [idSize]byte(padded[1:1+idSize]) != id {
		return nil, fmt.Errorf("%w: the message names another transfer than its codes", ErrDamaged)
	}
	ctLen := int(binary.BigEndian.Uint32(padded[lenAt:headerSize]))
	if ctLen < chacha20poly1305.Overhead || ctLen > len(padded)-headerSize {
		return nil, fmt.Errorf("%w: a ciphertext of %d bytes in a message of %d", ErrDamaged, ctLen, len(padded))
	}
	for _, b := range padded[headerSize+ctLen:] {
		if b != 0 {
			return nil, fmt.Errorf("%w: padding is not zero", ErrDamaged)
		}
	}
	p := kdf.Params{Time: uint32(padded[9]), MemoryKiB: binary.BigEndian.Uint32(padded[10:14]), Threads: padded[14]}
	if err := checkParams(p); err != nil {
		return nil, err
	}
	return &Sealed{id: id, data: padded[:headerSize+ctLen], p: p}, nil
}

// Params returns the Argon2id parameters that opening will use.
func (s *Sealed) Params() kdf.Params { return s.p }

// Open derives the key from code with derive and decrypts the accounts. A
// code that does not open the message gives [ErrWrongCode]; the same Sealed
// may be opened again with another code.
func (s *Sealed) Open(code Code, derive kdf.Func) ([]vault.Account, error) {
	if code.IsZero() {
		return nil, fmt.Errorf("%w: no code", ErrCodeTypo)
	}
	h := s.data[:headerSize]
	key, err := derive(code.password(), h[saltAt:nonceAt], s.p)
	if err != nil {
		return nil, fmt.Errorf("deriving the transfer key: %w", err)
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err // unreachable
	}
	plain, err := aead.Open(nil, h[nonceAt:lenAt], s.data[headerSize:], h)
	if err != nil {
		return nil, ErrWrongCode
	}
	accounts, err := unmarshalAccounts(plain)
	if err != nil {
		return nil, fmt.Errorf("opening a transfer: %w", err)
	}
	return accounts, nil
}

package vault

import (
	"bytes"
	"crypto/hmac"
	"errors"
	"fmt"
	"io"
	"sync"

	"golang.org/x/crypto/chacha20poly1305"
)

// ErrWrongPassword is returned by [Open] when no slot opens with the
// password. A slot whose salt, parameters, nonce or wrapped key was altered
// fails the same way: the two cannot be told apart.
var ErrWrongPassword = errors.New("wrong password")

// ErrCorrupt is wrapped by the errors for a sealed vault that is damaged:
// invalid JSON, base64 or lengths, parameters out of bounds (also wrapping
// [ErrParams]), or a payload that fails authentication or does not decode.
var ErrCorrupt = errors.New("vault is damaged")

// ErrUnsupportedVersion is wrapped by the errors for a document that is not
// a Twofold vault, or is of a version this package cannot read.
var ErrUnsupportedVersion = errors.New("unsupported vault version")

// ErrOtherVault is returned by [Session.Decrypt] for a vault sealed under a
// different master key than the session's: the vault was replaced, not
// updated.
var ErrOtherVault = errors.New("not the same vault")

// ErrClosed is returned by the methods of a [Session] after [Session.Close].
var ErrClosed = errors.New("vault session is closed")

// Session is an unlocked vault: its master key and its current slots. The
// master key never leaves the Session; [Session.Close] erases it.
//
// A Session is safe for concurrent use.
type Session struct {
	mu    sync.Mutex
	key   []byte // nil once closed
	keyID []byte
	slots []slot
}

// Create returns a session for a new vault: a master key read from rand,
// behind one password slot with the Argon2id parameters p. Nothing is sealed
// yet; call [Session.Seal].
func Create(password []byte, p Params, kdf KDF, rand io.Reader) (*Session, error) {
	if err := p.Check(); err != nil {
		return nil, err
	}
	key := make([]byte, keySize)
	if _, err := io.ReadFull(rand, key); err != nil {
		return nil, fmt.Errorf("reading randomness for the master key: %w", err)
	}
	sl, err := newPasswordSlot(key, password, p, kdf, rand)
	if err != nil {
		clear(key)
		return nil, err
	}
	return &Session{key: key, keyID: keyID(key), slots: []slot{sl}}, nil
}

// Open unlocks a sealed vault with a password and returns the session and
// the contents. It tries the slots in order, running the KDF once for each
// until one opens.
//
// Errors: [ErrWrongPassword] if no slot opens; one wrapping [ErrCorrupt] or
// [ErrUnsupportedVersion] for a damaged or foreign document (checked before
// any key derivation, so out-of-bounds parameters never reach kdf); or the
// error of kdf, wrapped.
func Open(sealed, password []byte, kdf KDF) (*Session, *Contents, error) {
	h, err := parse(sealed)
	if err != nil {
		return nil, nil, err
	}
	var key []byte
	for _, sl := range h.slots {
		k, err := derive(kdf, password, sl.salt, sl.params)
		if err != nil {
			return nil, nil, err
		}
		aead, _ := chacha20poly1305.NewX(k) // the length is checked by derive
		key, err = aead.Open(nil, sl.nonce, sl.key, slotAD(sl.params, sl.salt))
		clear(k)
		if err == nil {
			break
		}
	}
	if key == nil {
		return nil, nil, ErrWrongPassword
	}
	if !hmac.Equal(keyID(key), h.keyID) {
		clear(key)
		return nil, nil, fmt.Errorf("%w: key_id does not match the master key", ErrCorrupt)
	}
	c, err := openPayload(key, h)
	if err != nil {
		clear(key)
		return nil, nil, err
	}
	return &Session{key: key, keyID: h.keyID, slots: h.slots}, c, nil
}

// Inspect parses a sealed vault without opening it, for checks and display.
// It fails as [Open] does for a damaged or foreign document.
func Inspect(sealed []byte) (Header, error) {
	h, err := parse(sealed)
	if err != nil {
		return Header{}, err
	}
	return h.info(), nil
}

// Seal encrypts c under the master key with a fresh nonce read from rand and
// returns the sealed vault, with the session's slots as its header. The
// vault is of version 1 if c uses nothing of version 2 (see
// [MarshalContents]), so that an older Twofold still opens it; of version 2
// otherwise.
//
// It fails without sealing if an account could not be read back: an empty
// or duplicate ID ([ErrAccountID]), an empty secret, an unknown type or
// algorithm (wrapping the errors of package otp), or an unknown sort order
// or density.
func (s *Session) Seal(c *Contents, rand io.Reader) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.key == nil {
		return nil, ErrClosed
	}
	plaintext, version, err := encodeContents(c)
	if err != nil {
		return nil, fmt.Errorf("sealing: %w", err)
	}
	defer clear(plaintext)
	nonce := make([]byte, nonceSize)
	if _, err := io.ReadFull(rand, nonce); err != nil {
		return nil, fmt.Errorf("reading randomness for the nonce: %w", err)
	}
	aead, _ := chacha20poly1305.NewX(s.key) // keySize bytes
	h := header{
		version: version,
		keyID:   s.keyID,
		slots:   s.slots,
		nonce:   nonce,
		data:    aead.Seal(nil, nonce, plaintext, payloadAD(version)),
	}
	return h.marshal()
}

// Decrypt opens a sealed vault with the session's master key, without a
// password: it reads a newer revision written by another tab of the same
// vault. It returns [ErrOtherVault] if sealed has a different master key,
// and errors wrapping ErrCorrupt or ErrUnsupportedVersion as [Open] does.
//
// On success the session takes over the slots of sealed, so that a password
// changed in the other tab survives the next [Session.Seal]. Those slots
// cannot be checked without that password.
func (s *Session) Decrypt(sealed []byte) (*Contents, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.key == nil {
		return nil, ErrClosed
	}
	h, err := parse(sealed)
	if err != nil {
		return nil, err
	}
	if !hmac.Equal(h.keyID, s.keyID) {
		return nil, ErrOtherVault
	}
	c, err := openPayload(s.key, h)
	if err != nil {
		return nil, err
	}
	s.slots = h.slots
	return c, nil
}

// ChangePassword replaces the slots with one password slot for newPassword,
// with the Argon2id parameters p and a salt and nonce read from rand. The
// master key stays the same, and so does the payload's encryption. The change
// is only stored by the next [Session.Seal]. On error the session is
// unchanged.
func (s *Session) ChangePassword(newPassword []byte, p Params, kdf KDF, rand io.Reader) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.key == nil {
		return ErrClosed
	}
	if err := p.Check(); err != nil {
		return err
	}
	sl, err := newPasswordSlot(s.key, newPassword, p, kdf, rand)
	if err != nil {
		return err
	}
	s.slots = []slot{sl}
	return nil
}

// CheckPassword reports whether password opens one of the session's own
// slots: nil, or [ErrWrongPassword]. It needs no sealed vault, so it still
// answers when the stored one is gone; it costs one key derivation per slot
// tried. The slots are those the session last sealed or read.
func (s *Session) CheckPassword(password []byte, kdf KDF) error {
	s.mu.Lock()
	if s.key == nil {
		s.mu.Unlock()
		return ErrClosed
	}
	slots, want := s.slots, bytes.Clone(s.key)
	s.mu.Unlock()
	defer clear(want)
	for _, sl := range slots {
		k, err := derive(kdf, password, sl.salt, sl.params)
		if err != nil {
			return err
		}
		aead, _ := chacha20poly1305.NewX(k) // the length is checked by derive
		key, err := aead.Open(nil, sl.nonce, sl.key, slotAD(sl.params, sl.salt))
		clear(k)
		ok := err == nil && hmac.Equal(key, want)
		clear(key)
		if ok {
			return nil
		}
	}
	return ErrWrongPassword
}

// Params returns the Argon2id parameters of the session's first password
// slot, so that the app can offer to raise them.
func (s *Session) Params() Params {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.slots[0].params
}

// Close erases the master key. The session cannot be used afterwards.
func (s *Session) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.key)
	s.key = nil
}

// newPasswordSlot wraps masterKey under a key derived from password.
func newPasswordSlot(masterKey, password []byte, p Params, kdf KDF, rand io.Reader) (slot, error) {
	sl := slot{params: p, salt: make([]byte, saltSize), nonce: make([]byte, nonceSize)}
	if _, err := io.ReadFull(rand, sl.salt); err != nil {
		return slot{}, fmt.Errorf("reading randomness for the salt: %w", err)
	}
	if _, err := io.ReadFull(rand, sl.nonce); err != nil {
		return slot{}, fmt.Errorf("reading randomness for the nonce: %w", err)
	}
	k, err := derive(kdf, password, sl.salt, p)
	if err != nil {
		return slot{}, err
	}
	defer clear(k)
	aead, _ := chacha20poly1305.NewX(k)
	sl.key = aead.Seal(nil, sl.nonce, masterKey, slotAD(p, sl.salt))
	return sl, nil
}

// derive runs kdf and checks the length of its result.
func derive(kdf KDF, password, salt []byte, p Params) ([]byte, error) {
	k, err := kdf(password, salt, p)
	if err != nil {
		return nil, fmt.Errorf("deriving the password key: %w", err)
	}
	if len(k) != keySize {
		return nil, fmt.Errorf("deriving the password key: got %d bytes, want %d", len(k), keySize)
	}
	return k, nil
}

// openPayload decrypts and decodes the payload of h. Its errors wrap
// ErrCorrupt.
func openPayload(key []byte, h *header) (*Contents, error) {
	aead, _ := chacha20poly1305.NewX(key)
	plaintext, err := aead.Open(nil, h.nonce, h.data, payloadAD(h.version))
	if err != nil {
		return nil, fmt.Errorf("%w: payload authentication failed", ErrCorrupt)
	}
	defer clear(plaintext)
	return decodeContents(plaintext, h.version)
}

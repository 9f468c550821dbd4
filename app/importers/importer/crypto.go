package importer

import (
	"crypto/aes"
	"crypto/cipher"
	"errors"
)

// OpenGCM decrypts ciphertext, which ends with its 16-byte tag, with
// AES-GCM (a 16-, 24- or 32-byte key; a 12-byte nonce) and no additional
// data. ok is false when the key is wrong or the data was changed, which
// AES-GCM cannot tell apart; err is set for parameters of the wrong size.
// The caller maps !ok to [ErrWrongPassword] or [ErrCorrupt], whichever its
// format allows it to say.
func OpenGCM(key, nonce, ciphertext []byte) (plaintext []byte, ok bool, err error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, false, err
	}
	if len(nonce) != 12 {
		return nil, false, errors.New("AES-GCM nonce is not 12 bytes")
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, false, err // unreachable: 12-byte nonce, 16-byte tag
	}
	if len(ciphertext) < gcm.Overhead() {
		return nil, false, errors.New("AES-GCM ciphertext shorter than its tag")
	}
	plaintext, err = gcm.Open(nil, nonce, ciphertext, nil)
	if err != nil {
		return nil, false, nil
	}
	return plaintext, true, nil
}

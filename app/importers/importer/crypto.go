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

// OpenCBC decrypts ciphertext with AES-CBC (a 16-, 24- or 32-byte key; a
// 16-byte IV) and removes its PKCS#7 padding. ok is false when the padding
// is wrong, which is how a wrong key shows in CBC, though not always: CBC is
// not authenticated, so a wrong key passes for a right one about one time
// in 256, and the caller should check the plaintext too. err is set for
// parameters of the wrong size, or a ciphertext that is not whole blocks.
func OpenCBC(key, iv, ciphertext []byte) (plaintext []byte, ok bool, err error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, false, err
	}
	if len(iv) != aes.BlockSize {
		return nil, false, errors.New("AES-CBC IV is not 16 bytes")
	}
	if len(ciphertext) == 0 || len(ciphertext)%aes.BlockSize != 0 {
		return nil, false, errors.New("AES-CBC ciphertext is not whole blocks")
	}
	plain := make([]byte, len(ciphertext))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(plain, ciphertext)
	n := int(plain[len(plain)-1])
	if n < 1 || n > aes.BlockSize {
		return nil, false, nil
	}
	for _, c := range plain[len(plain)-n:] {
		if int(c) != n {
			return nil, false, nil
		}
	}
	return plain[:len(plain)-n], true, nil
}

// Package zipcrypto reads the entries of zip archives that apps write as
// password-protected exports, over package archive/zip, which reads the
// archive's structure but no encryption.
//
// Two kinds of encryption are read:
//
//   - The traditional PKWARE encryption ("ZipCrypto"), described in
//     PKWARE's APPNOTE.TXT, section 6.1: three 32-bit keys initialised
//     from the password with a CRC-32 step, a 12-byte encryption header in
//     front of the compressed data whose last byte checks the password (the
//     high byte of the entry's CRC-32, or of its modification time when the
//     sizes and CRC follow the data in a data descriptor), then the
//     compressed data, enciphered byte by byte. The check byte rejects 255
//     wrong passwords in 256 (127 in 128 with a data descriptor, where
//     either kind of check byte is accepted, as writers differ); the CRC-32
//     of the decompressed content rejects the rest.
//   - WinZip's AES encryption (AE-1 and AE-2), described in WinZip's "AES
//     Encryption Information" (https://www.winzip.com/en/support/aes-encryption/):
//     compression method 99, an extra field 0x9901 that gives the key size
//     and the real compression method, then a salt, a 2-byte password
//     verifier, the data in AES-CTR (a little-endian counter from 1), and
//     the first 10 bytes of an HMAC-SHA1 of the encrypted data. Keys and
//     verifier are PBKDF2-HMAC-SHA1 of the password, 1000 iterations.
//
// PKWARE's own strong encryption (general purpose flag bit 6) and archives
// with an encrypted central directory are refused with
// [importer.ErrUnsupported]. Entries are stored or deflated. An archive is
// bounded: at most [MaxEntries] entries, each at most [MaxSize] bytes once
// decompressed, so that a small hostile file cannot expand into gigabytes.
package zipcrypto

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/aes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"

	"twofold.app/app/importers/importer"
)

// Bounds on what an archive may hold.
const (
	MaxEntries = 256
	MaxSize    = 16 << 20
)

// The general purpose flags read.
const (
	flagEncrypted   = 1 << 0
	flagDescriptor  = 1 << 3
	flagStrong      = 1 << 6
	flagMaskedNames = 1 << 13 // an encrypted central directory
)

const (
	methodStore   = 0
	methodDeflate = 8
	methodAES     = 99
)

// IsZip reports whether data starts like a zip archive: a local file
// header, or the end record of an empty archive.
func IsZip(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
}

// Open reads the directory of the archive in data. Its error wraps
// [importer.ErrCorrupt], or [importer.ErrUnsupported] for an archive of
// more than [MaxEntries] entries.
func Open(data []byte) (*zip.Reader, error) {
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: not a readable zip archive", importer.ErrCorrupt)
	}
	if len(r.File) > MaxEntries {
		return nil, fmt.Errorf("%w: a zip archive of %d entries", importer.ErrUnsupported, len(r.File))
	}
	return r, nil
}

// Encrypted reports whether f is encrypted.
func Encrypted(f *zip.File) bool { return f.Flags&flagEncrypted != 0 }

// ReadFile returns the content of f, decrypted with password if it is
// encrypted. Its error wraps [importer.ErrPasswordNeeded] (an encrypted
// entry and no password), [importer.ErrWrongPassword], [importer.ErrCorrupt]
// or [importer.ErrUnsupported] (an encryption or compression not read, or
// content beyond [MaxSize]).
func ReadFile(f *zip.File, password []byte) ([]byte, error) {
	if f.UncompressedSize64 > MaxSize {
		return nil, fmt.Errorf("%w: %s is %d bytes, more than Twofold reads", importer.ErrUnsupported, name(f), f.UncompressedSize64)
	}
	if !Encrypted(f) {
		if f.Method == methodAES {
			return nil, fmt.Errorf("%w: %s: AES method without the encryption flag", importer.ErrCorrupt, name(f))
		}
		return inflate(f, f.Method, func() (io.Reader, error) { return f.OpenRaw() }, true)
	}
	switch {
	case f.Flags&(flagStrong|flagMaskedNames) != 0:
		return nil, fmt.Errorf("%w: %s uses PKWARE's strong encryption", importer.ErrUnsupported, name(f))
	case len(password) == 0:
		return nil, importer.ErrPasswordNeeded
	case f.Method == methodAES:
		return readAES(f, password)
	}
	raw, err := rawBytes(f)
	if err != nil {
		return nil, err
	}
	if len(raw) < headerSize {
		return nil, fmt.Errorf("%w: %s is shorter than its encryption header", importer.ErrCorrupt, name(f))
	}
	var k keys
	k.init(password)
	k.decrypt(raw[:headerSize])
	// The check byte is the CRC's high byte, or, in an entry with a data
	// descriptor, whose writer did not know the CRC yet, the time's; some
	// writers put the CRC's there too, so both are accepted then.
	check := raw[headerSize-1]
	descriptor := f.Flags&flagDescriptor != 0
	if check != byte(f.CRC32>>24) && !(descriptor && check == byte(f.ModifiedTime>>8)) {
		return nil, importer.ErrWrongPassword
	}
	body := raw[headerSize:]
	k.decrypt(body)
	// One wrong password in 256 passes the check byte; it is caught here,
	// as a bad stream or a bad CRC-32, and looks like a damaged entry.
	out, err := inflate(f, f.Method, func() (io.Reader, error) { return bytes.NewReader(body), nil }, true)
	if errors.Is(err, importer.ErrCorrupt) {
		return nil, fmt.Errorf("%w (or %s is damaged)", importer.ErrWrongPassword, name(f))
	}
	return out, err
}

// name names an entry in a message; zip entry names are chosen by the app
// and hold no secret.
func name(f *zip.File) string {
	n := f.Name
	if len(n) > 64 {
		n = n[:64] + "…"
	}
	return fmt.Sprintf("%q", n)
}

// rawBytes reads the stored (compressed, perhaps encrypted) bytes of f.
func rawBytes(f *zip.File) ([]byte, error) {
	if f.CompressedSize64 > MaxSize+1<<20 {
		return nil, fmt.Errorf("%w: %s is %d bytes compressed, more than Twofold reads", importer.ErrUnsupported, name(f), f.CompressedSize64)
	}
	r, err := f.OpenRaw()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", importer.ErrCorrupt, name(f), err)
	}
	b, err := io.ReadAll(r)
	if err != nil || uint64(len(b)) != f.CompressedSize64 {
		return nil, fmt.Errorf("%w: %s is cut short", importer.ErrCorrupt, name(f))
	}
	return b, nil
}

// inflate decompresses the data open gives with method, at most MaxSize
// bytes, and checks its CRC-32 against f's when checkCRC is set.
func inflate(f *zip.File, method uint16, open func() (io.Reader, error), checkCRC bool) ([]byte, error) {
	src, err := open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", importer.ErrCorrupt, name(f), err)
	}
	var r io.Reader
	switch method {
	case methodStore:
		r = src
	case methodDeflate:
		fr := flate.NewReader(src)
		defer fr.Close()
		r = fr
	default:
		return nil, fmt.Errorf("%w: %s is compressed with method %d", importer.ErrUnsupported, name(f), method)
	}
	out, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("%w: %s does not decompress", importer.ErrCorrupt, name(f))
	case len(out) > MaxSize:
		return nil, fmt.Errorf("%w: %s decompresses to more than %d bytes", importer.ErrUnsupported, name(f), MaxSize)
	case uint64(len(out)) != f.UncompressedSize64:
		return nil, fmt.Errorf("%w: %s decompresses to %d bytes, not %d", importer.ErrCorrupt, name(f), len(out), f.UncompressedSize64)
	case checkCRC && crc32.ChecksumIEEE(out) != f.CRC32:
		return nil, fmt.Errorf("%w: %s fails its CRC-32 check", importer.ErrCorrupt, name(f))
	}
	return out, nil
}

// The traditional PKWARE encryption.

const headerSize = 12

type keys [3]uint32

func crc(c uint32, b byte) uint32 { return crc32.IEEETable[byte(c)^b] ^ c>>8 }

func (k *keys) init(password []byte) {
	*k = keys{0x12345678, 0x23456789, 0x34567890}
	for _, b := range password {
		k.update(b)
	}
}

func (k *keys) update(b byte) {
	k[0] = crc(k[0], b)
	k[1] = (k[1]+k[0]&0xff)*134775813 + 1
	k[2] = crc(k[2], byte(k[1]>>24))
}

// decrypt deciphers b in place.
func (k *keys) decrypt(b []byte) {
	for i, c := range b {
		t := uint16(k[2] | 2)
		p := c ^ byte(uint32(t)*uint32(t^1)>>8)
		k.update(p)
		b[i] = p
	}
}

// WinZip's AES encryption.

const (
	aesExtraID = 0x9901
	verifySize = 2
	macSize    = 10
	aesRounds  = 1000
)

// aesExtra reads f's AES extra field: the vendor version (1 for AE-1, 2
// for AE-2), the key size in bytes and the real compression method.
func aesExtra(f *zip.File) (version, keySize int, method uint16, err error) {
	extra := f.Extra
	for len(extra) >= 4 {
		id := binary.LittleEndian.Uint16(extra)
		size := int(binary.LittleEndian.Uint16(extra[2:]))
		if len(extra) < 4+size {
			break
		}
		body := extra[4 : 4+size]
		extra = extra[4+size:]
		if id != aesExtraID {
			continue
		}
		if size < 7 || string(body[2:4]) != "AE" {
			break
		}
		version = int(binary.LittleEndian.Uint16(body))
		strength := body[4]
		method = binary.LittleEndian.Uint16(body[5:])
		if (version != 1 && version != 2) || strength < 1 || strength > 3 {
			return 0, 0, 0, fmt.Errorf("%w: %s uses AE-%d encryption with strength %d", importer.ErrUnsupported, name(f), version, strength)
		}
		return version, 8 + 8*int(strength), method, nil
	}
	return 0, 0, 0, fmt.Errorf("%w: %s has no readable AES extra field", importer.ErrCorrupt, name(f))
}

func readAES(f *zip.File, password []byte) ([]byte, error) {
	version, keySize, method, err := aesExtra(f)
	if err != nil {
		return nil, err
	}
	raw, err := rawBytes(f)
	if err != nil {
		return nil, err
	}
	saltSize := keySize / 2
	if len(raw) < saltSize+verifySize+macSize {
		return nil, fmt.Errorf("%w: %s is shorter than its AES header", importer.ErrCorrupt, name(f))
	}
	salt, verify := raw[:saltSize], raw[saltSize:saltSize+verifySize]
	body, mac := raw[saltSize+verifySize:len(raw)-macSize], raw[len(raw)-macSize:]
	dk, err := importer.DeriveKey(password, importer.KeySpec{
		KDF: importer.PBKDF2SHA1, Salt: salt, Iterations: aesRounds, KeyLen: 2*keySize + verifySize,
	})
	if err != nil {
		return nil, err
	}
	encKey, macKey := dk[:keySize], dk[keySize:2*keySize]
	if subtle.ConstantTimeCompare(dk[2*keySize:], verify) != 1 {
		return nil, importer.ErrWrongPassword
	}
	h := hmac.New(sha1.New, macKey)
	h.Write(body)
	if !hmac.Equal(h.Sum(nil)[:macSize], mac) {
		// The verifier passed: one wrong password in 65,536 gets here.
		return nil, fmt.Errorf("%w: %s fails its authentication code", importer.ErrCorrupt, name(f))
	}
	block, err := aes.NewCipher(encKey)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", importer.ErrCorrupt, err) // unreachable: 16, 24 or 32 bytes
	}
	plain := make([]byte, len(body))
	var ctr, stream [aes.BlockSize]byte
	for i := 0; i < len(body); i += aes.BlockSize {
		binary.LittleEndian.PutUint64(ctr[:], uint64(i/aes.BlockSize+1))
		block.Encrypt(stream[:], ctr[:])
		subtle.XORBytes(plain[i:], body[i:], stream[:])
	}
	// AE-2 leaves the CRC-32 out (it is 0); AE-1 keeps it.
	return inflate(f, method, func() (io.Reader, error) { return bytes.NewReader(plain), nil }, version == 1)
}

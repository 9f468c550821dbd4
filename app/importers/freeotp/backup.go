package freeotp

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/asn1"
	"fmt"
	"strings"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/freeotptoken"
	"twofold.app/app/importers/internal/javaser"
	"twofold.app/app/vault"
)

// backup is the map of a FreeOTP 2 backup.
type backup struct {
	masterKey string
	// entries are the other entries, in the order of the file.
	entries []javaser.Entry
}

// readBackup reads the map of a backup: a HashMap with a "masterKey"
// string.
func readBackup(data []byte) (backup, error) {
	var b backup
	if !javaser.Sniff(data) {
		return b, fmt.Errorf("%w: not a Java serialization stream", importer.ErrCorrupt)
	}
	v, err := javaser.Parse(data)
	if err != nil {
		return b, fmt.Errorf("%w: %v", importer.ErrCorrupt, err)
	}
	entries, err := javaser.HashMap(v)
	if err != nil {
		return b, fmt.Errorf("%w: %v", importer.ErrCorrupt, err)
	}
	// Each entry's text is decoded as JSON. A stream may refer back to a
	// string it holds, in 5 bytes, so that a long string could be decoded
	// once for each of a million entries. FreeOTP writes every string
	// once, and a string is no longer decoded than in the stream: the
	// strings of a backup together are no longer than the file.
	size := 0
	for _, e := range entries {
		for _, x := range []javaser.Value{e.Key, e.Value} {
			if s, ok := x.(javaser.String); ok {
				size += len(s)
			}
		}
	}
	if size > len(data) {
		return b, fmt.Errorf("%w: the backup's entries repeat its strings (%d bytes of them in a file of %d)", importer.ErrCorrupt, size, len(data))
	}
	found := false
	for _, e := range entries {
		if k, ok := e.Key.(javaser.String); ok && k == "masterKey" {
			s, ok := e.Value.(javaser.String)
			if !ok || found {
				return b, fmt.Errorf("%w: the master key is not one string", importer.ErrCorrupt)
			}
			b.masterKey, found = string(s), true
			continue
		}
		b.entries = append(b.entries, e)
	}
	if !found {
		return b, fmt.Errorf("%w: no master key", importer.ErrCorrupt)
	}
	return b, nil
}

// masterKey is FreeOTP's MasterKey class, as Gson writes it.
type masterKey struct {
	Algorithm    string       `json:"mAlgorithm"`
	EncryptedKey encryptedKey `json:"mEncryptedKey"`
	Iterations   int          `json:"mIterations"`
	Salt         []int        `json:"mSalt"`
}

// encryptedKey is FreeOTP's EncryptedKey class.
type encryptedKey struct {
	Cipher     string `json:"mCipher"`
	CipherText []int  `json:"mCipherText"`
	Parameters []int  `json:"mParameters"`
	Token      string `json:"mToken"`
}

func (i imp) importBackup(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	b, err := readBackup(data)
	if err != nil {
		return res, err
	}
	var mk masterKey
	if err := importer.Decode([]byte(b.masterKey), &mk); err != nil {
		return res, fmt.Errorf("the master key: %w", err)
	}
	master, err := i.openMasterKey(mk, password)
	if err != nil {
		return res, err
	}
	readTokens(&res, b.entries, master)
	return res, nil
}

// openMasterKey derives the password's key and decrypts the master key
// with it.
func (i imp) openMasterKey(mk masterKey, password []byte) ([]byte, error) {
	kdf, ok := map[string]importer.KDF{
		"pbkdf2withhmacsha1":   importer.PBKDF2SHA1,
		"pbkdf2withhmacsha256": importer.PBKDF2SHA256,
		"pbkdf2withhmacsha512": importer.PBKDF2SHA512,
	}[strings.ToLower(mk.Algorithm)]
	if !ok {
		return nil, fmt.Errorf("%w: key derivation %.40q", importer.ErrUnsupported, mk.Algorithm)
	}
	salt, err := bytesOf(mk.Salt, "salt")
	if err != nil {
		return nil, err
	}
	// FreeOTP derives a key as long as the salt: 32 bytes.
	switch len(salt) {
	case 16, 24, 32:
	default:
		return nil, fmt.Errorf("%w: a salt of %d bytes", importer.ErrCorrupt, len(salt))
	}
	if mk.Iterations > i.limits.maxIterations {
		return nil, fmt.Errorf("%w: %v with %d iterations", importer.ErrKeyCost, kdf, mk.Iterations)
	}
	ek := mk.EncryptedKey
	if err := ek.check(); err != nil {
		return nil, fmt.Errorf("the master key: %w", err)
	}
	if len(password) == 0 {
		return nil, importer.ErrPasswordNeeded
	}
	key, err := importer.DeriveKey(password, importer.KeySpec{KDF: kdf, Salt: salt, Iterations: mk.Iterations, KeyLen: len(salt)})
	if err != nil {
		return nil, err
	}
	master, ok, err := ek.open(key)
	if err != nil {
		return nil, fmt.Errorf("the master key: %w", err)
	}
	if !ok {
		return nil, importer.ErrWrongPassword
	}
	switch len(master) {
	case 16, 24, 32:
	default:
		return nil, fmt.Errorf("%w: a master key of %d bytes", importer.ErrCorrupt, len(master))
	}
	return master, nil
}

// check reports whether the key's cipher and parameters are ones the
// importer reads, before any key derivation.
func (ek encryptedKey) check() error {
	if ek.Cipher != "AES/GCM/NoPadding" {
		return fmt.Errorf("%w: cipher %.40q", importer.ErrUnsupported, ek.Cipher)
	}
	_, _, err := ek.parts()
	return err
}

// parts returns the nonce and tag length of the key's GCM parameters, and
// its ciphertext.
func (ek encryptedKey) parts() (nonce []byte, tagLen int, err error) {
	der, err := bytesOf(ek.Parameters, "cipher parameters")
	if err != nil {
		return nil, 0, err
	}
	nonce, tagLen, err = gcmParameters(der)
	if err != nil {
		return nil, 0, err
	}
	if len(nonce) != 12 {
		return nil, 0, fmt.Errorf("%w: an AES-GCM nonce of %d bytes", importer.ErrUnsupported, len(nonce))
	}
	if tagLen < 12 || tagLen > 16 {
		return nil, 0, fmt.Errorf("%w: an AES-GCM tag of %d bytes", importer.ErrUnsupported, tagLen)
	}
	return nonce, tagLen, nil
}

// gcmParameters reads GCMParameters (RFC 5084): SEQUENCE { aes-nonce OCTET
// STRING, aes-ICVlen INTEGER DEFAULT 12 }, or a bare OCTET STRING nonce,
// which older Android wrote, with a 16-byte tag.
func gcmParameters(der []byte) (nonce []byte, tagLen int, err error) {
	var p struct {
		Nonce  []byte
		TagLen int `asn1:"optional,default:12"`
	}
	if rest, err := asn1.Unmarshal(der, &p); err == nil && len(rest) == 0 {
		return p.Nonce, p.TagLen, nil
	}
	if rest, err := asn1.Unmarshal(der, &nonce); err == nil && len(rest) == 0 {
		return nonce, 16, nil
	}
	return nil, 0, fmt.Errorf("%w: the cipher parameters are not GCM parameters", importer.ErrCorrupt)
}

// open decrypts the key with AES-GCM under key. ok is false when the
// ciphertext does not open: a wrong key, or changed data.
func (ek encryptedKey) open(key []byte) (plaintext []byte, ok bool, err error) {
	nonce, tagLen, err := ek.parts()
	if err != nil {
		return nil, false, err
	}
	ct, err := bytesOf(ek.CipherText, "ciphertext")
	if err != nil {
		return nil, false, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, false, fmt.Errorf("%w: %v", importer.ErrCorrupt, err)
	}
	gcm, err := cipher.NewGCMWithTagSize(block, tagLen)
	if err != nil {
		return nil, false, fmt.Errorf("%w: %v", importer.ErrCorrupt, err)
	}
	if len(ct) < tagLen {
		return nil, false, fmt.Errorf("%w: a ciphertext shorter than its tag", importer.ErrCorrupt)
	}
	plaintext, err = gcm.Open(nil, nonce, ct, []byte(ek.Token))
	if err != nil {
		return nil, false, nil
	}
	return plaintext, true, nil
}

// bytesOf converts a Java byte array, as Gson writes it.
func bytesOf(v []int, what string) ([]byte, error) {
	if len(v) == 0 {
		return nil, fmt.Errorf("%w: no %s", importer.ErrCorrupt, what)
	}
	b := make([]byte, len(v))
	for i, n := range v {
		if n < -128 || n > 255 {
			return nil, fmt.Errorf("%w: the %s is not an array of bytes", importer.ErrCorrupt, what)
		}
		b[i] = byte(n)
	}
	return b, nil
}

// readTokens imports the tokens: each "<uuid>" entry with its
// "<uuid>-token" entry, in the order of the file.
func readTokens(res *importer.Result, entries []javaser.Entry, master []byte) {
	keys := make(map[string]javaser.Value)
	tokens := make(map[string]javaser.Value)
	var ids []string // each "<uuid>" once, in the order first seen
	odd := 0
	for _, e := range entries {
		k, ok := e.Key.(javaser.String)
		if !ok {
			odd++
			continue
		}
		id, isToken := strings.CutSuffix(string(k), "-token")
		_, hasKey := keys[id]
		_, hasToken := tokens[id]
		if !hasKey && !hasToken {
			ids = append(ids, id)
		}
		if isToken {
			tokens[id] = e.Value
		} else {
			keys[id] = e.Value
		}
	}
	for n, id := range ids {
		key, hasKey := keys[id]
		token, hasToken := tokens[id]
		a, label, err := readToken(id, key, hasKey, token, hasToken, master)
		if err != nil {
			res.Skip(n, label, err)
			continue
		}
		res.Add(n, a)
	}
	for range odd {
		res.Skip(-1, "?", fmt.Errorf("%w: an entry whose name is not a string", importer.ErrCorrupt))
	}
}

// readToken reads one token from its two entries, either of which may be
// missing. label names it for a Skip: its issuer and name when the token
// entry reads, its uuid otherwise.
func readToken(id string, key javaser.Value, hasKey bool, token javaser.Value, hasToken bool, master []byte) (a vault.Account, label string, err error) {
	label = importer.Label("token "+id, "")
	if !hasToken {
		return a, label, fmt.Errorf("%w: an encrypted key without its token", importer.ErrCorrupt)
	}
	ts, ok := token.(javaser.String)
	if !ok {
		return a, label, fmt.Errorf("%w: the token is not a string", importer.ErrCorrupt)
	}
	var t freeotptoken.Token
	if err := importer.Decode([]byte(ts), &t); err != nil {
		return a, label, err
	}
	label = importer.Label(t.Labels())
	if !hasKey {
		return a, label, fmt.Errorf("%w: a token without its encrypted key", importer.ErrCorrupt)
	}
	ks, ok := key.(javaser.String)
	if !ok {
		return a, label, fmt.Errorf("%w: the encrypted key is not a string", importer.ErrCorrupt)
	}
	var wrapper struct {
		Key string `json:"key"`
	}
	if err := importer.Decode([]byte(ks), &wrapper); err != nil {
		return a, label, err
	}
	var ek encryptedKey
	if err := importer.Decode([]byte(wrapper.Key), &ek); err != nil {
		return a, label, err
	}
	if err := ek.check(); err != nil {
		return a, label, err
	}
	secret, ok, err := ek.open(master)
	if err != nil {
		return a, label, err
	}
	if !ok {
		return a, label, fmt.Errorf("%w: the key does not decrypt with the master key", importer.ErrCorrupt)
	}
	a, err = t.Account(secret, freeotptoken.CounterNext)
	return a, label, err
}

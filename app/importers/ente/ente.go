// Package ente imports the exports of Ente Auth, plain and encrypted.
//
// The plain export is text: otpauth:// URIs, one a line, each with a
// codeDisplay parameter holding JSON: {"pinned", "trashed", "lastUsedAt",
// "tapCount", "tags", "note"}. The first tag becomes the group and the note
// the note. Entries in Ente's trash are reported in Result.Skipped, not
// imported.
//
// The encrypted export is JSON: {"version": 1, "kdfParams": {"memLimit",
// "opsLimit", "salt"}, "encryptedData", "encryptionNonce"}, the binary
// fields in standard base64. The key is libsodium's crypto_pwhash with
// Argon2id v1.3: opsLimit passes, memLimit bytes of memory (memLimit/1024
// KiB), one lane, the 16-byte salt, 32 bytes. encryptedData is a libsodium
// crypto_secretstream_xchacha20poly1305 stream under that key whose
// 24-byte header is encryptionNonce (see secretstream.go); Ente writes the
// plain export as one message tagged FINAL. A stream of several chunks is
// read too, in the 4 MiB chunks Ente uses for files; one that does not end
// with the FINAL tag is truncated, and refused. There is no check value: a
// wrong password and a changed first chunk look the same, and the error
// then wraps both ErrWrongPassword and ErrCorrupt.
//
// The file chooses its key-derivation cost: Ente Auth asks for 256 MiB
// and 16 passes (older versions 1 GiB and 4), and on a phone that cannot
// give the memory, halves it and doubles the passes until it can. A file
// asking for more memory or passes than importer.DeriveKey allows (1 GiB,
// 64 passes) is refused with ErrKeyCost, before any work, with a message
// that says how much it asks and how much is allowed.
//
// The description follows Ente's own: ente-io/ente,
// docs/docs/auth/migration/export.md, the export code of the Auth app
// (CryptoUtil.deriveSensitiveKey and CryptoUtil.encryptData), and, for
// the stream, libsodium's crypto_secretstream_xchacha20poly1305 source.
package ente

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/plaintext"
)

// Name is the app's name.
const Name = "Ente Auth"

// Importer reads Ente Auth exports.
var Importer importer.Importer = imp{limits: defaultLimits, chunkSize: fileChunkSize}

// limits bounds the key derivation an encrypted export may ask for; the
// fuzz target's importer allows only tiny costs.
type limits struct{ maxMemoryKiB, maxPasses int }

var defaultLimits = limits{maxMemoryKiB: importer.MaxArgon2MemoryKiB, maxPasses: importer.MaxArgon2Passes}

// fileChunkSize is the size of a chunk of ciphertext in Ente's encrypted
// files: 4 MiB of plain text and the stream's overhead.
const fileChunkSize = 4<<20 + streamOverhead

type imp struct {
	limits    limits
	chunkSize int
}

func (imp) Name() string { return Name }

// Detect accepts text with an otpauth:// line that has a codeDisplay
// parameter, and JSON objects with kdfParams, encryptedData and
// encryptionNonce.
func (imp) Detect(data []byte) bool {
	if isEncrypted(data) {
		return true
	}
	if !importer.IsText(data) {
		return false
	}
	for _, line := range importer.Lines(data) {
		if importer.HasScheme(line, "otpauth") && plaintext.IsEnte(line) {
			return true
		}
	}
	return false
}

func (imp) Encrypted(data []byte) bool { return isEncrypted(data) }

// encrypted is the encrypted export.
type encrypted struct {
	Version   int `json:"version"`
	KDFParams *struct {
		MemLimit int64  `json:"memLimit"` // bytes
		OpsLimit int64  `json:"opsLimit"` // passes
		Salt     string `json:"salt"`
	} `json:"kdfParams"`
	EncryptedData   string `json:"encryptedData"`
	EncryptionNonce string `json:"encryptionNonce"`
}

func isEncrypted(data []byte) bool {
	m, ok := importer.Object(data)
	if !ok {
		return false
	}
	_, kdf := m["kdfParams"]
	_, ct := m["encryptedData"]
	_, nonce := m["encryptionNonce"]
	return kdf && ct && nonce
}

// ErrTrashed is the error of the Skip of an entry in Ente's trash.
var ErrTrashed = errors.New("in Ente's trash")

type display struct {
	Trashed bool     `json:"trashed"`
	Tags    []string `json:"tags"`
	Note    string   `json:"note"`
}

func (i imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	if isEncrypted(data) {
		if len(password) == 0 {
			return res, importer.ErrPasswordNeeded
		}
		plain, err := i.decrypt(data, password)
		if err != nil {
			return res, err
		}
		data = plain
	}
	index := 0
	for n, line := range importer.Lines(data) {
		if !importer.HasScheme(line, "otpauth") {
			res.Skip(-1, fmt.Sprintf("line %d", n), importer.ErrNotURI)
			continue
		}
		label := fmt.Sprintf("line %d", n)
		a, err := importer.URI(line)
		if err != nil {
			res.Skip(index, label, err)
			index++
			continue
		}
		// codeDisplay only dresses the account: when it cannot be read,
		// the account is imported without group and note.
		var d display
		if raw, ok := codeDisplay(line); ok && importer.Decode([]byte(raw), &d) != nil {
			d = display{}
		}
		if d.Trashed {
			res.Skip(index, importer.Label(a.Issuer, a.Name), ErrTrashed)
			index++
			continue
		}
		if len(d.Tags) > 0 {
			a.Group = d.Tags[0] // a vault account has one group: the first tag
		}
		a.Note = d.Note
		res.Add(index, a)
		index++
	}
	return res, nil
}

// codeDisplay returns the decoded codeDisplay parameter of a URI.
func codeDisplay(uri string) (string, bool) {
	_, query, _ := strings.Cut(uri, "?")
	query, _, _ = strings.Cut(query, "#")
	for part := range strings.SplitSeq(query, "&") {
		key, value, _ := strings.Cut(part, "=")
		if key != "codeDisplay" {
			continue
		}
		v, err := url.QueryUnescape(value)
		if err != nil {
			return "", false
		}
		return v, json.Valid([]byte(v))
	}
	return "", false
}

// decrypt returns the plain export inside an encrypted one.
func (i imp) decrypt(data, password []byte) ([]byte, error) {
	var e encrypted
	if err := importer.Decode(data, &e); err != nil {
		return nil, err
	}
	if e.Version != 1 {
		return nil, fmt.Errorf("%w: Ente Auth encrypted export version %d", importer.ErrUnsupported, e.Version)
	}
	if e.KDFParams == nil {
		return nil, fmt.Errorf("%w: no kdfParams", importer.ErrCorrupt)
	}
	p := *e.KDFParams
	// Bounded here, before any work and before the numbers are narrowed
	// to int, so that the message can say what the file asks for.
	if p.MemLimit/1024 > int64(i.limits.maxMemoryKiB) || p.OpsLimit > int64(i.limits.maxPasses) {
		return nil, fmt.Errorf("%w: Argon2id with %d MiB of memory and %d passes, where Twofold allows at most %d MiB and %d passes",
			importer.ErrKeyCost, p.MemLimit>>20, p.OpsLimit, i.limits.maxMemoryKiB>>10, i.limits.maxPasses)
	}
	if p.MemLimit < 8192 || p.OpsLimit < 1 {
		return nil, fmt.Errorf("%w: kdfParams memLimit %d, opsLimit %d", importer.ErrCorrupt, p.MemLimit, p.OpsLimit)
	}
	salt, err := base64.StdEncoding.DecodeString(strings.TrimSpace(p.Salt))
	if err != nil || len(salt) == 0 {
		return nil, fmt.Errorf("%w: kdfParams.salt is not base64", importer.ErrCorrupt)
	}
	header, err := base64.StdEncoding.DecodeString(strings.TrimSpace(e.EncryptionNonce))
	if err != nil || len(header) != streamHeaderSize {
		return nil, fmt.Errorf("%w: encryptionNonce is not 24 bytes of base64", importer.ErrCorrupt)
	}
	ciphertext, err := base64.StdEncoding.DecodeString(strings.TrimSpace(e.EncryptedData))
	if err != nil {
		return nil, fmt.Errorf("%w: encryptedData is not base64", importer.ErrCorrupt)
	}
	if len(ciphertext) < streamOverhead {
		return nil, fmt.Errorf("%w: encryptedData is %d bytes, shorter than one chunk", importer.ErrCorrupt, len(ciphertext))
	}
	key, err := importer.DeriveKey(password, importer.KeySpec{
		KDF: importer.Argon2id, Salt: salt, Iterations: int(p.OpsLimit), MemoryKiB: int(p.MemLimit / 1024), Threads: 1, KeyLen: 32,
	})
	if err != nil {
		return nil, err
	}
	// Ente writes one chunk; a longer stream is cut in file chunks.
	plain, err := openStream(key, header, ciphertext, nil, len(ciphertext))
	if errors.Is(err, errFirstChunk) && len(ciphertext) > i.chunkSize {
		plain, err = openStream(key, header, ciphertext, nil, i.chunkSize)
	}
	switch {
	case errors.Is(err, errFirstChunk):
		// No check value: a wrong password and a damaged first chunk
		// look the same.
		return nil, fmt.Errorf("%w, or %w: the data does not decrypt", importer.ErrWrongPassword, importer.ErrCorrupt)
	case err != nil:
		return nil, fmt.Errorf("%w: %w", importer.ErrCorrupt, err)
	case !utf8.Valid(plain):
		return nil, fmt.Errorf("%w: the decrypted export is not text", importer.ErrCorrupt)
	}
	return plain, nil
}

package vault

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"golang.org/x/crypto/chacha20poly1305"
	"twofold.app/app/otp"
)

// The wire format, versions 1 and 2. SPEC.md is the normative description;
// keep the two in step.
const (
	formatName = "twofold-vault"

	// Version 2 is version 1 with the fields of "organise": favourites,
	// last use, sort order and density. An encoder writes the lowest
	// version that holds the contents.
	version1   = 1
	version2   = 2
	maxVersion = version2

	// slotVersion is the version in the slot AD: the version that defined
	// the password slot. It stays 1 in version 2, so that a vault changes
	// version without its password.
	slotVersion = version1

	slotPassword = "password"
	kdfArgon2id  = "argon2id"

	nonceSize      = chacha20poly1305.NonceSizeX // 24
	tagSize        = chacha20poly1305.Overhead   // 16
	wrappedKeySize = keySize + tagSize
	keyIDSize      = 16
	keyIDLabel     = "twofold-vault key id"

	// MaxSlots is the most slots a vault may have, so that a hostile header
	// cannot ask for an unbounded number of key derivations.
	MaxSlots = 8
)

// wireVault is the sealed vault, the outer JSON document.
type wireVault struct {
	Format  string     `json:"format"`
	Version int        `json:"version"`
	KeyID   string     `json:"key_id"`
	Slots   []wireSlot `json:"slots"`
	Nonce   string     `json:"nonce"`
	Data    string     `json:"data"`
}

// wireSlot is a password slot. The Argon2id parameters are read as uint64 so
// that a value too big for Params is reported as out of bounds, not as a type
// error.
type wireSlot struct {
	Type  string `json:"type"`
	KDF   string `json:"kdf"`
	T     uint64 `json:"t"`
	M     uint64 `json:"m"`
	P     uint64 `json:"p"`
	Salt  string `json:"salt"`
	Nonce string `json:"nonce"`
	Key   string `json:"key"`
}

// wireContents is the plaintext payload of version 2. With every field of
// version 2 at its default, which omitempty leaves out, it encodes exactly
// as version 1.
type wireContents struct {
	Accounts []wireAccount `json:"accounts"`
	Settings wireSettings  `json:"settings"`
}

type wireAccount struct {
	wireAccountV1
	Favourite bool   `json:"favourite,omitempty"`
	LastUsed  string `json:"last_used,omitempty"` // RFC 3339, UTC
}

type wireSettings struct {
	wireSettingsV1
	Sort    string `json:"sort,omitempty"`    // absent: manual
	Density string `json:"density,omitempty"` // absent: comfortable
}

// wireContentsV1 is the plaintext payload of version 1, where the fields
// of version 2 are unknown.
type wireContentsV1 struct {
	Accounts []wireAccountV1 `json:"accounts"`
	Settings wireSettingsV1  `json:"settings"`
}

type wireAccountV1 struct {
	ID        string `json:"id"`
	Issuer    string `json:"issuer"`
	Name      string `json:"name"`
	Type      string `json:"type"`
	Algorithm string `json:"algorithm"`
	Digits    int    `json:"digits"`
	Period    int    `json:"period"`
	Counter   uint64 `json:"counter"`
	Secret    string `json:"secret"`
	Group     string `json:"group"`
	Note      string `json:"note"`
	Created   string `json:"created"`
	Modified  string `json:"modified"`
}

type wireSettingsV1 struct {
	LockAfter    int64  `json:"lock_after"`              // seconds; negative: never
	LastBackup   string `json:"last_backup,omitempty"`   // RFC 3339, UTC
	BackupDigest string `json:"backup_digest,omitempty"` // hex SHA-256
}

// header is a parsed and checked sealed vault.
type header struct {
	version int
	keyID   []byte
	slots   []slot
	nonce   []byte
	data    []byte
}

// slot is a parsed password slot.
type slot struct {
	params Params
	salt   []byte
	nonce  []byte
	key    []byte // the wrapped master key and its tag
}

// Header is what can be learned from a sealed vault without its password.
type Header struct {
	Version int
	Slots   []SlotInfo
}

// SlotInfo describes one slot of a [Header].
type SlotInfo struct {
	Type   string // "password"
	KDF    string // "argon2id"
	Params Params
}

// b64 is standard base64 with padding; decoding is canonical only.
var b64 = base64.StdEncoding.Strict()

// b32 is the RFC 4648 base32 alphabet without padding, for secrets.
var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// decodeB64 decodes a field of exactly size bytes (any size if size < 0),
// rejecting encodings that are not canonical, such as missing padding or
// embedded line breaks.
func decodeB64(field, s string, size int) ([]byte, error) {
	// Strict decoding refuses bad padding and non-zero trailing bits; it
	// skips line breaks, which are refused here.
	b, err := b64.DecodeString(s)
	if err != nil || strings.ContainsAny(s, "\r\n") {
		return nil, fmt.Errorf("%s is not canonical base64", field)
	}
	if size >= 0 && len(b) != size {
		return nil, fmt.Errorf("%s is %d bytes, want %d", field, len(b), size)
	}
	return b, nil
}

// decodeStrict unmarshals one JSON value filling v, refusing unknown fields
// and trailing data. Its errors do not quote the input, which may hold a
// secret.
func decodeStrict(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		if se := (*json.SyntaxError)(nil); errors.As(err, &se) {
			return fmt.Errorf("invalid JSON at byte %d", se.Offset)
		}
		if te := (*json.UnmarshalTypeError)(nil); errors.As(err, &te) {
			return fmt.Errorf("%s has the wrong JSON type", te.Field)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return errors.New("truncated JSON")
		}
		if strings.HasPrefix(err.Error(), "json: unknown field") {
			return errors.New("unknown field") // its name could be anything
		}
		return errors.New("invalid JSON")
	}
	if _, err := d.Token(); err != io.EOF {
		return errors.New("data after the JSON value")
	}
	return nil
}

// parse reads a sealed vault and checks everything that can be checked
// without a key. Its errors wrap ErrCorrupt or ErrUnsupportedVersion.
func parse(sealed []byte) (*header, error) {
	var w wireVault
	err := decodeStrict(sealed, &w)
	if err != nil || w.Format != formatName || w.Version < version1 || w.Version > maxVersion {
		// Not a valid vault of a known version: tell a foreign or newer
		// document from a damaged one, with a lenient second look.
		if perr := probeVersion(sealed); perr != nil {
			return nil, perr
		}
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	h, err := parseHeader(&w)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return h, nil
}

// probeVersion returns nil only for a JSON object with the format name and
// a version this package reads.
func probeVersion(sealed []byte) error {
	var probe struct {
		Format  *string         `json:"format"`
		Version json.RawMessage `json:"version"`
	}
	if err := json.Unmarshal(sealed, &probe); err != nil {
		return fmt.Errorf("%w: not a JSON object", ErrCorrupt)
	}
	if probe.Format == nil || *probe.Format != formatName {
		return fmt.Errorf("%w: format is not %q", ErrUnsupportedVersion, formatName)
	}
	var version int64
	if err := json.Unmarshal(probe.Version, &version); err != nil {
		return fmt.Errorf("%w: version is not an integer", ErrCorrupt)
	}
	if version < version1 || version > maxVersion {
		return fmt.Errorf("%w %d", ErrUnsupportedVersion, version)
	}
	return nil
}

// parseHeader checks a decoded vault of a known version. The versions have
// the same header.
func parseHeader(w *wireVault) (*header, error) {
	h := &header{version: w.Version}
	var err error
	if h.keyID, err = decodeB64("key_id", w.KeyID, keyIDSize); err != nil {
		return nil, err
	}
	if len(w.Slots) < 1 || len(w.Slots) > MaxSlots {
		return nil, fmt.Errorf("%d slots, want 1 to %d", len(w.Slots), MaxSlots)
	}
	for i, ws := range w.Slots {
		s, err := parseSlot(ws)
		if err != nil {
			return nil, fmt.Errorf("slot %d: %w", i, err)
		}
		h.slots = append(h.slots, s)
	}
	if h.nonce, err = decodeB64("nonce", w.Nonce, nonceSize); err != nil {
		return nil, err
	}
	if h.data, err = decodeB64("data", w.Data, -1); err != nil {
		return nil, err
	}
	if len(h.data) < tagSize {
		return nil, errors.New("data is shorter than a tag")
	}
	return h, nil
}

func parseSlot(ws wireSlot) (slot, error) {
	var s slot
	if ws.Type != slotPassword {
		return s, errors.New("unknown slot type")
	}
	if ws.KDF != kdfArgon2id {
		return s, errors.New("unknown kdf")
	}
	if ws.T > math.MaxUint32 || ws.M > math.MaxUint32 || ws.P > math.MaxUint8 {
		return s, fmt.Errorf("%w: t=%d m=%d p=%d", ErrParams, ws.T, ws.M, ws.P)
	}
	s.params = Params{Time: uint32(ws.T), MemoryKiB: uint32(ws.M), Threads: uint8(ws.P)}
	if err := s.params.Check(); err != nil {
		return s, err
	}
	var err error
	if s.salt, err = decodeB64("salt", ws.Salt, saltSize); err != nil {
		return s, err
	}
	if s.nonce, err = decodeB64("nonce", ws.Nonce, nonceSize); err != nil {
		return s, err
	}
	if s.key, err = decodeB64("key", ws.Key, wrappedKeySize); err != nil {
		return s, err
	}
	return s, nil
}

// marshal writes h as a sealed vault.
func (h *header) marshal() ([]byte, error) {
	w := wireVault{
		Format:  formatName,
		Version: h.version,
		KeyID:   b64.EncodeToString(h.keyID),
		Nonce:   b64.EncodeToString(h.nonce),
		Data:    b64.EncodeToString(h.data),
	}
	for _, s := range h.slots {
		w.Slots = append(w.Slots, wireSlot{
			Type:  slotPassword,
			KDF:   kdfArgon2id,
			T:     uint64(s.params.Time),
			M:     uint64(s.params.MemoryKiB),
			P:     uint64(s.params.Threads),
			Salt:  b64.EncodeToString(s.salt),
			Nonce: b64.EncodeToString(s.nonce),
			Key:   b64.EncodeToString(s.key),
		})
	}
	out, err := json.MarshalIndent(w, "", "  ")
	if err != nil {
		return nil, err // unreachable: only strings and integers
	}
	return append(out, '\n'), nil
}

// info returns the public view of h.
func (h *header) info() Header {
	hdr := Header{Version: h.version}
	for _, s := range h.slots {
		hdr.Slots = append(hdr.Slots, SlotInfo{Type: slotPassword, KDF: kdfArgon2id, Params: s.params})
	}
	return hdr
}

// labelPrefix is "twofold-vault" NUL, then a version as a big-endian
// uint32: the start of every additional data.
func labelPrefix(version int) []byte {
	b := append([]byte(formatName), 0)
	return binary.BigEndian.AppendUint32(b, uint32(version))
}

// slotAD is the additional data of a password slot's AEAD: it authenticates
// everything in the slot but the nonce and the wrapped key themselves. Its
// version is slotVersion in every version of the document.
func slotAD(p Params, salt []byte) []byte {
	b := labelPrefix(slotVersion)
	b = append(b, slotPassword+"\x00"+kdfArgon2id+"\x00"...)
	b = binary.BigEndian.AppendUint32(b, p.Time)
	b = binary.BigEndian.AppendUint32(b, p.MemoryKiB)
	b = binary.BigEndian.AppendUint32(b, uint32(p.Threads))
	return append(b, salt...)
}

// payloadAD is the additional data of the payload's AEAD, for a document of
// the given version. It leaves out the slots, so that a new password does
// not re-encrypt the accounts.
func payloadAD(version int) []byte {
	return append(labelPrefix(version), "payload\x00"...)
}

// keyID returns the key_id of a master key: the first 16 bytes of
// HMAC-SHA256(masterKey, "twofold-vault key id").
func keyID(masterKey []byte) []byte {
	m := hmac.New(sha256.New, masterKey)
	m.Write([]byte(keyIDLabel))
	return m.Sum(nil)[:keyIDSize]
}

// lockAfterMax is the largest lock_after, in seconds, that fits a
// time.Duration.
const lockAfterMax = math.MaxInt64 / int64(time.Second)

// payloadVersion returns the lowest version whose payload holds c: 2 if an
// account is a favourite or has been used, or the sort order or density is
// not the default; 1 otherwise.
func payloadVersion(c *Contents) int {
	if c.Settings.Sort != SortManual || c.Settings.Density != DensityComfortable {
		return version2
	}
	for i := range c.Accounts {
		if c.Accounts[i].Favourite || !c.Accounts[i].LastUsed.IsZero() {
			return version2
		}
	}
	return version1
}

// encodeContents returns the plaintext payload for c and its version, or an
// error if an account could not be read back. The fields of version 2 are
// left out at their defaults, so a payload of version 1 is encoded as
// version 1 defines it.
func encodeContents(c *Contents) ([]byte, int, error) {
	return encodePayload(c, true)
}

// encodePayload is encodeContents, leaving out the last uses unless
// lastUsed is true (for [Contents.Digest]).
func encodePayload(c *Contents, lastUsed bool) ([]byte, int, error) {
	if err := checkAccounts(c.Accounts); err != nil {
		return nil, 0, err
	}
	if _, ok := ParseSort(c.Settings.Sort.String()); !ok {
		return nil, 0, fmt.Errorf("unknown sort order %d", c.Settings.Sort)
	}
	if _, ok := ParseDensity(c.Settings.Density.String()); !ok {
		return nil, 0, fmt.Errorf("unknown density %d", c.Settings.Density)
	}
	w := wireContents{Accounts: make([]wireAccount, 0, len(c.Accounts))}
	for _, a := range c.Accounts {
		wa := wireAccount{wireAccountV1: wireAccountV1{
			ID:        a.ID,
			Issuer:    a.Issuer,
			Name:      a.Name,
			Type:      a.Type.String(),
			Algorithm: a.Algorithm.String(),
			Digits:    a.Digits,
			Period:    a.Period,
			Counter:   a.Counter,
			Secret:    b32.EncodeToString(a.Secret),
			Group:     a.Group,
			Note:      a.Note,
			Created:   a.Created.UTC().Format(time.RFC3339Nano),
			Modified:  a.Modified.UTC().Format(time.RFC3339Nano),
		}, Favourite: a.Favourite}
		if lastUsed && !a.LastUsed.IsZero() {
			wa.LastUsed = a.LastUsed.UTC().Format(time.RFC3339Nano)
		}
		w.Accounts = append(w.Accounts, wa)
	}
	switch d := c.Settings.LockAfter; {
	case d < 0:
		w.Settings.LockAfter = -1
	default: // rounded up, so that a positive value does not become 0
		w.Settings.LockAfter = int64((d + time.Second - 1) / time.Second)
	}
	if !c.Settings.LastBackup.IsZero() {
		w.Settings.LastBackup = c.Settings.LastBackup.UTC().Format(time.RFC3339Nano)
	}
	w.Settings.BackupDigest = c.Settings.BackupDigest
	if c.Settings.Sort != SortManual {
		w.Settings.Sort = c.Settings.Sort.String()
	}
	if c.Settings.Density != DensityComfortable {
		w.Settings.Density = c.Settings.Density.String()
	}
	p, err := json.Marshal(w)
	if err != nil {
		return nil, 0, err // unreachable: strings, numbers and booleans
	}
	return p, payloadVersion(c), nil
}

// decodeContents reads a plaintext payload of the given version. Its
// errors wrap ErrCorrupt.
func decodeContents(plaintext []byte, version int) (*Contents, error) {
	c, err := decodePayload(plaintext, version)
	if err != nil {
		return nil, fmt.Errorf("%w: payload: %w", ErrCorrupt, err)
	}
	return c, nil
}

// decodePayload reads a plaintext payload of the given version, with the
// checks of step 7 of SPEC.md's decoding rules. In version 1 the fields of
// version 2 are unknown fields.
func decodePayload(plaintext []byte, version int) (*Contents, error) {
	var w wireContents
	switch version {
	case version1:
		var w1 wireContentsV1
		if err := decodeStrict(plaintext, &w1); err != nil {
			return nil, err
		}
		w.Settings.wireSettingsV1 = w1.Settings
		w.Accounts = make([]wireAccount, len(w1.Accounts))
		for i, a := range w1.Accounts {
			w.Accounts[i].wireAccountV1 = a
		}
	case version2:
		if err := decodeStrict(plaintext, &w); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("%w %d", ErrUnsupportedVersion, version)
	}
	c := &Contents{Accounts: make([]Account, 0, len(w.Accounts))}
	for i, wa := range w.Accounts {
		a, err := decodeAccount(wa)
		if err != nil {
			return nil, fmt.Errorf("account %d: %w", i, err)
		}
		c.Accounts = append(c.Accounts, a)
	}
	if err := checkAccounts(c.Accounts); err != nil {
		return nil, err
	}
	switch s := w.Settings.LockAfter; {
	case s < 0:
		c.Settings.LockAfter = NeverLock
	case s > lockAfterMax:
		return nil, errors.New("lock_after is too large")
	default:
		c.Settings.LockAfter = time.Duration(s) * time.Second
	}
	if w.Settings.LastBackup != "" {
		t, err := time.Parse(time.RFC3339Nano, w.Settings.LastBackup)
		if err != nil {
			return nil, errors.New("last_backup is not an RFC 3339 time")
		}
		c.Settings.LastBackup = t
	}
	if d := w.Settings.BackupDigest; d != "" {
		if b, err := hex.DecodeString(d); err != nil || len(b) != sha256.Size || hex.EncodeToString(b) != d {
			return nil, errors.New("backup_digest is not a lower-case hex SHA-256")
		}
		c.Settings.BackupDigest = d
	}
	var ok bool
	if s := w.Settings.Sort; s != "" {
		if c.Settings.Sort, ok = ParseSort(s); !ok {
			return nil, errors.New("unknown sort order")
		}
	}
	if d := w.Settings.Density; d != "" {
		if c.Settings.Density, ok = ParseDensity(d); !ok {
			return nil, errors.New("unknown density")
		}
	}
	return c, nil
}

func decodeAccount(w wireAccount) (Account, error) {
	a := Account{
		ID: w.ID, Issuer: w.Issuer, Name: w.Name, Group: w.Group, Note: w.Note,
		Key:       otp.Key{Digits: w.Digits, Period: w.Period, Counter: w.Counter},
		Favourite: w.Favourite,
	}
	var ok bool
	if a.Type, ok = typeNamed(w.Type); !ok {
		return a, otp.ErrType
	}
	if a.Algorithm, ok = algorithmNamed(w.Algorithm); !ok {
		return a, otp.ErrAlgorithm
	}
	secret, err := b32.DecodeString(w.Secret)
	if err != nil || b32.EncodeToString(secret) != w.Secret {
		return a, errors.New("secret is not canonical base32")
	}
	a.Secret = secret
	if a.Created, err = time.Parse(time.RFC3339Nano, w.Created); err != nil {
		return a, errors.New("created is not an RFC 3339 time")
	}
	if a.Modified, err = time.Parse(time.RFC3339Nano, w.Modified); err != nil {
		return a, errors.New("modified is not an RFC 3339 time")
	}
	if w.LastUsed != "" {
		if a.LastUsed, err = time.Parse(time.RFC3339Nano, w.LastUsed); err != nil {
			return a, errors.New("last_used is not an RFC 3339 time")
		}
	}
	return a, nil
}

// typeNamed and algorithmNamed are exact (case-sensitive) inverses of the
// String methods, as the payload is written by machines only.
func typeNamed(s string) (otp.Type, bool) {
	for _, t := range []otp.Type{otp.TOTP, otp.HOTP, otp.Steam} {
		if s == t.String() {
			return t, true
		}
	}
	return 0, false
}

func algorithmNamed(s string) (otp.Algorithm, bool) {
	for _, a := range []otp.Algorithm{otp.SHA1, otp.SHA256, otp.SHA512} {
		if s == a.String() {
			return a, true
		}
	}
	return 0, false
}

// checkAccounts reports the first account that [decodeContents] would refuse.
func checkAccounts(accounts []Account) error {
	seen := make(map[string]bool, len(accounts))
	for i, a := range accounts {
		switch {
		case a.ID == "":
			return fmt.Errorf("account %d: %w: empty", i, ErrAccountID)
		case seen[a.ID]:
			return fmt.Errorf("account %d: %w: duplicate", i, ErrAccountID)
		case len(a.Secret) == 0:
			return fmt.Errorf("account %d: %w", i, otp.ErrSecret)
		}
		if _, ok := typeNamed(a.Type.String()); !ok {
			return fmt.Errorf("account %d: %w", i, otp.ErrType)
		}
		if _, ok := algorithmNamed(a.Algorithm.String()); !ok {
			return fmt.Errorf("account %d: %w", i, otp.ErrAlgorithm)
		}
		for _, t := range []time.Time{a.Created, a.Modified, a.LastUsed} {
			if y := t.UTC().Year(); y < 0 || y > 9999 {
				return fmt.Errorf("account %d: time outside the years 0 to 9999", i)
			}
		}
		seen[a.ID] = true
	}
	return nil
}

// Package aegis imports the vaults that Aegis Authenticator exports: plain,
// or encrypted with a password slot, with content versions 1 to 3 (groups
// as a name in version 2, as UUIDs in version 3).
//
// The format is Aegis's docs/vault.md. An encrypted vault keeps a random
// master key wrapped in slots; a password slot derives its key with scrypt
// (N, r, p and salt stored in the slot) and wraps the master key with
// AES-256-GCM; the content is encrypted with AES-256-GCM under the master
// key, nonce and tag in the header, the ciphertext in base64. Twofold tries
// every password slot; biometric slots cannot be used outside the phone.
//
// Entries of the types mOTP and Yandex are skipped as unsupported.
package aegis

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"twofold.app/app/importers/importer"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "Aegis"

// Importer reads Aegis vaults.
var Importer importer.Importer = imp{limits: defaultLimits}

// limits bounds the scrypt work a file can ask for, so that a crafted file
// cannot make the import take minutes or gigabytes. Aegis uses N=2^15, r=8,
// p=1 (32 MiB).
type limits struct {
	maxNR int // N*r; memory is 128*N*r bytes
	maxP  int
}

var defaultLimits = limits{maxNR: 1 << 20, maxP: 4} // 128 MiB

type imp struct{ limits limits }

func (imp) Name() string { return Name }

type file struct {
	Version int `json:"version"`
	Header  struct {
		Slots  []slot     `json:"slots"`
		Params *gcmParams `json:"params"`
	} `json:"header"`
	DB json.RawMessage `json:"db"`
}

type slot struct {
	Type      int       `json:"type"`
	Key       string    `json:"key"`
	KeyParams gcmParams `json:"key_params"`
	N         int       `json:"n"`
	R         int       `json:"r"`
	P         int       `json:"p"`
	Salt      string    `json:"salt"`
}

type gcmParams struct {
	Nonce string `json:"nonce"`
	Tag   string `json:"tag"`
}

const passwordSlot = 1

func (imp) Detect(data []byte) bool {
	m, ok := importer.Object(data)
	if !ok {
		return false
	}
	var header map[string]json.RawMessage
	if json.Unmarshal(m["header"], &header) != nil {
		return false
	}
	_, hasSlots := header["slots"]
	_, hasDB := m["db"]
	_, hasVersion := m["version"]
	return hasSlots && hasDB && hasVersion
}

func (imp) Encrypted(data []byte) bool {
	m, ok := importer.Object(data)
	return ok && bytes.HasPrefix(bytes.TrimSpace(m["db"]), []byte(`"`))
}

func (i imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	var f file
	if err := importer.Decode(data, &f); err != nil {
		return res, err
	}
	if f.Version != 1 {
		return res, fmt.Errorf("%w: Aegis vault file version %d", importer.ErrUnsupported, f.Version)
	}
	content := []byte(f.DB)
	if bytes.HasPrefix(bytes.TrimSpace(content), []byte(`"`)) {
		if len(password) == 0 {
			return res, importer.ErrPasswordNeeded
		}
		var err error
		if content, err = i.decrypt(&f, password); err != nil {
			return res, err
		}
	}
	if err := convert(&res, content); err != nil {
		return res, err
	}
	return res, nil
}

// decrypt opens the master key with a password slot and the content with
// the master key.
func (i imp) decrypt(f *file, password []byte) ([]byte, error) {
	var masterKey []byte
	slots := 0
	// The password is tried on every password slot: their scrypt work
	// together is bounded by four times that of the costliest slot
	// allowed (Aegis writes one password slot, of a sixteenth of it), so
	// that a vault of a thousand slots does not cost a thousand
	// derivations.
	budget := 4 * i.limits.maxNR * i.limits.maxP
	for _, s := range f.Header.Slots {
		if s.Type != passwordSlot {
			continue
		}
		slots++
		key, err := i.openSlot(s, password, &budget)
		if err != nil {
			return nil, err
		}
		if key != nil {
			masterKey = key
			break
		}
	}
	switch {
	case slots == 0:
		return nil, fmt.Errorf("%w: the vault has no password slot (biometric slots work only on the phone)", importer.ErrUnsupported)
	case masterKey == nil:
		return nil, importer.ErrWrongPassword
	case f.Header.Params == nil:
		return nil, fmt.Errorf("%w: header params missing", importer.ErrCorrupt)
	}
	var ct string
	if err := json.Unmarshal(f.DB, &ct); err != nil {
		return nil, fmt.Errorf("%w: db is not a string", importer.ErrCorrupt)
	}
	ciphertext, err := base64.StdEncoding.DecodeString(ct)
	if err != nil {
		return nil, fmt.Errorf("%w: db is not base64", importer.ErrCorrupt)
	}
	plain, err := open(masterKey, f.Header.Params, ciphertext)
	if err != nil {
		return nil, fmt.Errorf("%w: header params: %w", importer.ErrCorrupt, err)
	}
	if plain == nil {
		// The password opened a slot, so the content itself is damaged.
		return nil, fmt.Errorf("%w: the content does not decrypt with the master key", importer.ErrCorrupt)
	}
	return plain, nil
}

// openSlot returns the master key, or nil if the password does not open
// the slot. budget is the scrypt work, N*r*p, that the password slots may
// still take; the slot's own is taken from it before any derivation.
func (i imp) openSlot(s slot, password []byte, budget *int) ([]byte, error) {
	salt, err := hex.DecodeString(s.Salt)
	if err != nil || len(salt) == 0 {
		return nil, fmt.Errorf("%w: slot salt is not hexadecimal", importer.ErrCorrupt)
	}
	if s.N < 2 || s.N&(s.N-1) != 0 || s.R < 1 || s.P < 1 {
		return nil, fmt.Errorf("%w: slot scrypt parameters N=%d r=%d p=%d", importer.ErrCorrupt, s.N, s.R, s.P)
	}
	if s.N > i.limits.maxNR/s.R || s.P > i.limits.maxP {
		return nil, fmt.Errorf("%w: slot scrypt parameters N=%d r=%d p=%d are beyond Twofold's limit", importer.ErrUnsupported, s.N, s.R, s.P)
	}
	cost := s.N * s.R * s.P // within the limits, it cannot overflow
	if cost > *budget {
		return nil, fmt.Errorf("%w: the vault's password slots together ask for more scrypt work than one slot may", importer.ErrKeyCost)
	}
	*budget -= cost
	ct, err := hex.DecodeString(s.Key)
	if err != nil {
		return nil, fmt.Errorf("%w: slot key is not hexadecimal", importer.ErrCorrupt)
	}
	key, err := importer.DeriveKey(password, importer.KeySpec{KDF: importer.Scrypt, Salt: salt, N: s.N, R: s.R, P: s.P, KeyLen: 32})
	if err != nil {
		return nil, fmt.Errorf("slot: %w", err)
	}
	masterKey, err := open(key, &s.KeyParams, ct)
	if err != nil {
		return nil, fmt.Errorf("%w: slot key params: %w", importer.ErrCorrupt, err)
	}
	return masterKey, nil
}

// open decrypts with AES-256-GCM, the tag kept apart as Aegis does. It
// returns nil, nil when authentication fails.
func open(key []byte, p *gcmParams, ciphertext []byte) ([]byte, error) {
	nonce, err := hex.DecodeString(p.Nonce)
	if err != nil {
		return nil, fmt.Errorf("nonce is not hexadecimal")
	}
	tag, err := hex.DecodeString(p.Tag)
	if err != nil || len(tag) != 16 {
		return nil, fmt.Errorf("tag is not 16 bytes of hexadecimal")
	}
	sealed := append(append([]byte(nil), ciphertext...), tag...)
	plain, ok, err := importer.OpenGCM(key, nonce, sealed)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, nil
	}
	return plain, nil
}

type content struct {
	Version int               `json:"version"`
	Entries []json.RawMessage `json:"entries"`
	Groups  []struct {
		UUID string `json:"uuid"`
		Name string `json:"name"`
	} `json:"groups"`
}

type entry struct {
	Type   string   `json:"type"`
	Name   string   `json:"name"`
	Issuer string   `json:"issuer"`
	Note   string   `json:"note"`
	Group  *string  `json:"group"`  // content version 2
	Groups []string `json:"groups"` // content version 3: UUIDs
	Info   struct {
		Secret  string `json:"secret"`
		Algo    string `json:"algo"`
		Digits  int    `json:"digits"`
		Period  int    `json:"period"`
		Counter uint64 `json:"counter"`
	} `json:"info"`
}

// convert reads the decrypted content, {"version", "entries", "groups"}.
func convert(res *importer.Result, data []byte) error {
	var c content
	if err := importer.Decode(data, &c); err != nil {
		return err
	}
	if c.Version < 1 || c.Version > 3 {
		return fmt.Errorf("%w: Aegis content version %d", importer.ErrUnsupported, c.Version)
	}
	groups := make(map[string]string)
	for _, g := range c.Groups {
		groups[g.UUID] = g.Name
	}
	importer.Each(res, c.Entries, func(e *entry) (vault.Account, string, error) {
		e.Issuer, e.Name = importer.SplitName(e.Issuer, e.Name)
		a, err := account(*e, groups)
		return a, importer.Label(e.Issuer, e.Name), err
	})
	return nil
}

func account(e entry, groups map[string]string) (vault.Account, error) {
	a := vault.Account{Issuer: e.Issuer, Name: e.Name, Note: e.Note}
	if e.Group != nil {
		a.Group = *e.Group
	}
	for _, id := range e.Groups {
		if name, ok := groups[id]; ok {
			a.Group = name // a vault account has one group: the first
			break
		}
	}
	secret, err := importer.Base32(e.Info.Secret)
	if err != nil {
		return a, err
	}
	alg, algErr := importer.Algorithm(e.Info.Algo)
	a.Key, err = importer.Fields{Type: e.Type, Issuer: e.Issuer, Secret: secret, Algorithm: alg,
		Digits: e.Info.Digits, Period: e.Info.Period, Counter: e.Info.Counter}.Key()
	if err == nil && a.Key.Type != otp.Steam {
		err = algErr // a Steam key has no algorithm of its own
	}
	return a, err
}

// Package twofas imports 2FAS Authenticator backups (.2fas files): schema
// version 1 (the older JSON, which has no algorithm, digits, period or type:
// every account is TOTP, SHA1, 6 digits, 30 s) and versions 2 to 4, plain or
// encrypted.
//
// An encrypted backup has "servicesEncrypted": three base64 parts joined by
// ':', the ciphertext with its tag, the salt and the 12-byte nonce. The key
// is PBKDF2-HMAC-SHA256 of the password, 10,000 iterations, 32 bytes, and
// the cipher AES-256-GCM; the plaintext is the JSON array of services.
// "reference" is a known text encrypted under the same key with its own
// nonce: when it does not decrypt, the password is wrong; when it does and
// the services do not, the backup is damaged.
package twofas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"twofold.app/app/importers/importer"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "2FAS"

// Importer reads 2FAS backups.
var Importer importer.Importer = imp{}

type imp struct{}

func (imp) Name() string { return Name }

// iterations is 2FAS's fixed PBKDF2 iteration count.
const iterations = 10_000

type backup struct {
	SchemaVersion     int               `json:"schemaVersion"`
	Services          []json.RawMessage `json:"services"`
	ServicesEncrypted string            `json:"servicesEncrypted"`
	Reference         string            `json:"reference"`
	Groups            []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"groups"`
}

func (imp) Detect(data []byte) bool {
	m, ok := importer.Object(data)
	if !ok {
		return false
	}
	_, version := m["schemaVersion"]
	_, services := m["services"]
	_, encrypted := m["servicesEncrypted"]
	return version && (services || encrypted)
}

func (imp) Encrypted(data []byte) bool {
	var b backup
	return importer.Decode(data, &b) == nil && b.ServicesEncrypted != ""
}

func (imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	var b backup
	if err := importer.Decode(data, &b); err != nil {
		return res, err
	}
	if b.SchemaVersion < 1 || b.SchemaVersion > 4 {
		return res, fmt.Errorf("%w: 2FAS schema version %d", importer.ErrUnsupported, b.SchemaVersion)
	}
	services := b.Services
	if b.ServicesEncrypted != "" {
		if len(password) == 0 {
			return res, importer.ErrPasswordNeeded
		}
		plain, err := decrypt(b, password)
		if err != nil {
			return res, err
		}
		if err := importer.Decode(plain, &services); err != nil {
			return res, fmt.Errorf("decrypted services: %w", err)
		}
	}
	groups := make(map[string]string)
	for _, g := range b.Groups {
		groups[g.ID] = g.Name
	}
	importer.Each(&res, services, func(s *service) (vault.Account, string, error) {
		issuer, name := s.labels()
		a, err := s.account(groups, issuer)
		a.Issuer, a.Name = issuer, name
		return a, importer.Label(issuer, name), err
	})
	return res, nil
}

// sealed is one of the ':'-joined values: ciphertext, salt, nonce.
type sealed struct{ ciphertext, salt, nonce []byte }

func parseSealed(field, s string) (sealed, error) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 {
		return sealed{}, fmt.Errorf("%w: %s has %d parts, not 3", importer.ErrCorrupt, field, len(parts))
	}
	var out [3][]byte
	for i, p := range parts {
		b, err := importer.Base64(p)
		if err != nil {
			return sealed{}, fmt.Errorf("%w: %s part %d is not base64", importer.ErrCorrupt, field, i+1)
		}
		out[i] = b
	}
	return sealed{out[0], out[1], out[2]}, nil
}

func decrypt(b backup, password []byte) ([]byte, error) {
	services, err := parseSealed("servicesEncrypted", b.ServicesEncrypted)
	if err != nil {
		return nil, err
	}
	key, err := importer.DeriveKey(password, importer.KeySpec{KDF: importer.PBKDF2SHA256, Salt: services.salt, Iterations: iterations, KeyLen: 32})
	if err != nil {
		return nil, err // unreachable: valid length and iterations
	}
	if b.Reference != "" {
		ref, err := parseSealed("reference", b.Reference)
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(ref.salt, services.salt) {
			return nil, fmt.Errorf("%w: reference and services have different salts", importer.ErrCorrupt)
		}
		_, ok, err := importer.OpenGCM(key, ref.nonce, ref.ciphertext)
		switch {
		case err != nil:
			return nil, fmt.Errorf("%w: reference: %v", importer.ErrCorrupt, err)
		case !ok:
			return nil, importer.ErrWrongPassword
		}
	}
	plain, ok, err := importer.OpenGCM(key, services.nonce, services.ciphertext)
	switch {
	case err != nil:
		return nil, fmt.Errorf("%w: servicesEncrypted: %v", importer.ErrCorrupt, err)
	case !ok && b.Reference != "":
		return nil, fmt.Errorf("%w: the services do not decrypt although the password is right", importer.ErrCorrupt)
	case !ok:
		return nil, importer.ErrWrongPassword
	}
	return plain, nil
}

type service struct {
	Name    string `json:"name"`
	Secret  string `json:"secret"`
	GroupID string `json:"groupId"`
	OTP     struct {
		Account   string `json:"account"`
		Label     string `json:"label"`
		Issuer    string `json:"issuer"`
		Digits    int    `json:"digits"`
		Period    int    `json:"period"`
		Algorithm string `json:"algorithm"`
		Counter   uint64 `json:"counter"`
		TokenType string `json:"tokenType"`
	} `json:"otp"`
}

// labels returns the issuer and name: the service's name, which the user
// may have edited, else the issuer of its code, and the account; when the
// account is missing, the code's otpauth label ("Issuer:Name") is read.
func (s service) labels() (string, string) {
	issuer := s.Name
	if strings.TrimSpace(issuer) == "" {
		issuer = s.OTP.Issuer
	}
	if strings.TrimSpace(s.OTP.Account) == "" && strings.TrimSpace(s.OTP.Label) != "" {
		return importer.SplitLabel(s.OTP.Label, issuer)
	}
	return importer.SplitName(issuer, s.OTP.Account)
}

// account reads the key and group; the caller sets the label.
func (s service) account(groups map[string]string, issuer string) (vault.Account, error) {
	a := vault.Account{Group: groups[s.GroupID]}
	secret, err := importer.Base32(s.Secret)
	if err != nil {
		return a, err
	}
	alg, algErr := importer.Algorithm(s.OTP.Algorithm)
	// Schema 1 has no type, digits or period: TOTP, 6 digits, 30 s.
	a.Key, err = importer.Fields{Type: s.OTP.TokenType, Issuer: issuer, Secret: secret, Algorithm: alg,
		Digits: s.OTP.Digits, Period: s.OTP.Period, Counter: s.OTP.Counter}.Key()
	if err == nil && a.Key.Type != otp.Steam {
		err = algErr
	}
	return a, err
}

package importer

import (
	"encoding/json"
	"errors"
	"testing"

	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

func TestEach(t *testing.T) {
	type entry struct {
		Issuer string `json:"issuer"`
		Secret []byte `json:"secret"`
	}
	bad := errors.New("bad entry")
	raws := []json.RawMessage{
		json.RawMessage(`{"issuer":"Good","secret":"AQID"}`),
		json.RawMessage(`[1,2]`),
		json.RawMessage(`{"issuer":"Refused"}`),
	}
	var r Result
	Each(&r, raws, func(e *entry) (vault.Account, string, error) {
		a := vault.Account{Issuer: e.Issuer, Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: e.Secret}}
		if len(e.Secret) == 0 {
			return a, Label(e.Issuer, ""), bad
		}
		return a, Label(e.Issuer, ""), nil
	})
	if len(r.Accounts) != 1 || r.Accounts[0].Issuer != "Good" {
		t.Fatalf("accounts = %+v, want the good one", r.Accounts)
	}
	if len(r.Skipped) != 2 {
		t.Fatalf("skipped = %v, want two", r.Skipped)
	}
	if s := r.Skipped[0]; s.Index != 1 || s.Label != "?" || s.Err == nil {
		t.Errorf("the undecodable entry's skip is %+v", s)
	}
	if s := r.Skipped[1]; s.Index != 2 || s.Label != "Refused" || !errors.Is(s.Err, bad) {
		t.Errorf("the refused entry's skip is %+v", s)
	}
}

package freeotptoken

import (
	"encoding/json"
	"errors"
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/otp"
)

func TestAccount(t *testing.T) {
	secret := []byte("0123456789")
	for _, tc := range []struct {
		json    string
		c       Counter
		want    otp.Key // zero: err
		issuer  string
		name    string
		wantErr error
	}{
		{json: `{"type":"TOTP","issuerExt":"A","label":"b"}`, c: CounterNext,
			want: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30}, issuer: "A", name: "b"},
		{json: `{"type":"hotp","issuerInt":"I","label":"b","labelAlt":" ","counter":-1}`, c: CounterUsed,
			want: otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 6}, issuer: "I", name: "b"},
		{json: `{"type":"HOTP","counter":41,"algo":"SHA512","digits":8}`, c: CounterUsed,
			want: otp.Key{Type: otp.HOTP, Algorithm: otp.SHA512, Digits: 8, Counter: 42}},
		{json: `{"type":"HOTP","counter":41}`, c: CounterNext,
			want: otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 6, Counter: 41}},
		{json: `{"type":"HOTP","counter":-1}`, c: CounterNext, wantErr: importer.ErrCorrupt},
		{json: `{"type":"HOTP","counter":-2}`, c: CounterUsed, wantErr: importer.ErrCorrupt},
		{json: `{"type":"HOTP","counter":9223372036854775807}`, c: CounterUsed, wantErr: importer.ErrCorrupt},
		{json: `{"type":"TOTP","issuerExt":"Steam","digits":6}`, c: CounterNext, wantErr: importer.ErrUnsupported},
		{json: `{"type":"HOTP","issuerExt":"Steam"}`, c: CounterNext, wantErr: importer.ErrUnsupported},
		{json: `{"type":"TOTP","algo":"MD5"}`, c: CounterNext, wantErr: importer.ErrUnsupported},
		{json: `{"type":"YAOTP"}`, c: CounterNext, wantErr: importer.ErrUnsupported},
		// Labels as everywhere: the name loses white space and a copy of
		// its issuer, and keeps any other colon; FreeOTP shows the label's
		// prefix over the issuer parameter.
		{json: `{"type":"TOTP","issuerExt":"GitHub","label":" github: alice "}`, c: CounterNext,
			want: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30}, issuer: "GitHub", name: "alice"},
		{json: `{"type":"TOTP","issuerExt":"Work","issuerInt":"GitHub","label":"a:b"}`, c: CounterNext,
			want: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30}, issuer: "Work", name: "a:b"},
		// The key as everywhere: a type in any case or none is read, digits
		// of 0 are the default, and 5 digits with the issuer Steam is Steam.
		{json: `{"type":"","issuerExt":"A","label":"b","digits":0,"period":0}`, c: CounterNext,
			want: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30}, issuer: "A", name: "b"},
		{json: `{"type":"totp","issuerInt":"steam","label":"gabe","digits":5}`, c: CounterNext,
			want: importer.Steam(nil), issuer: "steam", name: "gabe"},
		{json: `{"type":"TOTP","issuerExt":"Steam","label":"gabe"}`, c: CounterNext,
			want: importer.Steam(nil), issuer: "Steam", name: "gabe"},
	} {
		var tok Token
		if err := json.Unmarshal([]byte(tc.json), &tok); err != nil {
			t.Fatal(err)
		}
		a, err := tok.Account(secret, tc.c)
		if tc.wantErr != nil {
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("%s: error %v, want %v", tc.json, err, tc.wantErr)
			}
			continue
		}
		tc.want.Secret = secret
		if err != nil || a.Key.Type != tc.want.Type || a.Algorithm != tc.want.Algorithm || a.Digits != tc.want.Digits ||
			a.Period != tc.want.Period || a.Counter != tc.want.Counter || a.Issuer != tc.issuer || a.Name != tc.name {
			t.Errorf("%s: %+v, %v", tc.json, a, err)
		}
	}
}

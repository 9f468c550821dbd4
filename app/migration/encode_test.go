package migration_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"twofold.app/app/migration"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
)

func TestFormatRoundTrip(t *testing.T) {
	sec := secret1
	tests := []struct {
		name string
		p    migration.Payload
	}{
		{"one TOTP", migration.Payload{Accounts: []otpauth.Account{totp("GitHub", "alice@example.com", otp.SHA1, 6, sec)}, Version: 1, BatchSize: 1}},
		{"every kind", migration.Payload{
			Accounts: []otpauth.Account{
				totp("A", "sha256", otp.SHA256, 8, sec),
				totp("A", "sha512", otp.SHA512, 6, []byte{0}),
				hotp("B", "zero", otp.SHA1, 6, 0, sec),
				hotp("B", "max", otp.SHA512, 8, math.MaxInt64, sec),
				totp("", "no issuer", otp.SHA1, 6, sec),
				totp("Issuer only", "", otp.SHA1, 6, sec),
			},
			Version: 1, BatchSize: 3, BatchIndex: 2, BatchID: math.MinInt32,
		}},
		{"labels that look like a prefix", migration.Payload{
			Accounts: []otpauth.Account{
				totp("A", "A:b", otp.SHA1, 6, sec),
				totp("A", "a : b", otp.SHA1, 6, sec),
				totp("A", "A:", otp.SHA1, 6, sec),
				totp("", "x:y", otp.SHA1, 6, sec),
				totp("Colon: issuer", "Colon: issuer:z", otp.SHA1, 6, sec),
				totp("Ünïcödé", "名前", otp.SHA1, 6, sec),
			},
			Version: 1, BatchSize: 1, BatchID: math.MaxInt32,
		}},
		{"future version", migration.Payload{Accounts: []otpauth.Account{totp("A", "b", otp.SHA1, 6, sec)}, Version: 2, BatchSize: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			uri, err := migration.Format(tt.p)
			if err != nil {
				t.Fatalf("Format: %v", err)
			}
			got, err := migration.ParseURI(uri)
			if err != nil {
				t.Fatalf("ParseURI: %v", err)
			}
			if !equalAccounts(got.Accounts, tt.p.Accounts) || len(got.Skipped) != 0 {
				t.Errorf("accounts = %v (skipped %v)\nwant %v", got.Accounts, got.Skipped, tt.p.Accounts)
			}
			if got.Version != tt.p.Version || got.BatchSize != tt.p.BatchSize || got.BatchIndex != tt.p.BatchIndex || got.BatchID != tt.p.BatchID {
				t.Errorf("batch fields = %+v, want %+v", got, tt.p)
			}
		})
	}
}

func TestFormatDefaults(t *testing.T) {
	uri, err := migration.Format(migration.Payload{Accounts: []otpauth.Account{totp("A", "b", otp.SHA1, 6, secret1)}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := migration.ParseURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	if p.Version != 1 || p.BatchSize != 1 || p.BatchIndex != 0 || p.BatchID != 0 {
		t.Errorf("zero payload fields written as %+v, want version 1, batch size 1", p)
	}
}

func TestFormatRefuses(t *testing.T) {
	sec := secret1
	steam := otpauth.Account{Issuer: "Steam", Name: "s", Key: otp.Key{Type: otp.Steam, Algorithm: otp.SHA1, Digits: 5, Period: 30, Secret: sec}}
	tests := []struct {
		name string
		p    migration.Payload
		err  error // nil: any error
	}{
		{"no accounts", migration.Payload{}, nil},
		{"steam", migration.Payload{Accounts: []otpauth.Account{steam}}, migration.ErrSteam},
		{"period 60", migration.Payload{Accounts: []otpauth.Account{{Name: "p", Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 60, Secret: sec}}}}, migration.ErrPeriod},
		{"7 digits", migration.Payload{Accounts: []otpauth.Account{totp("A", "b", otp.SHA1, 7, sec)}}, migration.ErrDigits},
		{"huge counter", migration.Payload{Accounts: []otpauth.Account{hotp("A", "b", otp.SHA1, 6, math.MaxInt64+1, sec)}}, migration.ErrCounter},
		{"invalid account", migration.Payload{Accounts: []otpauth.Account{totp("A", "b", otp.SHA1, 6, nil)}}, otpauth.ErrSecret},
		{"index not below size", migration.Payload{Accounts: []otpauth.Account{totp("A", "b", otp.SHA1, 6, sec)}, BatchSize: 2, BatchIndex: 2}, nil},
		{"negative index", migration.Payload{Accounts: []otpauth.Account{totp("A", "b", otp.SHA1, 6, sec)}, BatchIndex: -1}, nil},
		{"id beyond int32", migration.Payload{Accounts: []otpauth.Account{totp("A", "b", otp.SHA1, 6, sec)}, BatchID: math.MaxInt32 + 1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			uri, err := migration.Format(tt.p)
			if err == nil {
				t.Fatalf("Format succeeded: %d characters", len(uri))
			}
			if tt.err != nil && !errors.Is(err, tt.err) {
				t.Errorf("error = %v, want %v", err, tt.err)
			}
			for _, why := range []error{migration.ErrSteam, migration.ErrPeriod, migration.ErrDigits, migration.ErrCounter} {
				if errors.Is(err, why) && !errors.Is(err, migration.ErrUnsupported) {
					t.Errorf("error = %v, which is %v but not %v", err, why, migration.ErrUnsupported)
				}
			}
		})
	}
}

func TestSplit(t *testing.T) {
	sec := secret1
	in := []otpauth.Account{
		totp("A", "0", otp.SHA1, 6, sec),
		{Issuer: "Steam", Name: "1", Key: otp.Key{Type: otp.Steam, Algorithm: otp.SHA1, Digits: 5, Period: 30, Secret: sec}},
		totp("A", "2", otp.SHA256, 8, sec),
		{Issuer: "A", Name: "3", Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 20, Secret: sec}},
		hotp("A", "4", otp.SHA512, 6, 99, sec),
		totp("A", "5", otp.SHA1, 7, sec),
		totp("A", "6", otp.SHA1, 6, sec),
		totp("A", "7", otp.SHA1, 6, nil),
		hotp("A", "8", otp.SHA1, 8, 1, sec),
	}
	kept := []otpauth.Account{in[0], in[2], in[4], in[6], in[8]}
	wantSkipped := []int{1, 3, 5, 7}

	for _, perCode := range []int{1, 2, 3, 5, 10} {
		uris, skipped := migration.Split(in, perCode, 4242)
		if wantN := (len(kept) + perCode - 1) / perCode; len(uris) != wantN {
			t.Fatalf("perCode %d: %d codes, want %d", perCode, len(uris), wantN)
		}
		if len(skipped) != len(wantSkipped) {
			t.Fatalf("perCode %d: skipped %v", perCode, skipped)
		}
		for i, s := range skipped {
			if s.Index != wantSkipped[i] || s.Name != "A:"+in[s.Index].Name && s.Name != "Steam:1" || s.Err == nil {
				t.Errorf("skip %d = %v, want index %d", i, s, wantSkipped[i])
			}
		}
		var b migration.Batch
		for i, uri := range uris {
			p, err := migration.ParseURI(uri)
			if err != nil {
				t.Fatalf("code %d: %v", i, err)
			}
			if p.BatchSize != len(uris) || p.BatchIndex != i || p.BatchID != 4242 || len(p.Accounts) > perCode {
				t.Errorf("code %d: size %d index %d id %d, %d accounts", i, p.BatchSize, p.BatchIndex, p.BatchID, len(p.Accounts))
			}
			if _, err := b.Add(p); err != nil {
				t.Fatal(err)
			}
		}
		got, _, err := b.Accounts()
		if err != nil {
			t.Fatal(err)
		}
		if !equalAccounts(got, kept) {
			t.Errorf("perCode %d: read back %v\nwant %v", perCode, got, kept)
		}
	}
}

// TestSplitMaxBatch checks that Split writes no more codes than Parse
// accepts: 1,001 accounts at one a code become 501 codes of two.
func TestSplitMaxBatch(t *testing.T) {
	in := make([]otpauth.Account, migration.MaxBatchSize+1)
	for i := range in {
		in[i] = totp("A", fmt.Sprint(i), otp.SHA1, 6, secret1)
	}
	uris, _ := migration.Split(in, 1, 7)
	if len(uris) > migration.MaxBatchSize {
		t.Fatalf("%d codes, more than %d", len(uris), migration.MaxBatchSize)
	}
	var n int
	for _, u := range uris {
		p, err := migration.ParseURI(u)
		if err != nil {
			t.Fatalf("Parse of Split's code: %v", err)
		}
		n += len(p.Accounts)
	}
	if n != len(in) || len(uris) != 501 {
		t.Errorf("%d accounts in %d codes, want %d in 501", n, len(uris), len(in))
	}
}

func TestSplitNothingToWrite(t *testing.T) {
	steam := otpauth.Account{Issuer: "Steam", Name: "s", Key: otp.Key{Type: otp.Steam, Algorithm: otp.SHA1, Digits: 5, Period: 30, Secret: secret1}}
	uris, skipped := migration.Split([]otpauth.Account{steam}, 10, 1)
	if len(uris) != 0 || len(skipped) != 1 || !errors.Is(skipped[0].Err, migration.ErrUnsupported) {
		t.Errorf("Split = %d URIs, skipped %v", len(uris), skipped)
	}
	if !strings.Contains(skipped[0].Err.Error(), "Steam") {
		t.Errorf("the reason does not say Steam: %v", skipped[0].Err)
	}
}

func TestSplitPanics(t *testing.T) {
	for _, tt := range []struct {
		name        string
		perCode, id int
	}{{"perCode 0", 0, 1}, {"id too large", 10, math.MaxInt32 + 1}} {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("Split did not panic")
				}
			}()
			migration.Split(nil, tt.perCode, tt.id)
		})
	}
}

package migration_test

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"twofold.app/app/migration"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
)

func TestParseURISyntax(t *testing.T) {
	// This secret makes '+' and '/' in standard base64, '-' and '_' in
	// the URL-safe alphabet.
	sec := []byte{0, 0, 0xfb, 0xef, 0xbe, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7}
	one := payload(1, 0, 7, account(sec, "alice", "Example", 1, 1, 2, 0))
	std := base64.StdEncoding.EncodeToString(one)
	raw := base64.RawURLEncoding.EncodeToString(one)
	if !strings.Contains(std, "+") || !strings.Contains(std, "/") || !strings.HasSuffix(std, "=") || !strings.ContainsAny(raw, "-_") {
		t.Fatalf("the vector does not exercise both alphabets and padding: %s", std)
	}
	want := []otpauth.Account{totp("Example", "alice", otp.SHA1, 6, sec)}

	tests := []struct {
		name string
		uri  string
		err  error // nil: success with want
	}{
		{"google style", uriOf(one), nil},
		{"raw base64 in the query", "otpauth-migration://offline?data=" + std, nil},
		{"url-safe unpadded", "otpauth-migration://offline?data=" + raw, nil},
		{"upper-case scheme and host", "OTPAUTH-MIGRATION://OFFLINE?data=" + std, nil},
		{"surrounding space and other params", "  otpauth-migration://offline?x=1&data=" + std + "&y=2#frag \n", nil},
		{"wrapped data", "otpauth-migration://offline?data=" + std[:10] + "%0A" + std[10:], nil},
		{"otpauth", "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP", migration.ErrNotMigration},
		{"text", "Lorem ipsum dolor sit amet", migration.ErrNotMigration},
		{"no slashes", "otpauth-migration:offline?data=" + std, migration.ErrNotMigration},
		{"other host", "otpauth-migration://online?data=" + std, migration.ErrNotMigration},
		{"path", "otpauth-migration://offline/x?data=" + std, migration.ErrNotMigration},
		{"no data", "otpauth-migration://offline?dat=" + std, migration.ErrMalformed},
		{"no query", "otpauth-migration://offline", migration.ErrMalformed},
		{"empty data", "otpauth-migration://offline?data=", migration.ErrMalformed},
		{"data twice", "otpauth-migration://offline?data=" + std + "&data=" + std, migration.ErrMalformed},
		{"bad escape", "otpauth-migration://offline?data=%zz" + std, migration.ErrMalformed},
		{"not base64", "otpauth-migration://offline?data=ab*d", migration.ErrMalformed},
		{"base64 of one byte and a bit", "otpauth-migration://offline?data=XXXXX", migration.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := migration.ParseURI(tt.uri)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("ParseURI error = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseURI: %v", err)
			}
			if !equalAccounts(p.Accounts, want) || len(p.Skipped) != 0 {
				t.Errorf("accounts = %v, skipped %v; want %v", p.Accounts, p.Skipped, want)
			}
			if p.Version != 1 || p.BatchSize != 1 || p.BatchIndex != 0 || p.BatchID != 7 {
				t.Errorf("batch fields = %d %d %d %d, want 1 1 0 7", p.Version, p.BatchSize, p.BatchIndex, p.BatchID)
			}
		})
	}
}

func TestParsePayload(t *testing.T) {
	sec := secret1
	good := account(sec, "good", "", 1, 1, 2, 0)
	tests := []struct {
		name string
		data []byte
		err  error // whole-payload error
		want []otpauth.Account
		skip []error // per skipped account, in order
		// skipIndex are the indexes of the skipped accounts.
		skipIndex []int
		id        int
	}{
		{
			name: "every algorithm, digits and type",
			data: payload(1, 0, -5,
				account(sec, "a", "I", 1, 1, 2, 0),
				account(sec, "b", "I", 2, 2, 2, 0),
				account(sec, "c", "I", 3, 1, 1, 0),
				account(sec, "d", "I", 1, 2, 1, 12345)),
			want: []otpauth.Account{
				totp("I", "a", otp.SHA1, 6, sec),
				totp("I", "b", otp.SHA256, 8, sec),
				hotp("I", "c", otp.SHA512, 6, 0, sec),
				hotp("I", "d", otp.SHA1, 8, 12345, sec),
			},
			id: -5,
		},
		{
			name: "unspecified algorithm and digits are SHA1 and 6",
			data: payload(1, 0, 1, account(sec, "a", "", 0, 0, 2, 0)),
			want: []otpauth.Account{totp("", "a", otp.SHA1, 6, sec)},
			id:   1,
		},
		{
			name: "issuer prefix in the name is removed",
			data: payload(1, 0, 1,
				account(sec, "GitHub:alice", "GitHub", 1, 1, 2, 0),
				account(sec, "github : bob ", "GitHub", 1, 1, 2, 0),
				account(sec, "Other:carol", "GitHub", 1, 1, 2, 0),
				account(sec, "encoding: x (demo)", "", 1, 1, 2, 0),
				account(sec, "  dave  ", "  Space  ", 1, 1, 2, 0)),
			want: []otpauth.Account{
				totp("GitHub", "alice", otp.SHA1, 6, sec),
				totp("GitHub", "bob", otp.SHA1, 6, sec),
				totp("GitHub", "Other:carol", otp.SHA1, 6, sec),
				totp("", "encoding: x (demo)", otp.SHA1, 6, sec),
				totp("Space", "dave", otp.SHA1, 6, sec),
			},
			id: 1,
		},
		{
			name: "unknown fields are skipped",
			data: append(pb(nil).bytes(1, append(account(sec, "a", "", 1, 1, 2, 0).fixed32(15, 9).str(16, "x"), pb(nil).varint(99, 3)...)).
				varint(2, 1).varint(3, 1).varint(4, 0).varint(5, 1).str(6, "future").fixed32(7, 1), pb(nil).varint(1000, 1)...),
			want: []otpauth.Account{totp("", "a", otp.SHA1, 6, sec)},
			id:   1,
		},
		{
			name: "counter on a TOTP account is ignored",
			data: payload(1, 0, 1, account(sec, "a", "", 1, 1, 2, 77)),
			want: []otpauth.Account{totp("", "a", otp.SHA1, 6, sec)},
			id:   1,
		},
		{
			name: "bad accounts are skipped, the others kept",
			data: payload(1, 0, 1,
				account(sec, "md5", "", 4, 1, 2, 0),
				good,
				account(sec, "alg9", "", 9, 1, 2, 0),
				account(sec, "digits7", "", 1, 3, 2, 0),
				account(sec, "notype", "", 1, 1, 0, 0),
				account(sec, "type3", "", 1, 1, 3, 0),
				account(nil, "nosecret", "", 1, 1, 2, 0),
				account(sec, "", "", 1, 1, 2, 0),
				account(sec, "neg", "", 1, 1, 1, 1<<63),
				pb(nil).bytes(1, sec).varint(2, 5), // name with the wrong wire type
				pb{0x0a, 0x05, 0x01},               // truncated secret
				account(sec, "bad\xffutf8", "", 1, 1, 2, 0),
				account(sec, "ctrl\x07", "", 1, 1, 2, 0),
				good),
			want: []otpauth.Account{totp("", "good", otp.SHA1, 6, sec), totp("", "good", otp.SHA1, 6, sec)},
			skip: []error{
				migration.ErrUnsupported, migration.ErrUnsupported, migration.ErrUnsupported,
				migration.ErrUnsupported, migration.ErrUnsupported, otpauth.ErrSecret, otpauth.ErrLabel,
				migration.ErrMalformed, migration.ErrMalformed, migration.ErrMalformed, otpauth.ErrLabel, otpauth.ErrLabel,
			},
			skipIndex: []int{0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
			id:        1,
		},
		{
			name: "batch fields absent",
			data: pb(nil).bytes(1, good),
			want: []otpauth.Account{totp("", "good", otp.SHA1, 6, sec)},
		},
		{name: "empty", data: nil, err: migration.ErrMalformed},
		{name: "no accounts", data: pb(nil).varint(2, 1).varint(3, 1), err: migration.ErrMalformed},
		{name: "truncated account", data: pb{0x0a, 0x30, 0x0a}, err: migration.ErrMalformed},
		{name: "accounts with wrong wire type", data: pb(nil).varint(1, 3), err: migration.ErrMalformed},
		{name: "version with wrong wire type", data: pb(nil).bytes(1, good).str(2, "1"), err: migration.ErrMalformed},
		{name: "truncated varint", data: append(pb(nil).bytes(1, good), 0x10, 0x80), err: migration.ErrMalformed},
		{name: "field number 0", data: append(pb(nil).bytes(1, good), 0x00, 0x00), err: migration.ErrMalformed},
		{name: "index not below size", data: payload(2, 2, 1, good), err: migration.ErrMalformed},
		{name: "index without size", data: payload(0, 1, 1, good), err: migration.ErrMalformed},
		{name: "negative size", data: payload(uint64(1<<64-1), 0, 1, good), err: migration.ErrMalformed},
		{name: "size above the bound", data: payload(migration.MaxBatchSize+1, 0, 1, good), err: migration.ErrMalformed},
		{name: "size of 2^31-1", data: payload(1<<31-1, 0, 1, good), err: migration.ErrMalformed},
		{
			name: "size at the bound",
			data: payload(migration.MaxBatchSize, migration.MaxBatchSize-1, 1, good),
			want: []otpauth.Account{totp("", "good", otp.SHA1, 6, sec)},
			id:   1,
		},
		{name: "wrong_data.txt's data", data: []byte{0x5d, 0x75, 0xd7}, err: migration.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := migration.Parse(tt.data)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("Parse error = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !equalAccounts(p.Accounts, tt.want) {
				t.Errorf("accounts = %v\nwant %v", p.Accounts, tt.want)
			}
			if len(p.Skipped) != len(tt.skip) {
				t.Fatalf("skipped %d (%v), want %d", len(p.Skipped), p.Skipped, len(tt.skip))
			}
			for i, s := range p.Skipped {
				if !errors.Is(s.Err, tt.skip[i]) || s.Index != tt.skipIndex[i] {
					t.Errorf("skip %d = %v, want index %d and %v", i, s, tt.skipIndex[i], tt.skip[i])
				}
				if strings.Contains(s.Err.Error(), string(sec)) {
					t.Errorf("skip %d error shows the secret", i)
				}
			}
			if p.BatchID != tt.id {
				t.Errorf("BatchID = %d, want %d", p.BatchID, tt.id)
			}
		})
	}
}

// TestSkipNames checks the label given for skipped accounts, which the user
// sees: readable, with the issuer, and safe to print.
func TestSkipNames(t *testing.T) {
	p, err := migration.Parse(payload(1, 0, 1,
		account(secret1, "GitHub:alice", "GitHub", 4, 1, 2, 0),
		account(secret1, "bad\x07", "", 4, 1, 2, 0),
		account(secret1, "ok", "", 1, 1, 2, 0)))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"GitHub:alice", "bad\uFFFD"}
	if len(p.Skipped) != len(want) {
		t.Fatalf("skipped = %v", p.Skipped)
	}
	for i, s := range p.Skipped {
		if s.Name != want[i] {
			t.Errorf("skip %d name = %q, want %q", i, s.Name, want[i])
		}
	}
}

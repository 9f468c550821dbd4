package otp_test

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"twofold.app/app/otp"
)

// rfcSecret returns n bytes of "1234567890" repeated, the secrets of RFC 4226
// and RFC 6238. RFC 6238 Appendix B says every mode uses the 20-byte secret,
// but its reference code (Appendix A) uses 20 bytes for SHA-1, 32 for SHA-256
// and 64 for SHA-512, and the table was computed with those.
func rfcSecret(n int) []byte {
	return []byte(strings.Repeat("1234567890", 7)[:n])
}

// RFC 4226 Appendix D: HOTP values of the 20-byte secret for counters 0 to 9.
func TestRFC4226(t *testing.T) {
	want := []string{
		"755224", "287082", "359152", "969429", "338314",
		"254676", "287922", "162583", "399871", "520489",
	}
	for counter, w := range want {
		k := otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 6, Counter: uint64(counter), Secret: rfcSecret(20)}
		// The time must not matter for HOTP.
		for _, now := range []time.Time{{}, time.Unix(59, 0), time.Unix(-1e9, 0)} {
			got, err := k.Code(now)
			if err != nil {
				t.Fatalf("counter %d: %v", counter, err)
			}
			if got != w {
				t.Errorf("counter %d at %v: got %s, want %s", counter, now, got, w)
			}
		}
	}
}

// RFC 6238 Appendix B, all rows: 8-digit TOTP, 30 s period.
func TestRFC6238(t *testing.T) {
	secrets := map[otp.Algorithm][]byte{
		otp.SHA1:   rfcSecret(20),
		otp.SHA256: rfcSecret(32),
		otp.SHA512: rfcSecret(64),
	}
	tests := []struct {
		unix int64
		alg  otp.Algorithm
		want string
	}{
		{59, otp.SHA1, "94287082"},
		{59, otp.SHA256, "46119246"},
		{59, otp.SHA512, "90693936"},
		{1111111109, otp.SHA1, "07081804"},
		{1111111109, otp.SHA256, "68084774"},
		{1111111109, otp.SHA512, "25091201"},
		{1111111111, otp.SHA1, "14050471"},
		{1111111111, otp.SHA256, "67062674"},
		{1111111111, otp.SHA512, "99943326"},
		{1234567890, otp.SHA1, "89005924"},
		{1234567890, otp.SHA256, "91819424"},
		{1234567890, otp.SHA512, "93441116"},
		{2000000000, otp.SHA1, "69279037"},
		{2000000000, otp.SHA256, "90698825"},
		{2000000000, otp.SHA512, "38618901"},
		{20000000000, otp.SHA1, "65353130"},
		{20000000000, otp.SHA256, "77737706"},
		{20000000000, otp.SHA512, "47863826"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d/%v", tt.unix, tt.alg), func(t *testing.T) {
			k := otp.Key{Type: otp.TOTP, Algorithm: tt.alg, Digits: 8, Period: 30, Secret: secrets[tt.alg]}
			got, err := k.Code(time.Unix(tt.unix, 0))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			// The counter is the number of whole periods: the last
			// nanosecond of the step gives the same code.
			got, err = k.Code(time.Unix(tt.unix, 999999999))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("at +999999999ns: got %s, want %s", got, tt.want)
			}
		})
	}
}

// steamAlphabet is Steam Guard's alphabet: digits and upper-case letters
// without 0, 1, A, E, I, L, O, S, U and Z.
const steamAlphabet = "23456789BCDFGHJKMNPQRTVWXY"

// referenceSteam computes a Steam Guard code from scratch: HMAC-SHA1 of the
// big-endian counter, RFC 4226 dynamic truncation to 31 bits, then five
// base-26 digits, least significant first, mapped through steamAlphabet.
func referenceSteam(secret []byte, counter uint64) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac := hmac.New(sha1.New, secret)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:]) & 0x7fffffff
	var code [5]byte
	for i := range code {
		code[i] = steamAlphabet[v%26]
		v /= 26
	}
	return string(code[:])
}

func TestSteamAlphabet(t *testing.T) {
	if len(steamAlphabet) != 26 {
		t.Fatalf("alphabet has %d characters", len(steamAlphabet))
	}
	for _, c := range "01AEILOSUZ" {
		if strings.ContainsRune(steamAlphabet, c) {
			t.Errorf("alphabet contains %c", c)
		}
	}
}

func TestSteam(t *testing.T) {
	// Vectors published by other implementations: KeePassXC's TestTotp
	// (secret 63BE…, two timestamps) and an all-zero 20-byte secret.
	keepass, err := base32.StdEncoding.DecodeString("63BEDWCQZKTQWPESARIERL5DTTQFCJTK")
	if err != nil {
		t.Fatal(err)
	}
	zero := make([]byte, 20)
	tests := []struct {
		name   string
		secret []byte
		unix   int64
		want   string
	}{
		{"keepassxc 1", keepass, 1511200518, "FR8RV"},
		{"keepassxc 2", keepass, 1511200714, "9P3VP"},
		{"zero counter 0", zero, 0, "RYH4D"},
		{"zero counter 1", zero, 30, "DR2DK"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := otp.Key{Type: otp.Steam, Algorithm: otp.SHA1, Digits: 5, Period: 30, Secret: tt.secret}
			got, err := k.Code(time.Unix(tt.unix, 0))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if ref := referenceSteam(tt.secret, uint64(tt.unix/30)); ref != tt.want {
				t.Errorf("reference implementation gives %s, want %s", ref, tt.want)
			}
		})
	}

	// Many time steps against the reference implementation.
	secret := rfcSecret(20)
	k := otp.Key{Type: otp.Steam, Algorithm: otp.SHA1, Digits: 5, Period: 30, Secret: secret}
	for step := uint64(0); step < 2000; step++ {
		unix := int64(step*30 + step%30)
		got, err := k.Code(time.Unix(unix, 0))
		if err != nil {
			t.Fatal(err)
		}
		if want := referenceSteam(secret, step); got != want {
			t.Fatalf("step %d: got %s, want %s", step, got, want)
		}
	}
}

// referenceHOTP is RFC 4226 section 5.3 written out, for any hash.
func referenceHOTP(alg otp.Algorithm, secret []byte, counter uint64, digits int) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac := hmac.New(hashFor(alg), secret)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, v%mod)
}

// TestCodeAgainstReference covers 7 digits, odd periods and secrets of odd
// lengths, which the RFC tables do not.
func TestCodeAgainstReference(t *testing.T) {
	secret, _ := hex.DecodeString("00112233445566778899aabbccddeeff0102030405")
	for _, alg := range []otp.Algorithm{otp.SHA1, otp.SHA256, otp.SHA512} {
		for _, digits := range []int{6, 7, 8} {
			for _, period := range []int{1, 7, 30, 37, 300} {
				for _, n := range []int{1, 10, 21} {
					k := otp.Key{Type: otp.TOTP, Algorithm: alg, Digits: digits, Period: period, Secret: secret[:n]}
					for _, unix := range []int64{0, 1, 36, 37, 1700000000, 1<<33 + 5} {
						got, err := k.Code(time.Unix(unix, 0))
						if err != nil {
							t.Fatal(err)
						}
						want := referenceHOTP(alg, secret[:n], uint64(unix)/uint64(period), digits)
						if got != want {
							t.Errorf("%v: at %d got %s, want %s", k, unix, got, want)
						}
					}
				}
			}
		}
	}
}

func TestCodeBeforeEpoch(t *testing.T) {
	for _, typ := range []otp.Type{otp.TOTP, otp.Steam} {
		k := otp.Key{Type: typ, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte("x")}
		if typ == otp.Steam {
			k.Digits = 5
		}
		code, err := k.Code(time.Unix(-1, 0))
		if !errors.Is(err, otp.ErrTime) {
			t.Errorf("%v: got %q, %v; want ErrTime", typ, code, err)
		}
		if _, err := k.Code(time.Unix(0, 0)); err != nil {
			t.Errorf("%v at the epoch: %v", typ, err)
		}
	}
}

func TestCodeValidatesFirst(t *testing.T) {
	k := otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30}
	code, err := k.Code(time.Unix(59, 0))
	if !errors.Is(err, otp.ErrSecret) || code != "" {
		t.Errorf("empty secret: got %q, %v; want ErrSecret", code, err)
	}
}

func TestValidate(t *testing.T) {
	good := otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte{1}}
	tests := []struct {
		name string
		edit func(*otp.Key)
		want error
	}{
		{"valid totp", func(k *otp.Key) {}, nil},
		{"valid 7 digits", func(k *otp.Key) { k.Digits = 7 }, nil},
		{"valid 8 digits sha512", func(k *otp.Key) { k.Digits = 8; k.Algorithm = otp.SHA512 }, nil},
		{"valid period 1", func(k *otp.Key) { k.Period = 1 }, nil},
		{"valid period 300", func(k *otp.Key) { k.Period = 300 }, nil},
		{"valid hotp without period", func(k *otp.Key) { k.Type = otp.HOTP; k.Period = 0; k.Counter = 1 << 63 }, nil},
		{"valid steam", func(k *otp.Key) { k.Type = otp.Steam; k.Digits = 5 }, nil},
		{"zero type", func(k *otp.Key) { k.Type = 0 }, otp.ErrType},
		{"type 4", func(k *otp.Key) { k.Type = 4 }, otp.ErrType},
		{"zero algorithm", func(k *otp.Key) { k.Algorithm = 0 }, otp.ErrAlgorithm},
		{"algorithm 4", func(k *otp.Key) { k.Algorithm = 4 }, otp.ErrAlgorithm},
		{"5 digits totp", func(k *otp.Key) { k.Digits = 5 }, otp.ErrDigits},
		{"9 digits", func(k *otp.Key) { k.Digits = 9 }, otp.ErrDigits},
		{"0 digits", func(k *otp.Key) { k.Digits = 0 }, otp.ErrDigits},
		{"negative digits", func(k *otp.Key) { k.Digits = -6 }, otp.ErrDigits},
		{"6 digits steam", func(k *otp.Key) { k.Type = otp.Steam }, otp.ErrDigits},
		{"8 digits hotp", func(k *otp.Key) { k.Type = otp.HOTP; k.Digits = 9 }, otp.ErrDigits},
		{"period 0", func(k *otp.Key) { k.Period = 0 }, otp.ErrPeriod},
		{"period -30", func(k *otp.Key) { k.Period = -30 }, otp.ErrPeriod},
		{"period 301", func(k *otp.Key) { k.Period = 301 }, otp.ErrPeriod},
		{"steam period 0", func(k *otp.Key) { k.Type = otp.Steam; k.Digits = 5; k.Period = 0 }, otp.ErrPeriod},
		{"nil secret", func(k *otp.Key) { k.Secret = nil }, otp.ErrSecret},
		{"empty secret", func(k *otp.Key) { k.Secret = []byte{} }, otp.ErrSecret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := good
			tt.edit(&k)
			err := k.Validate()
			if tt.want == nil {
				if err != nil {
					t.Errorf("got %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
			// Every failure of Validate is also a failure of Code.
			if _, cerr := k.Code(time.Unix(59, 0)); !errors.Is(cerr, tt.want) {
				t.Errorf("Code: got %v, want %v", cerr, tt.want)
			}
		})
	}
}

func TestRemaining(t *testing.T) {
	totp := func(period int) otp.Key { return otp.Key{Type: otp.TOTP, Period: period} }
	tests := []struct {
		name string
		key  otp.Key
		at   time.Time
		want time.Duration
	}{
		{"epoch", totp(30), time.Unix(0, 0), 30 * time.Second},
		{"one ns in", totp(30), time.Unix(0, 1), 30*time.Second - 1},
		{"last ns", totp(30), time.Unix(29, 999999999), 1},
		{"boundary", totp(30), time.Unix(30, 0), 30 * time.Second},
		{"rfc 1234567890 is a boundary", totp(30), time.Unix(1234567890, 0), 30 * time.Second},
		{"rfc 1111111109", totp(30), time.Unix(1111111109, 0), 1 * time.Second},
		{"rfc 59", totp(30), time.Unix(59, 0), time.Second},
		{"odd period start", totp(7), time.Unix(14, 0), 7 * time.Second},
		{"odd period", totp(7), time.Unix(15, 500000000), 5*time.Second + 500*time.Millisecond},
		{"period 1", totp(1), time.Unix(5, 250000000), 750 * time.Millisecond},
		{"period 300", totp(300), time.Unix(1, 0), 299 * time.Second},
		{"before epoch", totp(30), time.Unix(-1, 0), time.Second},
		{"before epoch boundary", totp(30), time.Unix(-30, 0), 30 * time.Second},
		{"before epoch odd", totp(7), time.Unix(-13, 0), 6 * time.Second},
		{"before epoch odd late", totp(7), time.Unix(-8, 0), time.Second},
		{"steam", otp.Key{Type: otp.Steam, Period: 30}, time.Unix(45, 0), 15 * time.Second},
		{"hotp", otp.Key{Type: otp.HOTP, Period: 30}, time.Unix(45, 0), 0},
		{"zero period", totp(0), time.Unix(45, 0), 0},
		{"negative period", totp(-30), time.Unix(45, 0), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.key.Remaining(tt.at); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestRemainingMatchesCode checks that the code changes exactly when
// Remaining says it will, across odd periods.
func TestRemainingMatchesCode(t *testing.T) {
	for _, period := range []int{1, 7, 30, 37} {
		k := otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 8, Period: period, Secret: rfcSecret(20)}
		at := time.Unix(1700000003, 123456789)
		for range 5 {
			r := k.Remaining(at)
			if r <= 0 || r > time.Duration(period)*time.Second {
				t.Fatalf("period %d: Remaining %v out of range", period, r)
			}
			before, _ := k.Code(at.Add(r - 1))
			now, _ := k.Code(at)
			after, _ := k.Code(at.Add(r))
			if before != now {
				t.Errorf("period %d: code changed before Remaining ran out", period)
			}
			// Consecutive codes of this key are distinct in this
			// range; the assertion would catch a wrong boundary.
			if after == now {
				t.Errorf("period %d: code did not change when Remaining ran out", period)
			}
			at = at.Add(r)
		}
	}
}

func TestGroup(t *testing.T) {
	tests := []struct {
		name, code, want string
	}{
		{"six", "123456", "123 456"},
		{"seven", "1234567", "123 4567"},
		{"eight", "12345678", "1234 5678"},
		{"leading zeros", "000001", "000 001"},
		{"steam", "FR8RV", "FR8RV"},
		{"five digits", "12345", "12345"},
		{"empty", "", ""},
		{"nine", "123456789", "123456789"},
		{"six not digits", "ABCDEF", "ABCDEF"},
		{"six bytes multibyte", "ééé", "ééé"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := otp.Group(tt.code); got != tt.want {
				t.Errorf("Group(%q) = %q, want %q", tt.code, got, tt.want)
			}
		})
	}
}

func TestKeyStringHidesSecret(t *testing.T) {
	secret := []byte("\x42\x43super-secret-bytes")
	k := otp.Key{Type: otp.HOTP, Algorithm: otp.SHA256, Digits: 7, Counter: 9, Secret: secret}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb, k) + fmt.Sprintf(verb, &k) + fmt.Sprintf(verb, []otp.Key{k})
		for _, leak := range []string{
			string(secret), "super", fmt.Sprint([]byte(secret))[1:8], hex.EncodeToString(secret)[:8],
			base32.StdEncoding.EncodeToString(secret)[:8],
		} {
			if strings.Contains(out, leak) {
				t.Errorf("%s prints the secret (%q): %s", verb, leak, out)
			}
		}
		if !strings.Contains(out, "20 bytes") {
			t.Errorf("%s does not give the secret length: %s", verb, out)
		}
	}
}

func TestParseTypeAlgorithm(t *testing.T) {
	for _, typ := range []otp.Type{otp.TOTP, otp.HOTP, otp.Steam} {
		for _, s := range []string{typ.String(), strings.ToUpper(typ.String())} {
			if got, err := otp.ParseType(s); err != nil || got != typ {
				t.Errorf("ParseType(%q) = %v, %v", s, got, err)
			}
		}
	}
	if _, err := otp.ParseType("motp"); !errors.Is(err, otp.ErrType) {
		t.Errorf("ParseType(motp): %v", err)
	}
	for _, a := range []otp.Algorithm{otp.SHA1, otp.SHA256, otp.SHA512} {
		s := a.String()
		for _, in := range []string{s, strings.ToLower(s), s[:3] + "-" + s[3:]} {
			if got, err := otp.ParseAlgorithm(in); err != nil || got != a {
				t.Errorf("ParseAlgorithm(%q) = %v, %v", in, got, err)
			}
		}
	}
	for _, in := range []string{"MD5", "", "SHA", "SHA-1-", "SHA384"} {
		if _, err := otp.ParseAlgorithm(in); !errors.Is(err, otp.ErrAlgorithm) {
			t.Errorf("ParseAlgorithm(%q): %v", in, err)
		}
	}
}

func BenchmarkCode(b *testing.B) {
	k := otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: rfcSecret(20)}
	now := time.Unix(1700000000, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := k.Code(now); err != nil {
			b.Fatal(err)
		}
	}
}

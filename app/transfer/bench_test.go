package transfer

import (
	"fmt"
	"hash/crc32"
	"io"
	"strconv"
	"testing"

	qrcode "github.com/skip2/go-qrcode"

	"twofold.app/app/exportqr"
	"twofold.app/app/kdf"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/vault"
)

// realisticAccounts returns n accounts as a person has them: TOTP, SHA-1,
// 6 digits, 30 seconds and a 20-byte random secret each, the issuer a
// service's name, the name one of a few e-mail addresses.
func realisticAccounts(n int, rnd io.Reader) []vault.Account {
	services := []string{"GitHub", "Google", "Microsoft", "Amazon Web Services", "Dropbox", "Facebook",
		"Twitter", "LinkedIn", "Slack", "GitLab", "Bitbucket", "Cloudflare", "DigitalOcean", "Heroku",
		"Atlassian", "Zoom", "Salesforce", "Stripe", "PayPal", "Coinbase", "Kraken", "Binance",
		"Proton", "Fastmail", "Tutanota", "Discord", "Reddit", "Twitch", "Epic Games", "Nintendo",
		"Sony", "Ubisoft", "npm", "PyPI", "Docker Hub", "Mailchimp", "Shopify", "WordPress",
		"Namecheap", "Gandi", "OVHcloud", "Hetzner", "Backblaze", "Bitwarden", "1Password",
		"Okta", "Auth0", "Figma", "Notion", "Asana"}
	emails := []string{"alice.martin@gmail.com", "alice@example.com", "a.martin@company.example",
		"alice.martin+shop@gmail.com", "amartin@university.example.edu"}
	out := make([]vault.Account, n)
	for i := range out {
		secret := make([]byte, 20)
		io.ReadFull(rnd, secret)
		issuer := services[i%len(services)]
		if i >= len(services) {
			issuer += " " + strconv.Itoa(i/len(services)+1)
		}
		out[i] = vault.Account{Issuer: issuer, Name: emails[i%len(emails)],
			Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: secret}}
	}
	return out
}

// noKDF stands for the key derivation in benchmarks of what comes around
// it: a constant key.
func noKDF(password, salt []byte, p kdf.Params) ([]byte, error) {
	return make([]byte, kdf.KeySize), nil
}

// cborHead returns the length of the head of a CBOR item of major type
// 0 (unsigned) or 2 (byte string) with argument v (RFC 8949, section 3).
func cborHead(v uint64) int {
	switch {
	case v < 24:
		return 1
	case v < 1<<8:
		return 2
	case v < 1<<16:
		return 3
	case v < 1<<32:
		return 5
	}
	return 9
}

// bcur returns how many parts of the same QR capacity the BC-UR encoding
// of message as a "bytes" UR needs, and the UR bytes in each: the UR
// is the CBOR byte string of message; a multipart UR cuts it into seqLen
// fragments of equal length (the last zero-padded) and writes part n as
// "UR:BYTES/n-seqLen/" and the minimal bytewords (two letters a byte,
// upper case for the QR alphanumeric mode) of the CBOR array [n, seqLen,
// messageLen, CRC-32 of the message, fragment] followed by the CRC-32 of
// that array. One part that fits is written "UR:BYTES/" and the bytewords
// of the UR with its CRC-32. Parts are numbered from 1; the first seqLen
// are the fragments themselves, which is what is counted here (the
// fountain parts after them are the same size).
func bcur(message []byte, capacity int) (parts, fragment int) {
	ur := append(cborBytesHead(len(message)), message...)
	if len("UR:BYTES/")+2*(len(ur)+4) <= capacity {
		return 1, len(ur)
	}
	check := uint64(crc32.ChecksumIEEE(ur))
	for n := 2; n <= len(ur); n++ {
		frag := (len(ur) + n - 1) / n
		body := 1 + cborHead(uint64(n)) + cborHead(uint64(n)) + cborHead(uint64(len(ur))) + cborHead(check) + cborHead(uint64(frag)) + frag
		text := len("UR:BYTES/") + 2*len(strconv.Itoa(n)) + 2 + 2*(body+4) // part n's header is the longest
		if text <= capacity {
			return n, frag
		}
	}
	return 0, 0
}

// cborBytesHead returns the head of a CBOR byte string of n bytes.
func cborBytesHead(n int) []byte {
	switch cborHead(uint64(n)) {
	case 1:
		return []byte{0x40 | byte(n)}
	case 2:
		return []byte{0x58, byte(n)}
	case 3:
		return []byte{0x59, byte(n >> 8), byte(n)}
	}
	return []byte{0x5a, byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}
}

// TestBCUR checks the part count against a case worked by hand: 1,000
// bytes of message at version 10-M (311 characters).
func TestBCUR(t *testing.T) {
	// The UR is 3 + 1000 = 1003 bytes. Cut in 7, a part holds
	// ceil(1003/7) = 144 of them: the CBOR array is 1 + 1 (7) + 1 (7) +
	// 3 (1003) + 5 (the CRC-32) + 2 (the byte string's head) + 144 = 157
	// bytes, 161 with its own CRC-32, 322 letters, and "UR:BYTES/7-7/"
	// makes 335: too many. Cut in 8: 126 bytes, 139 of CBOR, 143 with
	// the CRC, 286 letters, 299 characters.
	if n, _ := bcur(make([]byte, 1000), 311); n != 8 {
		t.Errorf("BC-UR: %d parts, want 8", n)
	}
	if n, _ := bcur(make([]byte, 10), 311); n != 1 {
		t.Errorf("BC-UR of 10 bytes: %d parts, want 1", n)
	}
}

// BenchmarkSizes reports, for 10, 100 and 500 accounts, how many codes a
// transfer takes in each situation, beside Google Authenticator's export of
// the same accounts (app/exportqr) and the BC-UR encoding of the same
// sealed message at the same QR version. Each row is logged as a line of
// the table in BENCHMARKS.md ("Transfer sizes").
func BenchmarkSizes(b *testing.B) {
	for _, n := range []int{10, 100, 500} {
		rnd := vectorRand(fmt.Sprint("sizes ", n))
		accounts := realisticAccounts(n, rnd)
		code, _ := NewCode(rnd)
		m, err := Seal(accounts, code, DefaultParams, rnd, noKDF)
		if err != nil {
			b.Fatal(err)
		}
		ga := make([]otpauth.Account, n)
		for i, a := range accounts {
			ga[i] = otpauth.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key}
		}
		codes, skipped, err := exportqr.Make(ga, 1)
		if err != nil || len(skipped) > 0 {
			b.Fatalf("Google Authenticator export: %v, %d skipped", err, len(skipped))
		}
		gaVersion := 0
		for _, c := range codes {
			gaVersion = max(gaVersion, c.Version)
		}
		for _, s := range []Situation{Screen, Camera, OldCamera} {
			b.Run(fmt.Sprintf("accounts=%d/%v", n, s), func(b *testing.B) {
				l := LayoutFor(s)
				var frames []string
				for b.Loop() {
					frames = m.Frames(l)
				}
				level := qrcode.Medium
				if l.Level == LevelL {
					level = qrcode.Low
				}
				q, err := qrcode.New(frames[0], level)
				if err != nil {
					b.Fatal(err)
				}
				// A transfer of one frame takes the smallest version that
				// holds it; compare at the version actually used.
				used := Layout{Version: q.VersionNumber, Level: l.Level}
				k, size := blocks(len(m.data), l)
				share := float64(base45Len(size)) / float64(used.Capacity())
				parts, frag := bcur(m.data, used.Capacity())
				b.ReportMetric(float64(len(m.data)), "message-bytes")
				b.ReportMetric(float64(k), "frames")
				b.ReportMetric(float64(q.VersionNumber), "qr-version")
				b.ReportMetric(float64(size), "bytes/frame")
				b.ReportMetric(100*share, "%capacity")
				b.ReportMetric(float64(len(codes)), "ga-codes")
				b.ReportMetric(float64(gaVersion), "ga-max-version")
				b.ReportMetric(float64(parts), "bcur-frames")
				b.Logf("| %d | %v | %d | %d (v%d-%v) | %d | %.0f %% | %d (v≤%d) | %.2f | %d (%d B) | %.2f |",
					n, s, len(m.data), k, q.VersionNumber, l.Level, size, 100*share, len(codes), gaVersion,
					float64(k)/float64(len(codes)), parts, frag, float64(k)/float64(parts))
			})
		}
	}
}

// BenchmarkSeal500 measures sealing 500 accounts, the key derivation left
// out: encoding, compression and encryption.
func BenchmarkSeal500(b *testing.B) {
	rnd := vectorRand("seal")
	accounts := realisticAccounts(500, rnd)
	code, _ := NewCode(rnd)
	m, _ := Seal(accounts, code, DefaultParams, rnd, noKDF)
	b.SetBytes(int64(len(m.data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Seal(accounts, code, DefaultParams, rnd, noKDF); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReceive500 measures a receiver that reads every frame of a
// transfer of 500 accounts and assembles the message: the step-by-step
// frames in order, or the stream's frames after them (sums of blocks).
func BenchmarkReceive500(b *testing.B) {
	rnd := vectorRand("receive")
	code, _ := NewCode(rnd)
	m, _ := Seal(realisticAccounts(500, rnd), code, DefaultParams, rnd, noKDF)
	for _, s := range []Situation{Screen, Camera, OldCamera} {
		l := LayoutFor(s)
		k := m.Count(l)
		steps := m.Frames(l)
		stream := streamUntilDone(b, m, l, uint64(k), false)
		for _, run := range []struct {
			name   string
			frames []string
		}{{"steps", steps}, {"stream", stream}} {
			b.Run(fmt.Sprintf("%v/%s", s, run.name), func(b *testing.B) {
				b.SetBytes(int64(len(m.data)))
				b.ReportAllocs()
				for b.Loop() {
					var r Receiver
					for _, f := range run.frames {
						if _, err := r.Add(f); err != nil {
							b.Fatal(err)
						}
					}
					if _, err := r.Sealed(); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(len(run.frames)), "frames")
			})
		}
	}
}

// BenchmarkOpen500 measures opening a transfer of 500 accounts, the key
// derivation left out: decryption, inflation and decoding.
func BenchmarkOpen500(b *testing.B) {
	rnd := vectorRand("open")
	code, _ := NewCode(rnd)
	m, _ := Seal(realisticAccounts(500, rnd), code, DefaultParams, rnd, noKDF)
	var r Receiver
	for _, f := range m.Frames(LayoutFor(Screen)) {
		r.Add(f)
	}
	s, err := r.Sealed()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(m.data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Open(code, noKDF); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDeriveDefault measures one guess of a verification code: an
// Argon2id derivation with [DefaultParams], natively on one core.
func BenchmarkDeriveDefault(b *testing.B) {
	salt := make([]byte, saltSize)
	for b.Loop() {
		if _, err := kdf.Argon2id([]byte("G3HH2T6QKMM2"), salt, DefaultParams); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImage measures drawing one auto-play code of each situation's
// layout as a PNG, what the sender does for every code it shows.
func BenchmarkImage(b *testing.B) {
	code, _ := NewCode(seeded(30))
	m, err := Seal(testAccounts(500), code, cheap, seeded(31), kdf.Argon2id)
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range []Situation{Screen, Camera, OldCamera} {
		l := LayoutFor(s)
		b.Run(fmt.Sprintf("%v/v%d-%v", s, l.Version, l.Level), func(b *testing.B) {
			n := uint64(0)
			for b.Loop() {
				if _, _, err := Image(m.Stream(l, n), l, 1); err != nil {
					b.Fatal(err)
				}
				n++
			}
		})
	}
}

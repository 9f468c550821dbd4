package ui

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"twofold.app/app/i18n"
	"twofold.app/app/scan"
	"twofold.app/app/transfer"
	"twofold.app/app/vault"
)

func TestCaptureProblem(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("%w: NotAllowedError: permission denied", err) }
	tests := []struct {
		err    error
		screen bool
		want   string // a part; "" for an empty message
	}{
		{wrap(ErrCaptureDenied), false, "The camera was not allowed."},
		{wrap(ErrCaptureDenied), true, "Screen sharing was not allowed."},
		{ErrNoCapture, false, "No camera was found."},
		{ErrNoCapture, true, "cannot share the screen"},
		{ErrCaptureEnded, false, ""},
		{fmt.Errorf("reading: %w", ErrCaptureEnded), true, ""},
		// The words of the sentinels do not count, only the sentinels.
		{errors.New("access was refused"), false, "The camera could not start: access was refused."},
		{errors.New("starting the video: boom"), true, "The screen capture could not start: starting the video: boom."},
	}
	for _, tt := range tests {
		got := captureProblem(i18n.English, tt.err, tt.screen)
		if !strings.Contains(got, tt.want) || (tt.want == "") != (got == "") {
			t.Errorf("captureProblem(%v, screen %v) = %q, want %q", tt.err, tt.screen, got, tt.want)
		}
	}
}

func TestImageProblem(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		several bool
		want    string
	}{
		{"a.png", ErrNoCode, false, "No QR code was found in this image. Try a sharper or larger picture of the code."},
		{"a.png", fmt.Errorf("decoding: %w", ErrNoCode), true, "No QR code was found in “a.png”. Try a sharper or larger picture of the code."},
		{"a.png", errors.New("not an image"), false, "This image could not be read: not an image."},
		{"b.heic", errors.New("not an image"), true, "“b.heic” could not be read: not an image."},
		// The decoder's own failures are said as such, whichever image.
		{"a.png", fmt.Errorf("%w: loading /web/scan.wasm: HTTP 404", ErrDecoderStart), true,
			"The QR code reader could not be loaded: loading /web/scan.wasm: HTTP 404. Reload the page while online, then try again."},
		{"a.png", fmt.Errorf("%w: it did not answer in 2m0s", ErrDecoderFailed), false,
			"The QR code reader stopped working: it did not answer in 2m0s. Try again."},
	}
	for _, tt := range tests {
		if got := imageProblem(i18n.English, tt.name, tt.err, tt.several); got != tt.want {
			t.Errorf("imageProblem(%q, %v, %v) = %q, want %q", tt.name, tt.err, tt.several, got, tt.want)
		}
	}
}

// TestFrameWording checks the words for a live scan that stops: the
// decoder's failures (with the detail after the sentinel's words, or the
// sentinel's words alone), the capture's problems as captureProblem says
// them, and nothing for a capture that just ended.
func TestFrameWording(t *testing.T) {
	tests := []struct {
		err    error
		screen bool
		want   string // "" for no wording
	}{
		{fmt.Errorf("%w: loading wasm_exec.js: NetworkError", ErrDecoderStart), false,
			"The QR code reader could not be loaded: loading wasm_exec.js: NetworkError. Reload the page while online, then try again."},
		{ErrDecoderStart, true,
			"The QR code reader could not be loaded: the qr code reader could not be loaded. Reload the page while online, then try again."},
		{fmt.Errorf("%w: scan.wasm exited", ErrDecoderFailed), true, "The QR code reader stopped working: scan.wasm exited. Try again."},
		{fmt.Errorf("%w: NotAllowedError", ErrCaptureDenied), true, "Screen sharing was not allowed. Try again and choose the window that shows the QR code."},
		{fmt.Errorf("reading: %w", ErrCaptureEnded), false, ""},
	}
	for _, tt := range tests {
		got := frameWording(tt.err, tt.screen).in(i18n.English)
		if got != tt.want {
			t.Errorf("frameWording(%v, screen %v) = %q, want %q", tt.err, tt.screen, got, tt.want)
		}
		if ja := frameWording(tt.err, tt.screen).in(i18n.Japanese); (ja == "") != (tt.want == "") || (ja != "" && ja == got) {
			t.Errorf("frameWording(%v, screen %v) in Japanese = %q", tt.err, tt.screen, ja)
		}
	}
}

// TestTransferProblems checks the words for a transfer whose codes were
// all read but whose message asks too much of the key derivation, and for
// the typed code.
func TestTransferProblems(t *testing.T) {
	params := &scan.Problem{Kind: scan.KindTransfer, Err: fmt.Errorf("transfer %w: %w", scan.ErrUnreadable, transfer.ErrParams)}
	if got := scanProblem(i18n.English, params); !strings.Contains(got, "unreasonable amount of work") {
		t.Errorf("scanProblem(i18n.English, params) = %q", got)
	}
}

// TestDescribeCode checks the words for a typed verification code that
// does not open the transfer, in both languages.
func TestDescribeCode(t *testing.T) {
	code, err := transfer.NewCode(rand.NewChaCha8([32]byte{}))
	if err != nil {
		t.Fatal(err)
	}
	typed := []byte(strings.ReplaceAll(code.String(), "-", ""))
	typed[0], typed[1] = typed[1], typed[0]
	if typed[0] == typed[1] {
		t.Fatal("the test code has twin characters")
	}
	swapped := string(typed)
	tests := []struct {
		typed  string // "" for the wrong code
		en, ja string // parts
	}{
		{"", "Wrong verification code.", "認証コードが違います。"},
		{"2222", "it has 4 characters, not 12", "認証コードは 12 文字ですが、入力されたのは 4 文字です。"},
		{"2", "it has 1 character, not 12", "入力されたのは 1 文字です。"},
		{"  ", "Type the verification code", "認証コードを入力してください。"},
		{"7KQ2-M9XW-RTBO", "a code never holds “O”", "認証コードに「O」は使われません。"},
		{"7KQ2\u200bM9XW", "a code never holds “U+200B”", "「U+200B」"},
		{"7KQ2—M9XW—RTB4", "a code never holds “—”. Separate its groups", "認証コードの区切りに「—」は使えません。"},
		{"7KQ2ーM9XW", "a code never holds “ー”", "区切りに「ー」は使えません。"},
		{"7KQ2\u2003M9XW\u2003RTB4", "a full-width or other special space", "全角スペースなどは使えません。"},
		{swapped, "a character is wrong, or two are swapped", "2 文字が入れ替わっています。"},
	}
	for _, tt := range tests {
		err := transfer.ErrWrongCode
		if tt.typed != "" {
			_, err = transfer.ParseCode(tt.typed)
		}
		for _, c := range []struct {
			l    i18n.Lang
			want string
		}{{i18n.English, tt.en}, {i18n.Japanese, tt.ja}} {
			if got := describeCode(c.l, err); !strings.Contains(got, c.want) {
				t.Errorf("describeCode(%s, %v) = %q, want it to contain %q", c.l.Tag(), err, got, c.want)
			}
		}
	}
	// A typo with no kind of its own is worded with its English problem.
	other := &transfer.TypoError{Problem: "something else"}
	if got := describeCode(i18n.Japanese, other); !strings.Contains(got, "（something else）") {
		t.Errorf("describeCode(ja, %v) = %q", other, got)
	}
}

// kdfSentinel stands for the errors of twofold.app/wasm/kdf, which match
// vault.ErrKDFUnavailable through an Is method.
type kdfSentinel string

func (e kdfSentinel) Error() string        { return string(e) }
func (e kdfSentinel) Is(target error) bool { return target == vault.ErrKDFUnavailable }

func TestDescribeKDF(t *testing.T) {
	start := kdfSentinel("kdf: worker failed to start")
	tests := []struct {
		err  error
		lang i18n.Lang
		want string
	}{
		{fmt.Errorf("deriving the password key: %w: loading /web/kdf.wasm: HTTP 404", start), i18n.English,
			"The password could not be processed: the part of Twofold that derives the vault's key did not load or stopped (worker failed to start: loading /web/kdf.wasm: HTTP 404). Nothing was changed. Try again, or reload the page."},
		{fmt.Errorf("%w: no sign of life after 10s", kdfSentinel("kdf: worker timed out")), i18n.Japanese,
			"パスワードを処理できませんでした。保管庫の鍵を導出する Twofold の部分が読み込めなかったか、停止しました（worker timed out: no sign of life after 10s）。何も変更されていません。もう一度お試しいただくか、ページを再読み込みしてください。"},
		// The words alone do not count, only the sentinel.
		{errors.New("kdf: worker failed to start"), i18n.English, "Kdf: worker failed to start."},
	}
	for _, tt := range tests {
		if got := describe(tt.lang, tt.err); got != tt.want {
			t.Errorf("describe(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"twofold.app/app/i18n"
	"twofold.app/app/qr"
	"twofold.app/app/scan"
	"twofold.app/app/transfer"
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
		{"a.png", qr.ErrNotFound, false, "No QR code was found in this image. Try a sharper or larger picture of the code."},
		{"a.png", fmt.Errorf("decoding: %w", qr.ErrNotFound), true, "No QR code was found in “a.png”. Try a sharper or larger picture of the code."},
		{"a.png", errors.New("not an image"), false, "This image could not be read: not an image."},
		{"b.heic", errors.New("not an image"), true, "“b.heic” could not be read: not an image."},
	}
	for _, tt := range tests {
		if got := imageProblem(i18n.English, tt.name, tt.err, tt.several); got != tt.want {
			t.Errorf("imageProblem(%q, %v, %v) = %q, want %q", tt.name, tt.err, tt.several, got, tt.want)
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
	if got := describeCode(i18n.English, transfer.ErrWrongCode); !strings.HasPrefix(got, "Wrong verification code.") {
		t.Errorf("describeCode(i18n.English, ErrWrongCode) = %q", got)
	}
	_, err := transfer.ParseCode("2222")
	if got := describeCode(i18n.English, err); !strings.Contains(got, "it has 4 characters, not 12") {
		t.Errorf("describeCode(i18n.English, typo) = %q", got)
	}
}

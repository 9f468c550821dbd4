package ui

import (
	"strconv"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/migration"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
)

// TestTransferReceiveTexts feeds the receiving panel codes of every kind,
// as its scanner would, and checks what it says and when it has them all.
func TestTransferReceiveTexts(t *testing.T) {
	acc := func(name string) otpauth.Account {
		return otpauth.Account{Issuer: "I", Name: name, Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30,
			Secret: []byte("secret " + name)}}
	}
	exp, _ := migration.Split([]otpauth.Account{acc("a"), acc("b")}, 1, 5)
	frames := transferFrames(t, acc("t"), acc("u"))
	other := seededTransfer(t, 2, acc("v"))
	n := len(frames)

	p := &TransferReceivePanel{}
	steps := []struct {
		texts           []string
		status, problem string
		stop            bool
	}{
		{texts: []string{exp[0]}, problem: "Google Authenticator export code, not a Twofold transfer code"},
		{texts: []string{otpauth.Format(acc("a"))}, problem: "single account, not a transfer code"},
		{texts: []string{frames[1]}, status: "Code 2 read. 1 of " + strconv.Itoa(n) + " codes in; missing 1, 3"},
		{texts: []string{frames[1]}, status: "Code 2 read. 1 of " + strconv.Itoa(n) + " codes in; missing 1, 3"},
		{texts: []string{other[0]}, status: "Code 2 read.", problem: "another Twofold transfer"},
		{texts: []string{"TWOFOLD:%%%"}, status: "Code 2 read.", problem: "could not be read"},
		{texts: append([]string{frames[0]}, frames[2:]...), status: "All " + strconv.Itoa(n) + " codes are in.", stop: true},
	}
	for i, s := range steps {
		p.problem = ""
		stop := p.onTexts(app.Context{}, s.texts)
		if stop != s.stop {
			t.Errorf("step %d: stop %v, want %v", i, stop, s.stop)
		}
		if !strings.HasPrefix(p.status, s.status) {
			t.Errorf("step %d: status %q, want %q…", i, p.status, s.status)
		}
		if !strings.Contains(p.problem, s.problem) || (s.problem == "") != (p.problem == "") {
			t.Errorf("step %d: problem %q, want %q", i, p.problem, s.problem)
		}
	}
	if p.sealed == nil {
		t.Fatal("every code read, and no sealed transfer to open")
	}
	p.reset()
	if p.sealed != nil || p.progress.Total != 0 {
		t.Error("reset keeps the transfer")
	}
}

package ui

import (
	"strconv"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/migration"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/scan"
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
	if got, want := p.statusLine(i18n.Japanese), "まだ移行用 QR コードを読み取っていません。"; got != want {
		t.Errorf("before any code, the status in Japanese is %q, want %q", got, want)
	}
	for i, s := range steps {
		p.problem = nil
		stop := p.onTexts(app.Context{}, s.texts)
		if stop != s.stop {
			t.Errorf("step %d: stop %v, want %v", i, stop, s.stop)
		}
		if status := p.statusLine(i18n.English); !strings.HasPrefix(status, s.status) {
			t.Errorf("step %d: status %q, want %q…", i, status, s.status)
		}
		if problem := p.problem.in(i18n.English); !strings.Contains(problem, s.problem) || (s.problem == "") != (problem == "") {
			t.Errorf("step %d: problem %q, want %q", i, problem, s.problem)
		}
		if i == 2 {
			// The line follows the language it is drawn in.
			want := "2 番目のコードを読み取りました。" + strconv.Itoa(n) + " 個中 1 個を読み取りました。読み取っていないコード：1、3"
			if got := p.statusLine(i18n.Japanese); !strings.HasPrefix(got, want) {
				t.Errorf("step %d: the status in Japanese is %q, want %q…", i, got, want)
			}
		}
	}
	if p.sealed == nil {
		t.Fatal("every code read, and no sealed transfer to open")
	}
	if got, want := p.statusLine(i18n.Japanese), "すべてのコード（"+strconv.Itoa(n)+" 個）を読み取りました。"; got != want {
		t.Errorf("every code read, the status in Japanese is %q, want %q", got, want)
	}
	p.reset()
	if p.sealed != nil || p.progress.Total != 0 {
		t.Error("reset keeps the transfer")
	}
}

// TestReceivedLine checks the line about the codes in, with a long list
// of missing codes cut short.
func TestReceivedLine(t *testing.T) {
	many := make([]int, 20)
	for i := range many {
		many[i] = i + 5
	}
	tests := []struct {
		prog scan.Progress
		l    i18n.Lang
		want string
	}{
		{scan.Progress{Have: 3, Total: 3}, i18n.English, "3 of 3 codes in."},
		{scan.Progress{Have: 3, Total: 3}, i18n.Japanese, "3 個中 3 個を読み取りました。"},
		{scan.Progress{Have: 1, Total: 3, Missing: []int{0, 2}}, i18n.English, "1 of 3 codes in; missing 1, 3."},
		{scan.Progress{Have: 1, Total: 3, Missing: []int{0, 2}}, i18n.Japanese, "3 個中 1 個を読み取りました。読み取っていないコード：1、3。"},
		{scan.Progress{Have: 5, Total: 25, Missing: many}, i18n.English, "5 of 25 codes in; missing 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 and 8 more."},
		{scan.Progress{Have: 5, Total: 25, Missing: many}, i18n.Japanese, "25 個中 5 個を読み取りました。読み取っていないコード：6、7、8、9、10、11、12、13、14、15、16、17 ほか 8 個。"},
	}
	for _, tt := range tests {
		if got := receivedLine(tt.l, &tt.prog); got != tt.want {
			t.Errorf("receivedLine(%s, %+v) = %q, want %q", tt.l.Tag(), tt.prog, got, tt.want)
		}
	}
}

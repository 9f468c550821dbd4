package migration_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"twofold.app/app/migration"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
)

// export makes the parsed codes of an export of n codes with two accounts
// each; the second account of code 1 is unsupported (MD5), so it is skipped.
func export(t *testing.T, n int, id int32) ([]migration.Payload, []otpauth.Account) {
	t.Helper()
	var parts []migration.Payload
	var want []otpauth.Account
	for i := range n {
		sec := []byte(fmt.Sprintf("secret-%d-%d", id, i))
		second := account(sec, fmt.Sprintf("b%d", i), "I", 1, 2, 1, uint64(i))
		if i == 1 {
			second = account(sec, "md5", "I", 4, 1, 2, 0)
		}
		p, err := migration.Parse(payload(uint64(n), uint64(i), id, account(sec, fmt.Sprintf("a%d", i), "I", 1, 1, 2, 0), second))
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, p)
		want = append(want, totp("I", fmt.Sprintf("a%d", i), otp.SHA1, 6, sec))
		if i != 1 {
			want = append(want, hotp("I", fmt.Sprintf("b%d", i), otp.SHA1, 8, uint64(i), sec))
		}
	}
	return parts, want
}

func TestBatchAnyOrder(t *testing.T) {
	parts, want := export(t, 5, -77)
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 20 {
		order := rng.Perm(len(parts))
		var b migration.Batch
		for k, i := range order {
			prog, err := b.Add(parts[i])
			if err != nil {
				t.Fatalf("round %d: Add(%d): %v", round, i, err)
			}
			// A repeat changes nothing.
			again, err := b.Add(parts[order[rng.IntN(k+1)]])
			if err != nil || again.Have != prog.Have {
				t.Fatalf("round %d: repeat: %v, %+v after %+v", round, err, again, prog)
			}
			wantMissing := []int{}
			for j := range parts {
				if !slices.Contains(order[:k+1], j) {
					wantMissing = append(wantMissing, j)
				}
			}
			if prog.Have != k+1 || prog.Total != len(parts) || !slices.Equal(append([]int{}, prog.Missing...), wantMissing) {
				t.Fatalf("round %d: progress %+v, want %d of %d missing %v", round, prog, k+1, len(parts), wantMissing)
			}
			if prog.Done() != (k == len(parts)-1) {
				t.Fatalf("round %d: Done = %v after %d codes", round, prog.Done(), k+1)
			}
			if !prog.Done() {
				if _, _, err := b.Accounts(); !errors.Is(err, migration.ErrIncomplete) {
					t.Fatalf("round %d: Accounts before the end: %v", round, err)
				}
			}
		}
		got, skipped, err := b.Accounts()
		if err != nil {
			t.Fatal(err)
		}
		if !equalAccounts(got, want) {
			t.Fatalf("round %d: accounts %v\nwant %v", round, got, want)
		}
		// Code 1's second account is the 4th of the export.
		if len(skipped) != 1 || skipped[0].Index != 3 || skipped[0].Name != "I:md5" {
			t.Fatalf("round %d: skipped %v, want the account at index 3", round, skipped)
		}
	}
}

func TestBatchRefuses(t *testing.T) {
	parts, _ := export(t, 3, 9)
	other, _ := export(t, 3, 10)
	sized, _ := export(t, 4, 9)

	var b migration.Batch
	if _, err := b.Add(parts[0]); err != nil {
		t.Fatal(err)
	}
	changed := parts[1]
	changed.Accounts = slices.Clone(changed.Accounts)
	changed.Accounts[0].Name = "changed"
	if _, err := b.Add(parts[1]); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		p    migration.Payload
		err  error
	}{
		{"other batch id", other[2], migration.ErrOtherBatch},
		{"other batch size", sized[2], migration.ErrOtherBatch},
		{"same index, other accounts", changed, migration.ErrOtherBatch},
		{"index out of range", migration.Payload{Accounts: parts[2].Accounts, BatchSize: 3, BatchIndex: 3, BatchID: 9}, migration.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog, err := b.Add(tt.p)
			if !errors.Is(err, tt.err) {
				t.Fatalf("Add error = %v, want %v", err, tt.err)
			}
			if prog.Have != 2 || prog.Total != 3 || !slices.Equal(prog.Missing, []int{2}) {
				t.Errorf("progress after a refused code = %+v, want 2 of 3, missing [2]", prog)
			}
		})
	}
	if _, err := b.Add(parts[2]); err != nil {
		t.Fatalf("the right code after refused ones: %v", err)
	}
	if _, _, err := b.Accounts(); err != nil {
		t.Fatal(err)
	}
}

func TestBatchSingleCodes(t *testing.T) {
	// A code whose writer left the batch fields out counts as one code of
	// one; a second, different one is another export.
	one, err := migration.Parse(pb(nil).bytes(1, account(secret1, "a", "", 1, 1, 2, 0)))
	if err != nil {
		t.Fatal(err)
	}
	two, err := migration.Parse(pb(nil).bytes(1, account(secret1, "b", "", 1, 1, 2, 0)))
	if err != nil {
		t.Fatal(err)
	}
	var b migration.Batch
	if p := b.Progress(); p.Total != 0 || p.Done() {
		t.Errorf("empty batch progress = %+v", p)
	}
	if _, _, err := b.Accounts(); !errors.Is(err, migration.ErrIncomplete) {
		t.Errorf("empty batch Accounts error = %v", err)
	}
	prog, err := b.Add(one)
	if err != nil || !prog.Done() || prog.Total != 1 {
		t.Fatalf("Add = %+v, %v", prog, err)
	}
	if _, err := b.Add(two); !errors.Is(err, migration.ErrOtherBatch) {
		t.Errorf("second single code: %v, want ErrOtherBatch", err)
	}
}

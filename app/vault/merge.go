package vault

import (
	"io"
	"time"
)

// Candidate is an account offered to a vault, by an import, a restore or a
// scan, with whether the vault already holds it and whether to add it.
type Candidate struct {
	// Account is the account offered. Its ID is empty: [Contents.Merge]
	// gives it a new one.
	Account Account
	// Duplicate reports that the vault already held an account with the
	// same issuer, name and secret when the candidate was made, or that an
	// earlier candidate of the same list was one.
	Duplicate bool
	// Keep says whether [Contents.Merge] adds the account. [Review] sets it
	// for every candidate that is not a duplicate; the user may change it.
	Keep bool
}

// Review returns the accounts as candidates for have, in the same order.
// An account that have already holds (same issuer, name and secret, see
// [Contents.Duplicate]), or that repeats an earlier one of the list, is
// marked Duplicate and not kept; all others are kept. A nil have is an
// empty vault. The accounts' IDs are cleared.
func Review(accounts []Account, have *Contents) []Candidate {
	if have == nil {
		have = &Contents{}
	}
	out := make([]Candidate, len(accounts))
	for i, a := range accounts {
		a.ID = ""
		_, dup := have.Duplicate(a)
		for _, b := range out[:i] {
			if sameAccount(a, b.Account) {
				dup = true
				break
			}
		}
		out[i] = Candidate{Account: a, Duplicate: dup, Keep: !dup}
	}
	return out
}

// Merge adds the kept candidates to c, in order, each with a new ID read
// from rand (see [NewID]) and Created and Modified set to now; the rest of
// the account, its favourite flag and last use included, is kept, so that a
// restored backup keeps them. A candidate
// marked Duplicate and kept all the same is added: the person chose to keep
// both. One that was not a duplicate when reviewed but that c holds by now
// (another tab added it meanwhile) is left out, never added twice.
//
// Merge returns how many accounts it added. On an error, those added before
// it stay in c; callers that save c (such as an update of a keeper) should
// drop it.
func (c *Contents) Merge(cs []Candidate, rand io.Reader, now time.Time) (added int, err error) {
	for _, cand := range cs {
		if !cand.Keep {
			continue
		}
		a := cand.Account
		a.ID = ""
		if _, dup := c.Duplicate(a); dup && !cand.Duplicate {
			continue
		}
		if a.ID, err = NewID(rand); err != nil {
			return added, err
		}
		a.Created, a.Modified = now, now
		if err := c.Add(a); err != nil {
			return added, err
		}
		added++
	}
	return added, nil
}

// Package vault implements the Twofold vault: the accounts and settings of
// an authenticator, sealed with a password.
//
// A sealed vault is a JSON document specified in SPEC.md, next to this file.
// It can be decrypted without Twofold, for example with Python, argon2-cffi
// and PyNaCl, by following that document alone.
//
// [Create] makes a new vault and [Open] unlocks a sealed one; both return a
// [Session], which holds the master key for as long as the vault stays
// unlocked and seals new revisions with [Session.Seal]. [Inspect] reads the
// header of a sealed vault without its password.
//
// Accounts brought in from elsewhere (an import, a restore, a scan) go
// through [Review], which marks those the vault already holds, and
// [Contents.Merge], which adds the kept ones with new IDs.
//
// The accounts are kept in the user's own order, which [Contents.Move]
// changes; an account may be a favourite ([Contents.SetFavourite]) and
// remembers when its code was last copied ([Contents.MarkUsed]), and the
// settings say how the list is sorted and how dense it is. These came with
// version 2 of the format; [Session.Seal] writes version 1 while the
// contents use none of them, so that an older Twofold still opens the
// vault, and one that meets version 2 says it is newer rather than damaged.
//
// # Security
//
// The accounts are encrypted with XChaCha20-Poly1305 under a random 32-byte
// master key. The master key is stored wrapped, again with
// XChaCha20-Poly1305, under a key derived from the password with Argon2id, in
// a password slot. The slot's salt (16 random bytes) and Argon2id parameters
// are kept in the header, so the cost can be raised later; the default is
// [DefaultParams] (t=3, m=64 MiB, p=1, about 0.4 s in Go compiled to
// WebAssembly), and parameters outside [Params.Check] are refused before any
// derivation. Changing the password rewraps the master key and leaves the
// accounts' encryption alone.
//
// Every nonce is 24 bytes read from the random source given to the function
// (crypto/rand.Reader in the app): one per slot when the slot is made, and one
// per call to [Session.Seal]. With 192-bit random nonces, collisions are not
// a concern for any number of saves a vault will see.
//
// Authenticated: the wrapped master key, together with the format name,
// version, slot type, KDF name, Argon2id parameters and salt of its slot
// (the slot's additional data); and the payload, together with the format
// name and version. The payload's additional data leaves out the slots. A
// changed slot therefore fails as a wrong password would, and a changed
// payload fails as damaged. Not protected: replacing the whole document with
// an older revision of the same vault (a rollback) by someone who can write
// to the store.
//
// The master key and the password-derived keys stay in memory only. Derived
// keys and decrypted plaintext buffers are overwritten after use and
// [Session.Close] overwrites the master key, but this is best effort: Go may
// have copied them, and the decoded [Contents] hold the secrets until they
// are garbage-collected.
package vault

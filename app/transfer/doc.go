// Package transfer moves accounts from one Twofold to another through a
// sequence of QR codes, with no network and no server: the sender seals the
// accounts under a fresh verification code and shows them as transfer
// codes; the receiver reads every code, in any order, by camera, screen
// capture or image files, and opens them with the code the person types.
// The format is specified in SPEC.md beside this file.
//
// # Security
//
// The accounts are encrypted with XChaCha20-Poly1305 under a key derived
// from the verification code with Argon2id ([DefaultParams], the cost of a
// vault password); the header that carries the format version, the
// transfer id and the Argon2id parameters is authenticated with them. The
// verification code has about 54 bits from a cryptographic source and never
// appears in a QR code, so someone who films every code still has to
// guess it, at the cost of one Argon2id derivation a guess. A receiver
// refuses parameters outside [MaxTime], [MaxMemoryKiB] and [MaxThreads]
// before deriving anything.
//
// The codes themselves are not authenticated one by one: a damaged or
// forged code that passes its check spoils the whole message, which then
// fails to open, and nothing is imported.
//
// # Codes
//
// Each code is text in the QR alphanumeric mode: [Prefix] and the Base45
// (RFC 9285) encoding of a frame that carries the transfer id, the number of
// blocks, its sequence number, one block and a check. Shown step by step
// ([Message.Frames]) the codes are the message cut into blocks; played
// automatically ([Message.Stream]) they go on with sums of random halves of
// the blocks, so that a receiver that misses codes completes the message
// from any few more, and no code is ever shown twice.
package transfer

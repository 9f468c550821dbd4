// Package migration reads and writes Google Authenticator's "Transfer
// accounts" QR codes, otpauth-migration URIs:
//
//	otpauth-migration://offline?data=BASE64
//
// where BASE64 is a protobuf MigrationPayload: a list of accounts and the
// position of this code in a multi-code export (a batch). SPEC.md, next to
// this file, describes the payload field by field and the rules this package
// follows where Google's format is loose.
//
// [ParseURI] and [Parse] decode one code into a [Payload]; [Batch] puts the
// codes of a multi-code export back together, in any order; [Format] and
// [Split] write codes that Google Authenticator, Aegis, 2FAS and the others
// can scan.
//
// # What the format carries
//
// Per account: the secret as bytes, the name, the issuer, the algorithm
// (SHA1, SHA256, SHA512; MD5 exists in the enum), the digits (6 or 8), the
// type (TOTP or HOTP) and the HOTP counter. There is no period field: every
// TOTP account is read as 30 seconds, so [Split] leaves out, and lists, the
// accounts it cannot carry faithfully (another period, 7 digits, Steam; see
// [Carry]) instead of exporting them wrong.
//
// # Errors
//
// A URI or payload that cannot be read at all gives an error wrapping
// [ErrNotMigration] or [ErrMalformed]. A single account that cannot be read,
// or uses something Twofold does not support, does not fail the payload: it
// is listed in [Payload.Skipped] with its reason, which wraps [ErrMalformed],
// [ErrUnsupported] or an otpauth error, and the other accounts are returned.
//
// Errors name the field that is wrong, never its value when that value could
// be a secret. The URI itself and the payload bytes contain the secrets and
// must not be logged.
package migration

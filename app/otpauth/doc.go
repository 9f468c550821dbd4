// Package otpauth reads and writes otpauth:// Key URIs, the format of the QR
// codes that services show to set up an authenticator (Google Authenticator's
// "Key Uri Format"):
//
//	otpauth://TYPE/LABEL?PARAMETERS
//
// [Parse] turns a URI into an [Account]; [Format] writes the canonical URI of
// an Account; [ParseSecret] decodes a base32 secret typed by hand. Parsing is
// strict about what changes the codes (type, secret, algorithm, digits,
// period, counter) and tolerant about how real-world generators spell things.
//
// # Accepted syntax
//
// Scheme: "otpauth", in any case, followed by "//". An otpauth-migration://
// URI (Google Authenticator's export) is refused with [ErrMigration] so that
// a caller can hand it to a migration importer; anything else with
// [ErrScheme].
//
// Type: "totp", "hotp" or "steam", in any case. A totp URI with the parameter
// encoder=steam (KeePassXC and others write this) is a Steam key. Surrounding
// white space of the whole URI and a #fragment are ignored.
//
// Label: "ISSUER:NAME" or "NAME", percent-decoded as a path (so '+' stays
// '+'). The label is decoded first and then split at the first colon, so
// "%3A" works as the separator too. White space around the issuer and the
// name is removed, which accepts "Issuer: name". The issuer and name must be
// valid UTF-8 without control characters, and at least one must be non-empty.
//
// Parameters (names in any case; unknown ones such as image or color are
// ignored; a known one given twice is an error):
//
//   - secret: required, base32 as [ParseSecret] accepts it.
//   - issuer: percent-decoded as a query value (so '+' is a space).
//   - algorithm: SHA1 (the default), SHA256 or SHA512, in any case, with or
//     without a dash.
//   - digits: 6 (the default) to 8; for Steam 5, its default.
//   - period: seconds, 30 by default, 1 to 300; ignored for hotp.
//   - counter: the HOTP counter, a decimal uint64, 0 by default; ignored for
//     totp and steam.
//   - encoder: "steam" (see Type); any other non-empty value is an error.
//
// # Issuer: label versus parameter
//
// When the issuer parameter is present it is the issuer. If the label starts
// with that issuer and a colon, the rest is the name, which allows an issuer
// that itself contains a colon. Otherwise the label is split at its first
// colon: a label issuer that differs from the parameter is refused with
// [ErrIssuerMismatch], except that case is ignored and a '+' in the label
// issuer may stand for a space (label "Air+Canada", parameter "Air Canada").
// An empty label issuer (":name") is not a conflict.
//
// # Deviations from Google's format
//
//   - Google requires the counter for hotp; Parse defaults it to 0.
//   - Google defines only totp and hotp; steam and encoder=steam are
//     accepted, and Steam keys default to 5 digits.
//   - Google allows any digits and period; Parse enforces 6 to 8 digits (5
//     for Steam) and 1 to 300 seconds, the bounds of package otp.
//   - Google says a label issuer and the issuer parameter should be equal;
//     Parse refuses them when they differ (beyond case and '+') instead of
//     picking one, and refuses a known parameter given twice.
//   - Google wants the secret as unpadded base32; Parse also accepts spaces,
//     dashes, lower case and padding (see [ParseSecret]), and ignores
//     non-zero bits left over after the last byte.
//   - Parameters that do not apply to the type are ignored, not checked:
//     period for hotp, counter for totp and steam. An Account from Parse
//     has Period 0 for hotp and Counter 0 otherwise.
//
// # Canonical form
//
// [Format] always writes the type in lower case, the issuer in both the label
// and the parameter, every parameter explicitly (secret, issuer, algorithm,
// digits, then period or counter), and the secret in upper-case unpadded
// base32. Steam keys are written as otpauth://steam/, as Aegis does. For
// every Account a with a.Validate() == nil, Parse(Format(a)) returns a; an
// Account from Parse always validates.
//
// # Secrets
//
// Errors from this package name the field that is wrong and may quote short
// values such as the digits, but never the secret. [Account.String] and
// GoString leave the secret out too, so an Account printed with %v is safe in
// a log; the URI from [Format] is not. There is deliberately no String method
// that returns the URI.
package otpauth

package importer

import (
	"strings"
	"unicode"
)

// How the importers read issuers and account names. README.md, "How labels
// are read", gives the reasons; in short:
//
//   - An otpauth label, "Issuer:Name" or "Name", is split at its first
//     colon, with white space around both parts removed ([SplitLabel]).
//   - An issuer given apart from the label (a URI's issuer parameter, an
//     app's issuer field) wins over the label's prefix.
//   - A name kept in a field of its own is not split; only a copy of its
//     own issuer in front of it is removed ([SplitName]).
//   - An empty issuer stays empty; an entry with neither issuer nor name
//     is imported under a placeholder name ([Result.Add]).

// SplitLabel returns the issuer and account name of an otpauth label,
// "Issuer:Name" or "Name", read together with issuer, the issuer given
// apart from the label ("" when there is none): a URI's issuer parameter,
// or the issuer field of an app that also keeps a label.
//
// The label is split at its first colon, and white space around both parts
// is removed, so "Issuer: Name" splits too. A non-empty issuer wins over the
// label's prefix, even when they differ; the name is then what follows the
// colon. A label that starts with the issuer and a colon loses exactly that
// prefix, so an issuer that itself holds a colon is kept whole. A label
// without a colon is the name.
func SplitLabel(label, issuer string) (string, string) {
	label, issuer = strings.TrimSpace(label), strings.TrimSpace(issuer)
	if rest, ok := cutIssuer(label, issuer); ok {
		return issuer, strings.TrimSpace(rest)
	}
	before, after, colon := strings.Cut(label, ":")
	switch {
	case !colon:
		return issuer, label
	case issuer == "":
		return strings.TrimSpace(before), strings.TrimSpace(after)
	}
	return issuer, strings.TrimSpace(after)
}

// SplitName returns the issuer and name of an app that keeps them in two
// fields. The name is not split at a colon, since the app showed it whole;
// only a copy of the issuer in front of it, "Issuer:" (what Google
// Authenticator and some andOTP versions store), is removed. White space
// around both is removed.
func SplitName(issuer, name string) (string, string) {
	issuer, name = strings.TrimSpace(issuer), strings.TrimSpace(name)
	if rest, ok := cutIssuer(name, issuer); ok {
		return issuer, strings.TrimSpace(rest)
	}
	return issuer, name
}

// cutIssuer reports whether label starts with issuer, and then a colon,
// and returns the rest. Case, white space before the colon and a '+' in
// the label standing for a space are ignored.
func cutIssuer(label, issuer string) (string, bool) {
	if issuer == "" {
		return "", false
	}
	if len(label) > len(issuer) && label[len(issuer)] == ':' && sameIssuer(label[:len(issuer)], issuer) {
		return label[len(issuer)+1:], true
	}
	before, after, ok := strings.Cut(label, ":")
	if ok && sameIssuer(strings.TrimSpace(before), issuer) {
		return after, true
	}
	return "", false
}

// sameIssuer reports whether two issuers are the same but for case and a
// '+' in a, which generators write for a space.
func sameIssuer(a, b string) bool {
	return strings.EqualFold(a, b) || strings.EqualFold(strings.ReplaceAll(a, "+", " "), b)
}

// cleanName makes an issuer or name showable: tabs and line breaks become
// spaces, other control characters and invalid UTF-8 become U+FFFD, and
// white space around it is removed.
func cleanName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case unicode.IsControl(r):
			return unicode.ReplacementChar
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	return strings.TrimSpace(s)
}

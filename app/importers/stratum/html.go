package stratum

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"strings"

	"twofold.app/app/importers/importer"
	"twofold.app/app/otp"
)

// The titles of the HTML backup's page, today's and Authenticator Pro's.
var htmlTitles = []string{"<title>Stratum Backup</title>", "<title>Authenticator Pro Backup</title>"}

// isHTML reports whether data is Stratum's HTML backup.
func isHTML(data []byte) bool {
	if !importer.IsText(data) || !bytes.Contains(data, []byte("<code>")) {
		return false
	}
	for _, t := range htmlTitles {
		if bytes.Contains(data, []byte(t)) {
			return true
		}
	}
	return false
}

// importHTML reads the HTML backup: the otpauth URI in each <code>
// element, as Stratum itself restores it. Stratum writes the URIs without
// escaping them; an &amp; is unescaped, should an editor have done so.
func importHTML(data []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	rest := string(data)
	for n := 0; ; n++ {
		_, after, ok := strings.Cut(rest, "<code>")
		if !ok {
			break
		}
		uri, after, ok := strings.Cut(after, "</code>")
		if !ok {
			return res, fmt.Errorf("%w: a <code> element is not closed", importer.ErrCorrupt)
		}
		rest = after
		uri = strings.TrimSpace(uri)
		if uri == "" {
			continue
		}
		if strings.Contains(uri, "&amp;") {
			uri = html.UnescapeString(uri)
		}
		a, err := importer.URI(uri)
		if err != nil {
			label := "?"
			if u, err := url.Parse(uri); err == nil {
				label = importer.Label("", strings.TrimPrefix(u.Path, "/"))
			}
			res.Skip(n, label, err)
			continue
		}
		// Stratum writes an authenticator without a username with the
		// issuer alone as the label.
		if u, err := url.Parse(uri); err == nil && !strings.Contains(u.Path, ":") && a.Name == a.Issuer {
			a.Name = ""
		}
		// Stratum writes a Steam key as a totp URI with the parameter
		// steam, or with the issuer Steam (in any case, as everywhere).
		if a.Type == otp.TOTP {
			if u, err := url.Parse(uri); err == nil && (u.Query().Has("steam") || strings.EqualFold(a.Issuer, "Steam")) {
				a.Key = importer.Steam(a.Secret)
			}
		}
		res.Add(n, a)
	}
	if len(res.Accounts) == 0 && len(res.Skipped) == 0 {
		return res, fmt.Errorf("%w: the page holds no otpauth URI", importer.ErrCorrupt)
	}
	return res, nil
}

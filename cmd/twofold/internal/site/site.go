// Package site writes Twofold's static website and serves it.
//
// The site is go-app's generated pages and scripts, the four wasm programs
// (the app, the two key-derivation workers, the vault's and the imports',
// and the QR decoder's worker) and the files of static/. Its
// version is a hash of all of them, so that any change to any file is an
// update that installed apps notice.
package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/ui"
)

// localiseManifest adds the manifest's language and its Japanese name and
// description (the "translations" member of the W3C's manifest
// localisation, which browsers that do not know it ignore), both from the
// app's message catalogue.
func localiseManifest(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("localising the manifest: %w", err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("localising the manifest: %w", err)
	}
	m["lang"] = i18n.English.Tag()
	m["dir"] = "ltr"
	translations := map[string]any{}
	for _, l := range i18n.Langs {
		if l == i18n.English {
			continue
		}
		translations[l.Tag()] = map[string]string{
			"name":        l.T(i18n.AppName),
			"short_name":  l.T(i18n.AppName),
			"description": l.T(i18n.AppDescription),
		}
	}
	m["translations"] = translations
	data, err = json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("localising the manifest: %w", err)
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// Inputs are the files a site is made of.
type Inputs struct {
	AppWasm string // the app, built with GOOS=js GOARCH=wasm from ./wasm
	KDFWasm string // the key-derivation worker, from ./wasm/kdfworker
	// ImportKDFWasm is the worker program that derives the keys of other
	// apps' encrypted exports, from ./wasm/importkdf.
	ImportKDFWasm string
	// ScanWasm is the worker program that reads QR codes, from
	// ./wasm/scanworker.
	ScanWasm string
	Static   string // the static/ folder
	// Compress writes a brotli (.br) and a gzip (.gz) copy beside each
	// large text or wasm file, for Handler to send to browsers that accept
	// them. It takes most of a minute, for app.wasm at brotli's best.
	Compress bool
}

// Build writes the site into out, which must not exist or be empty, and
// returns its version. The compressed copies are derived from the files, so
// they change neither the version nor the service worker's list of files
// to cache (which go-app writes from the pages' resources, before them).
func Build(out string, in Inputs) (string, error) {
	files := map[string]string{ // path under web/ → source
		"app.wasm":        in.AppWasm,
		"kdf.wasm":        in.KDFWasm,
		"import-kdf.wasm": in.ImportKDFWasm,
		"scan.wasm":       in.ScanWasm,
	}
	err := filepath.WalkDir(in.Static, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "docs" {
			return filepath.SkipDir // the README's pictures
		}
		if d.IsDir() || filepath.Ext(path) == ".go" {
			return nil // the icon generator stays out of the site
		}
		rel, err := filepath.Rel(in.Static, path)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = path
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("reading static files: %w", err)
	}
	version, err := hashFiles(files)
	if err != nil {
		return "", err
	}
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		return "", fmt.Errorf("output folder %s is not empty", out)
	}
	ui.Register(ui.Services{})
	if err := app.GenerateStaticWebsite(out, ui.Handler(version)); err != nil {
		return "", fmt.Errorf("generating pages: %w", err)
	}
	if err := localiseManifest(filepath.Join(out, "manifest.webmanifest")); err != nil {
		return "", err
	}
	for rel, src := range files {
		if err := copyFile(filepath.Join(out, "web", filepath.FromSlash(rel)), src); err != nil {
			return "", err
		}
	}
	if in.Compress {
		if err := compressDir(out); err != nil {
			return "", err
		}
	}
	return version, nil
}

// hashFiles returns the first 16 hex digits of a SHA-256 over the names and
// contents of files, in name order.
func hashFiles(files map[string]string) (string, error) {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		f, err := os.Open(files[name])
		if err != nil {
			return "", fmt.Errorf("reading %s: %w", name, err)
		}
		fmt.Fprintf(h, "%s\x00", name)
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", fmt.Errorf("reading %s: %w", name, err)
		}
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

func copyFile(dst, src string) (err error) {
	if src == "" {
		return errors.New("site: a required input file was not given")
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
	}()
	_, err = io.Copy(out, in)
	return err
}

//go:build !js

package e2e

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// npmFiles returns files of the npm package name@version, by their paths
// inside the package ("dist/x.js"). It fetches the package once with npm
// pack into out/e2e/name-version/ and reads the files from there after.
// Packages fetched this way are test tools: the app never serves them.
func npmFiles(root, name, version string, files ...string) (map[string][]byte, error) {
	dir := filepath.Join(root, "out", "e2e", strings.ReplaceAll(name, "/", "_")+"-"+version)
	got := make(map[string][]byte)
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, "package", filepath.FromSlash(f)))
		if err != nil {
			break
		}
		got[f] = b
	}
	if len(got) == len(files) {
		return got, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	cmd := exec.Command("npm", "pack", "--silent", name+"@"+version, "--pack-destination", dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("npm pack %s@%s: %w", name, version, err)
	}
	f, err := os.Open(filepath.Join(dir, strings.TrimSpace(string(out))))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	want := make(map[string]bool)
	for _, f := range files {
		want["package/"+f] = true
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if !want[h.Name] {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(tr, 64<<20))
		if err != nil {
			return nil, err
		}
		dst := filepath.Join(dir, filepath.FromSlash(path.Clean(h.Name)))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return nil, err
		}
		got[strings.TrimPrefix(h.Name, "package/")] = b
	}
	for _, f := range files {
		if got[f] == nil {
			return nil, fmt.Errorf("%s is not in %s@%s", f, name, version)
		}
	}
	return got, nil
}

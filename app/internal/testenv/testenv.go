// Package testenv finds what tests need from the machine: the shared
// interop files next to the module, and a Python that can run the
// decryption recipes of the SPEC.md files. It is for tests only.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// SharedDir returns ../shared/testdata/<sub> next to the module root (the
// folder holding go.mod, found from the working directory up), or "" if it
// is not there.
func SharedDir(sub string) string {
	d := sharedPath(sub)
	if fi, err := os.Stat(d); d == "" || err != nil || !fi.IsDir() {
		return ""
	}
	return d
}

// SharedFile returns the path of rel (slash-separated) in the shared
// interop folder, or skips the test, saying loudly that the interop check
// did not run, when it is missing.
func SharedFile(t testing.TB, rel string) string {
	t.Helper()
	p := sharedPath(rel)
	if _, err := os.Stat(p); p == "" || err != nil {
		t.Skipf("INTEROP FILES NOT FOUND: ../shared/testdata/%s is missing, so this interop check did NOT run", rel)
	}
	return p
}

// sharedPath returns ../shared/testdata/<rel> next to the module root, or
// "" when there is no module root above the working directory.
func sharedPath(rel string) string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
	return filepath.Join(dir, "..", "shared", "testdata", filepath.FromSlash(rel))
}

// SpecPython returns the one Python program in the SPEC.md of the package
// under test.
func SpecPython(t *testing.T) string {
	t.Helper()
	spec, err := os.ReadFile("SPEC.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(string(spec), "```python\n")
	if len(blocks) != 2 {
		t.Fatalf("SPEC.md has %d python blocks, want 1", len(blocks)-1)
	}
	code, _, ok := strings.Cut(blocks[1], "```")
	if !ok {
		t.Fatal("SPEC.md: unterminated python block")
	}
	return code
}

// PythonWithLibraries returns a Python interpreter that has argon2-cffi and
// PyNaCl, or "".
func PythonWithLibraries() string {
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		path, err := exec.LookPath(py)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import argon2.low_level, nacl.bindings").Run() == nil {
			return path
		}
	}
	return ""
}

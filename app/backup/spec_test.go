package backup

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"twofold.app/app/internal/testenv"
)

// lenientPython lists the damaged vectors that the recipe decrypts anyway,
// since it does not check the payload's JSON (step 9). It must fail on
// everything else that is not a success.
var lenientPython = map[string]bool{
	"payload_duplicate_id":    true,
	"payload_not_json":        true,
	"payload_unknown_field":   true,
	"payload_version_2_field": true,
}

// TestSpecPython runs the decryption program of SPEC.md on every vector: it
// must reproduce the payload of each success vector byte for byte, and fail
// on the others but the lenient ones.
func TestSpecPython(t *testing.T) {
	code := testenv.SpecPython(t)
	py := testenv.PythonWithLibraries()
	if py == "" {
		t.Skip("python3 with argon2-cffi and PyNaCl not found (Debian: apt-get install python3-argon2 python3-nacl): the Python recipe in SPEC.md was NOT checked")
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "decrypt-backup.py")
	if err := os.WriteFile(script, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, v := range readVectors(t) {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			file := filepath.Join(dir, v.name+".txt")
			if err := os.WriteFile(file, v.file, 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(py, script, file)
			cmd.Stdin = strings.NewReader(v.passphrase + "\n")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			switch {
			case v.expect == success:
				if err != nil {
					t.Fatalf("decrypt-backup.py: %v\n%s", err, stderr.Bytes())
				}
				if got := hexSHA256(stdout.Bytes()); got != v.payload {
					t.Errorf("decrypt-backup.py payload SHA-256 %s, want %s", got, v.payload)
				}
			case err == nil && !lenientPython[v.name]:
				t.Errorf("decrypt-backup.py succeeded on a %s vector", v.expect)
			case err != nil && lenientPython[v.name]:
				t.Errorf("decrypt-backup.py failed on %s, listed as lenient: %v\n%s", v.name, err, stderr.Bytes())
			}
		})
	}
}

// TestSpecExample checks that the example file in SPEC.md is the header and
// the first and last body lines of testdata/success.txt, and that the AD
// length the spec gives is right.
func TestSpecExample(t *testing.T) {
	spec, err := os.ReadFile("SPEC.md")
	if err != nil {
		t.Fatal(err)
	}
	_, example, _ := strings.Cut(string(spec), "the cheap ones of the test vectors:\n\n```\n")
	example, _, ok := strings.Cut(example, "```")
	if !ok {
		t.Fatal("SPEC.md: example file not found")
	}
	var v vector
	for _, vv := range readVectors(t) {
		if vv.name == "success" {
			v = vv
		}
	}
	ls := fileLines(v.file)
	want := strings.Join(ls[:bodyStart+2], "\n") + "\n…\n" + strings.Join(ls[len(ls)-2:], "\n") + "\n"
	if example != want {
		t.Errorf("SPEC.md example:\n%s\nwant (from testdata/success.txt):\n%s", example, want)
	}
	h, _, err := parse(v.file)
	if err != nil {
		t.Fatal(err)
	}
	ad := h.marshal()
	if !bytes.HasPrefix(v.file, ad) {
		t.Error("the AD is not the start of the file Seal wrote")
	}
	if phrase := "it is the first eight lines of the example, " + strconv.Itoa(len(ad)) + " bytes"; !strings.Contains(string(spec), phrase) {
		t.Errorf("SPEC.md does not say %q", phrase)
	}
}

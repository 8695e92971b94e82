// Package testenv is what the tests need from the machine, in one place:
// the shared corpus beside the repository, and the tools `make test`
// installs (.ci/apt-packages.txt, by .ci/deps).
//
// A test never skips for a tool: a missing tesseract, pdftoppm, qpdf,
// soffice, dot, chromium or iconv fails it (make deps installs them). A
// test that needs ../shared skips when it is absent (a user's clone has
// none), unless $VANBAN_REQUIRE_SHARED is 1: then the absence fails it.
// .ci/run sets the variable when ../shared is there, so CI runs them all.
package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// RequireSharedVar is the environment variable that turns a missing
// ../shared into a failure.
const RequireSharedVar = "VANBAN_REQUIRE_SHARED"

// SharedRequired reports whether $VANBAN_REQUIRE_SHARED is 1.
func SharedRequired() bool { return os.Getenv(RequireSharedVar) == "1" }

// Root is the repository's root: the nearest directory above the working
// directory (a test's package directory) holding go.mod.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = up
	}
}

// Shared is the shared corpus's directory, ../shared beside the
// repository, when it holds corpus/; otherwise the test skips (fails with
// $VANBAN_REQUIRE_SHARED=1).
func Shared(t testing.TB) string {
	t.Helper()
	root, err := Root()
	if err != nil {
		t.Fatal(err)
	}
	d := filepath.Join(root, "..", "shared")
	if _, err := os.Stat(filepath.Join(d, "corpus")); err != nil {
		NoShared(t, "the shared corpus is not at %s: %v", d, err)
	}
	return d
}

// NoShared stops a test that lacks a part of ../shared: a skip with the
// message, or a failure with $VANBAN_REQUIRE_SHARED=1.
func NoShared(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if SharedRequired() {
		t.Fatalf("%s (%s=1: the shared corpus is required)", msg, RequireSharedVar)
	}
	t.Skipf("%s (set %s=1 to make this a failure)", msg, RequireSharedVar)
}

// Tool is the path of the program name; a missing one fails the test
// (make deps installs it).
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed: run 'make deps' (as root it installs the packages of .ci/apt-packages.txt): %v", name, err)
	}
	return p
}

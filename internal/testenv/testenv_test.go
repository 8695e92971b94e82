package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRoot(t *testing.T) {
	root, err := Root()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "internal", "testenv", "testenv.go")); err != nil {
		t.Errorf("Root() = %s, which does not hold this package: %v", root, err)
	}
}

// fakeTB records how a helper stopped the test.
type fakeTB struct {
	testing.TB
	skipped, failed bool
}

func (f *fakeTB) Helper()                  {}
func (f *fakeTB) Skipf(string, ...any)     { f.skipped = true; panic(f) }
func (f *fakeTB) Fatalf(string, ...any)    { f.failed = true; panic(f) }
func (f *fakeTB) Fatal(...any)             { f.failed = true; panic(f) }
func (f *fakeTB) Errorf(string, ...any)    { f.failed = true }
func (f *fakeTB) Logf(string, ...any)      {}
func (f *fakeTB) Name() string             { return "fake" }
func (f *fakeTB) Setenv(key, value string) { os.Setenv(key, value) }
func (f *fakeTB) TempDir() string          { return os.TempDir() }
func (f *fakeTB) Cleanup(func())           {}
func (f *fakeTB) Skip(...any)              { f.skipped = true; panic(f) }
func (f *fakeTB) SkipNow()                 { f.skipped = true; panic(f) }
func (f *fakeTB) FailNow()                 { f.failed = true; panic(f) }
func (f *fakeTB) Failed() bool             { return f.failed }
func (f *fakeTB) Skipped() bool            { return f.skipped }
func (f *fakeTB) Log(...any)               {}
func (f *fakeTB) Error(...any)             { f.failed = true }
func (f *fakeTB) Fail()                    { f.failed = true }
func (f *fakeTB) Attr(string, string)      {}
func (f *fakeTB) Chdir(string)             {}

func run(fn func(tb testing.TB)) (f *fakeTB) {
	f = &fakeTB{}
	defer func() {
		if r := recover(); r != nil && r != any(f) {
			panic(r)
		}
	}()
	fn(f)
	return f
}

// TestNoShared: a missing part of ../shared skips, or fails under
// VANBAN_REQUIRE_SHARED=1.
func TestNoShared(t *testing.T) {
	t.Setenv(RequireSharedVar, "")
	if f := run(func(tb testing.TB) { NoShared(tb, "x absent") }); !f.skipped || f.failed {
		t.Errorf("without %s: skipped %v, failed %v; want a skip", RequireSharedVar, f.skipped, f.failed)
	}
	t.Setenv(RequireSharedVar, "1")
	if f := run(func(tb testing.TB) { NoShared(tb, "x absent") }); f.skipped || !f.failed {
		t.Errorf("with %s=1: skipped %v, failed %v; want a failure", RequireSharedVar, f.skipped, f.failed)
	}
}

// TestTool: a missing program fails, a present one is found.
func TestTool(t *testing.T) {
	if f := run(func(tb testing.TB) { Tool(tb, "vanban-no-such-tool") }); f.skipped || !f.failed {
		t.Errorf("missing tool: skipped %v, failed %v; want a failure", f.skipped, f.failed)
	}
	var p string
	if f := run(func(tb testing.TB) { p = Tool(tb, "sh") }); f.failed || f.skipped || p == "" {
		t.Errorf("sh: %q, skipped %v, failed %v", p, f.skipped, f.failed)
	}
}

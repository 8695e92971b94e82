package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"vanban/index"
)

// startServe runs `vanban serve` on a free port and returns its address;
// the server is interrupted when the test ends.
func startServe(t *testing.T, args ...string) (string, *exec.Cmd) {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb syncBuffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			select {
			case line <- sc.Text():
			default:
			}
		}
	}()
	select {
	case l := <-line:
		m := regexp.MustCompile(`http://(\S+)/`).FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("serve printed %q", l)
		}
		return m[1], cmd
	case <-time.After(20 * time.Second):
		t.Fatalf("serve did not start:\n%s", errb.String())
	}
	return "", nil
}

// TestServeBeside runs `vanban serve` and, beside it on the same store,
// every command: none fails or hangs on the index the server holds, and
// what `ingest` adds beside it is found by the server's search.
func TestServeBeside(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "store")
	in := filepath.Join(dir, "in")
	copyTree(t, filepath.Join("..", "..", "testdata", "corpus", "chain"), in)
	if out, errs, code := runBinary(t, "ingest", "-q", "--store", store, in); code != exitOK {
		t.Fatalf("ingest: %d\n%s%s", code, out, errs)
	}
	addr, _ := startServe(t, "--store", store, "--token", "t0k")
	if fi, err := os.Stat(index.SocketPath(store)); err != nil || fi.Mode()&os.ModeSocket == 0 || fi.Mode().Perm() != 0o600 {
		t.Fatalf("no socket of mode 0600 in the store: %v %v", fi, err)
	}
	more := filepath.Join(dir, "more")
	os.MkdirAll(more, 0o755)
	plan := strings.Replace(citingA, "21-KH/TU", "77-KH/TU", 1)
	os.WriteFile(filepath.Join(more, "ke-hoach-77.txt"), []byte(plan), 0o644)
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"search", "--store", store, "dân vận khéo"}, "15-KH/ĐU:2023:lai-chau"},
		{[]string{"search", "--store", store, "--json", "chi thi 47"}, `"total"`},
		{[]string{"cites", "--store", store, "Chỉ thị 47-CT/TW"}, "512-KL/TU"},
		{[]string{"show", "--store", store, "88-KH/HU"}, "88-KH/HU"},
		{[]string{"trace", "--store", store, "15-KH/ĐU", "--up"}, "47-CT/TW"},
		{[]string{"verify", "--store", store}, "0 problems"},
		{[]string{"ingest", "--store", store, more}, "1 added"},
		{[]string{"search", "--store", store, "77-KH/TU"}, "77-KH/TU:2022:thanh-hoa"},
		{[]string{"verify", "--store", store, "--no-files"}, "5 in the index (0 changes behind; 5 entries compared field by field, all): 0 problems"},
		{[]string{"export", "--store", store, "--format", "csv"}, "77-KH/TU"},
		{[]string{"reindex", "--store", store}, "5 documents indexed"},
	}
	for _, s := range steps {
		start := time.Now()
		out, errs, code := runBinary(t, s.args...)
		if code != exitOK || !strings.Contains(out, s.want) {
			t.Errorf("beside serve, vanban %v: exit %d, want %q\n%s%s", s.args, code, s.want, out, errs)
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("vanban %v took %s", s.args, d)
		}
	}
	// The server itself sees what was ingested beside it.
	resp, err := http.Get("http://" + addr + "/api/search?q=77-KH%2FTU")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), "77-KH/TU:2022:thanh-hoa") {
		t.Errorf("the server's search lacks the document ingested beside it: %s", b)
	}
	// A second server on the same store is refused.
	if _, errs, code := runBinary(t, "serve", "--store", store, "--addr", "127.0.0.1:0"); code == exitOK || !strings.Contains(errs, "another vanban") {
		t.Errorf("a second serve: exit %d %s", code, errs)
	}
}

// TestStaleSocket: a server killed with -9 leaves its socket; the commands
// find nobody there and open the store themselves, and a new server
// replaces the socket.
func TestStaleSocket(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "store")
	in := filepath.Join(dir, "in")
	copyTree(t, filepath.Join("..", "..", "testdata", "corpus", "chain"), in)
	runBinary(t, "ingest", "-q", "--store", store, in)
	_, cmd := startServe(t, "--store", store)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if _, err := os.Stat(index.SocketPath(store)); err != nil {
		t.Fatalf("the killed server left no socket (it listens on it before printing its address): %v", err)
	}
	if out, errs, code := runBinary(t, "search", "--store", store, "dân vận khéo"); code != exitOK || !strings.Contains(out, "15-KH/ĐU") {
		t.Errorf("search after a killed server: %d\n%s%s", code, out, errs)
	}
	startServe(t, "--store", store)
	if out, errs, code := runBinary(t, "search", "--store", store, "dân vận khéo"); code != exitOK || !strings.Contains(out, "15-KH/ĐU") {
		t.Errorf("search beside a new server: %d\n%s%s", code, out, errs)
	}
}

// TestBesideIngestWatch: `ingest --watch` holds the index like a server;
// search and verify beside it still answer.
func TestBesideIngestWatch(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the watcher; not in -short")
	}
	dir := t.TempDir()
	store := filepath.Join(dir, "store")
	in := filepath.Join(dir, "in")
	copyTree(t, filepath.Join("..", "..", "testdata", "corpus", "chain"), in)
	runBinary(t, "ingest", "-q", "--store", store, in)
	drop := filepath.Join(dir, "drop")
	os.MkdirAll(drop, 0o755)
	cmd := exec.Command(binary, "ingest", "--store", store, "--watch", drop, "--settle", "300ms", "--poll", "100ms")
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(out.String(), "watching") {
		time.Sleep(50 * time.Millisecond)
	}
	for _, args := range [][]string{{"search", "--store", store, "--json", "dân vận khéo"}, {"verify", "--store", store}} {
		o, errs, code := runBinary(t, args...)
		if code != exitOK {
			t.Errorf("beside ingest --watch, vanban %v: exit %d\n%s%s", args, code, o, errs)
		}
	}
	o, _, _ := runBinary(t, "search", "--store", store, "--json", "dân vận khéo")
	found := false
	for _, l := range strings.Split(strings.TrimSpace(o), "\n") {
		var hit struct {
			Symbol string `json:"symbol"`
		}
		json.Unmarshal([]byte(l), &hit)
		found = found || hit.Symbol == "15-KH/ĐU"
	}
	if !found {
		t.Errorf("search beside ingest --watch: %s", o)
	}
}

// TestServeWatchAndWarning: a file dropped in the consume folder of
// `serve --watch` is ingested and found; bound beyond loopback without a
// token, serve warns.
func TestServeWatchAndWarning(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the consume folder; not in -short")
	}
	dir := t.TempDir()
	store := filepath.Join(dir, "store")
	drop := filepath.Join(dir, "drop")
	os.MkdirAll(drop, 0o755)
	addr, _ := startServe(t, "--store", store, "--watch", drop, "--settle", "300ms", "--poll", "100ms")
	b, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "corpus", "chain", "2_ket_luan_tinh.txt"))
	os.WriteFile(filepath.Join(drop, "kl.txt"), b, 0o644)
	deadline := time.Now().Add(30 * time.Second)
	found := false
	for time.Now().Before(deadline) && !found {
		time.Sleep(200 * time.Millisecond)
		resp, err := http.Get("http://" + addr + "/api/search?q=512-KL%2FTU")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		found = strings.Contains(string(body), "512-KL/TU:2023:lai-chau")
	}
	if !found {
		t.Fatalf("the file dropped in the consume folder was not ingested")
	}

	cmd := exec.Command(binary, "serve", "--store", filepath.Join(dir, "other"), "--addr", "0.0.0.0:0")
	var errb syncBuffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100 && !strings.Contains(errb.String(), "without a token"); i++ {
		time.Sleep(100 * time.Millisecond)
	}
	cmd.Process.Signal(os.Interrupt)
	cmd.Wait()
	if !strings.Contains(errb.String(), "without a token") {
		t.Errorf("no warning when bound beyond loopback without a token: %s", errb.String())
	}
}

// Package pgtest starts Debian's PostgreSQL for the tests: initdb in a
// temporary directory, the server listening only on a Unix socket in that
// directory (on a port number found free, which names the socket), one
// server per test process, a fresh database per test (New).
//
// initdb and postgres refuse to run as root, and `make test` runs as root in
// CI: as root, the data directory is given to the user nobody and both run
// as nobody (setpriv, from util-linux, or runuser). The server binaries come
// from the Debian package postgresql (.ci/apt-packages.txt, installed by
// make deps): a missing one fails the test, as testenv.Tool does.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// Server is a running PostgreSQL.
type Server struct {
	Dir  string // the temporary directory: data/, the socket, the log
	Port int
	User string // the superuser (trust authentication on the socket)
	cmd  *exec.Cmd
	done chan struct{} // closed when postgres exited
	as   []string      // the command prefix that runs a program as the server's user
}

var (
	once    sync.Once
	shared  *Server
	err0    error
	counter atomic.Int64
)

// BinDir is the directory of initdb and postgres: pg_config --bindir when it
// has them, else the newest /usr/lib/postgresql/*/bin.
func BinDir() (string, error) {
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		d := strings.TrimSpace(string(out))
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	ds, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(ds, func(i, j int) bool { return version(ds[i]) > version(ds[j]) })
	for _, d := range ds {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", fmt.Errorf("no PostgreSQL server binaries (initdb) in pg_config --bindir or /usr/lib/postgresql/*/bin: run 'make deps' (as root it installs the Debian package postgresql)")
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// Start starts a server in a new temporary directory.
func Start() (*Server, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	// A short directory: a Unix socket's path has at most 107 bytes.
	dir, err := os.MkdirTemp("", "vanban-pg-")
	if err != nil {
		return nil, err
	}
	s := &Server{Dir: dir, User: "vanban"}
	if os.Geteuid() == 0 {
		// PostgreSQL will not run as root: the directory goes to nobody,
		// and initdb and postgres run as nobody.
		u, err := user.Lookup("nobody")
		if err != nil {
			return nil, fmt.Errorf("running as root, and no user nobody to run PostgreSQL as: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
		if p, err := exec.LookPath("setpriv"); err == nil {
			s.as = []string{p, "--reuid=" + u.Uid, "--regid=" + u.Gid, "--clear-groups", "--"}
		} else if p, err := exec.LookPath("runuser"); err == nil {
			s.as = []string{p, "-u", "nobody", "--"}
		} else {
			return nil, fmt.Errorf("running as root, and neither setpriv nor runuser to run PostgreSQL as nobody")
		}
	}
	data := filepath.Join(dir, "data")
	initdb := s.command(filepath.Join(bin, "initdb"), "-D", data, "-U", s.User, "--auth=trust",
		"--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
	if out, err := initdb.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	if s.Port, err = freePort(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	// Unix socket only (listen_addresses empty), in dir; fsync off: a test
	// server's data need not survive a crash of the machine.
	s.cmd = s.command(filepath.Join(bin, "postgres"), "-D", data, "-p", strconv.Itoa(s.Port), "-k", dir,
		"-c", "listen_addresses=", "-c", "fsync=off", "-c", "synchronous_commit=off",
		"-c", "full_page_writes=off", "-c", "max_connections=200", "-c", "shared_buffers=64MB")
	logf, err := os.Create(filepath.Join(dir, "postgres.log"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	if err := s.cmd.Start(); err != nil {
		logf.Close()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("postgres: %w", err)
	}
	s.done = make(chan struct{})
	go func() { s.cmd.Wait(); logf.Close(); close(s.done) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		db, err := sql.Open("pgx", s.DSN("postgres"))
		if err == nil {
			err = db.Ping()
			db.Close()
		}
		if err == nil {
			return s, nil
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "postgres.log"))
			s.Stop()
			return nil, fmt.Errorf("postgres did not start in 30 s: %v\n%s", err, log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (s *Server) command(name string, args ...string) *exec.Cmd {
	all := append(append(append([]string{}, s.as...), name), args...)
	c := exec.Command(all[0], all[1:]...)
	c.Dir = s.Dir
	return c
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// DSN is the address of database name on the server.
func (s *Server) DSN(name string) string {
	q := url.Values{"host": {s.Dir}, "port": {strconv.Itoa(s.Port)}, "sslmode": {"disable"}}
	return "postgres://" + s.User + "@/" + name + "?" + q.Encode()
}

// CreateDB makes a new empty database and gives its address.
func (s *Server) CreateDB(name string) (string, error) {
	db, err := sql.Open("pgx", s.DSN("postgres"))
	if err != nil {
		return "", err
	}
	defer db.Close()
	if _, err := db.ExecContext(context.Background(), `CREATE DATABASE "`+name+`"`); err != nil {
		return "", fmt.Errorf("cannot create the database %s: %w", name, err)
	}
	return s.DSN(name), nil
}

// Stop stops the server (a fast shutdown) and removes its directory.
func (s *Server) Stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Signal(os.Interrupt)
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill()
		}
	}
	os.RemoveAll(s.Dir)
}

// Shared is the server of this test process, started on first use; Stop
// it from TestMain (StopShared).
func Shared() (*Server, error) {
	once.Do(func() { shared, err0 = Start() })
	return shared, err0
}

// StopShared stops the server of this test process if one was started.
func StopShared() {
	if shared != nil {
		shared.Stop()
	}
}

// New is the address of a new empty database on the shared server; a
// server that cannot start fails the test.
func New(t testing.TB) string {
	t.Helper()
	s, err := Shared()
	if err != nil {
		t.Fatalf("cannot start PostgreSQL: %v", err)
	}
	dsn, err := s.CreateDB(fmt.Sprintf("t%d_%d", os.Getpid(), counter.Add(1)))
	if err != nil {
		t.Fatal(err)
	}
	return dsn
}

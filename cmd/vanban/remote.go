package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"vanban/index"
)

// remote is the process that holds a store's search index (`vanban serve`,
// `ingest`, `ingest --watch`), reached through the Unix socket in the store
// directory. Commands that need the index ask it instead of failing on its
// lock; the database they read themselves.
type remote struct {
	c *http.Client
}

// serverFor returns the remote holding the index of store, or nil when no
// process answers on its socket (none runs, or a stale socket file).
func serverFor(store string) *remote {
	sock := index.SocketPath(store)
	conn, err := net.DialTimeout("unix", sock, time.Second)
	if err != nil {
		return nil
	}
	conn.Close()
	tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "unix", sock)
	}}
	return &remote{c: &http.Client{Transport: tr}}
}

// remoteError is an error answer of the server.
type remoteError struct {
	Status  int
	Message string
}

func (e *remoteError) Error() string { return e.Message }

func (r *remote) do(ctx context.Context, method, path string, q url.Values, body any, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	u := "http://vanban" + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := r.c.Do(req)
	if err != nil {
		return fmt.Errorf("cannot reach the vanban process holding the store: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		var e struct {
			Error string `json:"error"`
		}
		b, _ := io.ReadAll(resp.Body)
		if json.Unmarshal(b, &e) != nil || e.Error == "" {
			e.Error = fmt.Sprintf("the server answered %s", resp.Status)
		}
		return &remoteError{Status: resp.StatusCode, Message: e.Error}
	}
	if out == nil {
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("cannot read the server's answer: %w", err)
	}
	return nil
}

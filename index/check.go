package index

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// scorch's layout on disk (bleve v2 index/scorch, util/keys.go): DIR/
// index_meta.json names the storage; DIR/store/root.bolt holds snapshots
// (bucket "s"), each a bucket of segment buckets whose key "p" is the path
// of a zap file in DIR/store, beside the internal bucket "i" and the
// metadata bucket "m". A zap file ends with a CRC-32 (IEEE) of everything
// before it (zapx write.go persistFooter).
var (
	boltSnapshots = []byte{'s'}
	boltInternal  = byte('i')
	boltMeta      = byte('m')
	boltPath      = []byte{'p'}
)

// Check reads an index on disk without opening it with bleve: its metadata,
// the newest snapshot of root.bolt, and the checksum of every segment file
// that snapshot uses. A missing index is not an error (it is created). A
// damage is an error wrapping ErrDamaged naming what is wrong; a lock held
// by another process one wrapping ErrBusy.
//
// scorch itself, given a snapshot whose segment is missing or truncated,
// falls back to an older snapshot (or none) and silently serves an index
// that lost documents; a garbled segment makes it panic later, in a search
// or in its merger goroutine, where no recover reaches. Hence the check
// before every open.
func Check(path string) (err error) {
	defer func() {
		if x := recover(); x != nil {
			err = damagedError(path, fmt.Errorf("internal error reading the index: %v", x))
		}
	}()
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	meta, err := os.ReadFile(filepath.Join(path, "index_meta.json"))
	if err != nil {
		return damagedError(path, fmt.Errorf("index_meta.json: %w", err))
	}
	var m struct {
		IndexType string `json:"index_type"`
	}
	// bleve pads the file with NUL bytes.
	if err := json.Unmarshal(bytes.TrimRight(meta, "\x00"), &m); err != nil {
		return damagedError(path, fmt.Errorf("index_meta.json: %w", err))
	}
	if m.IndexType != "scorch" {
		return damagedError(path, fmt.Errorf("index_meta.json: index type %q, not scorch", m.IndexType))
	}
	store := filepath.Join(path, "store")
	root := filepath.Join(store, "root.bolt")
	if _, err := os.Stat(root); err != nil {
		return damagedError(path, fmt.Errorf("store/root.bolt: %w", err))
	}
	timeout, _ := time.ParseDuration(BoltTimeout)
	db, err := bolt.Open(root, 0o600, &bolt.Options{ReadOnly: true, Timeout: timeout})
	if err != nil {
		if isLockTimeout(err) {
			return busyError(path, err)
		}
		return damagedError(path, fmt.Errorf("store/root.bolt: %w", err))
	}
	defer db.Close()
	var files []string
	err = db.View(func(tx *bolt.Tx) error {
		snaps := tx.Bucket(boltSnapshots)
		if snaps == nil {
			return nil // a new index: no snapshot persisted yet
		}
		k, _ := snaps.Cursor().Last()
		if k == nil {
			return nil
		}
		snap := snaps.Bucket(k)
		if snap == nil {
			return fmt.Errorf("store/root.bolt: the newest snapshot %x is not a bucket", k)
		}
		return snap.ForEachBucket(func(sk []byte) error {
			if len(sk) == 0 || sk[0] == boltInternal || sk[0] == boltMeta {
				return nil
			}
			p := snap.Bucket(sk).Get(boltPath)
			if len(p) == 0 {
				return fmt.Errorf("store/root.bolt: segment %x has no file", sk)
			}
			files = append(files, string(p))
			return nil
		})
	})
	if err != nil {
		return damagedError(path, err)
	}
	for _, f := range files {
		if err := checkSegment(filepath.Join(store, filepath.Base(f))); err != nil {
			return damagedError(path, fmt.Errorf("store/%s: %w", filepath.Base(f), err))
		}
	}
	return nil
}

// checkSegment compares a zap file's footer CRC with its content.
func checkSegment(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() < 4 {
		return fmt.Errorf("the segment has %d bytes, too short", fi.Size())
	}
	h := crc32.NewIEEE()
	if _, err := io.CopyN(h, f, fi.Size()-4); err != nil {
		return err
	}
	var tail [4]byte
	if _, err := io.ReadFull(f, tail[:]); err != nil {
		return err
	}
	if want := binary.BigEndian.Uint32(tail[:]); h.Sum32() != want {
		return fmt.Errorf("checksum mismatch (the file is truncated or garbled): %08x, footer says %08x", h.Sum32(), want)
	}
	return nil
}

package index

import (
	"errors"
	"fmt"

	bolterrors "go.etcd.io/bbolt/errors"
)

// ErrBusy says another process holds the store's search index (a running
// `vanban serve`, `ingest` or `reindex`). Every error of that kind this
// package returns wraps it: errors.Is(err, ErrBusy).
var ErrBusy = errors.New("another vanban process is using the store")

// ErrDamaged says the search index (or the database) is damaged: a segment
// file truncated or garbled, the index metadata unreadable, a panic inside
// bleve. The database is the truth: 'vanban reindex' rebuilds the index from
// it. Every error of that kind this package returns wraps it.
var ErrDamaged = errors.New("the search index is damaged (run 'vanban reindex': it rebuilds the index from the database)")

// busyError wraps the cause of a lock wait that timed out.
func busyError(path string, err error) error {
	return fmt.Errorf("%w (the search index %s is locked): %v", ErrBusy, path, err)
}

// damagedError wraps the cause of a damaged index.
func damagedError(path string, err error) error {
	return fmt.Errorf("%w: %s: %v", ErrDamaged, path, err)
}

// isLockTimeout says whether err is bolt's timeout on the lock of root.bolt.
func isLockTimeout(err error) bool {
	return errors.Is(err, bolterrors.ErrTimeout)
}

// guard runs fn, turning a panic inside bleve (a damaged segment: zapx
// "makeslice: len out of range") into an error wrapping ErrDamaged. It is
// the boundary of every bleve call of this package.
func guard(path string, fn func() error) (err error) {
	defer func() {
		if x := recover(); x != nil {
			err = damagedError(path, fmt.Errorf("internal error in the search library: %v", x))
		}
	}()
	return fn()
}

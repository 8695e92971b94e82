package extract

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ReadFile reads the regular file at path, at most limit bytes (0:
// DefaultMaxBytes). Anything else is refused at once, naming what it is: a
// named pipe (which would wait for a writer forever), a device (/dev/zero
// never ends), a socket, a directory. The file is opened without blocking and
// checked on the open descriptor, so a file swapped for a pipe between a
// look and the read is refused too; one that grows past the limit while read
// is too_large.
func ReadFile(path string, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, &Error{Op: "open", Path: path, Kind: KindIO, Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &Error{Op: "stat", Path: path, Kind: KindIO, Err: err}
	}
	if err := CheckRegular(fi); err != nil {
		return nil, &Error{Op: "open", Path: path, Kind: KindIO, Err: err}
	}
	if fi.Size() > limit {
		return nil, &Error{Op: "read", Path: path, Kind: KindTooLarge,
			Err: fmt.Errorf("the file has %d bytes, over the limit of %d", fi.Size(), limit)}
	}
	return ReadLimited(f, path, limit)
}

// ReadLimited reads r to its end, refusing more than limit bytes (a stream
// that does not end, standard input, a file that grows) as too_large.
func ReadLimited(r io.Reader, path string, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, &Error{Op: "read", Path: path, Kind: KindIO, Err: err}
	}
	if int64(len(data)) > limit {
		return nil, &Error{Op: "read", Path: path, Kind: KindTooLarge,
			Err: fmt.Errorf("more than the limit of %d bytes", limit)}
	}
	return data, nil
}

// CheckRegular is nil for a regular file, else an error saying what the file
// is instead.
func CheckRegular(fi fs.FileInfo) error {
	m := fi.Mode()
	if m.IsRegular() {
		return nil
	}
	what := "not a regular file"
	switch {
	case m.IsDir():
		what = "a directory"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeCharDevice != 0:
		what = "a character device"
	case m&fs.ModeDevice != 0:
		what = "a block device"
	case m&fs.ModeSymlink != 0:
		what = "a symbolic link"
	case m&fs.ModeIrregular != 0:
		what = "an irregular file"
	}
	return fmt.Errorf("is %s, not a regular file: only regular files are read", what)
}

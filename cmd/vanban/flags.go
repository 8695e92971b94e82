package main

import (
	"flag"
	"fmt"
	"strconv"
	"time"
)

// Numeric flags with a sane range: a value outside it (negative, zero where
// it means nothing, absurdly large) is refused when the flags are parsed, so
// the command stops with a usage error (exit 2) naming the flag and the range.

type intRange struct {
	v        *int64
	min, max int64
}

func (r intRange) String() string {
	if r.v == nil {
		return ""
	}
	return strconv.FormatInt(*r.v, 10)
}

func (r intRange) Set(s string) error {
	n, err := strconv.ParseInt(s, 0, 64)
	if err != nil {
		return fmt.Errorf("not a whole number")
	}
	if n < r.min || n > r.max {
		return fmt.Errorf("must be from %d to %d", r.min, r.max)
	}
	*r.v = n
	return nil
}

// int64Flag is fs.Int64 refusing values outside [min, max].
func int64Flag(fs *flag.FlagSet, name string, def, min, max int64, usage string) *int64 {
	v := def
	fs.Var(intRange{&v, min, max}, name, usage)
	return &v
}

// intFlag is fs.Int refusing values outside [min, max].
func intFlag(fs *flag.FlagSet, name string, def, min, max int, usage string) *int {
	v := def
	fs.Var(intFlagValue{&v, min, max}, name, usage)
	return &v
}

type intFlagValue struct {
	v        *int
	min, max int
}

func (r intFlagValue) String() string {
	if r.v == nil {
		return ""
	}
	return strconv.Itoa(*r.v)
}

func (r intFlagValue) Set(s string) error {
	var n int64
	if err := (intRange{&n, int64(r.min), int64(r.max)}).Set(s); err != nil {
		return err
	}
	*r.v = int(n)
	return nil
}

type durationRange struct {
	v        *time.Duration
	min, max time.Duration
}

func (r durationRange) String() string {
	if r.v == nil {
		return ""
	}
	return r.v.String()
}

func (r durationRange) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("not a duration (10s, 5m, 1h)")
	}
	if d < r.min || d > r.max {
		return fmt.Errorf("must be from %v to %v", r.min, r.max)
	}
	*r.v = d
	return nil
}

// durationFlag is fs.Duration refusing values outside [min, max].
func durationFlag(fs *flag.FlagSet, name string, def, min, max time.Duration, usage string) *time.Duration {
	v := def
	fs.Var(durationRange{&v, min, max}, name, usage)
	return &v
}

// The ranges of the flags several commands share.
const (
	maxJobs      = 1024
	maxBytesFlag = 4 << 30 // --max-bytes, --max-upload: a file is read whole into memory
	maxYear      = 2999
	maxDeadline  = 24 * time.Hour
)

// jobsFlag is -j: files processed in parallel.
func jobsFlag(fs *flag.FlagSet, def int) *int {
	return intFlag(fs, "j", def, 1, maxJobs, "files processed in parallel")
}

// timeoutFlag is --timeout: the deadline per file.
func timeoutFlag(fs *flag.FlagSet) *time.Duration {
	return durationFlag(fs, "timeout", 10*time.Minute, time.Millisecond, maxDeadline, "deadline per file")
}

// maxBytesFlagVar is --max-bytes: the size limit of one file.
func maxBytesFlagVar(fs *flag.FlagSet, def int64) *int64 {
	return int64Flag(fs, "max-bytes", def, 1, maxBytesFlag, "files larger than this fail as too_large")
}

// yearFlag is --year: 0 for any year.
func yearFlag(fs *flag.FlagSet, usage string) *int {
	return intFlag(fs, "year", 0, 0, maxYear, usage)
}

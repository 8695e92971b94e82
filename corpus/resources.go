package corpus

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Resources is what a run cost the process, measured by the kernel: CPU
// (getrusage), bytes written and read at the block layer (/proc/self/io,
// what reached the disk or its cache, the figure of issue 11's "bytes
// written"), and the peak resident set (VmHWM, since the process started).
// Zero where the system does not tell (not Linux).
type Resources struct {
	UserSeconds   float64 `json:"user_seconds"`
	SystemSeconds float64 `json:"system_seconds"`
	WriteBytes    int64   `json:"write_bytes"`
	ReadBytes     int64   `json:"read_bytes"`
	PeakRSSBytes  int64   `json:"peak_rss_bytes"`
}

// ProcessUsage is a reading of the process's counters.
func ProcessUsage() Resources {
	var r Resources
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		r.UserSeconds = time.Duration(ru.Utime.Nano()).Seconds()
		r.SystemSeconds = time.Duration(ru.Stime.Nano()).Seconds()
	}
	procFields("/proc/self/io", func(k, v string) {
		n, _ := strconv.ParseInt(v, 10, 64)
		switch k {
		case "write_bytes":
			r.WriteBytes = n
		case "read_bytes":
			r.ReadBytes = n
		}
	})
	procFields("/proc/self/status", func(k, v string) {
		if k == "VmHWM" {
			n, _ := strconv.ParseInt(strings.TrimSuffix(v, " kB"), 10, 64)
			r.PeakRSSBytes = n << 10
		}
	})
	return r
}

// Since is what the process spent from start to now (the peak is the
// process's own, not the run's: a resident set has no delta).
func (r Resources) Since(start Resources) Resources {
	return Resources{UserSeconds: r.UserSeconds - start.UserSeconds, SystemSeconds: r.SystemSeconds - start.SystemSeconds,
		WriteBytes: r.WriteBytes - start.WriteBytes, ReadBytes: r.ReadBytes - start.ReadBytes, PeakRSSBytes: r.PeakRSSBytes}
}

// procFields calls fn for each "key: value" line of a /proc file.
func procFields(path string, fn func(k, v string)) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok {
			fn(k, strings.TrimSpace(v))
		}
	}
}

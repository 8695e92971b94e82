package main

import (
	"bytes"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var peakHeapStop = func() {}

// peakHeapProfile samples the live heap each second and writes to file the
// heap profile of the largest, when the returned function (or
// peakHeapStop, before os.Exit) is called.
func peakHeapProfile(file string) func() {
	var mu sync.Mutex
	var best uint64
	var prof []byte
	done := make(chan struct{})
	var once sync.Once
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse <= best {
				continue
			}
			var b bytes.Buffer
			if pprof.Lookup("heap").WriteTo(&b, 0) == nil {
				mu.Lock()
				best, prof = ms.HeapInuse, b.Bytes()
				mu.Unlock()
			}
		}
	}()
	stop := func() {
		once.Do(func() {
			close(done)
			mu.Lock()
			defer mu.Unlock()
			if prof != nil {
				os.WriteFile(file, prof, 0o644)
			}
		})
	}
	peakHeapStop = stop
	return stop
}

package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

// peakHeapProfile samples the live heap each second; the function it
// returns stops the sampling and writes to file the heap profile taken when
// the heap was largest (a last sample is taken then).
func peakHeapProfile(file string) (stop func()) {
	done, exited := make(chan struct{}), make(chan struct{})
	var best uint64
	var prof []byte
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		var b bytes.Buffer
		if ms.HeapInuse > best && pprof.Lookup("heap").WriteTo(&b, 0) == nil {
			best, prof = ms.HeapInuse, b.Bytes()
		}
	}
	go func() {
		defer close(exited)
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() {
		close(done)
		<-exited
		sample() // a command shorter than a second
		if prof == nil {
			return
		}
		if err := os.WriteFile(file, prof, 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "vanban: cannot write the heap profile: %v\n", err)
		}
	}
}

// Command vanban turns Vietnamese administrative documents into a searchable,
// linked archive. The command line and its JSON are the contract of
// ../shared/docs/contract.md; each subcommand lives in its own file with its
// own flag.FlagSet and registers itself in init.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"syscall"
	"time"
)

// Exit statuses of the contract.
const (
	exitOK      = 0 // success
	exitPartial = 1 // some input failed; the rest was processed
	exitUsage   = 2 // bad usage
	exitStore   = 3 // the store is busy (another vanban holds it) or damaged
	exitSIGINT  = 130
	exitSIGTERM = 143
)

// Interrupted is the cause of the context of a command stopped by a signal
// (context.Cause): Run then exits 130 (SIGINT) or 143 (SIGTERM), whatever
// the command returned.
type Interrupted struct{ Signal os.Signal }

func (e Interrupted) Error() string { return "interrupted by " + e.Signal.String() }

// Code is the exit status of the signal: 128 + its number.
func (e Interrupted) Code() int {
	if s, ok := e.Signal.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return exitSIGINT
}

// interruptedCode is the exit status of a command whose context a signal
// cancelled, 0 when none did.
func interruptedCode(ctx context.Context) int {
	var in Interrupted
	if errors.As(context.Cause(ctx), &in) {
		return in.Code()
	}
	return 0
}

// stopGrace is how long a command has, after SIGINT or SIGTERM, to finish or
// roll back what it is writing (a document is one transaction; the report
// is written whole or not at all) before the process exits anyway: a command
// stuck in a read or a child process still stops within a second. A second
// signal exits at once.
const stopGrace = 800 * time.Millisecond

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *Env, args []string) int
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// Env is what a subcommand may touch of the outside world, so that tests can
// run commands in-process.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// memoryLimit is the soft limit of the Go heap (runtime/debug.SetMemoryLimit)
// unless $GOMEMLIMIT sets another: the collector works harder near it, so
// that the peak stays within the README's budget (400 MB for a 14 MB text;
// the live heap of one is about 250 MB at its peak, which the default
// GOGC=100 lets grow to 450 MB and more).
const memoryLimit = 320 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		in := Interrupted{<-sigs}
		cancel(in)
		select {
		case <-time.After(stopGrace):
		case <-sigs:
		}
		fmt.Fprintf(os.Stderr, "vanban: %v: stopped\n", in)
		os.Exit(in.Code())
	}()
	// VANBAN_CPUPROFILE=FILE writes a CPU profile of the command (go tool
	// pprof FILE): how the figures of a large ingest were found.
	if f := os.Getenv("VANBAN_CPUPROFILE"); f != "" {
		if out, err := os.Create(f); err == nil && pprof.StartCPUProfile(out) == nil {
			defer out.Close()
		}
	}
	// VANBAN_HEAPPROFILE=FILE writes the heap profile taken when the live
	// heap was largest (sampled each second): what holds the memory of a
	// large ingest.
	stopHeap := func() {}
	if f := os.Getenv("VANBAN_HEAPPROFILE"); f != "" {
		stopHeap = peakHeapProfile(f)
	}
	code := Run(ctx, &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}, os.Args[1:])
	pprof.StopCPUProfile()
	stopHeap()
	os.Exit(code)
}

// Run executes one command line and returns the exit status.
func Run(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) == 2 && args[0] == "help" && commands[args[1]] != nil {
			// "vanban help show": the usage and flags of show.
			commands[args[1]].run(ctx, env, []string{"-h"})
			return exitOK
		}
		usage(env.Stderr)
		if len(args) == 0 {
			return exitUsage
		}
		if len(args) > 1 {
			fmt.Fprintf(env.Stderr, "vanban %s: extra arguments %q\n", args[0], args[1:])
			return exitUsage
		}
		return exitOK
	}
	if args[0] == "version" || args[0] == "--version" {
		if len(args) > 1 {
			fmt.Fprintf(env.Stderr, "vanban %s takes no arguments, got %q\n", args[0], args[1:])
			return exitUsage
		}
		fmt.Fprintln(env.Stdout, "vanban", version)
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "vanban: unknown command %q\n", args[0])
		usage(env.Stderr)
		return exitUsage
	}
	code := c.run(ctx, env, args[1:])
	if in := interruptedCode(ctx); in != 0 {
		return in
	}
	return code
}

const version = "0.1.0"

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: vanban COMMAND [flags] [args]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'vanban COMMAND -h' for the flags of a command.")
}

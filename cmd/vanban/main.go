// Command vanban turns Vietnamese administrative documents into a searchable,
// linked archive. The command line and its JSON are the contract of
// ../shared/docs/contract.md; each subcommand lives in its own file with its
// own flag.FlagSet and registers itself in init.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// Exit statuses of the contract.
const (
	exitOK      = 0 // success
	exitPartial = 1 // some input failed; the rest was processed
	exitUsage   = 2 // bad usage
)

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

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

// Run executes one command line and returns the exit status.
func Run(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if args[0] == "version" || args[0] == "--version" {
		fmt.Fprintln(env.Stdout, "vanban", version)
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "vanban: unknown command %q\n", args[0])
		usage(env.Stderr)
		return exitUsage
	}
	return c.run(ctx, env, args[1:])
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

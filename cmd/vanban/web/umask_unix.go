//go:build unix

package web

import "syscall"

// umask sets the process umask (the socket is created with its mode).
func umask(m int) int { return syscall.Umask(m) }

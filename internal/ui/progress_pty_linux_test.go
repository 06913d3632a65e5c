package ui

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestProgressUnsizedTerminal: on a terminal that reports no size, 0 rows and 0 columns (a
// pseudo-terminal that script(1) opens, a CI runner's), the line is still drawn, 80 columns
// wide; mpb drew as many rows as the terminal has, none.
func TestProgressUnsizedTerminal(t *testing.T) {
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer master.Close()
	if err := unix.IoctlSetPointerInt(int(master.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(int(master.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("ptsname: %v", err)
	}
	tty, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open the terminal: %v", err)
	}
	if err := unix.IoctlSetWinsize(int(tty.Fd()), unix.TIOCSWINSZ, &unix.Winsize{}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	copied := make(chan struct{})
	go func() { io.Copy(&out, master); close(copied) }()

	p := NewProgress(tty, true)
	p.Stage("verifying", 10, "pairs")
	p.Advance(4)
	p.frame()
	p.Done()
	// Closing the terminal ends the copy once it has read all that was written: reading the
	// master then fails (EIO). Closing the master too, before the copy was done, lost output
	// on a busy machine.
	tty.Close()
	<-copied
	if !strings.Contains(out.String(), "verifying  40%") {
		t.Errorf("terminal of 0 rows and 0 columns shows %q; want the line of the verifying stage", out.String())
	}
}

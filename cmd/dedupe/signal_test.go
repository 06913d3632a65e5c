package main

import (
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// TestSecondSignalExits: the first SIGTERM (or Ctrl-C) cancels a scan; a second one ends the
// process at once even where cancellation cannot reach, here a read of standard input from a
// pipe that never ends. SIGTERM stands for Ctrl-C because a test run in the background may
// have SIGINT ignored, which the child would inherit.
func TestSecondSignalExits(t *testing.T) {
	cmd := exec.Command(os.Args[0], "scan", "-q", "-")
	cmd.Env = append(os.Environ(), "DEDUPE_TEST_MAIN=1")
	stdin, err := cmd.StdinPipe() // never written nor closed: the read blocks
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	time.Sleep(500 * time.Millisecond) // let it reach the read
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		t.Fatalf("the blocked scan ended on the first signal (%v); the test needs it blocked", err)
	case <-time.After(500 * time.Millisecond):
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
		ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
			t.Errorf("after the second signal: %v; want killed by SIGTERM", cmd.ProcessState)
		}
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the second signal did not end the process")
	}
}

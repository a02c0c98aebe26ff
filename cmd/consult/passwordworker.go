package main

import (
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"consult/internal/auth/password"
)

// passwordWorkerCommand is the hidden subcommand a password worker runs as.
const passwordWorkerCommand = "password-worker"

// newPasswordWorkerCommand is the child process `consult serve` hashes passwords in
// (password.Workers) at the lowest scheduling priority, not a command for people. It ignores the
// interrupt and termination signals a terminal or a service manager sends the whole process
// group: it ends when the server closes its input, after the server's own graceful shutdown.
func newPasswordWorkerCommand() *cobra.Command {
	return &cobra.Command{
		Use:    passwordWorkerCommand,
		Short:  "Hash passwords for consult serve, at the lowest priority (internal)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			signal.Ignore(os.Interrupt, syscall.SIGTERM)
			return password.ServeWorker(os.Stdin, os.Stdout, os.Stderr)
		},
	}
}

// passwordWorkers starts password workers from this executable, with an empty environment: they
// need none of the server's configuration or secrets. Without a known executable there are none,
// and passwords are hashed in the server.
func (e *env) passwordWorkers() *password.Workers {
	exe, err := os.Executable()
	if err != nil {
		e.log.Warn("passwords are hashed in the server: its executable is unknown", "error", err)
		return nil
	}
	return password.NewWorkers(func() *exec.Cmd {
		cmd := exec.Command(exe, passwordWorkerCommand)
		cmd.Env = []string{}
		cmd.Stderr = os.Stderr
		return cmd
	}, e.log)
}

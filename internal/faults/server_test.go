package faults_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// server is one `consult serve` process of the binary under test. It can be killed and started
// again on the same address and database.
type server struct {
	t       *testing.T
	name    string
	addr    string // host:port it listens on
	env     []string
	logPath string
	cmd     *exec.Cmd
	exited  chan struct{}
	exitErr error
}

// newServer starts a `consult serve` process on a free port with the scenario's environment and
// waits until it is ready. The process is killed when the test ends if it still runs.
func (s *scenario) newServer(name string) *server {
	s.t.Helper()
	port, err := freePort()
	if err != nil {
		s.t.Fatal(err)
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	srv := &server{t: s.t, name: name, addr: addr, env: append(s.env(), "CONSULT_ADDR="+addr),
		logPath: filepath.Join(s.dir, name+".log")}
	srv.start()
	s.t.Cleanup(func() {
		if srv.running() {
			_ = srv.cmd.Process.Kill()
			<-srv.exited
		}
		if s.t.Failed() {
			log, _ := os.ReadFile(srv.logPath)
			s.t.Logf("log of %s:\n%s", name, log)
		}
	})
	return srv
}

// start (re)starts the process and waits until /readyz answers 200.
func (srv *server) start() {
	srv.t.Helper()
	logFile, err := os.OpenFile(srv.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		srv.t.Fatal(err)
	}
	srv.cmd = exec.Command(binary, "serve")
	srv.cmd.Env = srv.env
	srv.cmd.Stdout, srv.cmd.Stderr = logFile, logFile
	if err := srv.cmd.Start(); err != nil {
		srv.t.Fatal(err)
	}
	srv.exited = make(chan struct{})
	go func() {
		srv.exitErr = srv.cmd.Wait()
		_ = logFile.Close()
		close(srv.exited)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for {
		if resp, err := http.Get(srv.url("/readyz")); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-srv.exited:
			srv.t.Fatalf("%s exited at start: %v", srv.name, srv.exitErr)
		case <-ctx.Done():
			srv.t.Fatalf("%s did not become ready", srv.name)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (srv *server) url(path string) string { return "http://" + srv.addr + path }

func (srv *server) running() bool {
	select {
	case <-srv.exited:
		return false
	default:
		return true
	}
}

// signal sends sig to the process.
func (srv *server) signal(sig syscall.Signal) {
	srv.t.Helper()
	if err := srv.cmd.Process.Signal(sig); err != nil {
		srv.t.Fatalf("signal %s: %v", srv.name, err)
	}
}

// wait waits up to timeout for the process to exit and returns its exit error (nil: status 0).
func (srv *server) wait(timeout time.Duration) error {
	select {
	case <-srv.exited:
		return srv.exitErr
	case <-time.After(timeout):
		return fmt.Errorf("%s still runs after %s", srv.name, timeout)
	}
}

// freePort asks the kernel for a port nothing listens on.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

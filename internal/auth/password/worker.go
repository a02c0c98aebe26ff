package password

import (
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os/exec"
	"sync"
	"time"
)

// Workers derive keys in child processes that run at the lowest scheduling priority (Linux's
// SCHED_IDLE). A key derivation is tens of milliseconds of processor time at a stretch over 19 MiB
// of memory; inside the server it holds one of the Go scheduler's processors and the operating
// system treats it like any request, so a flood of sign-ins, even within its Budget share, delays
// the comment submissions running beside it (p99 ×5 in the load benchmark). In an idle-priority
// child it runs when the server and the database leave a processor idle and gives way the moment
// they want it, and its memory never reaches the server's garbage collector. A Hasher uses
// Workers when given them (WithWorkers); the Budget still bounds how many derivations run and how
// much processor time they take. Workers are safe for concurrent use.
type Workers struct {
	command func() *exec.Cmd // starts one child, which runs ServeWorker
	log     *slog.Logger
	timeout time.Duration // workerTimeout
	mu      sync.Mutex
	idle    []*worker
	closed  bool
}

// maxIdleWorkers bounds the children kept between derivations: the Budget's slots, at most.
const maxIdleWorkers = maxDefaultConcurrency

// NewWorkers returns Workers whose children are started with command (for example the server's
// own executable with a subcommand that calls ServeWorker). Children start when first needed. A
// child that cannot be started or fails is logged on log, and that derivation runs in the server.
func NewWorkers(command func() *exec.Cmd, log *slog.Logger) *Workers {
	return &Workers{command: command, log: log, timeout: workerTimeout}
}

// workRequest is what the server sends a child for one derivation.
type workRequest struct {
	Password, Salt []byte
	Params         Params
}

// workResult is the child's answer: the key, and the processor time the derivation took in the
// child (zero when the child's system cannot tell), which the Budget charges.
type workResult struct {
	Key []byte
	CPU time.Duration
}

// worker is one running child and the streams to it.
type worker struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	enc *gob.Encoder
	dec *gob.Decoder
}

// workerTimeout bounds one derivation in a child, waiting for idle processors included: a child
// that takes longer is killed, so that a stuck one cannot hold a slot of the Budget for ever.
const workerTimeout = 30 * time.Second

// derive has a child derive the key and returns it with the processor time it took there. A
// child that fails is stopped and the error returned; the next derivation starts a new one.
func (ws *Workers) derive(pw, salt []byte, p Params) ([]byte, time.Duration, error) {
	w, err := ws.take()
	if err != nil {
		return nil, 0, err
	}
	stuck := time.AfterFunc(ws.timeout, func() { _ = w.cmd.Process.Kill() })
	var res workResult
	err = w.enc.Encode(workRequest{Password: pw, Salt: salt, Params: p})
	if err == nil {
		err = w.dec.Decode(&res)
	}
	if err == nil && len(res.Key) != int(p.KeyLen) {
		err = errors.New("the key has the wrong length")
	}
	if !stuck.Stop() {
		err = errors.New("no answer within " + ws.timeout.String())
	}
	if err != nil {
		w.stop()
		return nil, 0, fmt.Errorf("password worker: %w", err)
	}
	ws.put(w)
	return res.Key, res.CPU, nil
}

// take returns an idle child, or starts one.
func (ws *Workers) take() (*worker, error) {
	ws.mu.Lock()
	if ws.closed {
		ws.mu.Unlock()
		return nil, errors.New("password workers: closed")
	}
	if n := len(ws.idle); n > 0 {
		w := ws.idle[n-1]
		ws.idle = ws.idle[:n-1]
		ws.mu.Unlock()
		return w, nil
	}
	ws.mu.Unlock()
	return ws.start()
}

// put keeps w for the next derivation, or stops it when enough are kept or Workers are closed.
func (ws *Workers) put(w *worker) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if ws.closed || len(ws.idle) >= maxIdleWorkers {
		w.stop()
		return
	}
	ws.idle = append(ws.idle, w)
}

func (ws *Workers) start() (*worker, error) {
	cmd := ws.command()
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("password worker: %w", err)
	}
	return &worker{cmd: cmd, in: in, enc: gob.NewEncoder(in), dec: gob.NewDecoder(out)}, nil
}

// stop ends the child: closing its input makes ServeWorker return; a child that does not is killed.
func (w *worker) stop() {
	_ = w.in.Close()
	done := make(chan struct{})
	go func() {
		_ = w.cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		_ = w.cmd.Process.Kill()
		<-done
	}
}

// Close stops the idle children; a derivation still running stops its child when it ends.
func (ws *Workers) Close() error {
	ws.mu.Lock()
	idle := ws.idle
	ws.idle, ws.closed = nil, true
	ws.mu.Unlock()
	for _, w := range idle {
		w.stop()
	}
	return nil
}

// ServeWorker is a child's side of Workers: it lowers the priority of its own process to the
// lowest, then answers derivation requests read from r on w until r ends (the server closed the
// pipe, or exited). Where the system refuses the lower priority it says so on warn and serves
// anyway: the derivations' memory still stays out of the server. Parameters outside the bounds a
// stored hash may have are refused, so the child's work is bounded like the server's.
func ServeWorker(r io.Reader, w, warn io.Writer) error {
	if err := lowerPriority(); err != nil {
		fmt.Fprintln(warn, "password worker: runs at the normal priority: "+err.Error())
	}
	return serveWorker(r, w)
}

// serveWorker answers derivation requests read from r on w until r ends.
func serveWorker(r io.Reader, w io.Writer) error {
	dec, enc := gob.NewDecoder(r), gob.NewEncoder(w)
	for {
		var req workRequest
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if !req.Params.within(len(req.Salt)) {
			return errors.New("parameters out of bounds")
		}
		start, known := processCPUTime()
		key := idKey(req.Password, req.Salt, req.Params)
		var used time.Duration
		if end, ok := processCPUTime(); ok && known {
			used = end - start
		}
		if err := enc.Encode(workResult{Key: key, CPU: used}); err != nil {
			return err
		}
	}
}

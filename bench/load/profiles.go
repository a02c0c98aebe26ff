package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/google/pprof/profile"
)

// profileSummary is where consult spent its CPU during a row's load in the first round: the
// files of the CPU profile and of the heap profile taken right after, and the top functions.
type profileSummary struct {
	CPUFile    string  `json:"cpu_file"`
	HeapFile   string  `json:"heap_file,omitempty"`
	Seconds    float64 `json:"seconds"`     // how long the CPU profile ran
	CPUSeconds float64 `json:"cpu_seconds"` // CPU time sampled in it
	TopFlat    []share `json:"top_flat"`
	TopCum     []share `json:"top_cum"`
	Error      string  `json:"error,omitempty"`
}

// topN is how many functions a summary lists by flat and by cumulative share.
const topN = 8

// profile starts a CPU profile of the server for row when the rig profiles this round: it runs
// for the load's duration less a second. The returned function waits for it, takes a heap profile,
// saves both under cfg.profiles and keeps their summary.
func (r *rig) profile(ctx context.Context, row string) func() {
	if !r.profiling {
		return func() {}
	}
	seconds := max(1, int((r.cfg.duration - time.Second).Seconds()))
	cpu := make(chan error, 1)
	cpuFile := filepath.Join(r.cfg.profiles, row+".cpu.pprof")
	go func() { cpu <- r.saveProfile(ctx, "profile?seconds="+strconv.Itoa(seconds), cpuFile) }()
	return func() {
		sum := &profileSummary{CPUFile: cpuFile, Seconds: float64(seconds)}
		r.profiles[row] = sum
		err := <-cpu
		heapFile := filepath.Join(r.cfg.profiles, row+".heap.pprof")
		if herr := r.saveProfile(ctx, "heap", heapFile); herr == nil {
			sum.HeapFile = heapFile
		} else if err == nil {
			err = herr
		}
		if err == nil {
			err = sum.read(cpuFile)
		}
		if err != nil {
			sum.Error = err.Error()
			logf("  profile of %s: %v", row, err)
		}
	}
}

// saveProfile fetches /debug/pprof/<query> from the server into file.
func (r *rig) saveProfile(ctx context.Context, query, file string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.baseURL+"/debug/pprof/"+query, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept-Encoding", "identity") // the profile is gzipped already
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET /debug/pprof/%s: %d", query, resp.StatusCode)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// read fills the summary's top functions from the CPU profile in file.
func (s *profileSummary) read(file string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	p, err := profile.Parse(f)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	s.CPUSeconds, s.TopFlat, s.TopCum = topFunctions(p, topN)
	return nil
}

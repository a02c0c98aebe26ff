package main

import (
	"cmp"
	"maps"
	"slices"

	"github.com/google/pprof/profile"
)

// share is one function's part of a CPU profile's sampled time.
type share struct {
	Function string  `json:"function"`
	Flat     float64 `json:"flat"` // share of the sampled CPU time spent in the function itself
	Cum      float64 `json:"cum"`  // share spent in it and in what it called
}

// topFunctions sums a CPU profile by function as `go tool pprof -top` does (flat: the innermost
// function of a sample's first frame, inlined calls included; cumulative: every function on the
// sample's stack, once per sample) and gives the CPU seconds sampled and the n functions of the
// largest flat and of the largest cumulative shares.
func topFunctions(p *profile.Profile, n int) (cpuSeconds float64, byFlat, byCum []share) {
	vi := valueIndex(p)
	flat, cum := map[string]int64{}, map[string]int64{}
	var total int64
	for _, s := range p.Sample {
		v := s.Value[vi]
		total += v
		seen := map[string]bool{}
		for i, loc := range s.Location {
			for j, line := range loc.Line {
				name := functionName(line)
				if i == 0 && j == 0 {
					flat[name] += v
				}
				if !seen[name] {
					seen[name] = true
					cum[name] += v
				}
			}
		}
	}
	if total == 0 {
		return 0, nil, nil
	}
	shareOf := func(name string) share {
		return share{Function: name, Flat: float64(flat[name]) / float64(total), Cum: float64(cum[name]) / float64(total)}
	}
	top := func(by map[string]int64) []share {
		names := slices.SortedFunc(maps.Keys(by), func(a, b string) int {
			return cmp.Or(cmp.Compare(by[b], by[a]), cmp.Compare(a, b))
		})
		out := make([]share, 0, n)
		for _, name := range names[:min(n, len(names))] {
			out = append(out, shareOf(name))
		}
		return out
	}
	return float64(total) * unitSeconds(p.SampleType[vi].Unit), top(flat), top(cum)
}

// valueIndex is the index of the CPU time among a profile's sample values (the last one, as in
// Go's CPU profiles, when none is named cpu).
func valueIndex(p *profile.Profile) int {
	for i, st := range p.SampleType {
		if st.Type == "cpu" {
			return i
		}
	}
	return len(p.SampleType) - 1
}

func functionName(l profile.Line) string {
	if l.Function == nil || l.Function.Name == "" {
		return "(unknown)"
	}
	return l.Function.Name
}

// unitSeconds is one unit of a sample value in seconds (1 for a unit that is not a time).
func unitSeconds(unit string) float64 {
	switch unit {
	case "nanoseconds":
		return 1e-9
	case "microseconds":
		return 1e-6
	case "milliseconds":
		return 1e-3
	default:
		return 1
	}
}

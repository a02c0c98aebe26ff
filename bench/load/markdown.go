package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// markdown is the report as docs/benchmarks.md.
func (rep *report) markdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("# Load benchmark")
	p("")
	p("Written by `make bench` (bench/load) on %s; do not edit by hand: run it again. Every number below is the median of %v",
		rep.GeneratedAt.Format("2006-01-02 15:04 UTC"), rep.Settings["rounds"])
	p("interleaved rounds, each load running %vs, against consult on PostgreSQL filled by `consult bench-data` with %v comments",
		rep.Settings["duration_s"], rep.Data["comments"])
	p("(%v published) from %v stakeholders on a draft of %v clauses. The load generator (vegeta) runs on the same machine.",
		rep.Data["published"], rep.Data["stakeholders"], rep.Data["clauses"])
	p("Before each load the bench runs `VACUUM ANALYSE` and `CHECKPOINT` on its database and has the kernel write out its dirty")
	p("pages (`sync`), so that no load pays for the writes of the one before (or of the data generation); checkpoints and dead rows")
	p("caused by a load itself still count.")
	p("")
	p("- Machine: %s, %d cores, %.1f GiB memory, Linux %s", rep.Machine.CPU, rep.Machine.Cores, rep.Machine.MemoryGiB, rep.Machine.Kernel)
	p("- Versions: Go %s, PostgreSQL %s, consult %s", strings.TrimPrefix(rep.Versions["go"], "go"), rep.Versions["postgresql"], rep.Versions["consult"])
	p("- Data generation: %.1f s for %v comments; whole run %.0f s", rep.Data["generation_s"], rep.Data["comments"], rep.RunSeconds)
	p("- Commands: %s", "`"+strings.Join(rep.Commands, "`; `")+"`")
	p("")
	p("| scenario | consult: throughput, p50 / p95 / p99, peak memory | baseline in the same run | ratio | goal | met |")
	p("|---|---|---|---|---|---|")
	for _, r := range rep.Rows {
		base := "—"
		if r.Median.Baseline != nil {
			base = fmt.Sprintf("%s: %s", r.Baseline, figures(*r.Median.Baseline))
		} else if r.Baseline != "" {
			base = r.Baseline
		}
		ratio := "—"
		if r.Ratio != 0 {
			ratio = fmt.Sprintf("%.3g", r.Ratio)
		}
		consult := figures(r.Median.Consult)
		switch perComment, ok := r.Median.Extra["per_comment_us"]; {
		case len(r.Rounds) == 0:
			consult = "—"
		case ok:
			consult = fmt.Sprintf("%.1f µs per comment (%.0f comments)", perComment, r.Median.Extra["comments"])
		}
		p("| %s | %s | %s | %s | %s | %s |", r.Title, consult, base, ratio, r.Goal, r.Verdict)
	}
	p("")
	p("## Details")
	p("")
	for _, r := range rep.Rows {
		if len(r.Rounds) == 0 {
			continue
		}
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(r.Median.Extra)) {
			parts = append(parts, fmt.Sprintf("%s %.4g", k, r.Median.Extra[k]))
		}
		if m := r.Median.Consult; m.Rate > 0 {
			parts = append(parts, fmt.Sprintf("%d requests sent at %.1f/s", m.Requests, m.Rate))
		}
		for _, k := range slices.Sorted(maps.Keys(r.Median.Consult.Codes)) {
			parts = append(parts, fmt.Sprintf("HTTP %s ×%d", k, r.Median.Consult.Codes[k]))
		}
		p("- **%s**: %s", r.Key, strings.Join(parts, ", "))
	}
	for name, errs := range rep.Failures {
		p("- **failed: %s**: %s", name, strings.Join(errs, "; "))
	}
	p("")
	p("Ratios: throughput of consult over its baseline's for the submissions and the reads; time of the export over COPY's;")
	p("submission p99 beside a flood over the p99 alone. Peak memory is the server's VmHWM during the scenario (reset before it), its password workers' added.")
	p("The export and COPY each read on a session of their own that runs nothing else (idle since the previous round's run, new")
	p("in the first); its `warm_*` figures are both run again at once, when neither session has been idle: the verdict is on the first run.")
	p("`docs/benchmarks.json` holds every round's numbers.")
	rep.whereTheTimeGoes(&b)
	return b.String()
}

// figures is a measure in a table cell.
func figures(m measure) string {
	s := ""
	switch {
	case m.Requests == 1:
		s = fmt.Sprintf("%.2f s", m.Seconds)
	case m.P99 == 0:
		s = fmt.Sprintf("%.0f/s", m.Throughput)
	default:
		s = fmt.Sprintf("%.0f/s, %.1f / %.1f / %.1f ms", m.Throughput, m.P50, m.P95, m.P99)
	}
	if m.Bytes > 0 && m.Requests == 1 {
		s += fmt.Sprintf(", %.1f MiB", float64(m.Bytes)/(1<<20))
	}
	if m.PeakRSSMiB > 0 {
		s += fmt.Sprintf(", %.0f MiB peak", m.PeakRSSMiB)
	}
	if m.Success < 1 && m.Requests > 0 {
		s += fmt.Sprintf(", %.1f%% success", 100*m.Success)
	}
	return s
}

package main

import (
	"fmt"
	"strings"
)

// whereTheTimeGoes is the report's section on the CPU profiles of the rows that missed their goal.
func (rep *report) whereTheTimeGoes(b *strings.Builder) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	p("")
	p("## Where the time goes")
	p("")
	p("CPU profiles of consult (`CONSULT_PPROF`), taken in the first round while each load ran, for the load's duration less")
	p("a second, then its heap; the profiling costs that round a few per cent. Below are the rows that missed their goal:")
	p("the functions with the largest shares of the CPU time sampled, flat (in the function itself) and cumulative (with")
	p("what it called). `docs/benchmarks.json` has every row's; the profiles are in `%v/` (`go tool pprof -top <file>`).", rep.Settings["profiles"])
	shown := 0
	for _, r := range rep.Rows {
		if r.Met || r.Verdict == "reported" || r.Verdict == "not measured" || r.Profile == nil {
			continue
		}
		shown++
		s := r.Profile
		p("")
		switch r.Key {
		case rowSubmit32:
			rep.processorTime(b, r)
		case rowExport:
			rep.exportProcessorTime(b, r)
		}
		if s.Error != "" && len(s.TopFlat) == 0 {
			p("### %s: no profile (%s)", r.Key, s.Error)
			continue
		}
		p("### %s: %.1f s of CPU in %.0f s (%.2f cores), `%s`", r.Key, s.CPUSeconds, s.Seconds, s.CPUSeconds/max(s.Seconds, 1e-9), s.CPUFile)
		p("")
		p("| | by flat share | flat | cum | by cumulative share | flat | cum |")
		p("|---|---|---|---|---|---|---|")
		for i := range max(len(s.TopFlat), len(s.TopCum)) {
			row := []string{fmt.Sprint(i + 1)}
			for _, list := range [][]share{s.TopFlat, s.TopCum} {
				if i < len(list) {
					f := list[i]
					row = append(row, "`"+f.Function+"`", percent(f.Flat), percent(f.Cum))
				} else {
					row = append(row, "", "", "")
				}
			}
			p("| %s |", strings.Join(row, " | "))
		}
	}
	if shown == 0 {
		p("")
		p("No row with a profile missed its goal.")
	}
}

// processorTime writes, for a row whose loads were charged with their processor time
// (cpuPerRequest), what each process and the whole machine spent per request beside the
// baseline, and what the goal allows.
func (rep *report) processorTime(b *strings.Builder, r judged) {
	x := r.Median.Extra
	if !chargedWithCPU(r) {
		return
	}
	p := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	cell := func(key string) string { return extraCell(x, key, "%.2f") }
	p("### %s: processor time per row stored", r.Key)
	p("")
	p("Read from `/proc` before and after each load (medians of the rounds), in ms of one core per row stored:")
	p("")
	p("| | consult's submissions | baseline (pgbench) |")
	p("|---|---|---|")
	for _, g := range []struct{ key, title string }{
		{"machine", "**whole machine**"}, {cpuConsult, "consult"}, {cpuPostgreSQL, "PostgreSQL"}, {cpuMail, "mail catcher (Mailpit)"},
		{cpuLoad, "load generator (vegeta; pgbench)"}, {cpuOther, "other (kernel threads such as writeback, other processes)"},
	} {
		baseline := "—" // consult and the mail catcher have no part in the baseline
		if g.key != cpuConsult && g.key != cpuMail {
			baseline = cell("baseline_cpu_ms_" + g.key)
		}
		p("| %s | %s | %s |", g.title, cell("cpu_ms_"+g.key), baseline)
	}
	cores := float64(rep.Machine.Cores)
	goal := submitGoal * r.Median.Baseline.Throughput
	p("")
	p("With %d cores busy, %.2f ms of the machine per submission allows at most %.0f/s; the goal (%.2g × the baseline's %.0f/s = %.0f/s)",
		rep.Machine.Cores, x["cpu_ms_machine"], 1000*cores/x["cpu_ms_machine"], submitGoal, r.Median.Baseline.Throughput, goal)
	p("needs at most %.2f ms per submission for everything on the machine, the load generator and the mail catcher included.", 1000*cores/goal)
	served := x["cpu_ms_machine"] - x["cpu_ms_"+cpuMail] - x["cpu_ms_"+cpuLoad]
	baseline := x["baseline_cpu_ms_machine"] - x["baseline_cpu_ms_"+cpuLoad]
	p("Without what a production machine does not carry (the mail catcher and the load generator; pgbench's client for the baseline),")
	p("a submission costs %.2f ms and a baseline row %.2f ms: were the processor time all that counted, consult alone on these cores", served, baseline)
	p("would reach %.2f of the baseline's rate. That is an estimate from processor time, not a measurement; the goal is judged on the measured rates.", baseline/served)
	p("")
}

// chargedWithCPU says whether r's loads and its baseline's were charged with their processor time
// (cpuPerRequest).
func chargedWithCPU(r judged) bool {
	x := r.Median.Extra
	return x["cpu_ms_machine"] != 0 && x["baseline_cpu_ms_machine"] != 0 && r.Median.Baseline != nil
}

// extraCell formats the measurement key of x, or a dash when it was not taken.
func extraCell(x map[string]float64, key, format string) string {
	if v, ok := x[key]; ok {
		return fmt.Sprintf(format, v)
	}
	return "—"
}

func percent(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) }

// exportProcessorTime writes, for the export, how long it and COPY took beside the processor time
// each process spent meanwhile: a process whose time comes close to the wall-clock time is the one
// the other waited for.
func (rep *report) exportProcessorTime(b *strings.Builder, r judged) {
	x := r.Median.Extra
	if !chargedWithCPU(r) {
		return
	}
	p := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	cell := func(key string) string { return extraCell(x, key, "%.0f") }
	p("### %s: processor time of one export", r.Key)
	p("")
	p("Read from `/proc` before and after the export and COPY (medians of the rounds; the kernel counts in 10 ms ticks), in ms:")
	p("")
	p("| | consult's export | baseline (COPY) |")
	p("|---|---|---|")
	p("| **wall-clock time** | %.0f | %.0f |", 1000*r.Median.Consult.Seconds, 1000*r.Median.Baseline.Seconds)
	for _, g := range []struct{ key, title string }{
		{"machine", "whole machine (%d cores)"}, {cpuConsult, "consult"}, {cpuPostgreSQL, "PostgreSQL"},
		{cpuLoad, "client (this benchmark, reading the answer)"}, {cpuOther, "other (kernel threads, other processes)"},
	} {
		title := g.title
		if g.key == "machine" {
			title = fmt.Sprintf(title, rep.Machine.Cores)
		}
		baseline := "—"
		if g.key != cpuConsult {
			baseline = cell("baseline_cpu_ms_" + g.key)
		}
		p("| %s | %s | %s |", title, cell("cpu_ms_"+g.key), baseline)
	}
	p("| PostgreSQL's minor page faults (not ms) | %s | %s |", cell("minor_faults_"+cpuPostgreSQL), cell("baseline_minor_faults_"+cpuPostgreSQL))
	p("")
	pg, copyPG := x["cpu_ms_"+cpuPostgreSQL], x["baseline_cpu_ms_"+cpuPostgreSQL]
	p("PostgreSQL spent %.0f ms of processor time serving the export's query, %.0f%% of the export's wall-clock time and %.2f× what it", pg,
		100*pg/(1000*r.Median.Consult.Seconds), pg/max(copyPG, 1))
	p("spent on COPY; consult spent %.0f ms beside it (it reads the rows in one goroutine while another writes the answer).", x["cpu_ms_"+cpuConsult])
	p("Each runs on a session of its own that reads nothing else, opened at its first run: consult's export connection and the")
	p("benchmark's COPY session are alike, new in the first round and idle since the last round's run in the others. A PostgreSQL")
	p("server process maps the shared buffers page by page as it first touches them, a page fault each (huge pages avoid them,")
	p("docs/deployment.md), and on this machine its first large read after minutes of idling while other processes worked")
	p("took it up to twice the processor time of the next.")
	p("")
}

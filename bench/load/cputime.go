package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// clockTicks is Linux's USER_HZ, the unit of the times in /proc (sysconf(_SC_CLK_TCK): 100 on
// every architecture Go runs Linux on).
const clockTicks = 100

// The process groups whose processor time a load is charged with.
const (
	cpuConsult    = "consult"
	cpuPostgreSQL = "postgresql"
	cpuMail       = "mail_catcher"
	cpuLoad       = "load_generator"
	cpuOther      = "other" // the kernel's threads (writeback), pgbench, other daemons
)

// cpuReading is the processor time, in seconds, spent so far by the machine (all processors) and
// by each group, and the minor page faults each group took.
type cpuReading struct {
	machine float64
	groups  map[string]float64
	faults  map[string]float64
}

// readCPU reads the processor time of the machine (/proc/stat) and of the groups: consult's
// process with its password workers, the mail catcher's process, this process (the load
// generator, with the pgbench runs that have ended), and every PostgreSQL process, counting for
// the postmaster the backends it has reaped, so that connections closed during the load count too.
func (r *rig) readCPU() cpuReading {
	out := cpuReading{machine: machineCPU(), groups: map[string]float64{}, faults: map[string]float64{}}
	pids := map[int]string{os.Getpid(): cpuLoad}
	if r.server != nil {
		pids[r.server.cmd.Process.Pid] = cpuConsult
	}
	if r.mailpit != nil {
		pids[r.mailpit.cmd.Process.Pid] = cpuMail
	}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, path := range stats {
		pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(path)))
		raw, err := os.ReadFile(path)
		if err != nil {
			continue // ended meanwhile
		}
		st, ok := parseStat(raw)
		switch group, known := pids[pid]; {
		case !ok:
		case group == cpuLoad: // with pgbench, once it has ended
			out.add(group, st, true)
		case known:
			out.add(group, st, true)
		case r.server != nil && st.ppid == r.server.cmd.Process.Pid: // consult's password workers
			out.add(cpuConsult, st, false)
		case st.comm == "postgres":
			out.add(cpuPostgreSQL, st, true)
		}
	}
	return out
}

// procStat is what the report takes from a /proc/<pid>/stat line: the command name, the parent's
// process id, the process's own user and system time and that of the children it has waited for,
// in seconds, and the minor page faults of either.
type procStat struct {
	comm                    string
	ppid                    int
	own, reaped             float64
	ownFaults, reapedFaults float64
}

// add counts st in group, with what its reaped children spent when withReaped.
func (c cpuReading) add(group string, st procStat, withReaped bool) {
	c.groups[group] += st.own
	c.faults[group] += st.ownFaults
	if withReaped {
		c.groups[group] += st.reaped
		c.faults[group] += st.reapedFaults
	}
}

// parseStat reads a /proc/<pid>/stat line.
func parseStat(raw []byte) (procStat, bool) {
	open, end := bytes.IndexByte(raw, '('), bytes.LastIndexByte(raw, ')')
	if open < 0 || end < open {
		return procStat{}, false
	}
	fields := strings.Fields(string(raw[end+1:])) // from the state, field 3
	if len(fields) < 15 {
		return procStat{}, false
	}
	field := func(i int) float64 { // field i of stat(5), counted from 1
		v, _ := strconv.ParseFloat(fields[i-3], 64)
		return v
	}
	return procStat{comm: string(raw[open+1 : end]), ppid: int(field(4)),
		own: (field(14) + field(15)) / clockTicks, reaped: (field(16) + field(17)) / clockTicks,
		ownFaults: field(10), reapedFaults: field(11)}, true
}

// machineCPU is the processor time all processors spent busy (not idle, not waiting for I/O).
func machineCPU() float64 {
	raw, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(raw), "\n")
	fields := strings.Fields(line) // cpu user nice system idle iowait irq softirq steal …
	var busy float64
	for i, f := range fields[1:min(len(fields), 9)] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		v, _ := strconv.ParseFloat(f, 64)
		busy += v / clockTicks
	}
	return busy
}

// cpuPerRequest adds to extra the processor time, in ms, that each group and the whole machine
// spent per request from before to after, named prefix+"cpu_ms_"+group and prefix+"cpu_ms_machine".
func cpuPerRequest(extra map[string]float64, prefix string, before, after cpuReading, requests uint64) {
	if requests == 0 {
		return
	}
	per := func(s float64) float64 { return 1000 * s / float64(requests) }
	extra[prefix+"cpu_ms_machine"] = per(after.machine - before.machine)
	rest := after.machine - before.machine
	for _, g := range []string{cpuConsult, cpuPostgreSQL, cpuMail, cpuLoad} {
		d := after.groups[g] - before.groups[g]
		extra[prefix+"cpu_ms_"+g] = per(d)
		extra[prefix+"minor_faults_"+g] = (after.faults[g] - before.faults[g]) / float64(requests)
		rest -= d
	}
	extra[prefix+"cpu_ms_"+cpuOther] = per(max(rest, 0))
}

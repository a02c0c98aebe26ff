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

func percent(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) }

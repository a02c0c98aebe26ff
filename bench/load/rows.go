package main

import "fmt"

// The rows of the report: the scenarios of issue 14's table, in its order.
const (
	rowSubmit32   = "submit-32-clients"
	rowSubmit300  = "submit-300-per-s"
	rowOutbox     = "receipt-mails"
	rowDocument   = "document"
	rowSearch     = "search"
	rowListFirst  = "list-first-page"
	rowListDeep   = "list-deep-cursor"
	rowExport     = "csv-export"
	rowClusters   = "clusters"
	rowClustering = "clustering-per-comment"
	rowSubmit100  = "submit-100-per-s-alone"
	rowFloodOne   = "submit-100-per-s-beside-sign-ins-one-address"
	rowFloodMany  = "submit-100-per-s-beside-sign-ins-many-addresses"
)

// row is a line of the report: what it measures, its goal, and how the goal is judged on the
// medians of the rounds.
type row struct {
	key, title, baseline, goal string
	// judge gives the ratio to the baseline (0 when the row has none) and whether the goal is met;
	// nil for a row that is only reported.
	judge func(o outcome) (ratio float64, met bool)
}

// throughputRatio is consult's throughput over its baseline's.
func throughputRatio(o outcome) float64 {
	if o.Baseline == nil || o.Baseline.Throughput == 0 {
		return 0
	}
	return o.Consult.Throughput / o.Baseline.Throughput
}

// readGoal is met when consult answers at least share of its baseline's throughput, and every
// answer was a success.
func readGoal(share float64) func(o outcome) (float64, bool) {
	return func(o outcome) (float64, bool) {
		r := throughputRatio(o)
		return r, r >= share && o.Consult.Success == 1
	}
}

// flat says whether one request left the server's memory flat: neither its live heap (what the
// last collection kept) nor its resident memory grew by 64 MiB or more while it ran. The
// allocated heap is reported beside them but not judged: it also holds garbage not collected yet,
// which the collector lets grow in proportion to everything else the process keeps.
func flat(o outcome) bool {
	return o.Extra["rss_growth_mib"] < 64 && o.Extra["live_heap_growth_mib"] < 64
}

// p99Ratio is a flood row's submission p99 over the p99 of submissions alone.
func p99Ratio(o outcome) (float64, bool) {
	r := o.Consult.P99 / max(o.Extra["p99_alone_ms"], 1e-9)
	return r, r <= 2 && o.Consult.Success == 1
}

// submitGoal is the submissions' goal: this share of the baseline's throughput.
const submitGoal = 0.5

var rows = []row{
	{rowSubmit32, "comment submissions, 32 clients, one consultation", "single-row INSERT of the same row shape (pgbench, 32 clients)", "ratio ≥ 0.5",
		func(o outcome) (float64, bool) {
			r := throughputRatio(o)
			return r, r >= submitGoal && o.Consult.Success == 1
		}},
	{rowSubmit300, "submissions at a fixed 300/s", "", "p99 < 100 ms, no backlog (all 300/s answered 201)",
		func(o outcome) (float64, bool) {
			return 0, o.Consult.P99 < 100 && o.Consult.Success == 1 && o.Consult.Throughput >= 0.98*300
		}},
	{rowOutbox, "receipt mails leaving the outbox (during the 300/s submissions)", "", "keeps pace: the outbox is empty within 5 s of the load's end",
		func(o outcome) (float64, bool) {
			return 0, o.Extra["still_waiting"] == 0 && o.Extra["drain_after_load_s"] <= 5
		}},
	{rowDocument, "`GET /documents/{id}` (clause tree with counts)", "constant JSON of the same bytes in Echo", "ratio ≥ 0.3", readGoal(0.3)},
	{rowSearch, "full-text search `?q=`", "constant JSON of the same bytes in Echo", "ratio ≥ 0.2, p99 < 150 ms",
		func(o outcome) (float64, bool) { r, ok := readGoal(0.2)(o); return r, ok && o.Consult.P99 < 150 }},
	{rowListFirst, "published comment list, first page", "constant JSON of the same bytes in Echo", "ratio ≥ 0.3", readGoal(0.3)},
	{rowListDeep, "published comment list, deep cursor", "constant JSON of the same bytes in Echo", "ratio ≥ 0.3", readGoal(0.3)},
	{rowExport, "CSV export of the published comments, uncompressed", "`COPY … TO STDOUT CSV` of the same columns", "time ratio ≤ 1.5, memory flat (live heap and resident memory grow < 64 MiB)",
		func(o outcome) (float64, bool) {
			if o.Baseline == nil || o.Baseline.Seconds == 0 {
				return 0, false
			}
			r := o.Consult.Seconds / o.Baseline.Seconds
			return r, r <= 1.5 && o.Consult.Success == 1 && flat(o)
		}},
	{rowClusters, "`GET /clusters` over every comment, campaigns included", "", "< 1 s, memory flat (live heap and resident memory grow < 64 MiB)",
		func(o outcome) (float64, bool) {
			return 0, o.Consult.Seconds < 1 && o.Consult.Success == 1 && flat(o)
		}},
	{rowClustering, "campaign clustering, time per comment (consult bench-data assigning every generated comment its cluster ÷ comments)", "", "none in the issue: reported", nil},
	{rowSubmit100, "submissions at 100/s, alone", "", "p99 < 100 ms",
		func(o outcome) (float64, bool) { return 0, o.Consult.P99 < 100 && o.Consult.Success == 1 }},
	{rowFloodOne, "same, beside 50 wrong sign-ins/s from one address", "the same submissions alone", "p99 ≤ 2× alone", p99Ratio},
	{rowFloodMany, "same, beside 50 wrong sign-ins/s from many addresses over 2,000 accounts", "the same submissions alone", "p99 ≤ 2× alone", p99Ratio},
}

// verdict words a judged row.
func verdict(met bool, ratio float64) string {
	switch {
	case met:
		return "met"
	case ratio > 0:
		return fmt.Sprintf("missed (ratio %.3g)", ratio)
	default:
		return "missed"
	}
}

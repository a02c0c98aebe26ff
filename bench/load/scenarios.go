package main

import (
	"context"
	"net/url"
)

// outcome is what one round of a scenario measured for one row of the report: consult, its
// baseline (when it has one) and figures of its own.
type outcome struct {
	Consult  measure            `json:"consult"`
	Baseline *measure           `json:"baseline,omitempty"`
	Extra    map[string]float64 `json:"extra,omitempty"`
}

// scenario is one load that runs once per round and gives one or more rows of the report.
type scenario struct {
	name string
	run  func(ctx context.Context) (map[string]outcome, error)
}

// scenarios are the loads of a round, in the order they run.
func (r *rig) scenarios() []scenario {
	return []scenario{
		{"submissions, 32 clients", r.submitClosed},
		{"submissions at 300/s", r.submitFixed},
		{"GET /documents/{id}", r.readScenario(rowDocument, r.baseURL+"/api/v1/documents/"+r.data.DocumentID)},
		{"search", r.readScenario(rowSearch, r.searchURLs()...)},
		{"comment list, first page", r.readScenario(rowListFirst, r.commentsURL()+"?limit=50")},
		{"comment list, deep cursor", r.readDeep},
		{"CSV export", r.exportCSV},
		{"clusters", r.clusters},
		{"submissions at 100/s beside sign-in floods", r.submitBesideFloods},
	}
}

// commentsURL is the consultation's comment list.
func (r *rig) commentsURL() string {
	return r.baseURL + "/api/v1/consultations/" + r.data.ConsultationID + "/comments"
}

// searchURLs are full-text searches of the published comments for words of the generated texts.
func (r *rig) searchURLs() []string {
	var out []string
	for _, q := range []string{"privileged", "screening", "notification", "subcontracted", "campaign", "hospitals", "interpretation", "NIS2"} {
		out = append(out, r.commentsURL()+"?q="+url.QueryEscape(q))
	}
	return out
}

// withMemory runs row's work with the server's peak memory measured from its start to its end,
// and, in the round that profiles, with the server's CPU and heap profiles.
func (r *rig) withMemory(ctx context.Context, row string, work func() measure) measure {
	r.server.resetPeak()
	profiled := r.profile(ctx, row)
	m := work()
	m.PeakRSSMiB = r.server.peakRSS()
	profiled()
	return m
}

package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync/atomic"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

const proposedChange = "Replace \"at least once every twelve months\" by \"at least once per audit cycle\" and list the evidence expected."

// submissionBody is the i-th text the load submits: about as long as the generated comments
// (some 500 characters), each different.
func submissionBody(i int) string {
	topics := []string{"privileged access", "the screening of analysts", "incident notification", "the evaluation report", "supply chain risks"}
	return fmt.Sprintf("Load comment %d. We comment on %s. The wording leaves too much room for interpretation by conformity assessment bodies, "+
		"and the evidence that an evaluator may ask for is not listed anywhere in the draft. Small providers will not know how to prepare, "+
		"while large ones will argue each point with their evaluator. Please state the expected evidence in an annex and align the "+
		"deadlines with the NIS2 directive so that one audit serves both purposes. ", i, topics[i%len(topics)])
}

// submissions posts comments to the consultation, each by the next submitter, on the clauses in
// turn, with an Idempotency-Key as the web app sends.
func (r *rig) submissions() vegeta.Targeter {
	url := r.baseURL + "/api/v1/consultations/" + r.data.ConsultationID + "/comments"
	return func(t *vegeta.Target) error {
		i := int(r.submitted.Add(1))
		body, err := json.Marshal(map[string]any{"clause_id": r.data.ClauseIDs[i%len(r.data.ClauseIDs)], "comment_type": "technical",
			"body": submissionBody(i), "proposed_change": proposedChange, "publication": "public_named", "language": "en"})
		if err != nil {
			return err
		}
		t.Method, t.URL, t.Body = http.MethodPost, url, body
		t.Header = http.Header{"Content-Type": {"application/json"}, "Authorization": {"Bearer " + r.tokens.submitter()},
			"Idempotency-Key": {fmt.Sprintf("bench-%s-%d", r.dbName, i)}}
		return nil
	}
}

// wrongSignIns posts sign-ins with a wrong password for the sign-in target accounts in turn, from
// one address or, with many, from a different address each time (X-Forwarded-For, which the
// server trusts from loopback).
func (r *rig) wrongSignIns(many bool) vegeta.Targeter {
	var n atomic.Int64
	url := r.baseURL + "/api/v1/auth/login"
	targets := r.data.Stakeholders[submitters:]
	return func(t *vegeta.Target) error {
		i := int(n.Add(1))
		body, err := json.Marshal(map[string]string{"email": targets[i%len(targets)], "password": "a-wrong-password-for-the-flood"})
		if err != nil {
			return err
		}
		from := "198.51.100.7"
		if many {
			from = fmt.Sprintf("10.%d.%d.%d", (i>>16)&255, (i>>8)&255, i&255)
		}
		t.Method, t.URL, t.Body = http.MethodPost, url, body
		t.Header = http.Header{"Content-Type": {"application/json"}, "X-Forwarded-For": {from}}
		return nil
	}
}

// gets sends GET requests to the URLs in turn.
func gets(urls ...string) vegeta.Targeter {
	var n atomic.Int64
	return func(t *vegeta.Target) error {
		t.Method, t.URL = http.MethodGet, urls[int(n.Add(1))%len(urls)]
		t.Header = http.Header{"Accept": {"application/json"}}
		return nil
	}
}

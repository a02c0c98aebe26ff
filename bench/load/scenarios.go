package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
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

// withMemory runs work with the server's peak memory measured from its start to its end.
func (r *rig) withMemory(work func() measure) measure {
	r.server.resetPeak()
	m := work()
	m.PeakRSSMiB = r.server.peakRSS()
	return m
}

// submitClosed is 32 clients submitting comments as fast as they are answered, beside pgbench's
// 32 clients inserting rows of the same shape.
func (r *rig) submitClosed(ctx context.Context) (map[string]outcome, error) {
	m := r.withMemory(func() measure { return closedLoop(32, r.cfg.duration, r.submissions()).run("submit-32") })
	base, err := r.pgbenchInsert(ctx, 32, r.cfg.duration)
	if err != nil {
		return map[string]outcome{rowSubmit32: {Consult: m}}, err
	}
	return map[string]outcome{rowSubmit32: {Consult: m, Baseline: &base}}, nil
}

// submitFixed is submissions at 300 per second, while the outbox is watched: how fast the receipt
// mails leave it and how many wait at most, until it is empty (or a minute after the load).
func (r *rig) submitFixed(ctx context.Context) (map[string]outcome, error) {
	sentBefore, _, err := r.outbox(ctx)
	if err != nil {
		return nil, err
	}
	started := time.Now()
	watch := r.watchOutbox(ctx)
	m := r.withMemory(func() measure { return openLoop(300, r.cfg.duration, r.submissions()).run("submit-300") })
	loadEnded := time.Now()
	var sent, waiting int
	for {
		if sent, waiting, err = r.outbox(ctx); err != nil {
			return nil, err
		}
		if waiting == 0 || time.Since(loadEnded) > time.Minute {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	drained := time.Now()
	peak := watch()
	mails := float64(sent-sentBefore) / drained.Sub(started).Seconds()
	outbox := outcome{
		Consult: measure{Requests: uint64(sent - sentBefore), Seconds: drained.Sub(started).Seconds(), Throughput: mails, Success: 1},
		Extra: map[string]float64{"submissions_per_s": m.Throughput, "peak_waiting": float64(peak), "still_waiting": float64(waiting),
			"drain_after_load_s": drained.Sub(loadEnded).Seconds()},
	}
	return map[string]outcome{rowSubmit300: {Consult: m}, rowOutbox: outbox}, nil
}

// outbox counts the mails sent and waiting.
func (r *rig) outbox(ctx context.Context) (sent, waiting int, err error) {
	err = r.db.QueryRow(ctx, `SELECT count(*) FILTER (WHERE status = 'sent'), count(*) FILTER (WHERE status = 'pending') FROM mail_outbox`).Scan(&sent, &waiting)
	return sent, waiting, err
}

// watchOutbox samples the waiting mails every half second until the returned function is called,
// which gives the most seen.
func (r *rig) watchOutbox(ctx context.Context) func() int {
	stop, done := make(chan struct{}), make(chan int)
	go func() {
		peak := 0
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				done <- peak
				return
			case <-t.C:
				if _, waiting, err := r.outbox(ctx); err == nil {
					peak = max(peak, waiting)
				}
			}
		}
	}()
	return func() int { close(stop); return <-done }
}

// readScenario is 16 clients reading urls in turn as fast as they are answered, then the same
// clients reading consult's answer to the first URL from the constant Echo server.
func (r *rig) readScenario(row string, urls ...string) func(ctx context.Context) (map[string]outcome, error) {
	return func(ctx context.Context) (map[string]outcome, error) {
		return r.read(ctx, row, urls)
	}
}

func (r *rig) read(ctx context.Context, row string, urls []string) (map[string]outcome, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, urls[0], nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	var body []byte
	if resp.StatusCode == http.StatusOK {
		body, err = io.ReadAll(resp.Body)
	}
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %d %v", urls[0], resp.StatusCode, err)
	}
	m := r.withMemory(func() measure { return closedLoop(16, r.cfg.duration, gets(urls...)).run(row) })
	constURL := r.consts.serve(row, resp.Header.Get("Content-Type"), body)
	base := closedLoop(16, r.cfg.duration, gets(constURL)).run(row + "-baseline")
	return map[string]outcome{row: {Consult: m, Baseline: &base, Extra: map[string]float64{"answer_bytes": float64(len(body))}}}, nil
}

// readDeep reads the page of the comment list that a cursor deep in the list opens.
func (r *rig) readDeep(ctx context.Context) (map[string]outcome, error) {
	if r.deepCursor == "" {
		if err := r.findDeepCursor(ctx); err != nil {
			return nil, err
		}
	}
	return r.read(ctx, rowListDeep, []string{r.commentsURL() + "?limit=50&cursor=" + url.QueryEscape(r.deepCursor)})
}

// findDeepCursor pages through the published comments, 200 a page, three quarters of the way
// (at most 100 pages), and keeps the cursor found there.
func (r *rig) findDeepCursor(ctx context.Context) error {
	pages := min(100, r.data.Published*3/4/200)
	cursor := ""
	for range max(pages, 1) {
		var page struct {
			NextCursor *string `json:"next_cursor"`
		}
		u := r.commentsURL() + "?limit=200"
		if cursor != "" {
			u += "&cursor=" + url.QueryEscape(cursor)
		}
		status, body, err := request(ctx, http.MethodGet, u, "", nil, &page)
		if err != nil || status != http.StatusOK {
			return fmt.Errorf("page through the comments: %d %v %s", status, err, body)
		}
		if page.NextCursor == nil {
			break
		}
		cursor = *page.NextCursor
	}
	r.deepCursor, r.deepOffset = cursor, pages*200
	return nil
}

// exportCSV times the moderator's CSV export of the published comments beside COPY of the same
// columns.
func (r *rig) exportCSV(ctx context.Context) (map[string]outcome, error) {
	m, memory, err := r.oneRequest(ctx, "/export?format=csv&scope=public")
	if err != nil {
		return nil, err
	}
	base, err := r.copyExport(ctx)
	if err != nil {
		return map[string]outcome{rowExport: {Consult: m, Extra: memory}}, err
	}
	return map[string]outcome{rowExport: {Consult: m, Baseline: &base, Extra: memory}}, nil
}

// oneRequest times the moderator's GET of path under the consultation, with the server's memory:
// its peak resident memory, and how much its resident memory and its heap grew over their levels
// before the request.
func (r *rig) oneRequest(ctx context.Context, path string) (measure, map[string]float64, error) {
	rssBefore := r.server.rss()
	heap := r.watchHeap(ctx)
	var err error
	m := r.withMemory(func() measure {
		var m measure
		m, err = timed(ctx, r.baseURL+"/api/v1/consultations/"+r.data.ConsultationID+path, r.tokens.moderatorToken())
		return m
	})
	heapBefore, heapPeak := heap()
	memory := map[string]float64{"rss_growth_mib": m.PeakRSSMiB - rssBefore, "heap_before_mib": heapBefore, "heap_peak_mib": heapPeak,
		"heap_growth_mib": heapPeak - heapBefore}
	return m, memory, err
}

// clusters times the moderator's GET /clusters over every comment of the consultation, and the
// time it takes per comment.
func (r *rig) clusters(ctx context.Context) (map[string]outcome, error) {
	var comments int
	if err := r.db.QueryRow(ctx, "SELECT count(*) FROM comments WHERE consultation_id = $1", r.data.ConsultationID).Scan(&comments); err != nil {
		return nil, err
	}
	m, memory, err := r.oneRequest(ctx, "/clusters")
	if err != nil {
		return nil, err
	}
	perComment := outcome{Consult: measure{Requests: 1, Seconds: m.Seconds, Success: m.Success},
		Extra: map[string]float64{"comments": float64(comments), "per_comment_us": m.Seconds * 1e6 / float64(max(comments, 1))}}
	return map[string]outcome{rowClusters: {Consult: m, Extra: memory}, rowClustering: perComment}, nil
}

// submitBesideFloods is submissions at 100/s alone, then beside 50 wrong sign-ins a second from
// one address, then beside as many from many addresses over the 2,000 sign-in target accounts.
func (r *rig) submitBesideFloods(context.Context) (map[string]outcome, error) {
	alone := r.withMemory(func() measure { return openLoop(100, r.cfg.duration, r.submissions()).run("submit-100") })
	out := map[string]outcome{rowSubmit100: {Consult: alone}}
	for _, f := range []struct {
		row  string
		many bool
	}{{rowFloodOne, false}, {rowFloodMany, true}} {
		row, many := f.row, f.many
		flood := make(chan measure)
		go func() { flood <- openLoop(50, r.cfg.duration, r.wrongSignIns(many)).run(row + "-sign-ins") }()
		m := r.withMemory(func() measure { return openLoop(100, r.cfg.duration, r.submissions()).run(row) })
		signIns := <-flood
		out[row] = outcome{Consult: m, Extra: map[string]float64{"p99_alone_ms": alone.P99, "sign_in_p50_ms": signIns.P50,
			"sign_in_p99_ms": signIns.P99, "sign_in_per_s": float64(signIns.Requests) / max(signIns.Seconds, 1e-9)}}
	}
	return out, nil
}

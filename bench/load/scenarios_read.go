package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

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
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", urls[0], err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %d", urls[0], resp.StatusCode)
	}
	m := r.withMemory(ctx, row, func() measure { return closedLoop(16, r.cfg.duration, gets(urls...)).run(row) })
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
		if err != nil {
			return fmt.Errorf("page through the comments: %w", err)
		}
		if status != http.StatusOK {
			return fmt.Errorf("page through the comments: %d %s", status, body)
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
// columns, with the processor time each process spent on either (cpuPerRequest), which says
// whether consult or PostgreSQL held the export up, then both again (repeatExport).
func (r *rig) exportCSV(ctx context.Context) (map[string]outcome, error) {
	m, memory, err := r.oneRequest(ctx, rowExport, "/export?format=csv&scope=public")
	if err != nil {
		return nil, err
	}
	before := r.readCPU()
	base, err := r.copyExport(ctx)
	if err != nil {
		return map[string]outcome{rowExport: {Consult: m, Extra: memory}}, err
	}
	cpuPerRequest(memory, "baseline_", before, r.readCPU(), 1)
	if err := r.repeatExport(ctx, memory); err != nil {
		return map[string]outcome{rowExport: {Consult: m, Baseline: &base, Extra: memory}}, err
	}
	return map[string]outcome{rowExport: {Consult: m, Baseline: &base, Extra: memory}}, nil
}

// repeatExport runs the export and COPY once more, at once, and records their times and ratio
// as warm_*: both sessions have just read the same rows, so the ratio no longer depends on how
// long either had been idle (the row's verdict stays with the first runs).
func (r *rig) repeatExport(ctx context.Context, extra map[string]float64) error {
	m, err := timed(ctx, r.baseURL+"/api/v1/consultations/"+r.data.ConsultationID+"/export?format=csv&scope=public", r.tokens.moderatorToken())
	if err != nil {
		return err
	}
	if m.Success != 1 {
		return fmt.Errorf("the repeated export answered %v", m.Codes)
	}
	base, err := r.copyExport(ctx)
	if err != nil {
		return err
	}
	extra["warm_seconds"], extra["warm_baseline_seconds"], extra["warm_ratio"] = m.Seconds, base.Seconds, m.Seconds/base.Seconds
	return nil
}

// oneRequest times the moderator's GET of path under the consultation for row, with the server's memory:
// its peak resident memory, how much its resident memory and its heap grew over their levels
// before the request, and the minor page faults consult took meanwhile; and with the processor
// time every process spent during the request (cpuPerRequest).
func (r *rig) oneRequest(ctx context.Context, row, path string) (measure, map[string]float64, error) {
	rssBefore, faultsBefore := r.server.rss(), r.server.minorFaults()
	heap := r.watchHeap(ctx)
	var err error
	var cpuBefore, cpuAfter cpuReading
	m := r.withMemory(ctx, row, func() measure {
		var m measure
		cpuBefore = r.readCPU()
		m, err = timed(ctx, r.baseURL+"/api/v1/consultations/"+r.data.ConsultationID+path, r.tokens.moderatorToken())
		cpuAfter = r.readCPU()
		return m
	})
	h := heap()
	memory := map[string]float64{"rss_growth_mib": m.PeakRSSMiB - rssBefore, "minor_page_faults": r.server.minorFaults() - faultsBefore,
		"heap_before_mib": h.allocBefore, "heap_peak_mib": h.allocPeak,
		"heap_growth_mib": h.allocPeak - h.allocBefore, "live_heap_before_mib": h.liveBefore, "live_heap_growth_mib": h.livePeak - h.liveBefore}
	cpuPerRequest(memory, "", cpuBefore, cpuAfter, 1)
	return m, memory, err
}

// clusters times the moderator's GET /clusters over every comment of the consultation, and
// reports the time consult bench-data took to cluster the generated comments, per comment.
func (r *rig) clusters(ctx context.Context) (map[string]outcome, error) {
	m, memory, err := r.oneRequest(ctx, rowClusters, "/clusters")
	if err != nil {
		return nil, err
	}
	perComment := outcome{Consult: measure{Requests: 1, Seconds: r.data.ClusterSeconds, Success: 1},
		Extra: map[string]float64{"comments": float64(r.data.Comments), "per_comment_us": r.data.ClusterSeconds * 1e6 / float64(max(r.data.Comments, 1))}}
	return map[string]outcome{rowClusters: {Consult: m, Extra: memory}, rowClustering: perComment}, nil
}

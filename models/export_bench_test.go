package models_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"

	"consult/internal/export"
	"consult/internal/testutil"
	"consult/models"
)

// benchMillionEnv asks BenchmarkExport for the 1,000,000-comment run as well (it takes minutes to
// seed and gigabytes of disk).
const benchMillionEnv = "CONSULT_BENCH_MILLION"

// BenchmarkExport exports the published comments of a consultation of 10,000 comments (and of
// 1,000,000 with CONSULT_BENCH_MILLION=1) in each format from the database to a discarding
// writer, reporting the time, the bytes written, when the first byte was written and the peak heap;
// on PostgreSQL it also times
// `COPY (SELECT the same columns) TO STDOUT CSV`, the floor of any export. `make bench` runs it on
// both databases; the README states the ratio.
func BenchmarkExport(b *testing.B) {
	sizes := []int{10_000}
	if os.Getenv(benchMillionEnv) != "" {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		db := testutil.NewDB(b).DB
		con := seedExportBench(b, db, n)
		ctx := context.Background()
		layout := models.ExportLayout{Scope: models.ScopePublic, Dispositions: true}
		for _, format := range []string{"csv", "json", "xlsx"} {
			b.Run(fmt.Sprintf("%s/%d", format, n), func(b *testing.B) {
				peak := watchHeap()
				var written download
				for b.Loop() {
					written.begin()
					head, err := models.ExportHead(ctx, db, con, layout, export.Formats[format].Summarised, time.Now())
					if err != nil {
						b.Fatal(err)
					}
					err = export.Stream(format, &written, head, layout.Columns(), func(row func([]string) error) error {
						return models.EachExportRow(ctx, db, con.ID, layout, func(r *models.ExportRow) error { return row(r.Values(layout)) })
					})
					if err != nil {
						b.Fatal(err)
					}
				}
				reportExport(b, peak(), &written)
			})
		}
		if db.Name() == "postgres" {
			b.Run(fmt.Sprintf("copy/%d", n), func(b *testing.B) {
				peak := watchHeap()
				var written download
				for b.Loop() {
					written.begin()
					if err := copyExport(ctx, db, con.ID, &written); err != nil {
						b.Fatal(err)
					}
				}
				reportExport(b, peak(), &written)
			})
		}
	}
}

func reportExport(b *testing.B, peakHeap uint64, d *download) {
	b.ReportMetric(float64(peakHeap)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(d.bytes)/float64(b.N)/(1<<20), "file-MiB")
	b.ReportMetric(d.untilFirstByte.Seconds()/float64(b.N), "first-byte-s")
}

// copyExport is PostgreSQL's own CSV of the public export's columns, for comparison.
func copyExport(ctx context.Context, db *gorm.DB, consultationID string, w io.Writer) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	query := `COPY (SELECT c.tracking_number, COALESCE(NULLIF(u.organisation, ''), u.stakeholder_type), u.country, cl.number, cl.heading,
		c.paragraph_ref, c.comment_type, COALESCE(c.redacted_body, c.body), COALESCE(c.redacted_proposed_change, c.proposed_change),
		d.resolution, d.response, u.display_name, u.organisation, u.stakeholder_type, c.language, c.created_at, d.next_clause_ref
		FROM comments c LEFT JOIN users u ON u.id = c.author_id LEFT JOIN clauses cl ON cl.id = c.clause_id
		LEFT JOIN dispositions d ON d.comment_id = c.id
		WHERE c.consultation_id = '` + consultationID + `' AND c.status = 'published' AND c.publication <> 'confidential'
		ORDER BY c.id) TO STDOUT CSV HEADER`
	return conn.Raw(func(dc any) error {
		_, err := dc.(*stdlib.Conn).Conn().PgConn().CopyTo(ctx, w, query)
		return err
	})
}

// download discards what an export writes, counting its bytes and, over every export begun, the
// time from the beginning to the first byte written (what a client waits before the file starts).
type download struct {
	bytes          int64
	untilFirstByte time.Duration
	began          time.Time
	started        bool
}

func (d *download) begin() { d.began, d.started = time.Now(), false }

func (d *download) Write(p []byte) (int, error) {
	if !d.started && len(p) > 0 {
		d.untilFirstByte += time.Since(d.began)
		d.started = true
	}
	d.bytes += int64(len(p))
	return len(p), nil
}

// watchHeap samples the heap (live and not yet swept objects) every millisecond from now until
// the returned function is called, which gives the largest size seen.
func watchHeap() func() uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var (
		mu   sync.Mutex
		peak uint64
	)
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			mu.Lock()
			peak = max(peak, sample[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// seedExportBench makes a closed consultation of n comments by 500 authors on the clauses of a
// draft, in the mix of a real one: mostly published, a tenth confidential, some anonymous, some
// redacted, half answered, inserted in batches.
func seedExportBench(b *testing.B, db *gorm.DB, n int) *models.Consultation {
	b.Helper()
	ctx, now := context.Background(), time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	mod := &models.User{ID: models.NewID(), Email: "mod@example.eu", EmailVerified: true, Role: models.RoleModerator, CreatedAt: now, UpdatedAt: now}
	must(b, db.Create(mod).Error)
	scheme, err := models.CreateScheme(ctx, db, mod, models.NewScheme{Slug: "bench", Title: "Benchmark scheme"}, now)
	must(b, err)
	draft := "# Benchmark draft\n\n"
	for i := 1; i <= 40; i++ {
		draft += fmt.Sprintf("## %d Clause %d\nThe requirements of clause %d.\n\n", i, i, i)
	}
	doc, err := models.ImportDocument(ctx, db, mod, scheme, models.NewDocument{VersionLabel: "1.0", Markdown: []byte(draft)}, now)
	must(b, err)
	con, err := models.CreateConsultation(ctx, db, mod, models.NewConsultation{DocumentID: doc.ID, Title: "Benchmark", OpensAt: now, ClosesAt: now.Add(time.Hour)}, now)
	must(b, err)
	var clauses []string
	must(b, db.Model(&models.Clause{}).Where("document_id = ?", doc.ID).Pluck("id", &clauses).Error)
	authors := make([]models.User, 500)
	for i := range authors {
		authors[i] = models.User{ID: models.NewID(), Email: "author" + strconv.Itoa(i) + "@example.eu", EmailVerified: true, Role: models.RoleStakeholder,
			DisplayName: "Author " + strconv.Itoa(i), Organisation: "Organisation " + strconv.Itoa(i%50), StakeholderType: "company", Country: "BE",
			Language: "en", CreatedAt: now, UpdatedAt: now}
	}
	must(b, db.CreateInBatches(authors, 100).Error)
	const body = "The notification deadline of this clause is too short for small providers, who have no security team on call at night " +
		"or at weekends; a staged deadline (an early warning within 24 hours, a full notification within 72 hours) would match the NIS2 directive. "
	const change = "Replace \"without undue delay\" by \"within 24 hours for an early warning and 72 hours for a full notification\"."
	redacted := "[personal data removed] " + body
	const batch = 1000
	for start := 0; start < n; start += batch {
		comments := make([]models.Comment, 0, batch)
		var dispositions []models.Disposition
		for i := start; i < min(start+batch, n); i++ {
			c := models.Comment{ID: models.NewID(), ConsultationID: con.ID, ClauseID: &clauses[i%len(clauses)], AuthorID: &authors[i%len(authors)].ID,
				CommentType: "technical", Body: body, ProposedChange: change, Publication: models.PublicNamed, Language: "en", Status: models.CommentPublished,
				TrackingNumber: fmt.Sprintf("BEN-2027-%07d", i), Version: 1, CreatedAt: now, UpdatedAt: now}
			switch {
			case i%10 == 0:
				c.Publication = models.Confidential
			case i%3 == 0:
				c.Publication = models.PublicAnonymous
			case i%17 == 0:
				c.RedactedBody = &redacted
			}
			comments = append(comments, c)
			if i%2 == 0 {
				dispositions = append(dispositions, models.Disposition{CommentID: c.ID, Resolution: "accepted", Response: "Changed as proposed.",
					Version: 1, CreatedAt: now, UpdatedAt: now})
			}
		}
		must(b, db.CreateInBatches(comments, 500).Error)
		must(b, db.CreateInBatches(dispositions, 500).Error)
	}
	if db.Name() == "postgres" {
		// Fresh statistics and every row's commit status settled, as autovacuum would leave them after
		// such an import: else the first export to read the new rows pays for settling them, and the
		// COPY after it does not (PostgreSQL takes either spelling of ANALYSE).
		must(b, db.Exec("VACUUM ANALYSE comments, users, clauses, dispositions").Error)
	}
	return con
}

func must(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}

package models_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"consult/internal/export/pdf"
	"consult/internal/testutil"
	"consult/models"
)

// BenchmarkExportPDF lays out and writes the PDF report of the published comments of a
// consultation of 10,000 and of 100,000 comments from the database to a discarding writer, as
// the HTTP export does (summary, then two passes over the comments in clause order), reporting
// the time, the file's size, the wait for its first byte and the peak heap, which stays flat whatever the number of comments.
func BenchmarkExportPDF(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		db := testutil.NewDB(b).DB
		con := seedExportBench(b, db, n)
		ctx := context.Background()
		layout := models.ExportLayout{Scope: models.ScopePublic, Dispositions: true}
		b.Run(fmt.Sprintf("pdf/%d", n), func(b *testing.B) {
			peak := watchHeap()
			var written download
			for b.Loop() {
				written.begin()
				doc, err := pdf.FromDatabase(ctx, db, con, layout, time.Now())
				if err != nil {
					b.Fatal(err)
				}
				if _, err := doc.WriteTo(&written); err != nil {
					b.Fatal(err)
				}
			}
			reportExport(b, peak(), &written)
		})
	}
}

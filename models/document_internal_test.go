package models

import (
	"errors"
	"os"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzDraftDocument drives the draft importer's checks and parsing, which both the import and
// its dry run go through, with any title, version label and Markdown: it must never panic,
// refuse only with a client's error (422 or 413), and otherwise give clause rows that form a
// tree in reading order, as the import stores them.
func FuzzDraftDocument(f *testing.F) {
	for _, name := range []string{"draft-scheme-mss-v0.3.md", "draft-scheme-mss-v0.4.md"} {
		md, err := os.ReadFile("../internal/clauses/testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add("", "0.3", md)
	}
	f.Add("T", "1", []byte("## 1 A\ntext\n## 1 B\n"))
	f.Add("", "", []byte("no headings"))
	f.Add(" \t", "v\x00", []byte("# \xff\n## 1\n"))
	f.Add("Title", "1", []byte("## 1 A\n\x00"))
	f.Fuzz(func(t *testing.T, title, label string, md []byte) {
		doc, err := draftDocument(nil, &Scheme{ID: NewID()}, NewDocument{Title: title, VersionLabel: label, Markdown: md}, time.Unix(0, 0))
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || (e.Code != CodeValidationFailed && e.Code != CodePayloadTooLarge) {
				t.Fatalf("not a client's error: %#v", err)
			}
			return
		}
		if !utf8.ValidString(doc.Title) || doc.Title == "" || doc.VersionLabel == "" || len(doc.Clauses) == 0 {
			t.Fatalf("document %q version %q with %d clauses", doc.Title, doc.VersionLabel, len(doc.Clauses))
		}
		seen := map[string]bool{}
		numbers := map[string]bool{}
		for i, c := range doc.Clauses {
			if c.Position != i+1 || c.DocumentID != doc.ID || numbers[c.Number] {
				t.Fatalf("clause %d: %+v", i, c)
			}
			if c.ParentID != nil && !seen[*c.ParentID] {
				t.Fatalf("clause %q comes before its parent", c.Number)
			}
			seen[c.ID], numbers[c.Number] = true, true
		}
	})
}

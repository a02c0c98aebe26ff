package pdf

import (
	"strings"

	"consult/models"
)

// lineEnds normalises line ends and expands tabs.
var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", "    ")

// clean makes text printable in the report, whose text is written as code points of the Basic
// Multilingual Plane (a two-byte Identity-H encoding): characters beyond it (emoji, rare
// scripts) become U+FFFD, control characters other than a line break
// become spaces, and line ends are normalised.
func clean(s string) string {
	s = lineEnds.Replace(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r > 0xFFFF:
			return '\uFFFD'
		case r == '\n':
			return r
		case r < 0x20 || r == 0x7F:
			return ' '
		}
		return r
	}, s)
}

// cleanRow cleans every text a report prints of a row.
func cleanRow(r *models.ExportRow) {
	for _, s := range []*string{&r.TrackingNumber, &r.ClauseNumber, &r.ParagraphRef, &r.CommentType, &r.Comment, &r.ProposedChange,
		&r.AuthorName, &r.AuthorOrganisation, &r.StakeholderType, &r.Country, &r.Resolution, &r.Response, &r.Publication, &r.Status,
		&r.OriginalText, &r.OriginalProposedChange, &r.ModerationNote} {
		*s = clean(*s)
	}
}

// cleanReport gives a copy of the report whose printed names are clean.
func cleanReport(r Report) Report {
	con, src := *r.Consultation, *r.Source
	con.Title = clean(con.Title)
	src.Scheme.Title, src.Document.Title, src.Document.VersionLabel = clean(src.Scheme.Title), clean(src.Document.Title), clean(src.Document.VersionLabel)
	src.Clauses = make([]models.Clause, len(r.Source.Clauses))
	for i, c := range r.Source.Clauses {
		c.Number, c.Heading = clean(c.Number), clean(c.Heading)
		src.Clauses[i] = c
	}
	sum := *r.Summary
	for _, m := range []*map[string]int{&sum.ByStakeholderType, &sum.ByCountry, &sum.ByClause, &sum.ByCommentType, &sum.ByResolution} {
		cleaned := make(map[string]int, len(*m))
		for k, v := range *m {
			cleaned[clean(k)] += v
		}
		*m = cleaned
	}
	r.Consultation, r.Source, r.Summary = &con, &src, &sum
	return r
}

package pdf

import (
	"strings"

	"github.com/go-pdf/fpdf"

	"consult/models"
)

func (l *layout) comments(f *fpdf.Fpdf, d *laid) {
	f.AddPage()
	d.begin("comments")
	heading(f, "Comments, clause by clause")
	f.SetFont(fontName, "", 10)
	intro := "Each comment with its tracking number, its author as the author chose to be published, its type, its text and the change it proposes."
	if l.r.Layout.Dispositions {
		intro += " Each carries the resolution and the response recorded for it."
	}
	f.MultiCell(textW, lineH, intro, "", "L", false)
	if note := l.limitNote(); note != "" {
		f.Ln(2)
		f.SetFont(fontName, "B", 10)
		f.MultiCell(textW, lineH, note, "", "L", false)
	}
	if len(l.sections) == 0 {
		f.Ln(4)
		f.MultiCell(textW, lineH, "No comments.", "", "L", false)
	}
	for _, s := range l.sections {
		if f.GetY() > pageH-bottom-40 {
			f.AddPage()
		} else {
			f.Ln(6)
		}
		d.begin(s.key)
		f.Bookmark(clauseTitle(s), 0, -1)
		f.SetFont(fontName, "B", 13)
		f.SetTextColor(0, 51, 153)
		f.MultiCell(textW, 7, clauseTitle(s), "", "L", false)
		f.SetTextColor(0, 0, 0)
		f.Ln(1)
		for _, e := range s.entries {
			l.comment(f, &e.row)
		}
	}
}

// comment writes one comment; each field appears only when the layout carries it.
func (l *layout) comment(f *fpdf.Fpdf, r *models.ExportRow) {
	if f.GetY() > pageH-bottom-25 {
		f.AddPage()
	}
	f.SetDrawColor(200, 200, 200)
	f.Line(margin, f.GetY(), pageW-margin, f.GetY())
	f.Ln(1.5)
	f.SetFont(fontName, "B", 10)
	title := r.TrackingNumber + "  ·  " + r.CommentType
	if r.ParagraphRef != "" {
		title += "  ·  paragraph " + r.ParagraphRef
	}
	f.MultiCell(textW, lineH, title, "", "L", false)
	f.SetFont(fontName, "", 8.5)
	f.SetTextColor(70, 70, 70)
	f.MultiCell(textW, 4.5, "Author: "+author(r)+"  ·  submitted "+r.SubmittedAt.UTC().Format("2006-01-02"), "", "L", false)
	f.SetTextColor(0, 0, 0)
	field(f, "Comment", r.Comment)
	field(f, "Proposed change", r.ProposedChange)
	if l.r.Layout.Dispositions {
		field(f, "Resolution", strings.ReplaceAll(r.Resolution, "_", " "))
		field(f, "Response", r.Response)
	}
	if l.r.Layout.Scope == models.ScopeAll {
		field(f, "Publication", r.Publication+", "+r.Status)
		if r.OriginalText != r.Comment {
			field(f, "Original text (redacted for the public)", r.OriginalText)
		}
		if r.OriginalProposedChange != r.ProposedChange {
			field(f, "Original proposed change (redacted for the public)", r.OriginalProposedChange)
		}
		field(f, "Moderation note", r.ModerationNote)
	}
	f.Ln(2)
}

// author names the author as the row allows, else only the stakeholder type and country.
func author(r *models.ExportRow) string {
	var who []string
	for _, s := range []string{r.AuthorName, r.AuthorOrganisation} {
		if s != "" {
			who = append(who, s)
		}
	}
	name := "not named"
	if len(who) > 0 {
		name = strings.Join(who, ", ")
	}
	var about []string
	for _, s := range []string{r.StakeholderType, r.Country} {
		if s != "" {
			about = append(about, s)
		}
	}
	if len(about) > 0 {
		name += " (" + strings.Join(about, ", ") + ")"
	}
	return name
}

// field writes a labelled text, or nothing when the text is empty.
func field(f *fpdf.Fpdf, label, text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	f.Ln(1)
	f.SetFont(fontName, "B", 8.5)
	f.MultiCell(textW, 4.5, label, "", "L", false)
	f.SetFont(fontName, "", 9.5)
	f.MultiCell(textW, 4.8, text, "", "L", false)
}

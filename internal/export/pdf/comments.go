package pdf

import (
	"errors"
	"fmt"
	"strings"

	"consult/models"
)

// errLimit stops the stream of comments once the report has printed as many as it may.
var errLimit = errors.New("the report prints no more comments")

// comments lays out the comments as each yields them, clause by clause, and gives the sections
// it printed. The comments come in clause order (models.EachExportRowInClauseOrder), so a page
// holds the only comments in memory.
func (l *layout) comments(c *canvas) ([]*section, error) {
	c.addPage()
	c.begin("comments")
	heading(c, "Comments, clause by clause")
	c.setFont(regular, 10)
	intro := "Each comment with its tracking number, its author as the author chose to be published, its type, its text and the change it proposes."
	if l.r.Layout.Dispositions {
		intro += " Each carries the resolution and the response recorded for it."
	}
	c.multiCell(textW, lineH, intro)
	if note := l.limitNote(); note != "" {
		c.ln(2)
		c.setFont(bold, 10)
		c.multiCell(textW, lineH, note)
	}
	headings := make(map[string]string, len(l.r.Source.Clauses))
	for _, cl := range l.r.Source.Clauses {
		headings[cl.Number] = cl.Heading
	}
	var sections []*section
	printed := 0
	err := l.each(func(r *models.ExportRow) error {
		if printed == l.limit {
			return errLimit
		}
		printed++
		cleanRow(r)
		if len(sections) == 0 || sections[len(sections)-1].number != r.ClauseNumber {
			s := &section{key: fmt.Sprintf("clause:%d", len(sections)), number: r.ClauseNumber, heading: headings[r.ClauseNumber]}
			if s.number == "" {
				s.heading = "General comments"
			}
			sections = append(sections, s)
			l.sectionTitle(c, s)
		}
		sections[len(sections)-1].count++
		l.comment(c, r)
		return nil
	})
	if err != nil && !errors.Is(err, errLimit) {
		return nil, err
	}
	if len(sections) == 0 {
		c.ln(4)
		c.setFont(regular, 10)
		c.multiCell(textW, lineH, "No comments.")
	}
	return sections, nil
}

// sectionTitle begins the comments on a clause.
func (l *layout) sectionTitle(c *canvas, s *section) {
	if c.y > pageH-bottom-40 {
		c.addPage()
	} else {
		c.ln(6)
	}
	c.begin(s.key)
	c.bookmark(clauseTitle(s))
	c.setFont(bold, 13)
	c.setTextColor(0, 51, 153)
	c.multiCell(textW, 7, clauseTitle(s))
	c.setTextColor(0, 0, 0)
	c.ln(1)
}

// comment writes one comment; each field appears only when the layout carries it.
func (l *layout) comment(c *canvas, r *models.ExportRow) {
	if c.y > pageH-bottom-25 {
		c.addPage()
	}
	c.setDrawColor(200, 200, 200)
	c.line(margin, c.y, pageW-margin, c.y)
	c.ln(1.5)
	c.setFont(bold, 10)
	title := r.TrackingNumber + "  ·  " + r.CommentType
	if r.ParagraphRef != "" {
		title += "  ·  paragraph " + r.ParagraphRef
	}
	c.multiCell(textW, lineH, title)
	c.setFont(regular, 8.5)
	c.setTextColor(70, 70, 70)
	c.multiCell(textW, 4.5, "Author: "+author(r)+"  ·  submitted "+r.SubmittedAt.UTC().Format("2006-01-02"))
	c.setTextColor(0, 0, 0)
	field(c, "Comment", r.Comment)
	field(c, "Proposed change", r.ProposedChange)
	if l.r.Layout.Dispositions {
		field(c, "Resolution", strings.ReplaceAll(r.Resolution, "_", " "))
		field(c, "Response", r.Response)
	}
	if l.r.Layout.Scope == models.ScopeAll {
		field(c, "Publication", r.Publication+", "+r.Status)
		if r.OriginalText != r.Comment {
			field(c, "Original text (redacted for the public)", r.OriginalText)
		}
		if r.OriginalProposedChange != r.ProposedChange {
			field(c, "Original proposed change (redacted for the public)", r.OriginalProposedChange)
		}
		field(c, "Moderation note", r.ModerationNote)
	}
	c.ln(2)
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
func field(c *canvas, label, text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	c.ln(1)
	c.setFont(bold, 8.5)
	c.multiCell(textW, 4.5, label)
	c.setFont(regular, 9.5)
	c.multiCell(textW, 4.8, text)
}

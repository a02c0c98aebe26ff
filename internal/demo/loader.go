package demo

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"consult/models"
)

// loader stores the demo inside Load's transaction through the models commands.
type loader struct {
	ctx     context.Context
	tx      *gorm.DB
	baseURL string
	staff   *models.User            // the demo moderator, who acts for the agency
	users   map[string]*models.User // by email
}

// window is a consultation of the demo with the clauses of its draft and the comments stored so far.
type window struct {
	con      *models.Consultation
	clauses  map[string]models.Clause // by number
	comments []stored
}

// stored is a demo comment and the row the commands made of it.
type stored struct {
	demo    demoComment
	comment *models.Comment
}

// accounts creates the accounts of Accounts with their hashes, and the commenters with hidden, a
// hash of a password nobody knows.
func (l *loader) accounts(hashes []string, hidden string, at time.Time) error {
	create := func(email, hash string, role models.Role, p models.Profile) (*models.User, error) {
		u, err := models.CreateUser(l.ctx, l.tx, models.NewAccount{Email: email, PasswordHash: hash, Role: role, Verified: true, Profile: p}, at)
		if err == nil {
			l.users[u.Email] = u
		}
		return u, err
	}
	for i, a := range Accounts {
		u, err := create(a.Email, hashes[i], a.Role, profiles[i])
		if err != nil {
			return err
		}
		if a.Role == models.RoleModerator {
			l.staff = u
		}
	}
	for _, c := range commenters {
		if _, err := create(c.email, hidden, models.RoleStakeholder, c.profile); err != nil {
			return err
		}
	}
	return nil
}

// window imports a draft into the scheme and opens a consultation on it, both at the time at.
func (l *loader) window(scheme *models.Scheme, file, version, title string, opens, closes, at time.Time) (*window, error) {
	src, err := drafts.ReadFile(file)
	if err != nil {
		return nil, err
	}
	doc, err := models.ImportDocument(l.ctx, l.tx, l.staff, scheme, models.NewDocument{VersionLabel: version, Markdown: src}, at)
	if err != nil {
		return nil, err
	}
	con, err := models.CreateConsultation(l.ctx, l.tx, l.staff, models.NewConsultation{
		DocumentID: doc.ID,
		Title:      title,
		Description: "Comment on any clause of the draft, or on the draft as a whole. Published comments " +
			"and the agency's response to each one are public once the consultation closes.",
		OpensAt:  opens,
		ClosesAt: closes,
	}, at)
	if err != nil {
		return nil, err
	}
	var clauses []models.Clause
	if err := l.tx.WithContext(l.ctx).Where("document_id = ?", doc.ID).Find(&clauses).Error; err != nil {
		return nil, err
	}
	w := &window{con: con, clauses: map[string]models.Clause{}}
	for _, cl := range clauses {
		w.clauses[cl.Number] = cl
	}
	return w, nil
}

// comments submits the comments to w one every gap from a day after it opened, each moderated
// delay after it came in, so that the audit trail stays in time order.
func (l *loader) comments(w *window, comments []demoComment, gap, delay time.Duration) error {
	at := w.con.OpensAt.Add(24*time.Hour + time.Hour)
	for _, dc := range comments {
		in, err := w.newComment(dc)
		if err != nil {
			return err
		}
		c, _, err := models.SubmitComment(l.ctx, l.tx, l.users[dc.author], w.con.ID, in, models.Idempotency{}, at, l.baseURL)
		if err != nil {
			return fmt.Errorf("demo comment on %q: %w", dc.clause, err)
		}
		if dc.moderation.action != "" {
			m := models.Moderation{Action: dc.moderation.action, ReasonCode: dc.moderation.reason, Note: dc.moderation.note, Version: c.Version}
			if dc.moderation.redacted != "" {
				m.RedactedBody = &dc.moderation.redacted
			}
			if c, err = models.ModerateComment(l.ctx, l.tx, l.staff, c.ID, m, at.Add(delay), l.baseURL); err != nil {
				return err
			}
		}
		w.comments = append(w.comments, stored{dc, c})
		at = at.Add(gap)
	}
	return nil
}

// newComment is what the author of dc submits, its quote taken from the clause with a little of
// the text around it.
func (w *window) newComment(dc demoComment) (models.NewComment, error) {
	in := models.NewComment{CommentType: dc.kind, Body: dc.body, ProposedChange: dc.change, Publication: dc.publication, Language: dc.language}
	if dc.clause == "" {
		return in, nil
	}
	cl, ok := w.clauses[dc.clause]
	if !ok {
		return in, fmt.Errorf("demo: the draft has no clause %s", dc.clause)
	}
	in.ClauseID = &cl.ID
	if dc.quote != "" {
		q, err := quoteIn(cl.Body, dc.quote)
		if err != nil {
			return in, fmt.Errorf("demo: clause %s: %w", dc.clause, err)
		}
		in.Quote = q
	}
	return in, nil
}

// decisions records the disposition of every decided comment of w, three hours apart from start.
func (l *loader) decisions(w *window, start time.Time) error {
	at := start
	for _, s := range w.comments {
		if s.demo.decision == nil {
			continue
		}
		if _, err := models.RecordDisposition(l.ctx, l.tx, l.staff, s.comment.ID, *s.demo.decision, at); err != nil {
			return err
		}
		at = at.Add(3 * time.Hour)
	}
	return nil
}

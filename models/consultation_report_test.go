package models_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/models"
)

// reportComment is one comment of a report test: how it was moderated and whether it was decided.
type reportComment struct {
	publication string
	action      string // "" leaves it submitted
	decided     bool
}

func TestPublishReportRule(t *testing.T) {
	t.Parallel()
	day := 24 * time.Hour
	tests := []struct {
		name          string
		opens, closes time.Duration
		comments      []reportComment
		undecided     []int // indexes of the comments the conflict names
		code          models.Code
	}{
		{"upcoming", day, 2 * day, nil, nil, models.CodeConflict},
		{"open", -day, day, nil, nil, models.CodeConflict},
		{"closed with no comments", -2 * day, -day, nil, nil, ""},
		{"closed, every published comment decided", -2 * day, -day, []reportComment{
			{models.PublicNamed, models.ActionPublish, true},
			{models.PublicAnonymous, models.ActionPublish, true},
			{models.Confidential, models.ActionPublish, true},
		}, nil, ""},
		{"comments never published need no disposition", -2 * day, -day, []reportComment{
			{models.PublicNamed, models.ActionPublish, true},
			{models.PublicNamed, models.ActionReject, false},
			{models.PublicNamed, "", false},
		}, nil, ""},
		{"a published comment undecided", -2 * day, -day, []reportComment{
			{models.PublicNamed, models.ActionPublish, true},
			{models.PublicAnonymous, models.ActionPublish, false},
		}, []int{1}, models.CodeConflict},
		{"a redacted comment undecided", -2 * day, -day, []reportComment{
			{models.PublicNamed, models.ActionRedact, false},
		}, []int{0}, models.CodeConflict},
		{"a confidential comment accepted into the record undecided", -2 * day, -day, []reportComment{
			{models.Confidential, models.ActionPublish, false},
			{models.PublicNamed, models.ActionPublish, false},
		}, []int{0, 1}, models.CodeConflict},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newContentWorld(t)
			con := w.consultation(t, tc.opens, tc.closes)
			numbers := make([]string, len(tc.comments))
			for i, rc := range tc.comments {
				numbers[i] = w.reportComment(t, con, rc)
			}
			got, err := models.PublishReport(w.ctx, w.db, w.mod, con.ID, w.now)
			assert.Equal(t, tc.code, contentCode(err), "%v", err)
			if tc.code != "" {
				var messages []string
				var e *models.Error
				if errors.As(err, &e) {
					for _, f := range e.Fields {
						assert.Equal(t, "comments", f.Field)
						messages = append(messages, f.Message)
					}
				}
				require.Len(t, messages, len(tc.undecided))
				for _, i := range tc.undecided {
					assert.Contains(t, strings.Join(messages, "\n"), "comment "+numbers[i]+" has no disposition")
				}
				stored, err := models.FindConsultation(w.ctx, w.db, con.ID)
				require.NoError(t, err)
				assert.Nil(t, stored.ReportPublishedAt, "a refused report changes nothing")
				assert.Equal(t, 1, stored.Version)
				assert.Empty(t, w.events(t, "consultation.report_published"))
				return
			}
			require.NoError(t, err)
			require.NotNil(t, got.ReportPublishedAt)
			assert.True(t, got.ReportPublishedAt.Equal(w.now))
			assert.Equal(t, 2, got.Version)
			assert.Len(t, w.events(t, "consultation.report_published"), 1)

			again, err := models.PublishReport(w.ctx, w.db, w.mod, con.ID, w.now.Add(time.Hour))
			require.NoError(t, err)
			assert.True(t, again.ReportPublishedAt.Equal(w.now), "published once, at the first time")
			assert.Equal(t, 2, again.Version)
			assert.Len(t, w.events(t, "consultation.report_published"), 1)
		})
	}
}

func TestPublishReportListsAtMostAHundredUndecidedComments(t *testing.T) {
	t.Parallel()
	w := newContentWorld(t)
	con := w.consultation(t, -48*time.Hour, -time.Hour)
	for i := range models.MaxUndecidedListed + 1 {
		require.NoError(t, w.db.Create(&models.Comment{ID: models.NewID(), ConsultationID: con.ID, AuthorID: &w.stake.ID, CommentType: "general",
			Body: "Comment", Publication: models.PublicNamed, Language: "en", Status: models.CommentPublished,
			TrackingNumber: fmt.Sprintf("T-%04d", i), Version: 1, CreatedAt: w.now, UpdatedAt: w.now}).Error)
	}
	_, err := models.PublishReport(w.ctx, w.db, w.mod, con.ID, w.now)
	require.Equal(t, models.CodeConflict, contentCode(err))
	assert.Len(t, contentFields(err), models.MaxUndecidedListed)
	assert.Contains(t, err.Error(), "101 published comment(s)")
	assert.Contains(t, err.Error(), "the first 100 are listed")
}

func TestPublishReportOnAnUnknownConsultation(t *testing.T) {
	t.Parallel()
	w := newContentWorld(t)
	_, err := models.PublishReport(w.ctx, w.db, w.mod, models.NewID(), w.now)
	assert.Equal(t, models.CodeNotFound, contentCode(err))
}

// reportComment submits a comment inside the window of con, moderates and decides it as rc says,
// and returns its tracking number.
func (w *contentWorld) reportComment(t *testing.T, con *models.Consultation, rc reportComment) string {
	t.Helper()
	c, _, err := models.SubmitComment(w.ctx, w.db, w.stake, con.ID, models.NewComment{CommentType: "general", Body: "A comment.",
		Publication: rc.publication}, models.Idempotency{}, con.OpensAt.Add(time.Minute), "http://localhost")
	require.NoError(t, err)
	if rc.action != "" {
		m := models.Moderation{Action: rc.action, Version: 1}
		switch rc.action {
		case models.ActionReject:
			m.ReasonCode = "spam"
		case models.ActionRedact:
			redacted := "A [redacted]."
			m.RedactedBody = &redacted
		}
		_, err = models.ModerateComment(w.ctx, w.db, w.mod, c.ID, m, w.now, "http://localhost")
		require.NoError(t, err)
	}
	if rc.decided {
		_, err = models.RecordDisposition(w.ctx, w.db, w.mod, c.ID, models.DispositionInput{Resolution: "noted", Response: "Thank you."}, w.now)
		require.NoError(t, err)
	}
	return c.TrackingNumber
}

// TestPublishReportRacingTheLastDisposition runs the report and the last disposition at the same
// moment: the disposition always lands, the report is either refused naming that comment or
// published after it, and neither fails on a lock.
func TestPublishReportRacingTheLastDisposition(t *testing.T) {
	t.Parallel()
	w := newContentWorld(t)
	for range 5 {
		con := w.consultation(t, -48*time.Hour, -time.Hour)
		number := w.reportComment(t, con, reportComment{models.PublicNamed, models.ActionPublish, false})
		var c models.Comment
		require.NoError(t, w.db.Where("tracking_number = ?", number).Take(&c).Error)
		var reportErr, dispositionErr error
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, reportErr = models.PublishReport(w.ctx, w.db, w.mod, con.ID, w.now)
		}()
		go func() {
			defer wg.Done()
			_, dispositionErr = models.RecordDisposition(w.ctx, w.db, w.mod, c.ID, models.DispositionInput{Resolution: "accepted", Response: "Done."}, w.now)
		}()
		wg.Wait()
		require.NoError(t, dispositionErr)
		if reportErr != nil {
			assert.Equal(t, models.CodeConflict, contentCode(reportErr), "%v", reportErr)
			_, reportErr = models.PublishReport(w.ctx, w.db, w.mod, con.ID, w.now)
		}
		require.NoError(t, reportErr, "once every comment is decided the report publishes")
	}
}

package models_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/commenttemplate"
	"consult/internal/database"
	"consult/internal/testutil"
	"consult/models"
)

// commentWorld is an open consultation on a one-clause document, and two stakeholders.
type commentWorld struct {
	db         *database.DB
	con        *models.Consultation
	clause     *models.Clause
	author     *models.User
	other      *models.User
	opens, now time.Time
}

func newCommentWorld(t *testing.T) *commentWorld {
	t.Helper()
	db := testutil.NewDB(t)
	opens := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	scheme := &models.Scheme{ID: models.NewID(), Slug: "iot", Title: "S", CreatedAt: opens, UpdatedAt: opens}
	doc := &models.Document{ID: models.NewID(), SchemeID: scheme.ID, Title: "D", VersionLabel: "1.0", CreatedAt: opens}
	cl := &models.Clause{ID: models.NewID(), DocumentID: doc.ID, Number: "1", Heading: "Scope", Body: "Devices shall be patched.", Level: 1, Position: 1, Key: "scope"}
	con := &models.Consultation{ID: models.NewID(), DocumentID: doc.ID, Title: "C", OpensAt: opens, ClosesAt: opens.Add(time.Hour), Version: 1, CreatedAt: opens, UpdatedAt: opens}
	w := &commentWorld{db: db, con: con, clause: cl, opens: opens, now: opens.Add(time.Minute)}
	for i, email := range []string{"author@example.eu", "other@example.eu"} {
		u := &models.User{ID: models.NewID(), Email: email, EmailVerified: true, DisplayName: "U", StakeholderType: "citizen", Country: "BE", Language: "en", Role: models.RoleStakeholder, CreatedAt: opens, UpdatedAt: opens}
		require.NoError(t, db.Create(u).Error)
		if i == 0 {
			w.author = u
		} else {
			w.other = u
		}
	}
	for _, row := range []any{scheme, doc, cl, con} {
		require.NoError(t, db.Create(row).Error)
	}
	return w
}

func (w *commentWorld) submit(user *models.User, body, key string, now time.Time) (*models.Comment, bool, error) {
	in := models.NewComment{ClauseID: &w.clause.ID, CommentType: "technical", Body: body, Publication: models.PublicNamed,
		Quote: &models.Quote{Exact: "patched"}}
	return models.SubmitComment(context.Background(), w.db.DB, user, w.con.ID, in, models.Idempotency{Key: key, Request: []byte(body)}, now, "https://consult.example")
}

func (w *commentWorld) count(t *testing.T, table string) int64 {
	var n int64
	require.NoError(t, w.db.Table(table).Count(&n).Error)
	return n
}

// TestSubmitCommentIdempotency pins the rules of the Idempotency-Key: a key belongs to its user
// and its request; the same request again gets the first comment and creates nothing.
func TestSubmitCommentIdempotency(t *testing.T) {
	t.Parallel()
	w := newCommentWorld(t)
	tests := []struct {
		name       string
		firstKey   string
		secondUser *models.User
		secondKey  string
		secondBody string
		want       string // "same", "new" or an error code
	}{
		{"same key and request replays", "k1", w.author, "k1", "first", "same"},
		{"same key, other request is refused", "k2", w.author, "k2", "changed", string(models.CodeIdempotencyKeyReused)},
		{"other key is a new comment", "k3", w.author, "k4", "first", "new"},
		{"no key is a new comment", "", w.author, "", "first", "new"},
		{"same key of another user is a new comment", "k5", w.other, "k5", "first", "new"},
		{"a key of control characters is refused", "k6", w.author, "bad\x01key", "first", string(models.CodeValidationFailed)},
		{"a key longer than 255 is refused", "k7", w.author, strings.Repeat("k", 256), "first", string(models.CodeValidationFailed)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, replayed, err := w.submit(w.author, "first", tt.firstKey, w.now)
			require.NoError(t, err)
			require.False(t, replayed)
			before, mailsBefore := w.count(t, "comments"), w.count(t, "mail_outbox")
			second, replayed, err := w.submit(tt.secondUser, tt.secondBody, tt.secondKey, w.now)
			switch tt.want {
			case "same":
				require.NoError(t, err)
				assert.True(t, replayed)
				assert.Equal(t, first.ID, second.ID)
				assert.Equal(t, first.TrackingNumber, second.TrackingNumber)
				assert.True(t, first.CreatedAt.Equal(second.CreatedAt))
				assert.Equal(t, before, w.count(t, "comments"), "a replay creates nothing")
				assert.Equal(t, mailsBefore, w.count(t, "mail_outbox"), "a replay mails nothing")
			case "new":
				require.NoError(t, err)
				assert.False(t, replayed)
				assert.NotEqual(t, first.ID, second.ID)
				assert.Equal(t, before+1, w.count(t, "comments"))
			default:
				assert.Equal(t, models.Code(tt.want), codeOf(err), "%v", err)
				assert.Equal(t, before, w.count(t, "comments"))
				assert.Equal(t, mailsBefore, w.count(t, "mail_outbox"), "a refused request mails nothing")
			}
		})
	}
}

// TestSubmitCommentRules pins the window (opens_at <= now < closes_at), the anchor, and that a
// refused submission neither claims its key nor queues mail.
func TestSubmitCommentRules(t *testing.T) {
	t.Parallel()
	w := newCommentWorld(t)
	tests := []struct {
		name string
		at   time.Time
		in   func(*models.NewComment)
		want models.Code
	}{
		{"before the window", w.opens.Add(-time.Second), nil, models.CodeConsultationNotOpen},
		{"as the window opens", w.opens, nil, ""},
		{"as the window closes", w.con.ClosesAt, nil, models.CodeConsultationNotOpen},
		{"a quote not in the clause", w.now, func(in *models.NewComment) { in.Quote.Exact = "recalled" }, models.CodeValidationFailed},
		{"a clause of another document", w.now, func(in *models.NewComment) { id := models.NewID(); in.ClauseID = &id }, models.CodeValidationFailed},
		{"a quote without a clause", w.now, func(in *models.NewComment) { in.ClauseID = nil }, models.CodeValidationFailed},
		{"no body", w.now, func(in *models.NewComment) { in.Body = " " }, models.CodeValidationFailed},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := "rules-" + string(rune('a'+i))
			in := models.NewComment{ClauseID: &w.clause.ID, CommentType: "general", Body: "A comment.", Publication: models.Confidential,
				Quote: &models.Quote{Exact: "patched"}}
			if tt.in != nil {
				tt.in(&in)
			}
			mails := w.count(t, "mail_outbox")
			c, _, err := models.SubmitComment(context.Background(), w.db.DB, w.author, w.con.ID, in, models.Idempotency{Key: key, Request: []byte(key)}, tt.at, "https://consult.example")
			if tt.want == "" {
				require.NoError(t, err)
				assert.Equal(t, models.CommentSubmitted, c.Status)
				assert.Equal(t, "en", c.Language, "the author's profile language")
				assert.Equal(t, mails+1, w.count(t, "mail_outbox"), "the receipt")
				return
			}
			assert.Equal(t, tt.want, codeOf(err), "%v", err)
			assert.Equal(t, mails, w.count(t, "mail_outbox"))
			_, replayed, err := w.submit(w.author, "valid", key, w.now)
			require.NoError(t, err, "the refused request did not claim its key")
			assert.False(t, replayed)
		})
	}
}

// TestImportCommentsRules pins that an import is counted before its file is read, that a closed
// window or a limit reached never reads it, and that a bad row stores nothing.
func TestImportCommentsRules(t *testing.T) {
	t.Parallel()
	good := []commenttemplate.Row{{Line: 2, Clause: "1", CommentType: "technical", Comment: "Too short.", Publication: "named"},
		{Line: 3, Clause: "general", CommentType: "editorial", Comment: "Typo.", Publication: "confidential"}}
	tests := []struct {
		name      string
		at        func(w *commentWorld) time.Time
		rows      []commenttemplate.Row
		imports   int // earlier imports by the author
		want      models.Code
		wantRead  bool
		wantStore int
	}{
		{"a good template", func(w *commentWorld) time.Time { return w.now }, good, 0, "", true, 2},
		{"a closed window is refused unread", func(w *commentWorld) time.Time { return w.con.ClosesAt }, good, 0, models.CodeConsultationNotOpen, false, 0},
		{"the limit reached is refused unread", func(w *commentWorld) time.Time { return w.now }, good, models.ImportsPerAccount.Max, models.CodeRateLimited, false, 0},
		{"an unknown clause stores nothing", func(w *commentWorld) time.Time { return w.now },
			append([]commenttemplate.Row{{Line: 2, Clause: "9.9", CommentType: "technical", Comment: "x", Publication: "named"}}, good...), 0, models.CodeValidationFailed, true, 0},
		{"an empty template", func(w *commentWorld) time.Time { return w.now }, nil, 0, models.CodeValidationFailed, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newCommentWorld(t)
			ctx := context.Background()
			empty := func() ([]commenttemplate.Row, error) { return nil, nil }
			for range tt.imports {
				_, err := models.ImportComments(ctx, w.db.DB, w.author, w.con.ID, empty, w.now, "https://consult.example")
				require.Equal(t, models.CodeValidationFailed, codeOf(err), "%v", err)
			}
			read := false
			created, err := models.ImportComments(ctx, w.db.DB, w.author, w.con.ID, func() ([]commenttemplate.Row, error) {
				read = true
				return tt.rows, nil
			}, tt.at(w), "https://consult.example")
			assert.Equal(t, tt.want, codeOf(err), "%v", err)
			assert.Equal(t, tt.wantRead, read)
			assert.Len(t, created, tt.wantStore)
			assert.Equal(t, int64(tt.wantStore), w.count(t, "comments"))
			if tt.wantStore > 0 {
				assert.Equal(t, int64(1), w.count(t, "mail_outbox"), "one receipt for the whole import")
			} else {
				assert.Zero(t, w.count(t, "mail_outbox"))
			}
		})
	}
}

// TestSubmittedCommentIsStoredAsAnswered reads a submitted comment back: every field the command
// answered with is what the database holds.
func TestSubmittedCommentIsStoredAsAnswered(t *testing.T) {
	w := newCommentWorld(t)
	in := models.NewComment{ClauseID: &w.clause.ID, CommentType: "editorial", Body: "Say “patched” once.", ProposedChange: "Devices shall be kept patched.",
		Quote: &models.Quote{Exact: "patched", Prefix: "shall be "}, Publication: models.PublicAnonymous, Language: "fr", ParagraphRef: "Table 2"}
	c, _, err := models.SubmitComment(context.Background(), w.db.DB, w.author, w.con.ID, in, models.Idempotency{Key: "k", Request: []byte("r")}, w.now, "https://consult.example")
	require.NoError(t, err)
	var stored models.Comment
	require.NoError(t, w.db.Take(&stored, "id = ?", c.ID).Error)
	assert.True(t, c.CreatedAt.Equal(stored.CreatedAt) && c.UpdatedAt.Equal(stored.UpdatedAt))
	stored.CreatedAt, stored.UpdatedAt = c.CreatedAt, c.UpdatedAt
	assert.Equal(t, *c, stored)
	assert.NotEmpty(t, stored.Signature)
	assert.EqualValues(t, 1, w.count(t, "mail_outbox"))
	assert.EqualValues(t, 1, w.count(t, "idempotency_keys"))
}

// TestParallelSubmissionsWithRepeatedKeys sends 60 submissions at once: 20 keys sent three times
// each and 20 without a key. Submissions that arrive together are stored together on PostgreSQL;
// a key sent twice in one batch makes it fail, and each of its submissions is then stored alone.
// Either way: one comment and one receipt per key or keyless request, every retry answered with
// its key's comment.
func TestParallelSubmissionsWithRepeatedKeys(t *testing.T) {
	w := newCommentWorld(t)
	const keys, repeats, keyless = 20, 3, 20
	type answer struct {
		key      string
		id       string
		replayed bool
	}
	answers := make(chan answer, keys*repeats+keyless)
	var wg sync.WaitGroup
	for i := range keys*repeats + keyless {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key, body := "", fmt.Sprintf("keyless comment %d", i)
			if i < keys*repeats {
				key, body = fmt.Sprintf("key-%d", i%keys), fmt.Sprintf("comment of key %d", i%keys)
			}
			c, replayed, err := w.submit(w.author, body, key, w.now)
			if assert.NoError(t, err) {
				answers <- answer{key, c.ID, replayed}
			}
		}()
	}
	wg.Wait()
	close(answers)
	byKey := map[string][]answer{}
	for a := range answers {
		byKey[a.key] = append(byKey[a.key], a)
	}
	for key, got := range byKey {
		if key == "" {
			assert.Len(t, got, keyless)
			continue
		}
		require.Len(t, got, repeats, key)
		fresh := 0
		for _, a := range got {
			assert.Equal(t, got[0].id, a.id, "every answer to %s names one comment", key)
			if !a.replayed {
				fresh++
			}
		}
		assert.Equal(t, 1, fresh, "one answer to %s created the comment", key)
	}
	assert.EqualValues(t, keys+keyless, w.count(t, "comments"))
	assert.EqualValues(t, keys+keyless, w.count(t, "mail_outbox"))
	assert.EqualValues(t, keys, w.count(t, "idempotency_keys"))
	var numbers int64
	require.NoError(t, w.db.Model(&models.Comment{}).Distinct("tracking_number").Count(&numbers).Error)
	assert.EqualValues(t, keys+keyless, numbers)
}

// TestSubmissionsSeeTheWindowAsItIs: submissions rely on a consultation found open for a second,
// which never admits a comment after the window closes and never hides an extension made here.
func TestSubmissionsSeeTheWindowAsItIs(t *testing.T) {
	w := newCommentWorld(t)
	ctx := context.Background()
	_, _, err := w.submit(w.author, "While open.", "", w.now)
	require.NoError(t, err)

	closes := w.con.ClosesAt
	_, _, err = w.submit(w.author, "At the closing instant.", "", closes)
	assert.Equal(t, models.CodeConsultationNotOpen, codeOf(err))

	later := closes.Add(time.Hour)
	_, err = models.UpdateConsultation(ctx, w.db.DB, nil, w.con.ID, models.ConsultationChange{ClosesAt: &later, Version: w.con.Version}, w.now)
	require.NoError(t, err)
	_, _, err = w.submit(w.author, "After the old closing, before the new one.", "", closes.Add(time.Minute))
	require.NoError(t, err, "the extension is seen at once")

	title := "Renamed"
	_, err = models.UpdateConsultation(ctx, w.db.DB, nil, w.con.ID, models.ConsultationChange{Title: &title, Version: w.con.Version + 1}, closes.Add(2*time.Minute))
	require.NoError(t, err)
	_, _, err = w.submit(w.author, "Under the new title.", "", closes.Add(3*time.Minute))
	require.NoError(t, err)
	var receipts []string
	require.NoError(t, w.db.Model(&models.MailMessage{}).Where("body_text LIKE ?", "%Under the new title.%").Pluck("body_text", &receipts).Error)
	require.Len(t, receipts, 1)
	assert.Contains(t, receipts[0], `"Renamed"`, "the receipt quotes the title as changed here")
}

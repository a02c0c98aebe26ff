package models_test

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"consult/internal/neardup"
	"consult/internal/testutil"
	"consult/models"
)

// campaign is a letter sent by many, each signing it with their name.
const campaign = "Dear agency, as a member of the Digital Rights Network I urge you to withdraw the twelve hour " +
	"notification deadline in clause 3.4.1 because small providers cannot meet it without hiring night staff, " +
	"which would drive them out of the market and reduce choice for customers across the Union. Yours sincerely"

// clusterFixture is a consultation whose comments form one cluster, and a moderator.
type clusterFixture struct {
	db             *gorm.DB
	mod            *models.User
	consultationID string
	members        []string
	now            time.Time
	clusters       *models.Clusterer
}

// newClusterFixture stores n near-identical comments in the given status, at version 2.
func newClusterFixture(t *testing.T, n int, status string) *clusterFixture {
	t.Helper()
	db := testutil.NewDB(t).DB
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	scheme := &models.Scheme{ID: models.NewID(), Slug: "eucc", Title: "S", CreatedAt: now, UpdatedAt: now}
	doc := &models.Document{ID: models.NewID(), SchemeID: scheme.ID, Title: "D", VersionLabel: "1.0", CreatedAt: now}
	con := &models.Consultation{ID: models.NewID(), DocumentID: doc.ID, Title: "C", OpensAt: now, ClosesAt: now.Add(time.Hour), Version: 1, CreatedAt: now, UpdatedAt: now}
	f := &clusterFixture{db: db, consultationID: con.ID, now: now, clusters: models.NewClusterer(db, neardup.DefaultConfig(), slog.Default()),
		mod: &models.User{ID: models.NewID(), Email: "mod@example.eu", Role: models.RoleModerator, CreatedAt: now, UpdatedAt: now}}
	for _, row := range []any{scheme, doc, con, f.mod} {
		require.NoError(t, db.Create(row).Error)
	}
	f.add(t, n, status)
	return f
}

// add stores n more near-identical comments in the given status, at version 2.
func (f *clusterFixture) add(t *testing.T, n int, status string) {
	t.Helper()
	for range n {
		i := len(f.members)
		body := fmt.Sprintf("%s, member %d.", campaign, i)
		sig, err := neardup.Sign(neardup.DefaultConfig(), body+"\n")
		require.NoError(t, err)
		c := &models.Comment{ID: models.NewID(), ConsultationID: f.consultationID, CommentType: "general", Body: body, Publication: models.PublicNamed,
			Status: status, TrackingNumber: fmt.Sprintf("T-%d", i), Version: 2, Signature: sig.Bytes(),
			CreatedAt: f.now.Add(time.Duration(i) * time.Second), UpdatedAt: f.now}
		require.NoError(t, f.db.Create(c).Error)
		f.members = append(f.members, c.ID)
	}
}

// answer records a first disposition on member i.
func (f *clusterFixture) answer(t *testing.T, i int) {
	t.Helper()
	_, err := models.RecordDisposition(context.Background(), f.db, f.mod, f.members[i], models.DispositionInput{Resolution: "noted", Response: "First."}, f.now)
	require.NoError(t, err)
}

// TestRecordClusterDisposition is the rule of a cluster disposition: each member with the
// version seen, a member not seen or a stale version a conflict, nothing overwritten unseen.
func TestRecordClusterDisposition(t *testing.T) {
	t.Parallel()
	one, stale := 1, 7
	ok, conflict := models.Code(""), models.CodeConflict
	tests := []struct {
		name     string
		answered []int                                     // members answered before
		seen     func(m []string) []models.SeenDisposition // nil: not stated
		want     []models.Code                             // per member
		stranger bool                                      // a listed comment that is not a member
	}{
		{name: "none answered, none stated", want: []models.Code{ok, ok, ok}},
		{name: "one answered, none stated", answered: []int{0}, want: []models.Code{conflict, ok, ok}},
		{name: "the versions seen", answered: []int{0}, want: []models.Code{ok, ok, ok},
			seen: func(m []string) []models.SeenDisposition {
				return []models.SeenDisposition{{m[0], &one}, {m[1], nil}, {m[2], nil}}
			}},
		{name: "a stale version", answered: []int{0}, want: []models.Code{conflict, ok, ok},
			seen: func(m []string) []models.SeenDisposition {
				return []models.SeenDisposition{{m[0], &stale}, {m[1], nil}, {m[2], nil}}
			}},
		{name: "an answer not seen", answered: []int{1}, want: []models.Code{ok, conflict, ok},
			seen: func(m []string) []models.SeenDisposition {
				return []models.SeenDisposition{{m[0], nil}, {m[1], nil}, {m[2], nil}}
			}},
		{name: "a member not listed", want: []models.Code{ok, ok, conflict},
			seen: func(m []string) []models.SeenDisposition { return []models.SeenDisposition{{m[0], nil}, {m[1], nil}} }},
		{name: "a stranger listed", want: []models.Code{ok, ok, ok}, stranger: true,
			seen: func(m []string) []models.SeenDisposition {
				return []models.SeenDisposition{{m[0], nil}, {m[1], nil}, {m[2], nil}, {models.NewID(), nil}}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newClusterFixture(t, 3, models.CommentPublished)
			for _, i := range tc.answered {
				f.answer(t, i)
			}
			in := models.ClusterDispositionInput{Resolution: "not_accepted", Response: "The deadline stays."}
			if tc.seen != nil {
				in.Seen = tc.seen(f.members)
			}
			out, err := models.RecordClusterDisposition(context.Background(), f.db, f.clusters, f.mod, f.consultationID, f.members[0], in, f.now.Add(time.Minute))
			require.NoError(t, err)
			got := map[string]models.Code{}
			for _, o := range out {
				got[o.ID] = codeOf(o.Err)
			}
			for i, id := range f.members {
				assert.Equal(t, tc.want[i], got[id], "member %d", i)
				var d models.Disposition
				err := f.db.Where("comment_id = ?", id).Take(&d).Error
				if tc.want[i] == ok {
					require.NoError(t, err)
					assert.Equal(t, "The deadline stays.", d.Response, "member %d answered", i)
				} else if err == nil {
					assert.Equal(t, "First.", d.Response, "member %d not overwritten", i)
				}
			}
			extra := len(out) - len(f.members)
			if tc.stranger {
				require.Equal(t, 1, extra)
				assert.Equal(t, conflict, codeOf(out[len(out)-1].Err))
			} else {
				assert.Zero(t, extra)
			}
		})
	}
}

// TestRecordClusterDispositionRefusesBeforeDeciding: a faulty input or an unknown cluster decides
// nothing.
func TestRecordClusterDispositionRefusesBeforeDeciding(t *testing.T) {
	t.Parallel()
	f := newClusterFixture(t, 2, models.CommentPublished)
	id := models.NewID()
	tests := []struct {
		name    string
		cluster string
		seen    []models.SeenDisposition
		code    models.Code
		field   string
	}{
		{"an empty list", f.members[0], []models.SeenDisposition{}, models.CodeValidationFailed, "items"},
		{"a member twice", f.members[0], []models.SeenDisposition{{id, nil}, {id, nil}}, models.CodeValidationFailed, "items[1].id"},
		{"not an id", f.members[0], []models.SeenDisposition{{"x", nil}}, models.CodeValidationFailed, "items[0].id"},
		{"an unknown cluster", f.members[1], nil, models.CodeNotFound, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := models.RecordClusterDisposition(context.Background(), f.db, f.clusters, f.mod, f.consultationID, tc.cluster,
				models.ClusterDispositionInput{Resolution: "noted", Response: "Thanks.", Seen: tc.seen}, f.now)
			assert.Nil(t, out)
			require.Equal(t, tc.code, codeOf(err), "%v", err)
			if tc.field != "" {
				var e *models.Error
				require.ErrorAs(t, err, &e)
				assert.Contains(t, fmt.Sprint(e.Fields), tc.field)
			}
		})
	}
	var n int64
	require.NoError(t, f.db.Model(&models.Disposition{}).Count(&n).Error)
	assert.Zero(t, n)
}

package handlers_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"consult/api/apitest"
	"consult/models"
)

// TestSearchUsesItsIndexForEveryQueryShape proves on PostgreSQL that every search the public list
// accepts (q alone, with each filter, on a later page) is answered from the full-text index, which
// holds only published, non-confidential comments (migration 00022), when the word is rare: each
// statement a request ran is prepared again and planned with its values and as a generic plan, the
// plan a prepared statement keeps after a few runs, where only the query's constants can prove
// that the index's predicate holds.
func TestSearchUsesItsIndexForEveryQueryShape(t *testing.T) {
	f := newCommentFixture(t)
	if f.env.DB.Name() != "postgres" {
		t.Skip("the plan of PostgreSQL's full-text index; SQLite searches its FTS5 table")
	}
	for range 3 {
		id := f.create(t, f.stake, map[string]any{"body": "Notification deadlines are too strict."})
		require.NoError(t, f.env.DB.Model(&models.Comment{}).Where("id = ?", id).Update("status", models.CommentPublished).Error)
	}
	// Enough other published comments that reading them all costs more than the index.
	require.NoError(t, f.env.DB.Exec(`INSERT INTO comments (id, consultation_id, clause_id, author_id, comment_type, body, proposed_change,
		quote_exact, quote_prefix, quote_suffix, publication, language, status, tracking_number, version, reason_code, moderation_note,
		signature, paragraph_ref, created_at, updated_at)
		SELECT gen_random_uuid(), consultation_id, clause_id, author_id, comment_type, 'Filler remark number ' || g, '', '', '', '',
			publication, language, status, tracking_number || '-' || g, 1, '', '', signature, '', created_at, updated_at
		FROM comments, generate_series(1, 3000) g WHERE consultation_id = ? AND status = ? LIMIT 3000`, f.consultationID, models.CommentPublished).Error)
	require.NoError(t, f.env.DB.Exec("ANALYSE comments").Error)
	var mu sync.Mutex
	var searches []*gorm.Statement
	require.NoError(t, f.env.DB.Callback().Row().After("gorm:row").Register("test:search_plan", func(db *gorm.DB) {
		if strings.Contains(db.Statement.SQL.String(), "search_vector") {
			mu.Lock()
			searches = append(searches, &gorm.Statement{SQL: db.Statement.SQL, Vars: db.Statement.Vars})
			mu.Unlock()
		}
	}))

	page := f.env.Get("/api/v1/consultations/" + f.consultationID + "/comments?q=deadlines&limit=1")
	require.Equal(t, http.StatusOK, page.Code, page.Body.String())
	var first struct {
		NextCursor string `json:"next_cursor"`
	}
	apitest.DecodeJSON(t, page, &first)
	require.NotEmpty(t, first.NextCursor)
	queries := []string{
		"q=deadlines&clause_id=" + f.clause341,
		"q=deadlines&comment_type=technical",
		"q=deadlines&stakeholder_type=ngo",
		"q=deadlines&country=BE",
		"q=notification+deadlines&cursor=" + first.NextCursor,
	}
	for _, q := range queries {
		rec := f.env.Get("/api/v1/consultations/" + f.consultationID + "/comments?" + q)
		require.Equal(t, http.StatusOK, rec.Code, q+": "+rec.Body.String())
	}
	require.Len(t, searches, len(queries)+1)

	for i, s := range searches {
		for _, mode := range []string{"force_custom_plan", "force_generic_plan"} {
			plan := preparedPlan(t, f.env.DB.DB, s, mode)
			assert.Contains(t, plan, "comments_search_idx", "search %d (%s), %s, does not use the index:\n%s", i, s.SQL.String(), mode, plan)
		}
	}
}

// preparedPlan prepares s's statement on one connection and returns the plan PostgreSQL makes for
// it in the given plan_cache_mode: a custom plan knows the values, a generic plan (what a prepared
// statement keeps after a few runs) knows only the query's constants.
func preparedPlan(t *testing.T, db *gorm.DB, s *gorm.Statement, mode string) string {
	var plan strings.Builder
	err := db.Connection(func(tx *gorm.DB) error {
		for _, set := range []string{"SET plan_cache_mode = " + mode, "PREPARE search_plan AS " + s.SQL.String()} {
			if err := tx.Exec(set).Error; err != nil {
				return err
			}
		}
		args := make([]string, len(s.Vars))
		for i, v := range s.Vars {
			args[i] = "'" + strings.ReplaceAll(fmt.Sprint(v), "'", "''") + "'"
		}
		rows, err := tx.Raw("EXPLAIN EXECUTE search_plan(" + strings.Join(args, ", ") + ")").Rows()
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				return err
			}
			plan.WriteString(line + "\n")
		}
		return tx.Exec("DEALLOCATE search_plan; RESET plan_cache_mode").Error
	})
	require.NoError(t, err)
	return plan.String()
}

package handlers_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/models"
)

// TestParallelSubmissionsLoseNothing sends 100 submissions at once. Every answer is 201 (or 409
// had the window been closed), never a 500 such as SQLite's "database is locked", and each 201
// is in the database exactly once.
func TestParallelSubmissionsLoseNothing(t *testing.T) {
	f := newCommentFixture(t)
	const n = 100
	codes := make([]int, n)
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := goodComment(f.clause341)
			body["body"] = fmt.Sprintf("Parallel comment number %d on the notification deadline.", i)
			rec := f.submit(f.stake, body, nil)
			codes[i] = rec.Code
			if rec.Code == http.StatusCreated {
				var c struct {
					ID string `json:"id"`
				}
				_ = jsonUnmarshal(rec.Body.Bytes(), &c)
				ids[i] = c.ID
			} else if rec.Code != http.StatusConflict {
				t.Errorf("submission %d: %d %s", i, rec.Code, rec.Body.String())
			}
		}()
	}
	wg.Wait()
	created := 0
	for i, code := range codes {
		if code != http.StatusCreated {
			continue
		}
		created++
		var count int64
		require.NoError(t, f.env.DB.Model(&models.Comment{}).Where("id = ?", ids[i]).Count(&count).Error)
		assert.Equal(t, int64(1), count, "comment of submission %d", i)
	}
	var total int64
	require.NoError(t, f.env.DB.Model(&models.Comment{}).Where("consultation_id = ?", f.consultationID).Count(&total).Error)
	assert.Equal(t, int64(created), total)
	assert.Equal(t, n, created, "the window is open: every submission should be stored")
}

// TestParallelModerationsLoseNothing sends 30 decisions at once, two on each of 15 comments: each
// comment gets exactly one 200 and one 409, and no answer is anything else.
func TestParallelModerationsLoseNothing(t *testing.T) {
	f := newCommentFixture(t)
	const comments = 15
	ids := make([]string, comments)
	for i := range ids {
		ids[i] = f.create(t, f.stake, map[string]any{"body": fmt.Sprintf("Comment %d awaiting moderation.", i)})
	}
	codes := make([][2]int, comments)
	var wg sync.WaitGroup
	for i := range comments {
		for j := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				action := map[string]any{"action": "publish", "version": 1}
				if j == 1 {
					action = map[string]any{"action": "reject", "reason_code": "off_topic", "version": 1}
				}
				codes[i][j] = f.moderate(f.mod, ids[i], action).Code
			}()
		}
	}
	wg.Wait()
	for i := range comments {
		assert.ElementsMatch(t, []int{http.StatusOK, http.StatusConflict}, codes[i][:], "comment %d", i)
		var c models.Comment
		require.NoError(t, f.env.DB.Where("id = ?", ids[i]).Take(&c).Error)
		assert.Equal(t, 2, c.Version, "comment %d", i)
	}
}

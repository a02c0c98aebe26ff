package models_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/models"
)

func TestImportDocumentStoresTheClauseTreeAndAuditsTheImport(t *testing.T) {
	t.Parallel()
	w := newContentWorld(t)
	tests := []struct {
		name   string
		in     models.NewDocument
		code   models.Code
		fields []string
	}{
		{"a new version", models.NewDocument{VersionLabel: "1.1", Markdown: []byte(contentDraft)}, "", nil},
		{"a title given beside the draft", models.NewDocument{Title: "Given", VersionLabel: "1.2", Markdown: []byte(contentDraft)}, "", nil},
		{"a version label in use", models.NewDocument{VersionLabel: "1.0", Markdown: []byte(contentDraft)}, models.CodeConflict, nil},
		{"no version label", models.NewDocument{Markdown: []byte(contentDraft)}, models.CodeValidationFailed, []string{"version_label"}},
		{"a NUL byte", models.NewDocument{VersionLabel: "2", Markdown: []byte("## 1 A\ntext \x00\n")}, models.CodeValidationFailed, []string{"markdown:line 2"}},
		{"no headings", models.NewDocument{VersionLabel: "2", Markdown: []byte("just a paragraph")}, models.CodeValidationFailed, []string{"markdown"}},
		{"every fault at once", models.NewDocument{Markdown: []byte("## 1 A\n## 1 B\n")}, models.CodeValidationFailed, []string{"version_label", "markdown:line 2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(w.events(t, "document.imported"))
			d, err := models.ImportDocument(w.ctx, w.db, w.mod, w.scheme, tc.in, w.now)
			events := w.events(t, "document.imported")
			if tc.code != "" {
				assert.Equal(t, tc.code, contentCode(err), "%v", err)
				assert.Subset(t, contentFields(err), tc.fields)
				assert.Len(t, events, before, "a refused import is not recorded")
				return
			}
			require.NoError(t, err)
			require.Len(t, d.Clauses, 3)
			assert.Equal(t, []string{"1", "2", "2.1"}, []string{d.Clauses[0].Number, d.Clauses[1].Number, d.Clauses[2].Number})
			assert.Equal(t, d.Clauses[1].ID, *d.Clauses[2].ParentID)
			assert.Equal(t, w.mod.ID, *d.CreatedBy)
			stored, err := models.FindDocument(w.ctx, w.db, d.ID, true, w.now)
			require.NoError(t, err)
			assert.Len(t, stored.Clauses, 3)
			require.Len(t, events, before+1)
			last := events[len(events)-1]
			assert.Equal(t, d.ID, last.SubjectID)
			assert.Equal(t, w.mod.ID, *last.ActorID)
			assert.JSONEq(t, `{"scheme_id":"`+w.scheme.ID+`","title":"`+d.Title+`","version_label":"`+d.VersionLabel+`","clauses":3}`, last.AfterJSON)
		})
	}
}

func TestImportDocumentFromTheCommandLineHasNoActor(t *testing.T) {
	t.Parallel()
	w := newContentWorld(t)
	d, err := models.ImportDocument(w.ctx, w.db, nil, w.scheme, models.NewDocument{VersionLabel: "cli", Markdown: []byte(contentDraft)}, w.now)
	require.NoError(t, err)
	assert.Nil(t, d.CreatedBy)
	events := w.events(t, "document.imported")
	assert.Nil(t, events[len(events)-1].ActorID)
}

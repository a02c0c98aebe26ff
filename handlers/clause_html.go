package handlers

import (
	"html"

	lru "github.com/hashicorp/golang-lru/v2"

	"consult/internal/markdown"
	"consult/models"
)

// maxRenderedBody bounds the Markdown rendered per clause; longer bodies are shown as escaped
// text, since Markdown parsing of hostile input can be slow.
const maxRenderedBody = 64 << 10

// renderedClauses is how many clause bodies ClauseHTML keeps rendered.
const renderedClauses = 20_000

// ClauseHTML renders clause bodies to sanitised HTML and keeps the most recently used ones: a
// clause never changes once its draft is imported, and rendering every clause of a long draft
// on every read of the document was most of the cost of GET /documents/{id}.
type ClauseHTML struct {
	cache *lru.Cache[string, string]
}

// NewClauseHTML returns an empty ClauseHTML.
func NewClauseHTML() *ClauseHTML {
	cache, err := lru.New[string, string](renderedClauses)
	if err != nil {
		panic(err) // only for a size below 1
	}
	return &ClauseHTML{cache: cache}
}

// Body returns the clause's body rendered and sanitised, safe to insert into a page.
func (r *ClauseHTML) Body(cl models.Clause) string {
	if out, ok := r.cache.Get(cl.ID); ok {
		return out
	}
	out := renderBody(cl.Body)
	r.cache.Add(cl.ID, out)
	return out
}

func renderBody(body string) string {
	if len(body) > maxRenderedBody {
		return "<pre>" + html.EscapeString(body) + "</pre>"
	}
	return markdown.Render(body)
}

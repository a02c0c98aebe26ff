// Package markdown renders clause bodies written in Markdown (CommonMark with the GFM table,
// strikethrough and autolink extensions) to HTML that is safe to insert into a page.
//
// Safety comes from two layers: goldmark runs without html.WithUnsafe, so raw HTML in the
// source is omitted and dangerous link destinations are dropped, and the result is then
// sanitised with a bluemonday policy derived from its UGC policy.
package markdown

import (
	"bytes"
	"html"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var (
	converter = goldmark.New(goldmark.WithExtensions(
		extension.Table,
		extension.Strikethrough,
		extension.Linkify,
	))
	policy = newPolicy()
)

// newPolicy returns the sanitising policy: bluemonday's UGC policy restricted to http, https
// and mailto URLs (relative URLs allowed), with rel="nofollow noreferrer" on every link and
// target="_blank" plus rel="noopener" only on fully qualified links.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}

// Render converts Markdown source to sanitised HTML. It never fails: should the Markdown
// converter report an error, the source is returned HTML-escaped inside a paragraph.
// Render is safe for concurrent use.
func Render(src string) string {
	var buf bytes.Buffer
	if err := converter.Convert([]byte(src), &buf); err != nil {
		return "<p>" + html.EscapeString(src) + "</p>"
	}
	return policy.Sanitize(buf.String()) //nolint:misspell // bluemonday's (US-spelt) API
}

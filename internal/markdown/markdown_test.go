package markdown

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

var (
	eventAttrInTag = regexp.MustCompile(`(?i)<[^>]*\son\w+\s*=`)
	badURLAttr     = regexp.MustCompile(`(?i)<[^>]*\s(href|src|action)\s*=\s*["']?\s*(javascript|vbscript|data):`)
	forbiddenTags  = map[string]bool{
		"script": true, "style": true, "iframe": true, "object": true, "embed": true,
		"form": true, "input": true, "button": true, "svg": true, "math": true,
		"base": true, "meta": true, "link": true, "frame": true, "frameset": true,
		"textarea": true, "select": true, "details": true,
	}
	urlAttrs = map[string]bool{
		"href": true, "src": true, "action": true, "formaction": true, "srcset": true,
		"background": true, "poster": true, "cite": true, "xlink:href": true, "data": true,
	}
)

// checkSafe reports every unsafe construct in out, both by scanning the raw string and by
// tokenising it as a browser would.
func checkSafe(t testing.TB, in, out string) {
	t.Helper()
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Fatalf("<script in output\nin:  %q\nout: %q", in, out)
	}
	if eventAttrInTag.MatchString(out) {
		t.Fatalf("event handler attribute in output\nin:  %q\nout: %q", in, out)
	}
	if badURLAttr.MatchString(out) {
		t.Fatalf("dangerous URL attribute in output\nin:  %q\nout: %q", in, out)
	}
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt == html.CommentToken {
			t.Fatalf("comment in output\nin:  %q\nout: %q", in, out)
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if forbiddenTags[tok.Data] {
			t.Fatalf("forbidden element <%s>\nin:  %q\nout: %q", tok.Data, in, out)
		}
		for _, a := range tok.Attr {
			name := strings.ToLower(a.Key)
			if strings.HasPrefix(name, "on") || name == "style" {
				t.Fatalf("forbidden attribute %s on <%s>\nin:  %q\nout: %q", name, tok.Data, in, out)
			}
			if urlAttrs[name] {
				v := strings.ToLower(strings.Map(func(r rune) rune {
					if r <= ' ' {
						return -1
					}
					return r
				}, a.Val))
				for _, scheme := range []string{"javascript:", "vbscript:", "data:", "file:"} {
					if strings.HasPrefix(v, scheme) {
						t.Fatalf("dangerous URL %q in %s\nin:  %q\nout: %q", a.Val, name, in, out)
					}
				}
			}
			if name == "target" && !strings.Contains(tagAttr(tok, "rel"), "noopener") {
				t.Fatalf("target without rel=noopener\nin:  %q\nout: %q", in, out)
			}
		}
	}
}

func tagAttr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestRenderXSS(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		inertJS bool // "javascript:" may survive as escaped, inert text
	}{
		{"script element", `<script>alert(1)</script>`, false},
		{"img onerror", `<img src=x onerror=alert(1)>`, false},
		{"javascript link", `[x](javascript:alert(1))`, false},
		{"mixed-case javascript link", `[x](JaVaScRiPt:alert(1))`, false},
		{"entity-encoded javascript link", `[x](&#106;avascript:alert(1))`, false},
		{"percent and whitespace javascript link", "[x](<java\tscript:alert(1)>)", true},
		{"vbscript link", `[x](vbscript:msgbox(1))`, false},
		{"raw anchor javascript", `<a href="javascript:alert(1)">x</a>`, false},
		{"svg onload", `<svg onload=alert(1)>`, false},
		{"iframe", `<iframe src=//evil>`, false},
		{"javascript image", `![x](javascript:alert(1))`, false},
		{"style element", `<style>body{}</style>`, false},
		{"attribute breakout", `"><script>alert(1)</script>`, false},
		{"data URI link", `[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`, false},
		{"data URI image", `![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)`, false},
		{"javascript autolink", `<javascript:alert(1)>`, true},
		{"details ontoggle", `<details open ontoggle=alert(1)>`, false},
		{"link title with quotes", `[x](https://example.org "a\" onmouseover=\"alert(1)")`, false},
		{"reference link javascript", "[x][r]\n\n[r]: javascript:alert(1)", false},
		{"object and embed", `<object data="x.swf"></object><embed src="x.swf">`, false},
		{"form", `<form action="https://evil"><input name=p></form>`, false},
		{"block HTML", "<div onclick=\"alert(1)\">\n\n*x*\n\n</div>", false},
		{"raw HTML in table cell", "| a |\n|---|\n| <img src=x onerror=alert(1)> |", false},
		{"meta refresh", `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`, false},
		{"html comment", `<!-- <script>alert(1)</script> -->`, false},
		{"linkify javascript", `see javascript:alert(1) now`, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := Render(tc.src)
			checkSafe(t, tc.src, out)
			if !tc.inertJS {
				assert.NotContains(t, strings.ToLower(out), "javascript:")
			}
		})
	}
}

func TestRenderMarkdown(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"heading", "## Scope", []string{"<h2>Scope</h2>"}},
		{"emphasis", "*a* **b** ~~c~~", []string{"<em>a</em>", "<strong>b</strong>", "<del>c</del>"}},
		{"bullet list", "- one\n- two", []string{"<ul>", "<li>one</li>", "<li>two</li>"}},
		{"ordered list", "1. one\n2. two", []string{"<ol>", "<li>one</li>"}},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", []string{"<table>", "<th>a</th>", "<td>2</td>"}},
		{"fenced code", "```\nif a < b {}\n```", []string{"<pre><code>if a &lt; b {}\n</code></pre>"}},
		{"inline code escapes", "`<script>`", []string{"<code>&lt;script&gt;</code>"}},
		{"https link", "[scheme](https://example.org/a?b=c)", []string{
			`href="https://example.org/a?b=c"`, `rel="nofollow noreferrer noopener"`, `target="_blank"`,
		}},
		{"relative link has no target", "[annex](/annex-a)", []string{`href="/annex-a"`, `rel="nofollow noreferrer"`}},
		{"autolinked URL", "see https://example.org", []string{`<a href="https://example.org"`}},
		{"mailto", "[mail](mailto:a@example.org)", []string{`href="mailto:a@example.org"`}},
		{"https image", "![logo](https://example.org/l.png)", []string{`<img src="https://example.org/l.png" alt="logo">`}},
		{"blockquote", "> note", []string{"<blockquote>"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := Render(tc.src)
			checkSafe(t, tc.src, out)
			for _, w := range tc.want {
				assert.Contains(t, out, w)
			}
		})
	}
	assert.NotContains(t, Render("[annex](/annex-a)"), "target=")
}

func TestRenderKeepsText(t *testing.T) {
	for _, text := range []string{
		"Η Αρχή διαβουλεύεται δημόσια για το σχήμα πιστοποίησης.",
		"Агентство проводит публичную консультацию по схеме сертификации.",
		"Zażółć gęślą jaźń — źdźbło, łódź, świętość.",
		"Ärger über Öl, façade, naïve, Ångström.",
	} {
		t.Run(text[:8], func(t *testing.T) {
			out := Render(text)
			require.Equal(t, "<p>"+text+"</p>\n", out)
		})
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"# Title\n\n*a* [b](https://example.org)",
		`<script>alert(1)</script>`,
		`[x](javascript:alert(1))`,
		`<img src=x onerror=alert(1)>`,
		`<javascript:alert(1)>`,
		"| a |\n|---|\n| <b onclick=x>1</b> |",
		`![x](data:image/png;base64,AAAA)`,
		"[x][r]\n\n[r]: <JaVaScRiPt:alert(1)> \"t\"",
		`<a href="&#x6A;avascript:alert(1)">x</a>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkSafe(t, src, Render(src))
	})
}

package clauses

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseSample(t *testing.T) {
	d := sample(t, "draft-scheme-mss-v0.3.md")
	assert.Equal(t, "Candidate Cybersecurity Certification Scheme for Managed Security Services — Draft v0.3", d.Title)
	assert.Equal(t, 1, d.TitleLine)
	assert.Equal(t, "This sample draft exists to exercise the platform. It imitates the structure of a real candidate\n"+
		"scheme (numbered clauses, requirements, annexes); its content is invented for testing.", d.Preamble)
	assert.Equal(t, dedent(`
		1 Introduction
		  1.1 Purpose of this document
		  1.2 Structure of the scheme
		2 Subject matter and scope
		  2.1 Services in scope
		  2.2 Services out of scope
		  2.3 Assurance levels
		3 Security requirements
		  3.1 Governance
		    3.1.1 Information security policy
		    3.1.2 Roles and responsibilities
		  3.2 Personnel
		    3.2.1 Screening
		    3.2.2 Competence
		  3.3 Access to customer systems
		    3.3.1 Least privilege
		    3.3.2 Multi-factor authentication
		    3.3.3 Logging of provider actions
		  3.4 Incident handling
		    3.4.1 Notification to the customer
		    3.4.2 Cooperation with authorities
		  3.5 Vulnerability management
		4 Evaluation
		  4.1 Evaluation methods
		  4.2 Evaluation report
		5 Certificates
		  5.1 Validity
		  5.2 Surveillance
		  5.3 Withdrawal
		Annex A Mapping to related standards
		Annex B Competence profiles
	`), outline(d.Clauses))

	c := d.Find("3.4.1")
	require.NotNil(t, c)
	assert.Equal(t, Clause{
		Number: "3.4.1", Heading: "Notification to the customer",
		Body: "The provider shall notify the customer of a significant incident affecting the service without undue\n" +
			"delay and in any event within 24 hours of becoming aware of it.",
		Level: 3, MarkdownLevel: 4, Position: 1, Line: 82, Key: "notification to the customer", Explicit: true,
	}, *c)
	assert.Equal(t, "", d.Find("3").Body, "a chapter heading followed at once by a sub-heading has no body")
	assert.Equal(t, 4, d.Find("3.4").Position)
	assert.Equal(t, 129, d.Find("Annex B").Line)
	assert.Equal(t, "multi factor authentication", d.Find("3.3.2").Key)
	assert.Nil(t, d.Find("9.9"))
	assert.Len(t, d.Flatten(), 31)
}

func TestParseOutline(t *testing.T) {
	tests := []struct {
		name, md, want string
	}{
		{
			name: "number forms",
			md:   "# 1 Scope\n# 2. Terms\n# 3) Requirements\n## 3.1. Dotted\n## 3.2 Plain\n",
			want: `
				1 Scope
				2 Terms
				3 Requirements
				  3.1 Dotted
				  3.2 Plain`,
		},
		{
			name: "annex forms",
			md: "## 1 Scope\n## Annex A Mapping\n### A.1 Controls\n#### A.1.1 Detail\n## Annex B - Forms\n" +
				"## Annex C: Profiles\n## ANNEX D — Tables\n## Appendix 1 – Samples\n## Annex IV\n## Annex XII. Twelve\n",
			want: `
				1 Scope
				Annex A Mapping
				  A.1 Controls
				    A.1.1 Detail
				Annex B Forms
				Annex C Profiles
				Annex D Tables
				Appendix 1 Samples
				Annex IV 
				Annex XII Twelve`,
		},
		{
			name: "explicit numbers nest whatever the heading level",
			md:   "## 3 Requirements\n## 3.4 Incidents\n## 3.4.1 Notification\n## 3.4.2 Cooperation\n## 4 Evaluation\n## Annex A Mapping\n## A.1 Controls\n## A.2 Forms\n",
			want: `
				3 Requirements
				  3.4 Incidents
				    3.4.1 Notification
				    3.4.2 Cooperation
				4 Evaluation
				Annex A Mapping
				  A.1 Controls
				  A.2 Forms`,
		},
		{
			name: "top-level number climbs out of deeper headings",
			md:   "## 1 Intro\n### 1.1 Purpose\n#### 1.1.1 Detail\n#### 2 Scope\n",
			want: `
				1 Intro
				  1.1 Purpose
				    1.1.1 Detail
				2 Scope`,
		},
		{
			name: "numbered by position",
			md:   "## Introduction\n### Purpose\n### Structure\n## Requirements\n### Governance\n#### Policy\n",
			want: `
				1 Introduction
				  1.1 Purpose
				  1.2 Structure
				2 Requirements
				  2.1 Governance
				    2.1.1 Policy`,
		},
		{
			name: "unnumbered headings among numbered ones",
			md:   "## Foreword\n## 1 Scope\n### Overview\n## 2 Terms\n## Annex A Mapping\n### Sources\n## Bibliography\n## Foreword\n",
			want: `
				Foreword Foreword
				1 Scope
				  1.1 Overview
				2 Terms
				Annex A Mapping
				  A.1 Sources
				5 Bibliography
				6 Foreword`,
		},
		{
			name: "heading numbers taken too",
			md:   "## Foreword\n## 1 Scope\n## Foreword\n## 3 Terms\n",
			want: `
				Foreword Foreword
				1 Scope
				Foreword (2) Foreword
				3 Terms`,
		},
		{
			name: "positional number taken by a later explicit one",
			md:   "## Scope\n## Terms\n## 2 Requirements\n",
			want: `
				1 Scope
				Terms Terms
				2 Requirements`,
		},
		{
			name: "explicit sub-number without its parent nests by level",
			md:   "## 1 Intro\n### 1.1 Purpose\n## 2 Scope\n### 7.3 Stray\n",
			want: `
				1 Intro
				  1.1 Purpose
				2 Scope
				  7.3 Stray`,
		},
		{
			name: "skipped heading levels",
			md:   "## 1 A\n##### 1.1 Deep\n### 1.2 Shallower\n",
			want: `
				1 A
				  1.1 Deep
				  1.2 Shallower`,
		},
		{
			name: "setext headings",
			md:   "Scope\n=====\n\ntext\n\nDefinitions\nand terms\n---\n\nmore\n\nAnnex\n=====\n",
			want: `
				1 Scope
				  1.1 Definitions and terms
				2 Annex`,
		},
		{
			name: "closing hashes and spacing",
			md:   "   ## 1   Scope ##   \n##\tTabbed\n",
			want: `
				1 Scope
				2 Tabbed`,
		},
		{
			name: "empty heading",
			md:   "## 1 A\n##\n",
			want: `
				1 A
				2 `,
		},
		{
			name: "not headings: code, HTML, quotes, lists, no space, indented",
			md: "## 1 Real\n```\n# fenced\n```\n~~~~md\n## tilde\n~~~~\n<!--\n# comment\n-->\n> # quoted\n- # listed\n" +
				"#hashtag\n    # indented code\n\\# escaped\n## 2 Also real\n",
			want: `
				1 Real
				2 Also real`,
		},
		{
			name: "several level-one headings: no title",
			md:   "# Part one\n## Intro\n# Part two\n",
			want: `
				1 Part one
				  1.1 Intro
				2 Part two`,
		},
		{
			name: "a lone level-one heading is a clause",
			md:   "# Only\n\ntext\n",
			want: `
				1 Only`,
		},
		{
			name: "a numbered level-one heading is not a title",
			md:   "# 1 Scope\n## 1.1 Detail\n",
			want: `
				1 Scope
				  1.1 Detail`,
		},
		{
			name: "headings in EU scripts",
			md:   "## 1 Πεδίο εφαρμογής\n## 2 Обхват\n## 3 Zakres stosowania\n## Annex A Übersicht\n### A.1 Ħarsien tal-konsumatur\n",
			want: `
				1 Πεδίο εφαρμογής
				2 Обхват
				3 Zakres stosowania
				Annex A Übersicht
				  A.1 Ħarsien tal-konsumatur`,
		},
		{
			name: "no-break space after the number",
			md:   "## 3.4\u00a0Notification\n",
			want: `
				3.4 Notification`,
		},
		{
			name: "year-like and bare numbers are headings, not numbers",
			md:   "## 2027 Review\n## 5G networks\n## 1.2.3.4 Deep\n",
			want: `
				1 2027 Review
				2 5G networks
				1.2.3.4 Deep`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, tt.md)
			assert.Equal(t, dedent(tt.want), outline(d.Clauses))
			seen := map[string]bool{}
			Walk(d.Clauses, func(c, parent *Clause) {
				assert.False(t, seen[c.Number], "number %q twice", c.Number)
				seen[c.Number] = true
				if parent == nil {
					assert.Equal(t, 1, c.Level)
				} else {
					assert.Equal(t, parent.Level+1, c.Level)
				}
			})
		})
	}
}

func TestParseTitleAndPreamble(t *testing.T) {
	tests := []struct {
		name, md                   string
		title, preamble, frontText string
		titleLine, first           int
	}{
		{"title", "# The scheme\n\nIntro text.\n\n## 1 Scope\n", "The scheme", "Intro text.", "", 1, 5},
		{"title after blank lines", "\n\n# The scheme\n## 1 Scope\n", "The scheme", "", "", 3, 4},
		{"no title", "Intro text.\n\n## 1 Scope\n", "", "Intro text.", "", 0, 3},
		{"setext title", "The scheme\n==========\n\n## 1 Scope\n", "The scheme", "", "", 1, 4},
		{"front matter", "---\nversion: 0.4\n---\n# T\n## 1 Scope\n", "T", "", "version: 0.4\n", 4, 5},
		{"front matter is not a setext heading", "---\ntitle: x\n...\n## 1 Scope\n", "", "", "title: x\n", 0, 4},
		{"unclosed front matter is Markdown", "---\ntitle: x\n\n## 1 Scope\n", "", "---\ntitle: x", "", 0, 4},
		{"thematic breaks around clauses are not front matter", "---\n## 1 Scope\ntext\n---\n## 2 Terms\n", "", "---", "", 0, 2},
		{"text before a level-one heading: no title", "Draft.\n\n# The scheme\n## 1 Scope\n", "", "Draft.", "", 0, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, tt.md)
			assert.Equal(t, tt.title, d.Title)
			assert.Equal(t, tt.titleLine, d.TitleLine)
			assert.Equal(t, tt.preamble, d.Preamble)
			assert.Equal(t, tt.frontText, d.FrontMatter)
			require.NotEmpty(t, d.Clauses)
			assert.Equal(t, tt.first, d.Clauses[0].Line)
		})
	}
}

func TestParseBody(t *testing.T) {
	tests := []struct {
		name, md, want string
	}{
		{"trimmed", "## 1 A\n\n\n  \nFirst line.\nSecond line.   \n\n\n", "First line.\nSecond line."},
		{"indentation of the first line kept", "## 1 A\n\n    code block\n    more\n", "    code block\n    more"},
		{"code with hashes kept", "## 1 A\n\n```sh\n# comment\nls\n```\n", "```sh\n# comment\nls\n```"},
		{"lists and tables kept", "## 1 A\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |"},
		{"empty", "## 1 A\n\n   \n## 2 B\n", ""},
		{"setext underline not in the body", "A\n===\nbody\n", "body"},
		{"multi-line setext heading", "A\nB\n---\nbody\n", "body"},
		{"last clause without newline", "## 1 A\nbody", "body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, tt.md)
			assert.Equal(t, tt.want, d.Clauses[0].Body)
		})
	}
}

// TestParseRoundTrip checks that text in EU languages and scripts, precomposed or with
// combining marks, comes back byte for byte, and that BOM and line endings are normalised.
func TestParseRoundTrip(t *testing.T) {
	bodies := []string{
		"Ο πάροχος ενημερώνει τον πελάτη χωρίς αδικαιολόγητη καθυστέρηση.",
		"Доставчикът уведомява клиента без ненужно забавяне — в рамките на 24 часа.",
		"Dostawca powiadamia klienta bez zbędnej zwłoki; zażółć gęślą jaźń.",
		"Der Anbieter muss den Kunden unverzüglich unterrichten. Straße, Maßnahme.",
		"Il-fornitur għandu jinnotifika lill-klijent mingħajr dewmien żejjed.",
		"Tiekėjas praneša klientui; ąčęėįšųūž. Piegādātājs paziņo; āčēģīķļņšūž.",
		"Furnizorul notifică clientul fără întârzieri nejustificate: ș ț ă î â.",
		"Dodavatel oznámí zákazníkovi bez zbytečného odkladu: ěščřžýáíéůú. Szolgáltató: őű.",
		"Soláthraí: cuirfidh sé in iúl don chustaiméir gan mhoill mhíchuí.",
		"Combining: e\u0301te\u0301, A\u030A, n\u0303; emoji 🇪🇺; NBSP\u00a0here; zero\u200bwidth.",
	}
	var md strings.Builder
	md.WriteString("# Τίτλος — Заглавие\n\n")
	for i, b := range bodies {
		md.WriteString("## " + strconv.Itoa(i+1) + " Ενότητα " + b[:strings.IndexByte(b, ' ')] + "\n\n" + b + "\n\n")
	}
	src := md.String()
	d := mustParse(t, src)
	require.Len(t, d.Clauses, len(bodies))
	for i, c := range d.Clauses {
		assert.Equal(t, bodies[i], c.Body)
		assert.Contains(t, src, "## "+c.Number+" "+c.Heading+"\n", "heading bytes kept")
	}

	crlf := "\ufeff" + strings.ReplaceAll(src, "\n", "\r\n")
	d2 := mustParse(t, crlf)
	assert.Equal(t, d, d2, "BOM and CRLF change nothing")
	cr := strings.ReplaceAll(src, "\n", "\r")
	d3 := mustParse(t, cr)
	assert.Equal(t, d, d3, "old Mac line endings change nothing")
}

// TestParseRenderRoundTrip renders a parsed draft back to Markdown and parses it again.
func TestParseRenderRoundTrip(t *testing.T) {
	for _, name := range []string{"draft-scheme-mss-v0.3.md", "draft-scheme-mss-v0.4.md"} {
		d := sample(t, name)
		again := mustParse(t, render(d))
		assert.Equal(t, outline(d.Clauses), outline(again.Clauses))
		a, b := d.Flatten(), again.Flatten()
		require.Len(t, b, len(a))
		for i := range a {
			assert.Equal(t, a[i].Body, b[i].Body)
			assert.Equal(t, a[i].Key, b[i].Key)
		}
	}
}

func TestWalkAndFlatten(t *testing.T) {
	d := mustParse(t, "## 1 A\n### 1.1 B\n#### 1.1.1 C\n### 1.2 D\n## 2 E\n")
	var got []string
	Walk(d.Clauses, func(c, parent *Clause) {
		p := "-"
		if parent != nil {
			p = parent.Number
		}
		got = append(got, c.Number+"<"+p)
	})
	assert.Equal(t, []string{"1<-", "1.1<1", "1.1.1<1.1", "1.2<1", "2<-"}, got)
	var numbers []string
	for _, c := range d.Flatten() {
		numbers = append(numbers, c.Number)
	}
	assert.Equal(t, []string{"1", "1.1", "1.1.1", "1.2", "2"}, numbers)
	assert.Empty(t, Flatten(nil))
}

package benchdata

import (
	"math/rand/v2"
	"strings"
	"time"

	"consult/models"
)

// writer makes the comments: each drawn from sentence templates about the clause it names, or,
// for a share of them, a variant of one of the campaigns' texts.
type writer struct {
	rng     *rand.Rand
	clauses []models.Clause
}

func newWriter(rng *rand.Rand, clauses []models.Clause) *writer {
	return &writer{rng: rng, clauses: clauses}
}

// The mix of a consultation under a campaign, in percent.
const (
	campaignShare  = 20 // comments that are a campaign's variant
	generalShare   = 10 // comments on the draft as a whole
	quoteShare     = 30 // clause comments that quote a passage
	redactedShare  = 2  // published comments that were redacted
	publishedShare = 85
	submittedShare = 8 // the rest after these: rejected 4, withdrawn 3
	rejectedShare  = 4
)

// comment is one generated comment of author at the time at.
func (w *writer) comment(author *models.User, at time.Time) models.LoadedComment {
	r := models.LoadedComment{Author: author, At: at, Status: w.status()}
	in := &r.In
	in.Publication = w.publication()
	in.CommentType = pick(w.rng, []string{"general", "technical", "technical", "technical", "editorial"})
	if w.percent(campaignShare) {
		c := pick(w.rng, campaigns)
		in.Body, in.Language, in.CommentType = w.variant(c.text), c.language, "general"
		in.ProposedChange = c.change
		return r
	}
	lang := pick(w.rng, []string{"en", "en", "en", "en", "en", "en", "en", "en", "fr", "de"})
	in.Language = lang
	if w.percent(generalShare) {
		in.Body = w.sentences(lang, "the draft")
		in.ProposedChange = pick(w.rng, changes[lang])
	} else {
		cl := w.clauses[w.rng.IntN(len(w.clauses))]
		in.ClauseID = &cl.ID
		in.Body = w.sentences(lang, "clause "+cl.Number+" ("+cl.Heading+")")
		if w.rng.IntN(3) > 0 {
			in.ProposedChange = pick(w.rng, changes[lang])
		}
		if w.percent(quoteShare) {
			in.Quote = w.quote(cl.Body)
		}
	}
	if r.Status == models.CommentPublished && w.percent(redactedShare) {
		redacted := "[personal data removed] " + in.Body
		r.RedactedBody = &redacted
	}
	return r
}

func (w *writer) percent(p int) bool { return w.rng.IntN(100) < p }

func (w *writer) status() string {
	switch n := w.rng.IntN(100); {
	case n < publishedShare:
		return models.CommentPublished
	case n < publishedShare+submittedShare:
		return models.CommentSubmitted
	case n < publishedShare+submittedShare+rejectedShare:
		return models.CommentRejected
	default:
		return models.CommentWithdrawn
	}
}

func (w *writer) publication() string {
	switch n := w.rng.IntN(100); {
	case n < 65:
		return models.PublicNamed
	case n < 90:
		return models.PublicAnonymous
	default:
		return models.Confidential
	}
}

// sentences is an opening, two to four remarks on subject and a closing, in the language lang.
func (w *writer) sentences(lang, subject string) string {
	t := templates[lang]
	parts := []string{pick(w.rng, t.openings)}
	for range 2 + w.rng.IntN(3) {
		parts = append(parts, strings.ReplaceAll(pick(w.rng, t.remarks), "{subject}", subject))
	}
	parts = append(parts, pick(w.rng, t.closings))
	return strings.Join(parts, " ")
}

// variant is a campaign's text as one of its senders changed it: sometimes a personal sentence
// first, a few words swapped for others, sometimes a sign-off.
func (w *writer) variant(text string) string {
	words := strings.Fields(text)
	for range w.rng.IntN(4) {
		i := w.rng.IntN(len(words))
		if s, ok := synonyms[strings.ToLower(words[i])]; ok {
			words[i] = s
		}
	}
	out := strings.Join(words, " ")
	if w.percent(40) {
		out = pick(w.rng, prefaces) + " " + out
	}
	if w.percent(30) {
		out += " " + pick(w.rng, signOffs)
	}
	return out
}

// quote is a passage of three to eight words of body, with a little of the text around it.
func (w *writer) quote(body string) *models.Quote {
	words := strings.Fields(body)
	if len(words) < 3 {
		return nil
	}
	n := min(len(words), 3+w.rng.IntN(6))
	start := w.rng.IntN(len(words) - n + 1)
	exact := strings.Join(words[start:start+n], " ")
	i := strings.Index(body, exact)
	if i < 0 { // the words were split by a line break in the body
		return nil
	}
	before, after := []rune(body[:i]), []rune(body[i+len(exact):])
	return &models.Quote{Exact: exact, Prefix: string(before[max(0, len(before)-32):]), Suffix: string(after[:min(len(after), 32)])}
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

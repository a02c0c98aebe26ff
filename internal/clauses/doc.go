// Package clauses turns a Markdown draft of a certification scheme into a tree of numbered
// clauses, and compares two versions of a draft clause by clause.
//
// # Parsing
//
// [Parse] reads CommonMark with a line scanner that follows the block structure as far as
// headings need it, in linear time whatever the input: '#' lines inside fenced code, HTML
// blocks, block quotes and list items are not headings (tests check the scanner against
// goldmark). Every top-level heading, ATX ("## 3.4 Title") or setext (underlined with === or
// ---), starts a clause; the Markdown between it and the next heading is the clause's body, byte
// for byte as written apart from leading blank lines and trailing white space. The input may
// start with a UTF-8 byte order mark (dropped) and use CRLF or CR line endings (turned into LF);
// YAML front matter between two "---" lines at the very start is kept apart in
// [Document.FrontMatter].
//
// A heading that carries its own number keeps it: "3.4.1 Notification", "3. Scope", "3) Scope",
// "Annex A Mapping", "Annex A - Mapping", "Annex A: Mapping", "A.1 Forms". Other headings are
// numbered by their position among their siblings ("2", "2.1", under an annex "A.1"). Clauses nest
// by heading level, except that an explicit number wins: "3.4.1" goes under the open clause "3.4"
// and "A.2" under "Annex A" whatever their heading levels. A single level-one heading that opens
// the draft, above deeper headings, is the document's title rather than a clause.
//
// Parse errors are a [*ParseError] listing every [Problem] with its line; errors.Is(err,
// [ErrInvalidDraft]) tells them apart from other errors. [MaxBytes] and [MaxClauses] bound the
// input; a 5 MB draft with 10,000 headings parses in a few hundred milliseconds at most.
//
// # Comparing versions
//
// [Diff] pairs the clauses of two versions so that a renumbered clause is recognised: first by
// normalised heading ([Key]), using the parent's heading, body similarity and number to choose
// among clauses with the same heading; then, for clauses whose heading changed, by number when
// the bodies are similar; then by the same or nearly the same body. Each pair is [Unchanged] or [Changed] (with a
// word-level diff of heading and body, see [WordDiff]); clauses left over are [Added] or [Removed].
// Candidate scoring and word diffs run within work budgets, so two large drafts compare in
// bounded time; past a budget the answer is coarser, never wrong.
package clauses

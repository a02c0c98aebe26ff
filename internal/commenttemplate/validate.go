package commenttemplate

import (
	"fmt"
	"strings"
	"unicode"
)

// commentTypes maps accepted spellings (lower case) to canonical values;
// "ge", "te" and "ed" are the ISO/CEN template codes.
var commentTypes = map[string]string{
	"general": "general", "technical": "technical", "editorial": "editorial",
	"ge": "general", "te": "technical", "ed": "editorial",
}

// publications maps spellings reduced by wordsKey to canonical values.
var publications = map[string]string{
	"public named": "public_named", "named": "public_named",
	"public anonymous": "public_anonymous", "anonymous": "public_anonymous",
	"confidential": "confidential",
}

// wordsKey lower-cases s and keeps only its words, so "Public (named)" and
// "public_named" both become "public named".
func wordsKey(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r)
	}), " ")
}

// Validate checks the values of rows against a consultation whose clause
// numbers are the keys of clauses. It returns the rows with Clause, Type of
// comment and Publication normalised to their canonical values, and one
// Problem for every bad cell of every row.
func Validate(rows []Row, clauses map[string]bool) ([]Row, []Problem) {
	out := make([]Row, len(rows))
	var problems []Problem
	bad := func(r Row, column, msg string) {
		problems = append(problems, Problem{Line: r.Line, Column: column, Message: msg})
	}
	for i, r := range rows {
		switch {
		case r.Clause == "":
		case strings.EqualFold(r.Clause, "general"):
			r.Clause = "general"
		case !clauses[r.Clause]:
			bad(r, ColumnClause, fmt.Sprintf(`clause %q is not in this draft; use one of the numbers in the drop-down, or "general"`, r.Clause))
		}

		if t, ok := commentTypes[strings.ToLower(r.CommentType)]; ok {
			r.CommentType = t
		} else if r.CommentType == "" {
			bad(r, ColumnCommentType, "the type of comment is empty; choose general, technical or editorial")
		} else {
			bad(r, ColumnCommentType, fmt.Sprintf("%q is not a type of comment; choose general, technical or editorial", r.CommentType))
		}

		if r.Comment == "" {
			bad(r, ColumnComment, "the comment is empty; write the comment or delete the row")
		}

		if p, ok := publications[wordsKey(r.Publication)]; ok {
			r.Publication = p
		} else if r.Publication == "" {
			bad(r, ColumnPublication, "publication is empty; choose public_named, public_anonymous or confidential")
		} else {
			bad(r, ColumnPublication, fmt.Sprintf("%q is not a publication choice; choose public_named, public_anonymous or confidential", r.Publication))
		}
		out[i] = r
	}
	return out, problems
}

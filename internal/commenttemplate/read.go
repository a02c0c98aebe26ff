package commenttemplate

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Row is one comment read from a filled template. Line is the spreadsheet
// row number (header = 1).
type Row struct {
	Line           int
	Clause         string // "" or "general" for a general comment
	Paragraph      string // paragraph/figure/table reference, free text
	CommentType    string
	Comment        string
	ProposedChange string
	Publication    string
}

// Problem names a row and column and says what is wrong in words a person
// can act on. Column is a template heading, or "" for the whole row or file.
type Problem struct {
	Line    int
	Column  string
	Message string
}

func (p Problem) String() string {
	switch {
	case p.Line == 0:
		return p.Message
	case p.Column == "":
		return fmt.Sprintf("row %d: %s", p.Line, p.Message)
	default:
		return fmt.Sprintf("row %d, %s: %s", p.Line, p.Column, p.Message)
	}
}

// Error reports every problem found in a file; no row of it is accepted.
type Error struct {
	Problems []Problem
}

// Error lists all problems, one per line.
func (e *Error) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return fmt.Sprintf("comment file has %d problem(s):\n%s", len(e.Problems), strings.Join(parts, "\n"))
}

// Errors for files that cannot be read at all.
var (
	ErrNotXLSX  = errors.New("the file is not an Excel workbook (.xlsx); fill in the blank template and save it as .xlsx, or as CSV UTF-8")
	ErrTooLarge = fmt.Errorf("the file is larger than %d MB", MaxFileSize>>20)
)

type field int

const (
	fClause field = iota
	fParagraph
	fType
	fComment
	fProposed
	fPublication
	numFields
)

var fieldNames = [numFields]string{ColumnClause, ColumnParagraph, ColumnCommentType, ColumnComment, ColumnProposedChange, ColumnPublication}

var requiredFields = []field{fClause, fType, fComment, fPublication}

// headerAliases maps headings reduced by headerKey to fields.
var headerAliases = map[string]field{
	"clause": fClause, "clauseno": fClause, "clausenumber": fClause, "clausesubclause": fClause,
	"paragraphfiguretable": fParagraph, "paragraph": fParagraph, "paragraphfiguretablenote": fParagraph,
	"para": fParagraph, "reference": fParagraph,
	"typeofcomment": fType, "type": fType, "commenttype": fType,
	"comment": fComment, "comments": fComment, "commentsjustificationforchange": fComment,
	"proposedchange": fProposed, "proposedchanges": fProposed,
	"publication": fPublication, "publish": fPublication,
}

// headerKey reduces a heading to its lower-case letters, so "Type of comment²",
// " type  of comment " and "TYPE OF COMMENT" all match.
func headerKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// collector turns header and data rows into Rows and Problems.
type collector struct {
	seen      bool // heading row read
	cols      [numFields]int
	rows      []Row
	problems  []Problem
	checkUTF8 bool
}

// header maps columns by heading; it reports false when required columns are missing.
func (c *collector) header(line int, cells []string) bool {
	c.seen = true
	for i := range c.cols {
		c.cols[i] = -1
	}
	for i, cell := range cells {
		f, ok := headerAliases[headerKey(cell)]
		if !ok {
			continue // unknown columns (e.g. "MB/NC") are ignored
		}
		if c.cols[f] >= 0 {
			c.problems = append(c.problems, Problem{Line: line, Column: fieldNames[f],
				Message: fmt.Sprintf("two columns are headed %q; keep only one", fieldNames[f])})
			continue
		}
		c.cols[f] = i
	}
	ok := true
	for _, f := range requiredFields {
		if c.cols[f] < 0 {
			ok = false
			c.problems = append(c.problems, Problem{Line: line, Column: fieldNames[f],
				Message: fmt.Sprintf("the first row has no column headed %q; use the headings of the blank template", fieldNames[f])})
		}
	}
	return ok && len(c.problems) == 0
}

// add records one data row. It reports false once more than MaxRows
// non-empty rows have been seen, after which the caller stops reading.
func (c *collector) add(line int, cells []string) bool {
	var v [numFields]string
	empty := true
	for f, i := range c.cols {
		if i >= 0 && i < len(cells) {
			v[f] = normalise(cells[i])
			empty = empty && v[f] == ""
		}
	}
	if empty {
		return true
	}
	if len(c.rows) == MaxRows {
		c.problems = []Problem{{Line: line,
			Message: fmt.Sprintf("the file has more than %s comments; split them over several files", thousands(MaxRows))}}
		c.rows = nil
		return false
	}
	for f, s := range v {
		if c.checkUTF8 && !utf8.ValidString(s) {
			c.problems = append(c.problems, Problem{Line: line, Column: fieldNames[f],
				Message: `this row is not valid UTF-8 text; save the file as "CSV UTF-8" and upload it again`})
			break
		}
		if n := utf8.RuneCountInString(s); n > MaxCellChars {
			c.problems = append(c.problems, Problem{Line: line, Column: fieldNames[f],
				Message: fmt.Sprintf("this cell has %s characters; the limit is %s, so shorten it or split it over several rows", thousands(n), thousands(MaxCellChars))})
		}
	}
	c.rows = append(c.rows, Row{Line: line, Clause: v[fClause], Paragraph: v[fParagraph], CommentType: v[fType],
		Comment: v[fComment], ProposedChange: v[fProposed], Publication: v[fPublication]})
	return true
}

func (c *collector) result() ([]Row, error) {
	if len(c.problems) > 0 {
		return nil, &Error{Problems: c.problems}
	}
	return c.rows, nil
}

// normalise trims the ends of a cell and turns CRLF line breaks into LF.
func normalise(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// readLimited reads at most MaxFileSize bytes, failing with ErrTooLarge beyond.
func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("commenttemplate: reading upload: %w", err)
	}
	if len(data) > MaxFileSize {
		return nil, ErrTooLarge
	}
	return data, nil
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	utf8BOM  = []byte{0xEF, 0xBB, 0xBF}
)

// ReadXLSX reads a filled template from an .xlsx file of size bytes (0 if
// unknown). It reads the sheet named "Comments", or else the first sheet,
// row by row. A workbook that unpacks beyond the bounds of this package
// fails with ErrUnpacksTooLarge before it is inflated. On structural
// problems it returns no rows and an *Error.
func ReadXLSX(r io.Reader, size int64) ([]Row, error) {
	if size > MaxFileSize {
		return nil, ErrTooLarge
	}
	data, err := readLimited(r)
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(data, oleMagic) {
		return nil, fmt.Errorf("%w (it looks like an old .xls or a password-protected workbook)", ErrNotXLSX)
	}
	if !bytes.HasPrefix(data, zipMagic) {
		return nil, ErrNotXLSX
	}
	f, err := openXLSX(data)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()

	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, ErrNotXLSX
	}
	sheet := sheets[0]
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s), SheetComments) {
			sheet = s
			break
		}
	}
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotXLSX, err)
	}
	defer func() { _ = it.Close() }()

	var c collector
	for line := 1; it.Next(); line++ { // streamed: stops early on too many rows
		cells, err := it.Columns()
		if err != nil {
			return nil, fmt.Errorf("%w: row %d: %w", ErrNotXLSX, line, err)
		}
		if line == 1 {
			if !c.header(line, cells) {
				break
			}
			continue
		}
		if !c.add(line, cells) {
			break
		}
	}
	if err := it.Error(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotXLSX, err)
	}
	if !c.seen {
		c.header(1, nil) // empty sheet: report the missing headings
	}
	return c.result()
}

// ReadCSV reads a filled template saved as CSV (UTF-8, optional BOM, comma
// or semicolon separated, detected from the heading line). Line numbers are
// the rows a spreadsheet shows when it opens the file. A file of more than
// MaxSheetRows lines or MaxColumns columns is refused before it is parsed. On
// structural problems it returns no rows and an *Error.
func ReadCSV(r io.Reader) ([]Row, error) {
	data, err := readLimited(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	sep := detectSeparator(data)
	if err := checkCSVShape(data, sep); err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	c := collector{checkUTF8: true}
	line, prevEnd := 0, 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			msg := err.Error()
			if errors.As(err, &pe) {
				msg = pe.Err.Error()
			}
			c.problems = append(c.problems, Problem{Line: line + 1,
				Message: fmt.Sprintf("the file cannot be read from this row on (%s); check for a stray quotation mark", msg)})
			break
		}
		// Blank lines are skipped by encoding/csv but are rows in a spreadsheet.
		start, _ := cr.FieldPos(0)
		line += start - prevEnd
		end, _ := cr.FieldPos(len(rec) - 1)
		prevEnd = end + strings.Count(rec[len(rec)-1], "\n")
		if !c.seen {
			if !c.header(line, rec) {
				break
			}
			continue
		}
		if !c.add(line, rec) {
			break
		}
	}
	if !c.seen && len(c.problems) == 0 {
		c.header(1, nil) // empty file: report the missing headings
	}
	return c.result()
}

// detectSeparator picks ';' when the first line has more semicolons than
// commas outside quotes, as spreadsheets in many EU locales write.
func detectSeparator(data []byte) rune {
	commas, semis, quoted := 0, 0, false
	for _, b := range data {
		if b == '\n' && !quoted {
			break
		}
		switch b {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				commas++
			}
		case ';':
			if !quoted {
				semis++
			}
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}

// Package commenttemplate writes the blank comment spreadsheet that
// stakeholders fill in offline (the ISO/CEN/ETSI comment-template layout) and
// reads filled templates back from .xlsx or CSV files.
//
// Reading performs structural checks only (headings, row count, cell length,
// encoding); Validate checks the values against a consultation.
package commenttemplate

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Column headings of the template, in template order.
const (
	ColumnClause         = "Clause"
	ColumnParagraph      = "Paragraph/Figure/Table"
	ColumnCommentType    = "Type of comment"
	ColumnComment        = "Comment"
	ColumnProposedChange = "Proposed change"
	ColumnPublication    = "Publication"
)

// Limits applied when reading a filled template.
const (
	MaxRows      = 5000     // data rows (comments) per file
	MaxCellChars = 20000    // characters per cell
	MaxFileSize  = 10 << 20 // bytes per uploaded file
)

// Sheet names used by Blank.
const (
	SheetComments     = "Comments"
	SheetInstructions = "Instructions"
	SheetClauses      = "Clauses"
)

// Allowed values offered in the drop-downs.
var (
	commentTypeValues = []string{"general", "technical", "editorial"}
	publicationValues = []string{"public_named", "public_anonymous", "confidential"}
)

// Headers returns the column headings of the template, in template order.
func Headers() []string {
	return []string{ColumnClause, ColumnParagraph, ColumnCommentType, ColumnComment, ColumnProposedChange, ColumnPublication}
}

// Blank writes an empty comment template (.xlsx) for a consultation to w.
// clauseNumbers feed the Clause drop-down, together with "general".
func Blank(w io.Writer, consultationTitle string, clauseNumbers []string) error {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	if err := buildBlank(f, consultationTitle, clauseNumbers); err != nil {
		return fmt.Errorf("commenttemplate: building template: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("commenttemplate: writing template: %w", err)
	}
	return nil
}

func buildBlank(f *excelize.File, title string, clauseNumbers []string) error {
	const last = MaxRows + 1 // last data row offered with drop-downs
	if err := f.SetSheetName("Sheet1", SheetComments); err != nil {
		return err
	}
	// Text format keeps clause numbers such as "5.10" from turning into 5.1.
	textStyle, err := f.NewStyle(&excelize.Style{
		NumFmt:    49,
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
	})
	if err != nil {
		return err
	}
	headStyle, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
	})
	if err != nil {
		return err
	}
	if err := f.SetColStyle(SheetComments, "A:F", textStyle); err != nil {
		return err
	}
	headers := Headers()
	if err := f.SetSheetRow(SheetComments, "A1", &headers); err != nil {
		return err
	}
	if err := f.SetCellStyle(SheetComments, "A1", "F1", headStyle); err != nil {
		return err
	}
	for col, width := range map[string]float64{"A": 12, "B": 22, "C": 16, "D": 70, "E": 70, "F": 20} {
		if err := f.SetColWidth(SheetComments, col, col, width); err != nil {
			return err
		}
	}
	if err := f.SetPanes(SheetComments, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
	}); err != nil {
		return err
	}

	// Clause list lives on its own sheet: inline lists are limited to 255 characters.
	clauses := []string{"general"}
	for _, c := range clauseNumbers {
		if c = strings.TrimSpace(c); c != "" {
			clauses = append(clauses, c)
		}
	}
	if _, err := f.NewSheet(SheetInstructions); err != nil {
		return err
	}
	if _, err := f.NewSheet(SheetClauses); err != nil {
		return err
	}
	if err := f.SetColStyle(SheetClauses, "A", textStyle); err != nil {
		return err
	}
	if err := f.SetSheetCol(SheetClauses, "A1", &clauses); err != nil {
		return err
	}
	if err := f.SetSheetVisible(SheetClauses, false, true); err != nil {
		return err
	}

	clauseDV := excelize.NewDataValidation(true)
	clauseDV.Sqref = fmt.Sprintf("A2:A%d", last)
	clauseDV.SetSqrefDropList(fmt.Sprintf("%s!$A$1:$A$%d", SheetClauses, len(clauses)))
	clauseDV.SetError(excelize.DataValidationErrorStyleStop, "Unknown clause",
		`Choose a clause number from the list, or "general".`)
	typeDV := excelize.NewDataValidation(true)
	typeDV.Sqref = fmt.Sprintf("C2:C%d", last)
	if err := typeDV.SetDropList(commentTypeValues); err != nil {
		return err
	}
	typeDV.SetError(excelize.DataValidationErrorStyleStop, "Type of comment",
		"Choose general, technical or editorial.")
	pubDV := excelize.NewDataValidation(true)
	pubDV.Sqref = fmt.Sprintf("F2:F%d", last)
	if err := pubDV.SetDropList(publicationValues); err != nil {
		return err
	}
	pubDV.SetError(excelize.DataValidationErrorStyleStop, "Publication",
		"Choose public_named, public_anonymous or confidential.")
	for _, dv := range []*excelize.DataValidation{clauseDV, typeDV, pubDV} {
		if err := f.AddDataValidation(SheetComments, dv); err != nil {
			return err
		}
	}

	lines := []string{
		"Comment template: " + title,
		"",
		`Write one comment per row on the "Comments" sheet. Keep the column headings; extra columns are ignored.`,
		`Clause: the clause the comment is about, chosen from the drop-down; "general" (or empty) for a comment on the whole draft.`,
		`Paragraph/Figure/Table: optional; where in the clause, for example "paragraph 3" or "Table 2".`,
		"Type of comment: general, technical or editorial.",
		"Comment: required; up to 20,000 characters. Line breaks inside a cell are kept.",
		"Proposed change: optional; the wording you propose instead.",
		"Publication: public_named (published with your organisation's name), public_anonymous (published without a name) or confidential (not published).",
		"",
		"Up to 5,000 comments per file. Empty rows are ignored.",
		"All rows are accepted or none: if any row has a problem, nothing is saved and you get a list of the rows and columns to correct.",
		"You may also upload the Comments sheet as CSV (UTF-8, comma or semicolon separated) with the same headings.",
	}
	if err := f.SetColWidth(SheetInstructions, "A", "A", 120); err != nil {
		return err
	}
	if err := f.SetSheetCol(SheetInstructions, "A1", &lines); err != nil {
		return err
	}
	if err := f.SetCellStyle(SheetInstructions, "A1", "A1", headStyle); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return nil
}

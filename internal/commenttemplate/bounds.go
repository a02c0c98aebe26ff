package commenttemplate

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"consult/internal/zipsafe"
)

// Bounds of a workbook, checked before excelize sees it. A filled template of MaxRows long
// comments stays far below them; a zip bomb does not.
const (
	MaxUnpacked      = 64 << 20 // all parts of an .xlsx, inflated
	maxSheetXML      = 32 << 20 // one worksheet part
	maxSharedXML     = 16 << 20 // the shared-strings part
	maxOtherPart     = 8 << 20  // any other part (styles, workbook, drawings…)
	maxParts         = 1000     // entries of the zip package
	MaxSharedStrings = 100_000  // distinct texts of a workbook
	MaxSheetRows     = 65_536   // rows of a sheet or lines of a CSV file, empty ones included
	MaxColumns       = 256      // columns of a row (A to IV)
	unzipXMLInMemory = 4 << 20  // excelize streams larger worksheets from a temporary file
)

// ErrUnpacksTooLarge reports a workbook whose parts inflate beyond the bounds above.
var ErrUnpacksTooLarge = fmt.Errorf("the workbook unpacks to more than it may (%d MB in all, %d MB for one sheet, %s distinct texts)",
	MaxUnpacked>>20, maxSheetXML>>20, thousands(MaxSharedStrings))

// openXLSX checks the zip package of a workbook part by part and only then opens it with
// excelize, streaming large worksheets from disk. The parts excelize reads without our scan are
// bounded by the sizes the directory declares, which archive/zip enforces while inflating.
func openXLSX(data []byte) (*excelize.File, error) {
	zr, err := zipsafe.Open(bytes.NewReader(data), int64(len(data)), zipsafe.Limits{
		MaxEntries: maxParts, MaxTotal: MaxUnpacked, MaxEntry: maxSheetXML})
	if err != nil {
		return nil, zipError(err)
	}
	for _, zf := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(zf.Name, `\`, "/"))
		switch {
		case name == "xl/sharedstrings.xml":
			err = scanSharedStrings(zf)
		case strings.HasPrefix(name, "xl/worksheets/sheet"):
			err = scanSheet(zf)
		case strings.HasSuffix(name, ".rels"):
			err = checkSheetTargets(zf, name)
		case zf.UncompressedSize64 > maxOtherPart:
			err = fmt.Errorf("%w: part %q", zipsafe.ErrTooLarge, zf.Name)
		}
		if err != nil {
			return nil, zipError(err)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: MaxUnpacked, UnzipXMLSizeLimit: unzipXMLInMemory,
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotXLSX, err)
	}
	return f, nil
}

// zipError sorts errors of the package checks into too large, a problem to report, or not a
// workbook.
func zipError(err error) error {
	var te *Error
	switch {
	case errors.As(err, &te):
		return te
	case errors.Is(err, zipsafe.ErrTooLarge):
		return fmt.Errorf("%w: %w", ErrUnpacksTooLarge, err)
	}
	return fmt.Errorf("%w: %w", ErrNotXLSX, err)
}

// scanSharedStrings reads the shared-strings part through its bound and counts its strings.
func scanSharedStrings(zf *zip.File) error {
	n := 0
	return zipsafe.EachStartElement(zf, maxSharedXML, func(se xml.StartElement) error {
		if se.Name.Local == "si" {
			if n++; n > MaxSharedStrings {
				return fmt.Errorf("%w: more than %d shared strings", zipsafe.ErrTooLarge, MaxSharedStrings)
			}
		}
		return nil
	})
}

// scanSheet reads a worksheet part through its bound and checks that its rows and columns stay
// within MaxSheetRows and MaxColumns, so that excelize's row iterator, which fills the gaps
// up to a cell's column and a row's number, allocates little per row and stops soon.
func scanSheet(zf *zip.File) error {
	row, col := 0, 0
	return zipsafe.EachStartElement(zf, maxSheetXML, func(se xml.StartElement) error {
		switch se.Name.Local {
		case "row":
			row, col = row+1, 0
			if r, err := strconv.Atoi(attr(se, "r")); err == nil {
				row = r
			}
			if row > MaxSheetRows {
				return &Error{Problems: []Problem{{Line: row,
					Message: fmt.Sprintf("the sheet goes on past row %s; delete the rows below your comments", thousands(MaxSheetRows))}}}
			}
		case "c":
			col++
			if ref := attr(se, "r"); ref != "" {
				if c, _, err := excelize.CellNameToCoordinates(ref); err == nil {
					col = c
				}
			}
			if col > MaxColumns {
				return &Error{Problems: []Problem{{Line: row,
					Message: fmt.Sprintf("this row has cells beyond column IV (%d columns); delete them", MaxColumns)}}}
			}
		}
		return nil
	})
}

// checkSheetTargets reads a relationships part and refuses worksheets kept anywhere but
// xl/worksheets/sheet*.xml, the parts scanSheet has bounded; every spreadsheet program keeps them
// there.
func checkSheetTargets(zf *zip.File, name string) error {
	// "dir/_rels/part.xml.rels" describes "dir/part.xml"; its targets are relative to dir.
	dir := path.Dir(path.Dir(name))
	return zipsafe.EachStartElement(zf, maxOtherPart, func(se xml.StartElement) error {
		if se.Name.Local != "Relationship" || !strings.HasSuffix(attr(se, "Type"), "/worksheet") {
			return nil
		}
		target := attr(se, "Target")
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join(dir, target)
		}
		if !strings.HasPrefix(strings.ToLower(target), "xl/worksheets/sheet") {
			return fmt.Errorf("a worksheet is kept outside xl/worksheets: %q", target)
		}
		return nil
	})
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// checkCSVShape walks the records of a CSV file as encoding/csv splits them and refuses a file
// with more than MaxSheetRows lines or a line of more than MaxColumns fields, before the CSV
// reader allocates them. Line numbers count every line a spreadsheet shows.
func checkCSVShape(data []byte, sep rune) error {
	line, fields, quoted := 1, 1, false
	for i := 0; i < len(data); i++ {
		b := data[i]
		switch {
		case quoted:
			if b == '"' {
				if i+1 < len(data) && data[i+1] == '"' {
					i++
				} else {
					quoted = false
				}
			}
		case b == '"' && (i == 0 || rune(data[i-1]) == sep || data[i-1] == '\n'):
			quoted = true
		case rune(b) == sep:
			if fields++; fields > MaxColumns {
				return &Error{Problems: []Problem{{Line: line,
					Message: fmt.Sprintf("this row has more than %d columns; delete the extra ones", MaxColumns)}}}
			}
		case b == '\n':
			if line, fields = line+1, 1; line > MaxSheetRows && i+1 < len(data) {
				return &Error{Problems: []Problem{{Line: line,
					Message: fmt.Sprintf("the file goes on past line %s; delete the lines below your comments", thousands(MaxSheetRows))}}}
			}
		}
	}
	return nil
}

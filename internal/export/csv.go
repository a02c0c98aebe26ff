package export

import (
	"encoding/csv"
	"io"
)

// csvWriter writes a header of column keys and one formula-safe record per row; the head is not
// part of a CSV file.
type csvWriter struct{ w *csv.Writer }

func newCSV(w io.Writer, _ Head, columns []Column, _ Options) (Writer, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil { // a BOM so that spreadsheet programs read UTF-8
		return nil, err
	}
	cw := &csvWriter{w: csv.NewWriter(w)}
	keys := make([]string, len(columns))
	for i, c := range columns {
		keys[i] = c.Key
	}
	return cw, cw.w.Write(keys)
}

func (c *csvWriter) Row(cells []string) error {
	safe := make([]string, len(cells))
	for i, s := range cells {
		safe[i] = SafeCell(s)
	}
	return c.w.Write(safe)
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

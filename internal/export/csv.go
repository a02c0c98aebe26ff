package export

import (
	"encoding/csv"
	"io"
)

// csvWriter writes a header of column keys and one formula-safe record per row; the head is not
// part of a CSV file.
type csvWriter struct {
	w    *csv.Writer
	safe []string // the cells of the row being written, reused
}

func newCSV(w io.Writer, _ Head, columns []Column) (Writer, error) {
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
	c.safe = c.safe[:0]
	for _, s := range cells {
		c.safe = append(c.safe, SafeCell(s))
	}
	return c.w.Write(c.safe)
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

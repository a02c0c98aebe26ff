package export

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"regexp"
	"strings"
	"sync"
)

// commentsPart is the zip entry of the Comments sheet (the workbook's first sheet, renamed), and
// tablesDir the folder of table parts, the Comments table's among them.
const (
	commentsPart = "xl/worksheets/sheet1.xml"
	tablesDir    = "xl/tables/"
)

// errAbandoned is what excelize's writer meets when the export is abandoned half-way.
var errAbandoned = errors.New("export: XLSX abandoned")

// dimension is the sheet's stated used range, which excelize computes from the heading row alone;
// it is optional, so the spliced sheet goes without it rather than state a wrong one.
var dimension = regexp.MustCompile(`<dimension ref="[^"]*"\s*(/>|></dimension>)`)

// rowsZip is the zip writer excelize writes the workbook through (on a goroutine of its own),
// straight to the output. When excelize comes to the Comments sheet, rowsZip writes the sheet up
// to the end of its heading row and then waits there while the export's rows go into the same
// entry (rows hands the entry over); once they are done (end) it writes the rest of the sheet and
// excelize goes on. Excelize writes the table parts after the sheets, so by then the Comments
// table's range is known: rowsZip puts it in place of the placeholder the table was made with.
type rowsZip struct {
	zip         *zip.Writer
	placeholder string // the range the table was made with
	tableRange  string // its real range, set before done is closed

	ready     chan struct{} // closed when the sheet's entry waits for the rows
	done      chan struct{} // closed when the rows are written
	abandoned chan struct{} // closed when the export is abandoned
	finished  chan struct{} // closed when excelize's writer has returned, err set

	entry      io.Writer     // the sheet's entry, once ready
	tableEntry io.Writer     // the entry of a table part, written out whole at the next entry or Close
	table      *bytes.Buffer // what excelize wrote of it
	endOnce    sync.Once
	err        error
}

func newRowsZip(out io.Writer, placeholder string) *rowsZip {
	return &rowsZip{
		zip: zip.NewWriter(out), placeholder: placeholder,
		ready: make(chan struct{}), done: make(chan struct{}), abandoned: make(chan struct{}), finished: make(chan struct{}),
	}
}

// run writes the workbook (write is excelize's WriteTo over this zip writer) and records how it
// ended.
func (z *rowsZip) run(write func() error) {
	defer close(z.finished)
	z.err = write()
}

// Create starts an entry: the Comments sheet's is spliced, a table part has its range set.
func (z *rowsZip) Create(name string) (io.Writer, error) {
	if err := z.writeTable(); err != nil {
		return nil, err
	}
	w, err := z.zip.Create(name)
	if err != nil {
		return nil, err
	}
	switch {
	case name == commentsPart:
		return &splicedSheet{z: z, entry: w}, nil
	case strings.HasPrefix(name, tablesDir):
		z.tableEntry, z.table = w, &bytes.Buffer{}
		return z.table, nil
	}
	return w, nil
}

// writeTable writes out the table part held, its placeholder range replaced by the real one.
func (z *rowsZip) writeTable() error {
	if z.table == nil {
		return nil
	}
	if z.tableRange == "" {
		return errors.New("export: excelize wrote the table part before the sheet's rows")
	}
	part := bytes.ReplaceAll(z.table.Bytes(), []byte(`"`+z.placeholder+`"`), []byte(`"`+z.tableRange+`"`))
	z.table = nil
	_, err := z.tableEntry.Write(part)
	return err
}

// AddFS adds the files of fsys (excelize's writer does not use it).
func (z *rowsZip) AddFS(fsys fs.FS) error { return z.zip.AddFS(fsys) }

// Close ends the last entry and writes the zip's directory, unless the export was abandoned: a
// file cut short is left without a directory, so no reader takes it for a whole one.
func (z *rowsZip) Close() error {
	select {
	case <-z.abandoned:
		return errAbandoned
	default:
	}
	if err := z.writeTable(); err != nil {
		return err
	}
	return z.zip.Close()
}

// rows waits until the sheet's entry is ready for rows and returns it, or returns why it never
// will be.
func (z *rowsZip) rows() (io.Writer, error) {
	select {
	case <-z.ready:
		return z.entry, nil
	case <-z.finished:
		if z.err != nil {
			return nil, z.err
		}
		return nil, errors.New("export: the XLSX ended before its rows")
	}
}

// end says the rows are written, the table spanning tableRange (or, abandoned, that none will
// follow), and waits for excelize's writer to finish the file.
func (z *rowsZip) end(tableRange string, abandoned bool) error {
	z.endOnce.Do(func() {
		if abandoned {
			close(z.abandoned)
			return
		}
		z.tableRange = tableRange
		close(z.done)
	})
	<-z.finished
	return z.err
}

// splicedSheet is the Comments sheet's entry: what excelize writes up to the end of the sheet's
// data goes out at once, then it waits for the rows, then the rest goes out.
type splicedSheet struct {
	z       *rowsZip
	entry   io.Writer
	head    []byte
	spliced bool
}

var endOfData = []byte("</sheetData>")

func (s *splicedSheet) Write(p []byte) (int, error) {
	if s.spliced {
		return s.entry.Write(p)
	}
	s.head = append(s.head, p...)
	at := bytes.Index(s.head, endOfData)
	if at < 0 {
		return len(p), nil
	}
	if _, err := s.entry.Write(dimension.ReplaceAll(s.head[:at], nil)); err != nil {
		return 0, err
	}
	s.z.entry = s.entry
	close(s.z.ready)
	select {
	case <-s.z.done:
	case <-s.z.abandoned:
		return 0, errAbandoned
	}
	s.spliced = true
	if _, err := s.entry.Write(s.head[at:]); err != nil {
		return 0, err
	}
	s.head = nil
	return len(p), nil
}

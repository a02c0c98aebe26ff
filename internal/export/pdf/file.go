package pdf

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"
)

// file writes the objects of a PDF file as they come, remembering only where each one starts,
// for the cross-reference table written last. Object numbers are chosen by the caller; object
// order in the file is free.
type file struct {
	w       *bufio.Writer
	n       int64   // bytes written so far
	offsets []int64 // by object number, where the object starts (0: not written)
	err     error
	z       bytes.Buffer // a stream, compressed (reused)
	zw      *zlib.Writer
}

func newFile(w io.Writer) *file {
	f := &file{w: bufio.NewWriterSize(w, 64<<10)}
	f.printf("%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n")
	return f
}

func (f *file) printf(format string, args ...any) {
	if f.err != nil {
		return
	}
	n, err := fmt.Fprintf(f.w, format, args...)
	f.n += int64(n)
	f.err = err
}

func (f *file) write(b []byte) {
	if f.err != nil {
		return
	}
	n, err := f.w.Write(b)
	f.n += int64(n)
	f.err = err
}

// object writes object id with the dictionary or value body.
func (f *file) object(id int, body string) {
	f.mark(id)
	f.printf("%d 0 obj\n%s\nendobj\n", id, body)
}

// stream writes object id as a Flate-compressed stream of data; dict holds further entries.
func (f *file) stream(id int, dict string, data []byte) {
	f.z.Reset()
	if f.zw == nil {
		f.zw = zlib.NewWriter(&f.z)
	} else {
		f.zw.Reset(&f.z)
	}
	_, _ = f.zw.Write(data)
	_ = f.zw.Close()
	f.mark(id)
	f.printf("%d 0 obj\n<</Length %d /Filter /FlateDecode%s>>\nstream\n", id, f.z.Len(), dict)
	f.write(f.z.Bytes())
	f.printf("\nendstream\nendobj\n")
}

func (f *file) mark(id int) {
	for len(f.offsets) <= id {
		f.offsets = append(f.offsets, 0)
	}
	f.offsets[id] = f.n
}

// finish writes the cross-reference table of objects 1 to last and the trailer.
func (f *file) finish(last, root, info int) error {
	start := f.n
	f.printf("xref\n0 %d\n0000000000 65535 f \n", last+1)
	for id := 1; id <= last; id++ {
		if id < len(f.offsets) && f.offsets[id] > 0 {
			off := f.offsets[id]
			f.printf("%010d 00000 n \n", off)
		} else {
			f.printf("0000000000 65535 f \n")
		}
	}
	f.printf("trailer\n<</Size %d /Root %d 0 R /Info %d 0 R>>\nstartxref\n%d\n%%%%EOF\n", last+1, root, info, start)
	if f.err != nil {
		return f.err
	}
	return f.w.Flush()
}

// text is s as a PDF literal string of UTF-16BE with a byte order mark (for the document's
// information and outline titles).
func text(s string) string {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, r := range s {
		if r > 0xFFFF {
			r = 0xFFFD
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteString(">")
	return b.String()
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

package export

import (
	"bytes"
	"encoding/json"
	"io"
)

// jsonWriter writes one document, {"consultation", "document", "scope", "generated_at",
// "comments": [...]}: the head first, then each comment as an object keyed by column as it comes.
// JSON is data: cells are kept as written.
type jsonWriter struct {
	w    io.Writer
	keys []string
	n    int
	buf  bytes.Buffer
}

func newJSON(w io.Writer, h Head, columns []Column) (Writer, error) {
	head, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	// The head's object, left open for the comments array: {"consultation":…,"generated_at":…,"comments":[
	head = append(head[:len(head)-1], `,"comments":[`...)
	if _, err := w.Write(head); err != nil {
		return nil, err
	}
	j := &jsonWriter{w: w, keys: make([]string, len(columns))}
	for i, c := range columns {
		j.keys[i] = c.Key
	}
	return j, nil
}

func (j *jsonWriter) Row(cells []string) error {
	j.buf.Reset()
	if j.n > 0 {
		j.buf.WriteByte(',')
	}
	j.buf.WriteString("\n{")
	for i, s := range cells {
		if i > 0 {
			j.buf.WriteByte(',')
		}
		k, _ := json.Marshal(j.keys[i])
		v, _ := json.Marshal(s) // a string always marshals
		j.buf.Write(k)
		j.buf.WriteByte(':')
		j.buf.Write(v)
	}
	j.buf.WriteByte('}')
	j.n++
	_, err := j.w.Write(j.buf.Bytes())
	return err
}

func (j *jsonWriter) Close() error {
	_, err := io.WriteString(j.w, "\n]}\n")
	return err
}

package commenttemplate

import (
	"bytes"
	"testing"

	"consult/internal/commenttemplate/templatetest"
)

const filledCSV = "Clause,Paragraph/Figure/Table,Type of comment,Comment,Proposed change,Publication\n" +
	"3.4.1,2nd paragraph,technical,\"Twelve hours is too short, \"\"really\"\"\",24 hours,public_named\n" +
	"general,,editorial,Typo,,anonymous\n"

// FuzzReadCSV checks that no CSV upload makes reading panic and that what is read is consistent:
// rows or an error, never both, and rows in the order of their lines.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{filledCSV, "\ufeff" + filledCSV, "Clause;Type of comment;Comment;Publication\n1;technical;x;anonymous\n",
		"", "\"", "Clause\n\"unterminated", "a,b\r\n\r\n,,,\n", "Clause,Comment\n\x00\xff\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ReadCSV(bytes.NewReader(data))
		checkRead(t, rows, err)
	})
}

// FuzzReadXLSX checks the same of workbook uploads, starting from valid workbooks: the blank
// template, a filled sheet and a sheet with shared strings.
func FuzzReadXLSX(f *testing.F) {
	var blank bytes.Buffer
	if err := Blank(&blank, "A consultation", []string{"1", "3.4.1", "Annex A"}); err != nil {
		f.Fatal(err)
	}
	f.Add(blank.Bytes())
	f.Add(templatetest.Workbook(templatetest.Sheet(
		`<row r="2"><c r="A2" t="inlineStr"><is><t>general</t></is></c><c r="B2" t="inlineStr"><is><t>technical</t></is></c>` +
			`<c r="C2" t="inlineStr"><is><t>Too short</t></is></c><c r="D2" t="inlineStr"><is><t>public_named</t></is></c></row>`)))
	f.Add(templatetest.Workbook(templatetest.Sheet(`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>7</v></c></row>`),
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>1</t></si></sst>`))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ReadXLSX(bytes.NewReader(data), int64(len(data)))
		checkRead(t, rows, err)
	})
}

func checkRead(t *testing.T, rows []Row, err error) {
	t.Helper()
	if err != nil {
		if len(rows) > 0 {
			t.Fatalf("%d rows beside the error %v", len(rows), err)
		}
		return
	}
	if len(rows) > MaxSheetRows {
		t.Fatalf("%d rows, more than a sheet may hold", len(rows))
	}
	line := 1
	for _, r := range rows {
		if r.Line <= line {
			t.Fatalf("row of line %d after line %d", r.Line, line)
		}
		line = r.Line
	}
}

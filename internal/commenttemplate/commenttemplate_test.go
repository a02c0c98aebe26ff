package commenttemplate

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// blankFilled returns a Blank template with rows written from A2 on.
func blankFilled(t testing.TB, clauses []string, rows [][]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, Blank(&buf, "EUCC draft v2", clauses))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		require.NoError(t, f.SetSheetRow(SheetComments, cell, &r))
	}
	out, err := f.WriteToBuffer()
	require.NoError(t, err)
	return out.Bytes()
}

// streamXLSX writes rows (header included) to a fresh one-sheet workbook.
func streamXLSX(t testing.TB, sheet string, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		require.NoError(t, f.SetSheetName("Sheet1", sheet))
	}
	sw, err := f.NewStreamWriter(sheet)
	require.NoError(t, err)
	for i, r := range rows {
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, sw.SetRow(cell, vals))
	}
	require.NoError(t, sw.Flush())
	out, err := f.WriteToBuffer()
	require.NoError(t, err)
	return out.Bytes()
}

func readXLSX(data []byte) ([]Row, error) {
	return ReadXLSX(bytes.NewReader(data), int64(len(data)))
}

func problemsOf(t *testing.T, err error) []Problem {
	t.Helper()
	var e *Error
	require.ErrorAs(t, err, &e)
	return e.Problems
}

func goodRow(i int) []string {
	return []string{"5.1", fmt.Sprintf("para %d", i), "technical", fmt.Sprintf("comment %d", i), "", "public_named"}
}

func TestBlank(t *testing.T) {
	clauses := make([]string, 300) // joined, far beyond the 255-character inline list limit
	for i := range clauses {
		clauses[i] = fmt.Sprintf("%d.%d", i/10+1, i%10+1)
	}
	var buf bytes.Buffer
	require.NoError(t, Blank(&buf, "EUCC – Ψηφιακή πιστοποίηση", clauses))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()

	assert.Equal(t, []string{SheetComments, SheetInstructions, SheetClauses}, f.GetSheetList())
	rows, err := f.GetRows(SheetComments)
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"Clause", "Paragraph/Figure/Table", "Type of comment", "Comment", "Proposed change", "Publication"}}, rows)

	style, err := f.GetCellStyle(SheetComments, "D1")
	require.NoError(t, err)
	st, err := f.GetStyle(style)
	require.NoError(t, err)
	assert.True(t, st.Font.Bold, "header is bold")
	panes, err := f.GetPanes(SheetComments)
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	assert.Equal(t, 1, panes.YSplit)
	w, err := f.GetColWidth(SheetComments, "D")
	require.NoError(t, err)
	assert.Greater(t, w, 40.0)

	dvs, err := f.GetDataValidations(SheetComments)
	require.NoError(t, err)
	got := map[string]string{}
	for _, dv := range dvs {
		assert.Equal(t, "list", dv.Type)
		got[dv.Sqref] = dv.Formula1
	}
	assert.Equal(t, map[string]string{
		"A2:A5001": "Clauses!$A$1:$A$301",
		"C2:C5001": `"general,technical,editorial"`,
		"F2:F5001": `"public_named,public_anonymous,confidential"`,
	}, got)

	list, err := f.GetCols(SheetClauses)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, append([]string{"general"}, clauses...), list[0])
	visible, err := f.GetSheetVisible(SheetClauses)
	require.NoError(t, err)
	assert.False(t, visible)

	instr, err := f.GetCellValue(SheetInstructions, "A1")
	require.NoError(t, err)
	assert.Contains(t, instr, "EUCC – Ψηφιακή πιστοποίηση")
	all, err := f.GetRows(SheetInstructions)
	require.NoError(t, err)
	text := fmt.Sprint(all)
	for _, want := range []string{"20,000", "5,000", "All rows are accepted or none", "Publication"} {
		assert.Contains(t, text, want)
	}
}

func TestRoundTripXLSX(t *testing.T) {
	multi := "Πρώτη γραμμή\nDruga linia: zażółć gęślą jaźń\nТретья строка"
	data := blankFilled(t, []string{"5.1", "5.10", "A.2"}, [][]string{
		{"5.10", "Table 2", "Technical", "  " + multi + "  ", "Ersetzen durch „Prüfung“", "Public (named)"},
		{}, // empty rows are skipped
		{"general", "", "editorial", "Сертификация\r\nдругая строка", "", "anonymous"},
		{"", "", "ge", "Ogólny komentarz", "", "confidential"},
	})
	rows, err := readXLSX(data)
	require.NoError(t, err)
	assert.Equal(t, []Row{
		{Line: 2, Clause: "5.10", Paragraph: "Table 2", CommentType: "Technical", Comment: multi, ProposedChange: "Ersetzen durch „Prüfung“", Publication: "Public (named)"},
		{Line: 4, Clause: "general", CommentType: "editorial", Comment: "Сертификация\nдругая строка", Publication: "anonymous"},
		{Line: 5, CommentType: "ge", Comment: "Ogólny komentarz", Publication: "confidential"},
	}, rows)

	valid, problems := Validate(rows, map[string]bool{"5.1": true, "5.10": true, "A.2": true})
	assert.Empty(t, problems)
	assert.Equal(t, []string{"technical", "public_named"}, []string{valid[0].CommentType, valid[0].Publication})
	assert.Equal(t, []string{"editorial", "public_anonymous"}, []string{valid[1].CommentType, valid[1].Publication})
	assert.Equal(t, "general", valid[2].CommentType)
}

func TestReadXLSXSheetChoiceAndReorder(t *testing.T) {
	// Reordered columns, aliases, an unknown column, and the sheet found by name.
	f := excelize.NewFile()
	defer f.Close()
	_, err := f.NewSheet("comments ")
	require.NoError(t, err)
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]string{"nothing to see"}))
	require.NoError(t, f.SetSheetRow("comments ", "A1", &[]string{"PUBLICATION", "MB/NC", "Comments", "Type", " Clause ", "Proposed Change", "Paragraph"}))
	require.NoError(t, f.SetSheetRow("comments ", "A2", &[]string{"confidential", "DE", "Text", "te", "4", "New text", "Figure 1"}))
	require.NoError(t, f.SetSheetRow("comments ", "A3", &[]string{"", "FR"})) // only an unknown column: empty
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	rows, err := readXLSX(buf.Bytes())
	require.NoError(t, err)
	assert.Equal(t, []Row{{Line: 2, Clause: "4", Paragraph: "Figure 1", CommentType: "te", Comment: "Text", ProposedChange: "New text", Publication: "confidential"}}, rows)
}

func TestReadCSV(t *testing.T) {
	want := []Row{
		{Line: 2, Clause: "5.1", Paragraph: "p. 2", CommentType: "technical", Comment: "Zdanie; z przecinkiem, i\nnową linią", ProposedChange: "Nowy tekst", Publication: "public_named"},
		{Line: 4, Clause: "general", CommentType: "editorial", Comment: "Ελληνικά", Publication: "confidential"},
	}
	tests := []struct {
		name string
		in   string
	}{
		{"comma", "Clause,Paragraph/Figure/Table,Type of comment,Comment,Proposed change,Publication\n" +
			"5.1,p. 2,technical,\"Zdanie; z przecinkiem, i\nnową linią\",Nowy tekst,public_named\n" +
			",,,,,\n" +
			"general,,editorial,Ελληνικά,,confidential\n"},
		{"semicolon BOM CRLF", "\uFEFFClause;Paragraph/Figure/Table;Type of comment;Comment;Proposed change;Publication\r\n" +
			"5.1;p. 2;technical;\"Zdanie; z przecinkiem, i\r\nnową linią\";Nowy tekst;public_named\r\n" +
			"\r\n" + // a blank line is still a spreadsheet row
			"general;;editorial;  Ελληνικά  ;;confidential\r\n"},
		{"reordered aliases", "publication,comments,type,clause,proposed changes\n" +
			"public_named,\"Zdanie; z przecinkiem, i\nnową linią\",technical,5.1,Nowy tekst\n" +
			",,,,\n" +
			"confidential,Ελληνικά,editorial,general,\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := ReadCSV(strings.NewReader(tt.in))
			require.NoError(t, err)
			w := want
			if tt.name == "reordered aliases" {
				w = []Row{want[0], want[1]}
				w[0].Paragraph = ""
			}
			assert.Equal(t, w, rows)
		})
	}
}

func TestMissingColumns(t *testing.T) {
	for name, read := range map[string]func() ([]Row, error){
		"csv":       func() ([]Row, error) { return ReadCSV(strings.NewReader("Clause,Comment,Proposed change\n5.1,x,y\n")) },
		"csv empty": func() ([]Row, error) { return ReadCSV(strings.NewReader("")) },
		"xlsx": func() ([]Row, error) {
			return readXLSX(streamXLSX(t, "Comments", [][]string{{"Clause", "Comment"}, {"5.1", "x"}}))
		},
	} {
		t.Run(name, func(t *testing.T) {
			rows, err := read()
			assert.Nil(t, rows)
			var cols []string
			for _, p := range problemsOf(t, err) {
				assert.Equal(t, 1, p.Line)
				cols = append(cols, p.Column)
			}
			assert.Subset(t, cols, []string{ColumnCommentType, ColumnPublication})
			assert.NotContains(t, cols, ColumnProposedChange)
		})
	}
}

func TestValidateFiveGoodThreeBad(t *testing.T) {
	rows := [][]string{goodRow(1), goodRow(2)}
	rows = append(rows,
		[]string{"9.9", "", "technical", "bad clause", "", "public_named"},
		goodRow(3),
		[]string{"5.1", "", "question", "bad type", "", "confidential"},
		goodRow(4),
		[]string{"general", "", "editorial", "bad publication", "", "on the web"},
		goodRow(5),
	)
	read, err := readXLSX(blankFilled(t, []string{"5.1"}, rows))
	require.NoError(t, err)
	require.Len(t, read, 8)
	_, problems := Validate(read, map[string]bool{"5.1": true})
	require.Len(t, problems, 3)
	assert.Equal(t, Problem{Line: 4, Column: ColumnClause,
		Message: `clause "9.9" is not in this draft; use one of the numbers in the drop-down, or "general"`}, problems[0])
	assert.Equal(t, []int{6, 8}, []int{problems[1].Line, problems[2].Line})
	assert.Equal(t, []string{ColumnCommentType, ColumnPublication}, []string{problems[1].Column, problems[2].Column})
}

func TestValidateValues(t *testing.T) {
	clauses := map[string]bool{"5.1": true}
	tests := []struct {
		name     string
		in       Row
		want     Row
		problems []string // columns with problems
	}{
		{"canonical", Row{Clause: "5.1", CommentType: "general", Comment: "x", Publication: "public_named"},
			Row{Clause: "5.1", CommentType: "general", Comment: "x", Publication: "public_named"}, nil},
		{"aliases", Row{Clause: "General", CommentType: "EDITORIAL", Comment: "x", Publication: "Public (named)"},
			Row{Clause: "general", CommentType: "editorial", Comment: "x", Publication: "public_named"}, nil},
		{"iso codes", Row{CommentType: "Te", Comment: "x", Publication: "public named"},
			Row{CommentType: "technical", Comment: "x", Publication: "public_named"}, nil},
		{"anonymous", Row{CommentType: "technical", Comment: "x", Publication: "Public anonymous"},
			Row{CommentType: "technical", Comment: "x", Publication: "public_anonymous"}, nil},
		{"confidential", Row{CommentType: "technical", Comment: "x", Publication: "CONFIDENTIAL"},
			Row{CommentType: "technical", Comment: "x", Publication: "confidential"}, nil},
		{"everything wrong", Row{Clause: "5.1.", CommentType: "", Comment: "", Publication: "public"},
			Row{Clause: "5.1.", Publication: "public"},
			[]string{ColumnClause, ColumnCommentType, ColumnComment, ColumnPublication}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, problems := Validate([]Row{tt.in}, clauses)
			assert.Equal(t, []Row{tt.want}, out)
			var cols []string
			for _, p := range problems {
				cols = append(cols, p.Column)
				assert.NotEmpty(t, p.Message)
			}
			assert.Equal(t, tt.problems, cols)
		})
	}
}

func TestMaxRows(t *testing.T) {
	header := Headers()
	build := func(n int) [][]string {
		rows := [][]string{header}
		for i := range n {
			rows = append(rows, goodRow(i))
		}
		return rows
	}
	toCSV := func(rows [][]string) string {
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(strings.Join(r, ",") + "\n")
		}
		return b.String()
	}
	for _, tt := range []struct {
		n      int
		wantOK bool
	}{{MaxRows, true}, {MaxRows + 1, false}, {4 * MaxRows, false}} {
		rows := build(tt.n)
		for name, read := range map[string]func() ([]Row, error){
			"xlsx": func() ([]Row, error) { return readXLSX(streamXLSX(t, "Comments", rows)) },
			"csv":  func() ([]Row, error) { return ReadCSV(strings.NewReader(toCSV(rows))) },
		} {
			t.Run(fmt.Sprintf("%s/%d", name, tt.n), func(t *testing.T) {
				got, err := read()
				if tt.wantOK {
					require.NoError(t, err)
					assert.Len(t, got, MaxRows)
					return
				}
				assert.Nil(t, got)
				problems := problemsOf(t, err)
				require.Len(t, problems, 1)
				assert.Equal(t, MaxRows+2, problems[0].Line)
				assert.Contains(t, problems[0].Message, "more than 5,000 comments")
			})
		}
	}
}

func TestCellTooLong(t *testing.T) {
	ok := strings.Repeat("ż", MaxCellChars) // characters, not bytes, are counted
	long := strings.Repeat("ż", MaxCellChars+1)
	data := blankFilled(t, nil, [][]string{
		{"", "", "general", ok, "", "confidential"},
		{"", "", "general", "short", long, "confidential"},
		{"", "", "general", long, "", "confidential"},
	})
	rows, err := readXLSX(data)
	assert.Nil(t, rows)
	problems := problemsOf(t, err)
	require.Len(t, problems, 2)
	assert.Equal(t, []int{3, 4}, []int{problems[0].Line, problems[1].Line})
	assert.Equal(t, []string{ColumnProposedChange, ColumnComment}, []string{problems[0].Column, problems[1].Column})
	assert.Contains(t, problems[0].Message, "20,001 characters; the limit is 20,000")

	rows, err = ReadCSV(strings.NewReader("Clause,Type of comment,Comment,Publication\n,general," + long + ",confidential\n"))
	assert.Nil(t, rows)
	assert.Equal(t, 2, problemsOf(t, err)[0].Line)
}

func TestCSVProblems(t *testing.T) {
	latin1 := "Clause,Type of comment,Comment,Publication\n5.1,general,ok,confidential\n5.1,general,Gr\xfc\xdfe,confidential\n"
	_, err := ReadCSV(strings.NewReader(latin1))
	problems := problemsOf(t, err)
	require.Len(t, problems, 1)
	assert.Equal(t, Problem{Line: 3, Column: ColumnComment,
		Message: `this row is not valid UTF-8 text; save the file as "CSV UTF-8" and upload it again`}, problems[0])

	_, err = ReadCSV(strings.NewReader("Clause,Type of comment,Comment,Publication\n5.1,general,\"unterminated,confidential\n"))
	problems = problemsOf(t, err)
	require.Len(t, problems, 1)
	assert.Equal(t, 2, problems[0].Line)
	assert.Contains(t, problems[0].Message, "quotation mark")
	assert.Contains(t, err.Error(), "row 2: the file cannot be read")

	_, err = ReadCSV(bytes.NewReader(make([]byte, MaxFileSize+1)))
	assert.ErrorIs(t, err, ErrTooLarge)
}

func TestNotXLSX(t *testing.T) {
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	w, _ := zw.Create("hello.txt")
	_, _ = w.Write([]byte("not a workbook"))
	require.NoError(t, zw.Close())
	truncated := blankFilled(t, nil, nil)
	truncated = truncated[:len(truncated)/2]

	for name, data := range map[string][]byte{
		"pdf":       []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"),
		"random":    random,
		"zip magic": append([]byte("PK\x03\x04"), random...),
		"empty":     nil,
		"csv":       []byte("Clause,Comment\n"),
		"old xls":   append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, random...),
		"plain zip": zipped.Bytes(),
		"truncated": truncated,
	} {
		t.Run(name, func(t *testing.T) {
			var rows []Row
			var err error
			require.NotPanics(t, func() { rows, err = readXLSX(data) })
			assert.Nil(t, rows)
			assert.ErrorIs(t, err, ErrNotXLSX)
		})
	}
	_, err := ReadXLSX(bytes.NewReader(nil), MaxFileSize+1)
	assert.ErrorIs(t, err, ErrTooLarge)
}

func TestErrorListsAllProblems(t *testing.T) {
	err := error(&Error{Problems: []Problem{
		{Line: 3, Column: ColumnClause, Message: "a"},
		{Line: 7, Message: "b"},
	}})
	assert.Equal(t, "comment file has 2 problem(s):\nrow 3, Clause: a\nrow 7: b", err.Error())
	var e *Error
	assert.True(t, errors.As(err, &e))
}

func BenchmarkReadXLSX(b *testing.B) {
	rows := [][]string{Headers()}
	for i := range MaxRows {
		r := goodRow(i)
		r[3] = strings.Repeat("Komentarz techniczny dotyczący wymagań. ", 10)
		rows = append(rows, r)
	}
	data := streamXLSX(b, "Comments", rows)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		got, err := readXLSX(data)
		if err != nil || len(got) != MaxRows {
			b.Fatalf("got %d rows, err %v", len(got), err)
		}
	}
}

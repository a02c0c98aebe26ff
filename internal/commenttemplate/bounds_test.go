package commenttemplate

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/commenttemplate/templatetest"
)

const commentRow = `<row><c t="inlineStr"><is><t>general</t></is></c><c t="inlineStr"><is><t>technical</t></is></c>` +
	`<c t="inlineStr"><is><t>A comment</t></is></c><c t="inlineStr"><is><t>public_named</t></is></c></row>`

func TestCraftedWorkbookIsRead(t *testing.T) {
	rows, err := readXLSX(templatetest.Workbook(templatetest.Sheet(commentRow, commentRow)))
	require.NoError(t, err)
	require.Len(t, rows, 2)
	assert.Equal(t, Row{Line: 3, Clause: "general", CommentType: "technical", Comment: "A comment", Publication: "public_named"}, rows[1])
}

func TestZipBombsAreRefusedBeforeInflating(t *testing.T) {
	for _, lying := range []bool{false, true} {
		t.Run(fmt.Sprintf("lying=%v", lying), func(t *testing.T) {
			bomb := templatetest.Bomb(250<<20, lying)
			require.Less(t, len(bomb), 1<<20, "a bomb is small")
			rows, err := readXLSX(bomb)
			assert.Nil(t, rows)
			assert.ErrorIs(t, err, ErrUnpacksTooLarge)
		})
	}
	_, err := readXLSX(templatetest.SharedStringsBomb(250 << 20))
	assert.ErrorIs(t, err, ErrUnpacksTooLarge)
}

func TestWorkbookBounds(t *testing.T) {
	var sst strings.Builder
	sst.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	for range MaxSharedStrings + 1 {
		sst.WriteString("<si><t/></si>")
	}
	sst.WriteString("</sst>")
	_, err := readXLSX(templatetest.Workbook(templatetest.Sheet(commentRow), sst.String()))
	assert.ErrorIs(t, err, ErrUnpacksTooLarge, "too many shared strings")

	_, err = readXLSX(templatetest.Workbook(templatetest.Sheet(`<row r="2"><c r="IW2" t="inlineStr"><is><t>x</t></is></c></row>`)))
	assert.Equal(t, []Problem{{Line: 2, Message: "this row has cells beyond column IV (256 columns); delete them"}}, problemsOf(t, err))
	wide := `<row>` + strings.Repeat(`<c t="inlineStr"><is><t>x</t></is></c>`, MaxColumns+1) + `</row>`
	_, err = readXLSX(templatetest.Workbook(templatetest.Sheet(wide)))
	assert.Equal(t, 2, problemsOf(t, err)[0].Line, "cells without a reference are counted")

	_, err = readXLSX(templatetest.Workbook(templatetest.Sheet(`<row r="65537"><c r="A65537"><v>1</v></c></row>`)))
	assert.Equal(t, []Problem{{Line: MaxSheetRows + 1, Message: "the sheet goes on past row 65,536; delete the rows below your comments"}}, problemsOf(t, err))
}

func TestCSVBounds(t *testing.T) {
	header := "Clause,Type of comment,Comment,Publication\n"
	_, err := ReadCSV(strings.NewReader(header + "general,technical,\"a, quoted\n,,, text\",public_named\n" + strings.Repeat(",", MaxColumns) + "\n"))
	assert.Equal(t, []Problem{{Line: 3, Message: "this row has more than 256 columns; delete the extra ones"}}, problemsOf(t, err))

	_, err = ReadCSV(strings.NewReader(header + strings.Repeat(",", MaxColumns-1) + "\n"))
	assert.NoError(t, err, "256 columns are fine")

	_, err = ReadCSV(strings.NewReader(header + strings.Repeat("\n", MaxSheetRows-2) + "general,technical,last,public_named\n"))
	require.NoError(t, err, "65,536 lines are fine")
	_, err = ReadCSV(strings.NewReader(header + strings.Repeat("\n", MaxSheetRows-1) + "general,technical,last,public_named\n"))
	assert.Equal(t, []Problem{{Line: MaxSheetRows + 1, Message: "the file goes on past line 65,536; delete the lines below your comments"}}, problemsOf(t, err))
}

// TestWorksheetsOutsideTheirFolderAreRefused moves the sheet of a valid workbook to another part
// name, where the row and column scan would not see it.
func TestWorksheetsOutsideTheirFolderAreRefused(t *testing.T) {
	book := templatetest.Workbook(templatetest.Sheet(commentRow))
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	require.NoError(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		require.NoError(t, err)
		body, err := io.ReadAll(rc)
		require.NoError(t, err)
		name := zf.Name
		switch name {
		case "xl/worksheets/sheet1.xml":
			name = "xl/data/rows.xml"
		case "xl/_rels/workbook.xml.rels":
			body = bytes.Replace(body, []byte(`Target="worksheets/sheet1.xml"`), []byte(`Target="data/rows.xml"`), 1)
		}
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write(body)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	_, err = readXLSX(buf.Bytes())
	assert.ErrorIs(t, err, ErrNotXLSX)
	assert.ErrorContains(t, err, "outside xl/worksheets")
}

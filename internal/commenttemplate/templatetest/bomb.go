// Package templatetest builds crafted workbooks for tests of the template import: zip bombs
// that are valid .xlsx packages, and packages with chosen parts.
package templatetest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"strings"
)

// The parts every workbook here has, besides its first sheet.
var skeleton = []struct{ name, body string }{
	{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
		`</Types>`},
	{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
		`</Relationships>`},
	{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<sheets><sheet name="Comments" sheetId="1" r:id="rId1"/></sheets></workbook>`},
	{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
		`</Relationships>`},
}

const (
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>Clause</t></is></c><c r="B1" t="inlineStr"><is><t>Type of comment</t></is></c>` +
		`<c r="C1" t="inlineStr"><is><t>Comment</t></is></c><c r="D1" t="inlineStr"><is><t>Publication</t></is></c></row>`
	sheetTail = `</sheetData></worksheet>`
)

// bombRow is one row of a bomb's sheet: a full comment of 16,000 characters, under the cell limit.
var bombRow = `<row><c t="inlineStr"><is><t>general</t></is></c><c t="inlineStr"><is><t>technical</t></is></c>` +
	`<c t="inlineStr"><is><t>` + strings.Repeat("x", 16000) + `</t></is></c><c t="inlineStr"><is><t>public_named</t></is></c></row>`

// Sheet returns the XML of a "Comments" sheet with the template's headings in row 1 and the
// given raw rows after it.
func Sheet(rows ...string) string {
	return sheetHead + strings.Join(rows, "") + sheetTail
}

// Workbook returns a valid .xlsx package of one "Comments" sheet whose XML is sheet, and an
// empty shared-strings part unless sharedStrings is given.
func Workbook(sheet string, sharedStrings ...string) []byte {
	sst := `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>`
	if len(sharedStrings) > 0 {
		sst = sharedStrings[0]
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range append(skeleton, struct{ name, body string }{"xl/worksheets/sheet1.xml", sheet},
		struct{ name, body string }{"xl/sharedStrings.xml", sst}) {
		w, err := zw.Create(p.name)
		must(err)
		_, err = io.WriteString(w, p.body)
		must(err)
	}
	must(zw.Close())
	return buf.Bytes()
}

// Bomb returns a valid .xlsx package, a few hundred kilobytes long, whose sheet inflates to at
// least inflated bytes of identical comment rows. When lying, the zip directory declares the
// sheet to be 1 KB, as an attacker would to slip past a check of the declared sizes.
func Bomb(inflated int64, lying bool) []byte {
	return bomb(inflated, lying, "xl/worksheets/sheet1.xml", sheetHead, bombRow, sheetTail,
		"xl/sharedStrings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></sst>`)
}

// SharedStringsBomb returns a valid .xlsx package, a few hundred kilobytes long, whose
// shared-strings part inflates to at least inflated bytes of long strings that its sheet uses.
func SharedStringsBomb(inflated int64) []byte {
	row := `<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c></row>`
	return bomb(inflated, false, "xl/sharedStrings.xml",
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>general</t></si><si><t>technical</t></si><si><t>public_named</t></si>`,
		`<si><t>`+strings.Repeat("x", 16000)+`</t></si>`, `</sst>`,
		"xl/worksheets/sheet1.xml", Sheet(strings.Repeat(row, 100)))
}

// bomb writes the skeleton, then the part named bombName as head, copies of unit up to
// inflated bytes and tail, deflated, then the part named otherName holding other.
func bomb(inflated int64, lying bool, bombName, head, unit, tail, otherName, other string) []byte {
	var deflated bytes.Buffer
	fw, err := flate.NewWriter(&deflated, flate.BestSpeed)
	must(err)
	crc := crc32.NewIEEE()
	w := io.MultiWriter(fw, crc)
	chunk := []byte(strings.Repeat(unit, 16))
	n := int64(0)
	write := func(b []byte) {
		_, err := w.Write(b)
		must(err)
		n += int64(len(b))
	}
	write([]byte(head))
	for n < inflated {
		write(chunk)
	}
	write([]byte(tail))
	must(fw.Close())

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range append(skeleton, struct{ name, body string }{otherName, other}) {
		w, err := zw.Create(p.name)
		must(err)
		_, err = io.WriteString(w, p.body)
		must(err)
	}
	size := uint64(n)
	if lying {
		size = 1 << 10
	}
	raw, err := zw.CreateRaw(&zip.FileHeader{Name: bombName, Method: zip.Deflate,
		CRC32: crc.Sum32(), CompressedSize64: uint64(deflated.Len()), UncompressedSize64: size})
	must(err)
	_, err = raw.Write(deflated.Bytes())
	must(err)
	must(zw.Close())
	return buf.Bytes()
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

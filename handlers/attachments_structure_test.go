package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/internal/storage/storagetest"
	"consult/models"
)

func TestAttachmentsAreCheckedByStructureAndNamedWithoutBidiControls(t *testing.T) {
	f := newCommentFixture(t)
	comment := f.create(t, f.stake, nil)
	upload := func(u *apitest.User, path, name string, content []byte) *httptestRecorder {
		body, ct := multipartDraft(t, name, content, nil)
		return f.env.As(u, apitest.Request{Method: http.MethodPost, Path: path, Body: body, Headers: map[string]string{"Content-Type": ct}})
	}
	paper := func(name string, content []byte) *httptestRecorder {
		return upload(f.stake, "/api/v1/comments/"+comment+"/attachments", name, content)
	}

	for name, content := range map[string][]byte{
		"junk.pdf":     []byte("%PDF-1.7\n" + strings.Repeat("not a PDF at all\n", 100)),
		"fake-end.pdf": []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"),
		"notes.docx":   storagetest.Zip(storagetest.Entry{Name: "notes.txt", Body: "a zip renamed .docx"}),
		"hollow.docx":  storagetest.Zip(storagetest.Entry{Name: "[Content_Types].xml", Body: storagetest.DOCXContentTypes}, storagetest.Entry{Name: "word/other.xml", Body: "<x/>"}),
		"broken.docx":  storagetest.Zip(storagetest.Entry{Name: "[Content_Types].xml", Body: storagetest.DOCXContentTypes}, storagetest.Entry{Name: "word/document.xml", Body: "<w:document><w:body>"}),
		"no-manifest.odt": storagetest.Zip(storagetest.Entry{Name: "mimetype", Body: storagetest.ODTMimetype, Store: true},
			storagetest.Entry{Name: "content.xml", Body: storagetest.ODTContent}),
	} {
		rec := paper(name, content)
		assert.Equal(t, http.StatusUnsupportedMediaType, rec.Code, "%s: %s", name, rec.Body.String())
	}

	var a struct {
		FileName    string `json:"file_name"`
		ContentType string `json:"content_type"`
		URL         string `json:"url"`
	}
	for _, tc := range []struct {
		name     string
		content  []byte
		fileName string
		mime     string
	}{
		{"invoice\u202Efdp.exe", storagetest.PDF(), "invoicefdp.exe.pdf", "application/pdf"},
		{"report\u2067\u200F.pdf", storagetest.PDFWithXRefStream(), "report.pdf", "application/pdf"},
		{"\u2066position\u2069 paper\u061C.docx", storagetest.DOCX(), "position paper.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"paper\u202Dtdo.odt", storagetest.ODT(), "papertdo.odt", "application/vnd.oasis.opendocument.text"},
	} {
		rec := paper(tc.name, tc.content)
		require.Equal(t, http.StatusCreated, rec.Code, "%q: %s", tc.name, rec.Body.String())
		apitest.DecodeJSON(t, rec, &a)
		assert.Equal(t, tc.fileName, a.FileName)
		assert.Equal(t, tc.mime, a.ContentType)
	}
	rec := f.env.As(f.stake, apitest.Request{Method: http.MethodGet, Path: a.URL})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Header().Get("Content-Disposition"), "papertdo.odt")

	var con struct {
		DocumentID string `json:"document_id"`
	}
	apitest.DecodeJSON(t, f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/consultations/" + f.consultationID}), &con)
	require.NotEmpty(t, con.DocumentID)
	rec = upload(f.mod, "/api/v1/documents/"+con.DocumentID+"/attachments", "draft\u202Efdp.exe", storagetest.PDF())
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	apitest.DecodeJSON(t, rec, &a)
	assert.Equal(t, "draftfdp.exe.pdf", a.FileName)
	assert.Equal(t, http.StatusUnsupportedMediaType, upload(f.mod, "/api/v1/documents/"+con.DocumentID+"/attachments", "draft.pdf",
		[]byte("%PDF-1.4\n%%EOF\n")).Code, "a document attachment is checked the same way")
	var n int64
	require.NoError(t, f.env.DB.Model(&models.Attachment{}).Count(&n).Error)
	assert.Equal(t, int64(5), n, "only the genuine files were kept")
}

package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// maxJSONBytes bounds a JSON request body.
const maxJSONBytes = 256 << 10

// maxJSONDepth bounds how deeply a JSON request body nests objects and lists; no request of the
// contract comes near it, and a deeper body is refused before it is decoded.
const maxJSONDepth = 64

// bindJSON decodes a JSON body into dst strictly: the media type must be JSON, unknown fields are
// refused (a client cannot set what it may not, such as role), and trailing data is an error.
func bindJSON(c echo.Context, dst any) error {
	return bindJSONLimit(c, dst, maxJSONBytes)
}

// bindJSONLimit is bindJSON with its own size limit, for endpoints that take large documents.
func bindJSONLimit(c echo.Context, dst any, limit int64) error {
	raw, err := readJSONBody(c, limit)
	if err != nil {
		return err
	}
	return decodeStrict(raw, dst)
}

// readJSONBody checks the media type and reads a bounded JSON body.
func readJSONBody(c echo.Context, limit int64) ([]byte, error) {
	mt, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if mt != echo.MIMEApplicationJSON {
		return nil, &models.Error{Code: models.CodeUnsupportedMediaType, Message: "send the body as application/json"}
	}
	raw, err := io.ReadAll(io.LimitReader(c.Request().Body, limit+1))
	if err != nil {
		return nil, models.NewError(models.CodeBadRequest, "the body could not be read")
	}
	if int64(len(raw)) > limit {
		return nil, &models.Error{Code: models.CodePayloadTooLarge, Message: "the JSON body is larger than this endpoint accepts (" + strconv.FormatInt(limit>>10, 10) + " KB)"}
	}
	return raw, nil
}

// decodeStrict decodes one JSON value, refusing unknown fields, trailing data and nesting deeper
// than maxJSONDepth.
func decodeStrict(raw []byte, dst any) error {
	if jsonDepth(raw) > maxJSONDepth {
		return models.NewError(models.CodeBadRequest, "the body nests deeper than %d levels", maxJSONDepth)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if dec.More() {
		return models.NewError(models.CodeBadRequest, "the body holds more than one JSON value")
	}
	return nil
}

// jsonDepth is the deepest nesting of objects and lists in raw, skipping the insides of strings. It
// reads raw once and allocates nothing; malformed JSON is left to the decoder.
func jsonDepth(raw []byte) int {
	depth, deepest := 0, 0
	inString, escaped := false, false
	for _, b := range raw {
		switch {
		case escaped:
			escaped = false
		case inString && b == '\\':
			escaped = true
		case b == '"':
			inString = !inString
		case inString:
		case b == '{' || b == '[':
			depth++
			deepest = max(deepest, depth)
		case b == '}' || b == ']':
			depth--
		}
	}
	return deepest
}

func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	var timeErr *time.ParseError
	switch {
	case errors.As(err, &timeErr):
		return models.Invalid("a time is not in RFC 3339 form", models.FieldError{Field: "", Message: "times look like 2027-03-01T12:00:00Z; got " + strconv.Quote(timeErr.Value)})
	case errors.As(err, &typeErr):
		field := clientFieldPath(typeErr.Field)
		if field == "" {
			return models.NewError(models.CodeBadRequest, "the body must be a JSON object")
		}
		return models.Invalid("the request has invalid fields", models.FieldError{Field: field, Message: "must be a " + jsonKind(typeErr.Type.Kind().String())})
	case errors.As(err, &syntaxErr):
		return models.NewError(models.CodeBadRequest, "the body is not valid JSON (at byte %d)", syntaxErr.Offset)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return models.Invalid("the request names a field this endpoint does not accept", models.FieldError{Field: field, Message: "is not accepted here"})
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return models.NewError(models.CodeBadRequest, "the body is empty or cut short")
	default:
		return models.NewError(models.CodeBadRequest, "the body is not valid JSON")
	}
}

// clientFieldPath is a decoding error's field path as the client wrote it. encoding/json puts the
// Go name of an embedded struct (ProfileBody) into the path; request fields are snake_case, so a
// segment that starts with an upper-case letter is such a name and is left out.
func clientFieldPath(path string) string {
	segments := strings.Split(path, ".")
	kept := segments[:0]
	for _, s := range segments {
		if s != "" && !unicode.IsUpper(rune(s[0])) {
			kept = append(kept, s)
		}
	}
	return strings.Join(kept, ".")
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "int", "int64", "int32", "uint", "uint64", "float64":
		return "number"
	case "slice":
		return "list"
	default:
		return "JSON object"
	}
}

// versionOf is the version a request names, or zero when it names none; the model layer refuses
// zero with the request's other faults.
func versionOf(v *int) int {
	if v == nil {
		return 0
	}
	return *v
}

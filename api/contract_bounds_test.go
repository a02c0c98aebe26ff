package api_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api"
)

// unboundedKey marks an array of an answer whose length the server does not cap (such as the
// documents of a scheme); its value says why. It is accepted in answers only, never in requests.
const unboundedKey = "x-unbounded"

// TestContractStatesEveryBound walks the whole contract (parameters, request bodies, answers and
// their headers, and every component) and names each place that leaves a value unbounded: a
// string without maxLength, enum, const or pattern; an array without maxItems; an integer without
// minimum, maximum and an int32/int64 format; a 429 answer without a Retry-After header.
func TestContractStatesEveryBound(t *testing.T) {
	model := contractModel(t, api.OpenAPIDocument())
	for _, p := range unboundedPlaces(model) {
		t.Errorf("api/openapi.yaml: %s", p)
	}
}

// TestBoundCheckNoticesAnUnboundedValue makes sure the walk above can fail, for each rule.
func TestBoundCheckNoticesAnUnboundedValue(t *testing.T) {
	doc := `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /x:
    post:
      operationId: x
      parameters:
        - {name: q, in: query, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                list: {type: array, items: {$ref: "#/components/schemas/Thing"}, x-unbounded: requests may not use it}
                n: {type: integer, minimum: 0, format: int32}
                big: {type: integer, minimum: 0, maximum: 4294967296, format: int32}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Thing"}, x-unbounded: not capped}
        "429": {description: slow down}
components:
  schemas:
    Thing:
      type: object
      properties:
        name: {type: [string, "null"]}
        tag: {type: string, enum: [a, b]}
`
	got := unboundedPlaces(contractModel(t, []byte(doc)))
	assert.ElementsMatch(t, []string{
		"POST /x parameter q (query): string without maxLength, enum, const or pattern",
		"POST /x request application/json: .list: array without maxItems (" + unboundedKey + " is for answers only)",
		"POST /x request application/json: .n: integer without maximum",
		"POST /x request application/json: .big: integer maximum 4294967296 does not fit format int32",
		"POST /x answer 429: no Retry-After header",
		"#/components/schemas/Thing: .name: string without maxLength, enum, const or pattern",
	}, got)
}

func contractModel(t *testing.T, raw []byte) *v3.Document {
	t.Helper()
	doc, err := libopenapi.NewDocument(raw)
	require.NoError(t, err)
	model, err := doc.BuildV3Model()
	require.NoError(t, err)
	return &model.Model
}

// boundWalk collects the unbounded places of a contract. Components are walked once per
// direction (request or answer) and named by their reference, so that each fault shows once.
type boundWalk struct {
	problems []string
	seen     map[string]bool
}

func unboundedPlaces(doc *v3.Document) []string {
	w := &boundWalk{seen: map[string]bool{}}
	for path, item := range doc.Paths.PathItems.FromOldest() {
		for method, op := range item.GetOperations().FromOldest() {
			w.operation(strings.ToUpper(method)+" "+path, append(append([]*v3.Parameter{}, item.Parameters...), op.Parameters...), op)
		}
	}
	if doc.Components != nil {
		// Components no operation uses are held to the request rules, the stricter ones.
		for name, sp := range doc.Components.Schemas.FromOldest() {
			ref := "#/components/schemas/" + name
			if !w.seen[ref+" request"] && !w.seen[ref+" answer"] {
				w.schema(ref, "", sp, false)
			}
		}
	}
	return w.problems
}

// fail records a problem once (a component used in requests and answers is walked twice).
func (w *boundWalk) fail(where, format string, args ...any) {
	p := where + ": " + fmt.Sprintf(format, args...)
	if !slices.Contains(w.problems, p) {
		w.problems = append(w.problems, p)
	}
}

func (w *boundWalk) operation(where string, params []*v3.Parameter, op *v3.Operation) {
	for _, p := range params {
		w.schema(fmt.Sprintf("%s parameter %s (%s)", where, p.Name, p.In), "", p.Schema, false)
	}
	if op.RequestBody != nil {
		for mt, media := range op.RequestBody.Content.FromOldest() {
			w.media(where+" request "+mt, mt, media, false)
		}
	}
	if op.Responses == nil {
		return
	}
	for code, resp := range op.Responses.Codes.FromOldest() {
		at := where + " answer " + code
		if code == "429" && (resp.Headers == nil || resp.Headers.GetOrZero("Retry-After") == nil) {
			w.fail(at, "no Retry-After header")
		}
		if resp.Headers != nil {
			for name, h := range resp.Headers.FromOldest() {
				w.schema(at+" header "+name, "", h.Schema, true)
			}
		}
		if resp.Content != nil {
			for mt, media := range resp.Content.FromOldest() {
				w.media(at+" "+mt, mt, media, true)
			}
		}
	}
}

// media checks one body. A JSON body must have a schema; a file (a PDF, a spreadsheet, a CSV
// stream) may leave it out, since its length is in bytes, not in the characters of a string.
func (w *boundWalk) media(where, mediaType string, media *v3.MediaType, answer bool) {
	if media.Schema == nil {
		if strings.Contains(mediaType, "json") {
			w.fail(where, "a JSON body without a schema")
		}
		return
	}
	w.schema(where, "", media.Schema, answer)
}

// schema checks one schema and everything below it; field is the path inside the body.
func (w *boundWalk) schema(where, field string, sp *base.SchemaProxy, answer bool) {
	if sp == nil {
		return
	}
	if sp.IsReference() {
		ref := sp.GetReference()
		direction := map[bool]string{false: " request", true: " answer"}[answer]
		if w.seen[ref+direction] {
			return
		}
		w.seen[ref+direction] = true
		where, field = ref, ""
	}
	s := sp.Schema()
	if s == nil {
		w.fail(where, "%s: the schema does not resolve: %v", field, sp.GetBuildError())
		return
	}
	at := where
	if field != "" {
		at = where + ": " + field
	}
	for _, typ := range s.Type {
		switch typ {
		case "string":
			if s.MaxLength == nil && len(s.Enum) == 0 && s.Const == nil && s.Pattern == "" {
				w.fail(at, "string without maxLength, enum, const or pattern")
			}
		case "array":
			w.array(at, s, answer)
		case "integer":
			w.integer(at, s)
		}
	}
	if s.Properties != nil {
		for name, prop := range s.Properties.FromOldest() {
			w.schema(where, field+"."+name, prop, answer)
		}
	}
	if s.Items != nil && s.Items.IsA() {
		w.schema(where, field+"[]", s.Items.A, answer)
	}
	if s.AdditionalProperties != nil && s.AdditionalProperties.IsA() {
		w.schema(where, field+"{}", s.AdditionalProperties.A, answer)
	}
	for _, list := range [][]*base.SchemaProxy{s.AllOf, s.OneOf, s.AnyOf, s.PrefixItems} {
		for _, sub := range list {
			w.schema(where, field, sub, answer)
		}
	}
}

func (w *boundWalk) array(at string, s *base.Schema, answer bool) {
	if s.MaxItems != nil {
		return
	}
	reason := ""
	if s.Extensions != nil {
		if n := s.Extensions.GetOrZero(unboundedKey); n != nil {
			reason = strings.TrimSpace(n.Value)
		}
	}
	switch {
	case reason == "":
		w.fail(at, "array without maxItems")
	case !answer:
		w.fail(at, "array without maxItems (%s is for answers only)", unboundedKey)
	}
}

// formatRange is the range of each integer format.
var formatRange = map[string][2]float64{
	"int32": {math.MinInt32, math.MaxInt32},
	"int64": {math.MinInt64, math.MaxInt64},
}

func (w *boundWalk) integer(at string, s *base.Schema) {
	r, ok := formatRange[s.Format]
	switch {
	case s.Minimum == nil:
		w.fail(at, "integer without minimum")
	case s.Maximum == nil:
		w.fail(at, "integer without maximum")
	case !ok:
		w.fail(at, "integer without format int32 or int64 (has %q)", s.Format)
	case *s.Minimum < r[0]:
		w.fail(at, "integer minimum %.0f does not fit format %s", *s.Minimum, s.Format)
	case *s.Maximum > r[1]:
		w.fail(at, "integer maximum %.0f does not fit format %s", *s.Maximum, s.Format)
	}
}

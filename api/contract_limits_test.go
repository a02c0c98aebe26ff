package api_test

import (
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/stretchr/testify/require"

	"consult/api"
	"consult/api/apitest"
	"consult/handlers"
	"consult/models"
)

// checkedBeforeValidation are the operations with a JSON body that answer a credential check, not
// a validation, to any wrong input (API.md): their bounds are documented but not probed.
var checkedBeforeValidation = map[string]string{
	"login":                "wrong credentials of any length are 401, the same answer for every failure",
	"refresh":              "a refresh token that is not one is 401, whatever its shape",
	"requestPasswordReset": "always 204, so that the answer reveals no account",
	"resendVerification":   "always 204, so that the answer reveals no account",
}

// tooLargeAnswers are the bounds whose breach the contract answers with 413, not 422: a bound in
// bytes of a whole upload.
var tooLargeAnswers = map[string]bool{
	"createDocument markdown": true, // a draft over 5 MB (models.MaxDraftBytes) is 413
}

// baseBodies are the fields an operation needs right before it looks at the others: the current
// password is checked (and failures counted) before the new one.
var baseBodies = map[string]map[string]any{
	"changePassword": {"current_password": apitest.TestPassword},
}

// notProbedAtTheBound are the fields whose value at the bound is not sent: it would be named for
// another reason (a wrong password), or accepted with lasting effect (the password would change).
var notProbedAtTheBound = map[string]bool{
	"changePassword current_password": true,
	"changePassword new_password":     true,
	"createDocument markdown":         true, // a draft of 5 MB of characters is more than 5 MB of bytes
}

// probe is one request that puts one bounded field one past its bound (past) or right at it.
type probe struct {
	op, field, bound string
	past             bool
	body             any               // the JSON body, or nil
	query            url.Values        // query parameters
	headers          map[string]string // header parameters
}

// TestServerRefusesEveryValueOnePastItsBound reads every bound of the contract (maxLength,
// maximum, minimum, maxItems of request fields and of query and header parameters) and sends
// each operation, authenticated with the role its route needs, a value one past it: the answer
// must be 422 naming that field, so that the document and the server cannot drift apart. A free
// text exactly at its maxLength, in letters of several bytes, must not be named: the server
// counts characters as the contract does, and is not stricter. Path parameters (an over-long id
// is a 404) and multipart uploads (bounded in bytes, answered 413) are not probed; operations in
// checkedBeforeValidation neither.
func TestServerRefusesEveryValueOnePastItsBound(t *testing.T) {
	f := newLimitsFixture(t)
	model := contractModel(t, api.OpenAPIDocument())
	probed := 0
	for _, r := range api.Routes(&handlers.Handlers{}) {
		path := echoParam.ReplaceAllString(r.Path, "{$1}")
		item := model.Paths.PathItems.GetOrZero(path)
		if item == nil {
			continue // TestEveryRouteIsDocumentedAndEveryDocumentedRouteExists reports it
		}
		op := item.GetOperations().GetOrZero(strings.ToLower(r.Method))
		if op == nil {
			continue
		}
		probes := operationProbes(t, op, append(append([]*v3.Parameter{}, item.Parameters...), op.Parameters...))
		if len(probes) == 0 {
			continue
		}
		if reason, skip := checkedBeforeValidation[op.OperationId]; skip {
			t.Logf("%s %s: %d bounds not probed: %s", r.Method, r.Path, len(probes), reason)
			continue
		}
		target := f.path(t, r.Path)
		for _, p := range probes {
			probed++
			f.send(t, r, target, p)
		}
	}
	require.Positive(t, probed, "the contract states no bound at all")
	t.Logf("%d values probed", probed)
}

// operationProbes lists the probes of one operation: its bounded query and header parameters,
// then its JSON body's bounded fields.
func operationProbes(t *testing.T, op *v3.Operation, params []*v3.Parameter) []probe {
	var out []probe
	var jsonBody *base.SchemaProxy
	if op.RequestBody != nil {
		if mt := op.RequestBody.Content.GetOrZero("application/json"); mt != nil {
			jsonBody = mt.Schema
		}
	}
	for _, prm := range params {
		if prm.In != "query" && prm.In != "header" || prm.Schema == nil {
			continue
		}
		for _, v := range boundValues(prm.Name, prm.Schema.Schema(), prm.In == "header") {
			p := probe{op: op.OperationId, field: prm.Name, bound: v.bound, past: v.past, query: url.Values{}, headers: map[string]string{}}
			text := fmt.Sprint(v.value)
			if prm.In == "query" {
				p.query.Set(prm.Name, text)
			} else {
				p.headers[prm.Name] = text
			}
			if jsonBody != nil {
				p.body = map[string]any{}
			}
			out = append(out, p)
		}
	}
	if jsonBody == nil {
		return out
	}
	has422 := op.Responses != nil && op.Responses.Codes.GetOrZero("422") != nil
	for _, v := range boundValues("", jsonBody.Schema(), false) {
		if _, skip := checkedBeforeValidation[op.OperationId]; !has422 && !skip {
			t.Errorf("%s: its body has bounds but the contract documents no 422 answer; document it, or list the operation in checkedBeforeValidation with the reason", op.OperationId)
			return nil
		}
		if !v.past && notProbedAtTheBound[op.OperationId+" "+v.field] {
			continue
		}
		body := v.value
		if base := baseBodies[op.OperationId]; base != nil {
			merged := map[string]any{}
			for k, x := range base {
				merged[k] = x
			}
			for k, x := range v.value.(map[string]any) {
				merged[k] = x
			}
			body = merged
		}
		out = append(out, probe{op: op.OperationId, field: v.field, bound: v.bound, past: v.past, body: body})
	}
	return out
}

// boundValue is a value one past one bound of a schema (past), or right at it, placed where the
// field is.
type boundValue struct {
	field, bound string
	past         bool
	value        any
}

// boundValues lists, for a schema at field, a value one past each of its bounds and of the bounds
// below it (properties, array items), each wrapped in the objects and arrays that lead to it.
// Values past a maxLength are ASCII letters; a free text (no pattern, format or enum) also gets a
// value of exactly maxLength characters of several bytes each (ASCII ones for a header).
func boundValues(field string, s *base.Schema, ascii bool) []boundValue {
	if s == nil {
		return nil
	}
	var out []boundValue
	for _, sub := range s.AllOf {
		out = append(out, boundValues(field, sub.Schema(), ascii)...)
	}
	for _, typ := range s.Type {
		switch typ {
		case "string":
			if s.MaxLength == nil {
				continue
			}
			n := int(*s.MaxLength)
			bound := fmt.Sprintf("maxLength %d", n)
			out = append(out, boundValue{field, bound, true, strings.Repeat("a", n+1)})
			if s.Pattern == "" && s.Format == "" && len(s.Enum) == 0 {
				out = append(out, boundValue{field, bound, false, textOf(n, ascii)})
			}
		case "integer":
			if s.Maximum != nil {
				out = append(out, boundValue{field, fmt.Sprintf("maximum %.0f", *s.Maximum), true, offBy(*s.Maximum, 1)})
			}
			if s.Minimum != nil {
				out = append(out, boundValue{field, fmt.Sprintf("minimum %.0f", *s.Minimum), true, offBy(*s.Minimum, -1)})
			}
		case "array":
			var items *base.Schema
			if s.Items != nil && s.Items.IsA() {
				items = s.Items.A.Schema()
			}
			if s.MaxItems != nil {
				list := make([]any, *s.MaxItems+1)
				for i := range list {
					list[i] = sample(items)
				}
				out = append(out, boundValue{field, fmt.Sprintf("maxItems %d", *s.MaxItems), true, list})
			}
			for _, v := range boundValues(field+"[0]", items, ascii) {
				v.value = []any{v.value}
				out = append(out, v)
			}
		}
	}
	if s.Properties != nil {
		for name, prop := range s.Properties.FromOldest() {
			child := name
			if field != "" {
				child = field + "." + name
			}
			for _, v := range boundValues(child, prop.Schema(), ascii) {
				v.value = map[string]any{name: v.value}
				out = append(out, v)
			}
		}
	}
	return out
}

// textOf is a readable text of exactly n characters; unless ascii, most take two bytes in UTF-8.
func textOf(n int, ascii bool) string {
	words := []rune("Éléments précisés à l'échéance, règles généralisées. ")
	if ascii {
		words = []rune("Elements-precises-a-l-echeance.")
	}
	out := make([]rune, n)
	for i := range out {
		out[i] = words[i%len(words)]
	}
	return string(out)
}

// offBy is n+d as an exact JSON number (bounds such as 2^63-1 are beyond float64's precision).
func offBy(n float64, d int64) json.Number {
	i, _ := big.NewFloat(n).Int(nil)
	return json.Number(i.Add(i, big.NewInt(d)).String())
}

// sample is a small value of a schema's type, to fill an array past its maxItems.
func sample(s *base.Schema) any {
	switch {
	case s == nil || len(s.Type) == 0:
		return map[string]any{}
	case len(s.Enum) > 0:
		return s.Enum[0].Value
	}
	switch s.Type[0] {
	case "string":
		return "a"
	case "integer":
		return 1
	case "boolean":
		return false
	case "array":
		return []any{}
	default:
		return map[string]any{}
	}
}

// send makes one probe's request, from a client address of its own (so that no per-address
// limit is reached), and checks the answer.
func (f *limitsFixture) send(t *testing.T, r api.Route, target string, p probe) {
	t.Helper()
	f.clients++
	req := apitest.Request{Method: r.Method, Path: target, Body: p.body, Headers: p.headers,
		RemoteAddr: fmt.Sprintf("10.%d.%d.1:40000", f.clients/250, f.clients%250)}
	if len(p.query) > 0 {
		req.Path += "?" + p.query.Encode()
	}
	var rec *httptest.ResponseRecorder
	if u := f.user(r.Access); u != nil {
		rec = f.env.As(u, req)
	} else {
		rec = f.env.Do(req)
	}
	var problem struct {
		Code   string              `json:"code"`
		Errors []models.FieldError `json:"errors"`
	}
	_ = json.Unmarshal(rec.Body.Bytes(), &problem) // not every answer is a problem
	if !p.past {
		what := fmt.Sprintf("%s (%s %s): %s at its %s", p.op, r.Method, r.Path, p.field, p.bound)
		if rec.Code >= 500 {
			t.Errorf("%s: answered %d %s", what, rec.Code, problem.Code)
		}
		for _, e := range problem.Errors {
			if e.Field == p.field {
				t.Errorf("%s: answered %d naming it (%s); the server is stricter than the contract", what, rec.Code, e.Message)
			}
		}
		return
	}
	what := fmt.Sprintf("%s (%s %s): %s one past its %s", p.op, r.Method, r.Path, p.field, p.bound)
	want := http.StatusUnprocessableEntity
	if tooLargeAnswers[p.op+" "+p.field] {
		want = http.StatusRequestEntityTooLarge
	}
	if rec.Code != want {
		t.Errorf("%s: answered %d %s, want %d; the server does not enforce the bound the contract states (errors: %v)", what, rec.Code, problem.Code, want, problem.Errors)
		return
	}
	if want != http.StatusUnprocessableEntity {
		return
	}
	for _, e := range problem.Errors {
		if e.Field == p.field {
			return
		}
	}
	t.Errorf("%s: answered 422 but its errors do not name %q: %v", what, p.field, problem.Errors)
}

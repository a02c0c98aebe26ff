package api_test

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi-validator/schema_validation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api"
	"consult/api/apitest"
)

// catchAll are the router's fallbacks, not resources: unknown /api/ paths (404 problem) and the
// web app's client routes (index.html).
var catchAll = map[string]bool{"/api/*": true, "/*": true}

var echoParam = regexp.MustCompile(`:([A-Za-z_]+)`)

// TestOpenAPIDocumentIsValid checks the contract against the OpenAPI 3.1 schema.
func TestOpenAPIDocumentIsValid(t *testing.T) {
	doc, err := libopenapi.NewDocument(api.OpenAPIDocument())
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(doc.GetVersion(), "3.1"), "the contract must be OpenAPI 3.1, not %s", doc.GetVersion())
	ok, errs := schema_validation.ValidateOpenAPIDocument(doc)
	for _, e := range errs {
		t.Errorf("openapi.yaml: %s: %s", e.Message, e.Reason)
		for _, se := range e.SchemaValidationErrors {
			t.Errorf("  at line %d (%s): %s", se.Line, se.KeywordLocation, se.Reason)
		}
	}
	assert.True(t, ok)
	_, err = doc.BuildV3Model()
	require.NoError(t, err)
}

// TestEveryRouteIsDocumentedAndEveryDocumentedRouteExists keeps the router and the contract in
// step, in both directions.
func TestEveryRouteIsDocumentedAndEveryDocumentedRouteExists(t *testing.T) {
	env := apitest.New(t)
	registered := map[string]bool{}
	for _, r := range env.Echo.Routes() {
		if catchAll[r.Path] || r.Method == "echo_route_not_found" {
			continue
		}
		registered[r.Method+" "+echoParam.ReplaceAllString(r.Path, "{$1}")] = true
	}

	doc, err := libopenapi.NewDocument(api.OpenAPIDocument())
	require.NoError(t, err)
	model, err := doc.BuildV3Model()
	require.NoError(t, err)
	documented := map[string]bool{}
	for path, item := range model.Model.Paths.PathItems.FromOldest() {
		for method := range item.GetOperations().FromOldest() {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}

	assert.Empty(t, missing(registered, documented), "routes on the router but not in api/openapi.yaml")
	assert.Empty(t, missing(documented, registered), "routes in api/openapi.yaml but not on the router")
}

func missing(want, have map[string]bool) []string {
	var out []string
	for k := range want {
		if !have[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// TestContractCheckNoticesADifference makes sure the comparison above can fail.
func TestContractCheckNoticesADifference(t *testing.T) {
	a := map[string]bool{"GET /x": true, "GET /y": true}
	b := map[string]bool{"GET /x": true}
	assert.Equal(t, []string{"GET /y"}, missing(a, b), fmt.Sprint(a, b))
}

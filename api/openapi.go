package api

import _ "embed"

//go:embed openapi.yaml
var openAPIDocument []byte

// OpenAPIDocument returns the contract document, api/openapi.yaml.
func OpenAPIDocument() []byte { return openAPIDocument }

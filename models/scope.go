package models

// Scope says which comments a summary or an export covers.
type Scope string

// The scopes: public data only (what the public may see), or every comment (staff).
const (
	ScopePublic Scope = "public"
	ScopeAll    Scope = "all"
)

// ParseScope reads a scope from a query parameter: empty gives def, public and all are
// themselves, and anything else is a validation error naming the field scope, so that a mistyped
// scope never falls back to another one.
func ParseScope(s string, def Scope) (Scope, error) {
	switch Scope(s) {
	case "":
		return def, nil
	case ScopePublic, ScopeAll:
		return Scope(s), nil
	}
	return "", Invalid("the query has invalid parameters", FieldError{Field: "scope", Message: "must be public or all"})
}

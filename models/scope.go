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

// SummaryScope is the scope of a summary the viewer asks for: moderators see every comment unless
// they ask for the public scope; anyone else sees published data, whatever they ask for. An
// unknown scope is refused, never read as another one.
func SummaryScope(viewer *User, requested string) (Scope, error) {
	def := ScopePublic
	if scopeStaff(viewer) {
		def = ScopeAll
	}
	scope, err := ParseScope(requested, def)
	if err != nil {
		return "", err
	}
	if !scopeStaff(viewer) {
		return ScopePublic, nil
	}
	return scope, nil
}

// scopeStaff says whether the viewer may see every comment of a consultation.
func scopeStaff(viewer *User) bool {
	return viewer != nil && viewer.Role.AtLeast(RoleModerator)
}

package handlers_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestHandlersRunNoSQL keeps the seam between HTTP and the domain: a handler binds, calls one
// command or query of package models and renders a view. No file of this package imports GORM,
// and none uses the database handle for anything but passing one of its pools on (h.DB.DB, or
// h.DB.Streams for exports); a transaction, a query or a statement here means a rule escaped the
// domain layer.
func TestHandlersRunNoSQL(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); strings.HasPrefix(path, "gorm.io/") {
				t.Errorf("%s imports %s: move the query or transaction into package models", name, path)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			inner, ok := sel.X.(*ast.SelectorExpr)
			if ok && inner.Sel.Name == "DB" && sel.Sel.Name != "DB" && sel.Sel.Name != "Streams" {
				t.Errorf("%s: uses the database handle (%s.%s): call a models function instead", fset.Position(sel.Pos()), exprString(inner), sel.Sel.Name)
			}
			return true
		})
	}
}

func exprString(sel *ast.SelectorExpr) string {
	if id, ok := sel.X.(*ast.Ident); ok {
		return id.Name + "." + sel.Sel.Name
	}
	return sel.Sel.Name
}

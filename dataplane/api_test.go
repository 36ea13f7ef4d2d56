package dataplane

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestPublicAPIShowsNoInternalType: a program outside this module cannot name a type of
// internal/client, so no exported function, method, field, type or variable may mention one.
// The package uses internal/client only behind unexported names.
func TestPublicAPIShowsNoInternalType(t *testing.T) {
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
	}
	checked := 0
	report := func(where ast.Node, what string, n ast.Node) {
		if n == nil {
			return
		}
		checked++
		ast.Inspect(n, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "client" {
					t.Errorf("%s: exported %s mentions client.%s", fset.Position(where.Pos()), what, sel.Sel.Name)
				}
			}
			return true
		})
	}
	for _, file := range files {
		for _, decl := range file.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				// Exported methods of unexported types count too: Device and DeviceData
				// promote dataAPI's.
				if !d.Name.IsExported() {
					continue
				}
				report(d, d.Name.Name, d.Type)
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							reportExportedParts(report, s)
						}
					case *ast.ValueSpec:
						for _, name := range s.Names {
							if name.IsExported() {
								report(s, name.Name, s.Type)
								for _, v := range s.Values {
									report(s, name.Name, v)
								}
							}
						}
					}
				}
			}
		}
	}
	if checked < 50 {
		t.Fatalf("only %d exported declarations checked: the walk is broken", checked)
	}
}

// reportExportedParts checks a type's exported fields and methods (unexported ones are free to
// use internal types).
func reportExportedParts(report func(ast.Node, string, ast.Node), s *ast.TypeSpec) {
	switch typ := s.Type.(type) {
	case *ast.StructType:
		for _, f := range typ.Fields.List {
			if len(f.Names) == 0 { // embedded: exported when its type name is
				if id := baseIdent(f.Type); id != nil && id.IsExported() {
					report(f, s.Name.Name+"."+id.Name, f.Type)
				}
				continue
			}
			for _, name := range f.Names {
				if name.IsExported() {
					report(f, s.Name.Name+"."+name.Name, f.Type)
				}
			}
		}
	case *ast.InterfaceType:
		for _, m := range typ.Methods.List {
			report(m, s.Name.Name+" method", m.Type)
		}
	default:
		report(s, s.Name.Name, s.Type)
	}
}

// baseIdent is T of T, *T, pkg.T (the selector's name) or T[...].
func baseIdent(e ast.Expr) *ast.Ident {
	switch x := e.(type) {
	case *ast.Ident:
		return x
	case *ast.StarExpr:
		return baseIdent(x.X)
	case *ast.SelectorExpr:
		return x.Sel
	case *ast.IndexExpr:
		return baseIdent(x.X)
	}
	return nil
}

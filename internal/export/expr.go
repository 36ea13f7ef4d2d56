package export

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// expr is an HCL expression the exporter writes: a literal, a reference to another exported
// object, a function call, or a list or object of those. cty values alone cannot hold references
// (`tagoio_device.boiler.id`), which is why the tree exists.
type expr interface {
	tokens() hclwrite.Tokens
}

// field is one attribute of a block or of an object expression, in the order it is written.
type field struct {
	name  string
	value expr
}

type literal struct{ value cty.Value }

func (l literal) tokens() hclwrite.Tokens { return hclwrite.TokensForValue(l.value) }

func str(s string) expr     { return literal{cty.StringVal(s)} }
func boolean(b bool) expr   { return literal{cty.BoolVal(b)} }
func integer(n int64) expr  { return literal{cty.NumberIntVal(n)} }
func number(f float64) expr { return literal{cty.NumberFloatVal(f)} }
func nullLiteral() expr     { return literal{cty.NullVal(cty.DynamicPseudoType)} }
func strList(ss []string) expr {
	items := make(list, 0, len(ss))
	for _, s := range ss {
		items = append(items, str(s))
	}
	return items
}

// reference is `<resource type>.<name>.id`.
type reference struct{ resourceType, name string }

func (r reference) tokens() hclwrite.Tokens {
	return hclwrite.TokensForTraversal(hcl.Traversal{
		hcl.TraverseRoot{Name: r.resourceType}, hcl.TraverseAttr{Name: r.name}, hcl.TraverseAttr{Name: "id"},
	})
}

type list []expr

// tokens writes a list of scalars on one line, and a list holding objects or lists one element
// per line with trailing commas, the way `terraform fmt` users write it:
//
//	tags = [
//	  {
//	    key   = "site"
//	    value = "plant-a"
//	  },
//	]
func (l list) tokens() hclwrite.Tokens {
	elems := make([]hclwrite.Tokens, 0, len(l))
	multiline := false
	for _, e := range l {
		switch e.(type) {
		case object, list:
			multiline = true
		}
		elems = append(elems, e.tokens())
	}
	if !multiline {
		return hclwrite.TokensForTuple(elems)
	}
	newline := &hclwrite.Token{Type: hclsyntax.TokenNewline, Bytes: []byte("\n")}
	toks := hclwrite.Tokens{{Type: hclsyntax.TokenOBrack, Bytes: []byte("[")}, newline}
	for _, e := range elems {
		toks = append(toks, e...)
		toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenComma, Bytes: []byte(",")}, newline)
	}
	return append(toks, &hclwrite.Token{Type: hclsyntax.TokenCBrack, Bytes: []byte("]")})
}

type object []field

func (o object) tokens() hclwrite.Tokens {
	attrs := make([]hclwrite.ObjectAttrTokens, 0, len(o))
	for _, f := range o {
		attrs = append(attrs, hclwrite.ObjectAttrTokens{Name: objectKey(f.name), Value: f.value.tokens()})
	}
	return hclwrite.TokensForObject(attrs)
}

// objectKey writes a key bare when it is an identifier (HCL reads a bare key as its name, even
// null, true or for) and quoted otherwise ("header buttons").
func objectKey(name string) hclwrite.Tokens {
	if hclsyntax.ValidIdentifier(name) {
		return hclwrite.TokensForIdentifier(name)
	}
	return hclwrite.TokensForValue(cty.StringVal(name))
}

// moduleFile is the string "${path.module}/<rel>": a file next to the configuration, wherever
// Terraform runs from. rel must need no escaping (the exporter makes it from safe characters).
type moduleFile string

func (m moduleFile) tokens() hclwrite.Tokens {
	return hclwrite.Tokens{
		{Type: hclsyntax.TokenOQuote, Bytes: []byte(`"`)},
		{Type: hclsyntax.TokenTemplateInterp, Bytes: []byte(`${`)},
		{Type: hclsyntax.TokenIdent, Bytes: []byte(`path`)},
		{Type: hclsyntax.TokenDot, Bytes: []byte(`.`)},
		{Type: hclsyntax.TokenIdent, Bytes: []byte(`module`)},
		{Type: hclsyntax.TokenTemplateSeqEnd, Bytes: []byte(`}`)},
		{Type: hclsyntax.TokenQuotedLit, Bytes: []byte("/" + string(m))},
		{Type: hclsyntax.TokenCQuote, Bytes: []byte(`"`)},
	}
}

type call struct {
	function string
	args     []expr
}

func (c call) tokens() hclwrite.Tokens {
	args := make([]hclwrite.Tokens, 0, len(c.args))
	for _, a := range c.args {
		args = append(args, a.tokens())
	}
	return hclwrite.TokensForFunctionCall(c.function, args...)
}

// jsonExpr turns a JSON document into the HCL expression `jsonencode` reads back as the same
// JSON: objects (keys sorted, as encoding/json does), arrays, strings, numbers (their exact
// text), booleans and null.
func jsonExpr(raw json.RawMessage) (expr, error) {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return jsonValueExpr(v)
}

func jsonValueExpr(v any) (expr, error) {
	switch t := v.(type) {
	case nil:
		return nullLiteral(), nil
	case bool:
		return boolean(t), nil
	case string:
		return str(t), nil
	case json.Number:
		n, err := cty.ParseNumberVal(t.String())
		if err != nil {
			return nil, fmt.Errorf("number %s: %w", t, err)
		}
		return literal{n}, nil
	case []any:
		items := make(list, 0, len(t))
		for _, item := range t {
			e, err := jsonValueExpr(item)
			if err != nil {
				return nil, err
			}
			items = append(items, e)
		}
		return items, nil
	case map[string]any:
		obj := make(object, 0, len(t))
		for _, k := range sortedKeys(t) {
			e, err := jsonValueExpr(t[k])
			if err != nil {
				return nil, err
			}
			obj = append(obj, field{k, e})
		}
		return obj, nil
	}
	return nil, fmt.Errorf("unexpected JSON value %T", v)
}

package provider

import (
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestEqualUpToFloat64(t *testing.T) {
	t.Parallel()
	objType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"center": tftypes.List{ElementType: tftypes.Number}, "name": tftypes.String, "updated_at": tftypes.String,
	}}
	exact := func(s string) *big.Float {
		f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	value := func(center *big.Float, name string, updatedAt any) tftypes.Value {
		return tftypes.NewValue(objType, map[string]tftypes.Value{
			"center":     tftypes.NewValue(tftypes.List{ElementType: tftypes.Number}, []tftypes.Value{tftypes.NewValue(tftypes.Number, center)}),
			"name":       tftypes.NewValue(tftypes.String, name),
			"updated_at": tftypes.NewValue(tftypes.String, updatedAt),
		})
	}
	fromAPI := value(big.NewFloat(-46.63), "fence", "2024-01-01")
	for name, tc := range map[string]struct {
		plan tftypes.Value
		want bool
	}{
		"the configured decimal and the API's float64": {value(exact("-46.63"), "fence", tftypes.UnknownValue), true},
		"the same float64, updated_at unknown":         {value(big.NewFloat(-46.63), "fence", tftypes.UnknownValue), true},
		"another number":                               {value(exact("-46.64"), "fence", tftypes.UnknownValue), false},
		"a number closer than float64 can tell":        {value(exact("-46.630000000000000001"), "fence", tftypes.UnknownValue), true},
		"another text":                                 {value(exact("-46.63"), "gate", tftypes.UnknownValue), false},
		"updated_at known on both sides":               {value(exact("-46.63"), "fence", "2024-01-01"), true},
	} {
		t.Run(name, func(t *testing.T) {
			if got := equalUpToFloat64(tc.plan, fromAPI, "updated_at"); got != tc.want {
				t.Errorf("equalUpToFloat64 = %v, want %v", got, tc.want)
			}
		})
	}
	if equalUpToFloat64(value(exact("-46.63"), "fence", tftypes.UnknownValue), fromAPI) {
		t.Error("without ignoring updated_at, an unknown updated_at must not compare equal to a known one")
	}
	if value(exact("-46.63"), "fence", "2024-01-01").Equal(fromAPI) {
		t.Error("precondition: the exact decimal and the float64 differ when compared exactly")
	}
}

func TestSameJSONComparesNumbersByValue(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{`{"max":1e21,"min":-2.5E-7,"a":[3e2],"s":1.50}`, `{"s":1.5,"a":[300],"min":-0.00000025,"max":1000000000000000000000}`, true},
		{`{"big":12345678901234567890}`, `{"big":12345678901234567891}`, false}, // equal as float64, not as numbers
		{`{"a":1}`, `{"a":"1"}`, false},
		{`{"a":[1,2]}`, `{"a":[2,1]}`, false},
		{`{"a":null}`, `{}`, false},
	} {
		if got := sameJSON(tc.a, tc.b); got != tc.want {
			t.Errorf("sameJSON(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

package provider

import (
	"math/big"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// equalUpToFloat64 reports whether two values of a resource are equal once every number is
// rounded to float64 and the top-level attributes in ignore are left out. Terraform keeps a
// configured number exactly (-46.63) while a Float64 attribute read from the API holds the nearest
// float64; the framework compares them exactly, so without this a freshly imported resource with
// such numbers plans an update that changes nothing.
func equalUpToFloat64(a, b tftypes.Value, ignore ...string) bool {
	normalize := func(v tftypes.Value) (tftypes.Value, error) {
		return tftypes.Transform(v, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
			if steps := p.Steps(); len(steps) == 1 {
				if name, ok := steps[0].(tftypes.AttributeName); ok {
					for _, ignored := range ignore {
						if string(name) == ignored {
							return tftypes.NewValue(v.Type(), nil), nil
						}
					}
				}
			}
			if !v.Type().Is(tftypes.Number) || !v.IsKnown() || v.IsNull() {
				return v, nil
			}
			var n big.Float
			if err := v.As(&n); err != nil {
				return v, err
			}
			f, _ := n.Float64()
			return tftypes.NewValue(tftypes.Number, new(big.Float).SetFloat64(f)), nil
		})
	}
	na, errA := normalize(a)
	nb, errB := normalize(b)
	return errA == nil && errB == nil && na.Equal(nb)
}

// Command twinprovider serves the benchmark's schema twin, floor (a′): every resource and data
// source of terraform-provider-tagoio with exactly its schema (attributes, validators, plan
// modifiers, defaults, timeouts), named twin_* instead of tagoio_*, and no I/O and no logic at
// all: a create or an update stores the plan with its unknown values filled in, a read keeps the
// state, a delete forgets. Terraform and the plugin framework charge a resource by the size and
// shape of its schema; the twin pays exactly that, so tagoio ÷ (a′) is what the provider's own
// requests and code add, and (a′) ÷ (a) is what the schemas cost. Built and run by `make bench`.
package main

import (
	"context"
	"crypto/rand"
	"log"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	tagoio "github.com/tago-io/terraform-provider-tagoio/internal/provider"
)

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return twinProvider{inner: tagoio.New("twin")()} },
		providerserver.ServeOpts{Address: "registry.terraform.io/bench/twin"})
	if err != nil {
		log.Fatal(err)
	}
}

type twinProvider struct{ inner provider.Provider }

func (twinProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "twin"
}

// Schema is empty: the twin needs no configuration (tagoio's provider block has no required
// attribute either once the environment gives the token).
func (twinProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (twinProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p twinProvider) Resources(ctx context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, newInner := range p.inner.Resources(ctx) {
		out = append(out, func() resource.Resource { return twinResource{inner: newInner()} })
	}
	return out
}

func (p twinProvider) DataSources(ctx context.Context) []func() datasource.DataSource {
	var out []func() datasource.DataSource
	for _, newInner := range p.inner.DataSources(ctx) {
		out = append(out, func() datasource.DataSource { return twinDataSource{inner: newInner()} })
	}
	return out
}

// twinName turns tagoio's type name into the twin's: tagoio_device -> twin_device.
func twinName(innerName string) string { return "twin" + strings.TrimPrefix(innerName, "tagoio") }

// twinResource has its tagoio resource's name and schema, and none of its methods.
type twinResource struct{ inner resource.Resource }

func (r twinResource) Metadata(ctx context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.inner.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "tagoio"}, resp)
	resp.TypeName = twinName(resp.TypeName)
}

func (r twinResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.inner.Schema(ctx, req, resp)
}

func (twinResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = known(req.Plan.Raw)
}

func (twinResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (twinResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = known(req.Plan.Raw)
}

func (twinResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// twinDataSource has its tagoio data source's name and schema; reading returns the configuration.
type twinDataSource struct{ inner datasource.DataSource }

func (d twinDataSource) Metadata(ctx context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	d.inner.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "tagoio"}, resp)
	resp.TypeName = twinName(resp.TypeName)
}

func (d twinDataSource) Schema(ctx context.Context, req datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	d.inner.Schema(ctx, req, resp)
}

func (twinDataSource) Read(_ context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	resp.State.Raw = known(req.Config.Raw)
}

// known fills every unknown value of a planned object: a string gets 24 random decimal digits
// (a valid ObjectID, what every computed tagoio id looks like, so that references pass the
// validators, and valid JSON for the attributes that hold JSON), a number 0, a bool false,
// anything else null.
func known(v tftypes.Value) tftypes.Value {
	out, err := tftypes.Transform(v, func(_ *tftypes.AttributePath, val tftypes.Value) (tftypes.Value, error) {
		if val.IsKnown() {
			return val, nil
		}
		switch {
		case val.Type().Is(tftypes.String):
			return tftypes.NewValue(tftypes.String, randomDigits()), nil
		case val.Type().Is(tftypes.Number):
			return tftypes.NewValue(tftypes.Number, big.NewFloat(0)), nil
		case val.Type().Is(tftypes.Bool):
			return tftypes.NewValue(tftypes.Bool, false), nil
		}
		return tftypes.NewValue(val.Type(), nil), nil
	})
	if err != nil {
		panic(err) // Transform fails only when the callback does
	}
	return out
}

func randomDigits() string {
	var b [24]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	for i := range b {
		b[i] = '0' + b[i]%10
	}
	if b[0] == '0' {
		b[0] = '1' // a JSON number has no leading zero
	}
	return string(b[:])
}

package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const ephemeralTokenName = "tfacc-ephemeral"

// ephemeralDevice is a device made through the API, so that its ID is known at plan time and
// Terraform opens the ephemeral token during the plan too.
func (e *accEnv) ephemeralDevice() string {
	e.t.Helper()
	device, err := e.client.Devices.Create(context.Background(), client.DeviceCreate{
		Name: "tfacc-Ephemeral", Type: "mutable", Connector: httpsConnectorID, Network: httpNetworkID,
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return device.ID
}

// tokensNamed lists the device's tokens that carry the ephemeral token's name.
func (e *accEnv) tokensNamed(deviceID, name string) ([]client.DeviceToken, error) {
	tokens, err := e.client.DeviceTokens.List(context.Background(), deviceID)
	var named []client.DeviceToken
	for _, tok := range tokens {
		if tok.Name == name {
			named = append(named, tok)
		}
	}
	return named, err
}

// TestAccDeviceTokenEphemeral_neverInState runs the ephemeral token through Terraform (>= 1.10):
// its value reaches a provider configuration (the echo provider, which copies what it is given
// into its resource; here only the token's SHA-256), no string anywhere in the state is the
// token, and every token Terraform opened (plan and apply) is deleted when Terraform closes it.
func TestAccDeviceTokenEphemeral_neverInState(t *testing.T) {
	e := newAccEnv(t)
	deviceID := e.ephemeralDevice()
	const echoAddr = "echo.test"
	config := e.config(`
ephemeral "tagoio_device_token" "test" {
  device_id   = %q
  name        = %q
  permission  = "write"
  expire_time = "30 minutes"
}

provider "echo" {
  data = {
    id           = ephemeral.tagoio_device_token.test.id
    token_sha256 = sha256(ephemeral.tagoio_device_token.test.token)
    expire_date  = ephemeral.tagoio_device_token.test.expire_date
  }
}

resource "echo" "test" {}
`, deviceID, ephemeralTokenName)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"tagoio": protoV6ProviderFactories["tagoio"],
			"echo":   echoprovider.NewProviderServer(),
		},
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(echoAddr, tfjsonpath.New("data").AtMapKey("id"),
					knownvalue.StringRegexp(regexp.MustCompile(`^`+deviceID+`/[0-9a-f]{16}$`))),
				statecheck.ExpectKnownValue(echoAddr, tfjsonpath.New("data").AtMapKey("token_sha256"),
					knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{64}$`))),
				statecheck.ExpectKnownValue(echoAddr, tfjsonpath.New("data").AtMapKey("expire_date"), knownvalue.NotNull()),
				tokenNeverInState{echoAddr: echoAddr},
			},
			Check: func(*terraform.State) error {
				left, err := e.tokensNamed(deviceID, ephemeralTokenName)
				if err != nil {
					return err
				}
				if len(left) != 0 {
					return fmt.Errorf("%d ephemeral tokens are still on the device after Terraform closed them", len(left))
				}
				return nil
			},
		}},
	})
}

// tokenNeverInState fails when any string in the state (any resource, any attribute, nested or
// not) is the token whose SHA-256 the echo resource holds, and checks that this hash is the
// token the ephemeral id names.
type tokenNeverInState struct{ echoAddr string }

func (c tokenNeverInState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil {
		resp.Error = fmt.Errorf("no state")
		return
	}
	var hash, id string
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address == c.echoAddr {
			data, _ := r.AttributeValues["data"].(map[string]any)
			hash, _ = data["token_sha256"].(string)
			id, _ = data["id"].(string)
		}
	}
	if hash == "" || !strings.HasSuffix(id, "/"+hash[:16]) {
		resp.Error = fmt.Errorf("echo resource holds hash %q and id %q: they do not name the same token", hash, id)
		return
	}
	raw, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	var everything any
	if err := json.Unmarshal(raw, &everything); err != nil {
		resp.Error = err
		return
	}
	strs := 0
	var walk func(v any) error
	walk = func(v any) error {
		switch v := v.(type) {
		case string:
			strs++
			if sum := sha256.Sum256([]byte(v)); hex.EncodeToString(sum[:]) == hash {
				return fmt.Errorf("the ephemeral token is in the state")
			}
		case []any:
			for _, x := range v {
				if err := walk(x); err != nil {
					return err
				}
			}
		case map[string]any:
			for k, x := range v {
				if err := walk(k); err != nil {
					return err
				}
				if err := walk(x); err != nil {
					return err
				}
			}
		}
		return nil
	}
	resp.Error = walk(everything)
	if resp.Error == nil && strs < 3 {
		resp.Error = fmt.Errorf("the state has only %d strings: the walk saw nothing", strs)
	}
}

// TestAccDeviceTokenEphemeral_openCloseThroughProviderServer drives Open and Close through the
// provider server the way Terraform >= 1.10 does, so that the ephemeral resource is tested with
// every CLI, also those that skip the Terraform run above.
func TestAccDeviceTokenEphemeral_openCloseThroughProviderServer(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t)
	deviceID := e.ephemeralDevice()
	ctx := context.Background()
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		t.Fatalf("schema: %v %v", err, schemas.Diagnostics)
	}
	ephemeralSchema, ok := schemas.EphemeralResourceSchemas["tagoio_device_token"]
	if !ok {
		t.Fatal("the provider does not register the ephemeral tagoio_device_token")
	}
	providerConfig := dynamicObject(t, schemas.Provider.ValueType(), map[string]tftypes.Value{
		"api_url": tftypes.NewValue(tftypes.String, e.apiURL),
		"token":   tftypes.NewValue(tftypes.String, e.token),
	})
	configured, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.10.0", Config: providerConfig})
	if err != nil || len(configured.Diagnostics) > 0 {
		t.Fatalf("configure: %v %v", err, diagSummaries(configured.Diagnostics))
	}

	resultType := ephemeralSchema.ValueType()
	opened, err := srv.OpenEphemeralResource(ctx, &tfprotov6.OpenEphemeralResourceRequest{
		TypeName: "tagoio_device_token",
		Config: dynamicObject(t, resultType, map[string]tftypes.Value{
			"device_id":  tftypes.NewValue(tftypes.String, deviceID),
			"name":       tftypes.NewValue(tftypes.String, ephemeralTokenName),
			"permission": tftypes.NewValue(tftypes.String, "read"),
		}),
	})
	if err != nil || len(opened.Diagnostics) > 0 {
		t.Fatalf("open: %v %v", err, diagSummaries(opened.Diagnostics))
	}
	result := objectAttributes(t, opened.Result, resultType)
	var token, id, expireDate string
	for name, dst := range map[string]*string{"token": &token, "id": &id, "expire_date": &expireDate} {
		if err := result[name].As(dst); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if id != deviceTokenID(deviceID, token) {
		t.Errorf("id %q does not name token (want %q)", id, deviceTokenID(deviceID, token))
	}
	if expireDate == "" {
		t.Error("expire_date is empty: the default expiry (1 hour) was not sent")
	}
	listed, err := e.tokensNamed(deviceID, ephemeralTokenName)
	if err != nil || len(listed) != 1 || listed[0].Token != token || listed[0].Permission != "read" {
		t.Fatalf("after Open the device lists %+v (%v), want the one read token Open answered", listed, err)
	}

	closed, err := srv.CloseEphemeralResource(ctx, &tfprotov6.CloseEphemeralResourceRequest{TypeName: "tagoio_device_token", Private: opened.Private})
	if err != nil || len(closed.Diagnostics) > 0 {
		t.Fatalf("close: %v %v", err, diagSummaries(closed.Diagnostics))
	}
	if listed, err := e.tokensNamed(deviceID, ephemeralTokenName); err != nil || len(listed) != 0 {
		t.Fatalf("after Close the device lists %d tokens named %s (%v), want none", len(listed), ephemeralTokenName, err)
	}
	// A token already gone (deleted outside Terraform, or closed twice) closes without error.
	again, err := srv.CloseEphemeralResource(ctx, &tfprotov6.CloseEphemeralResourceRequest{TypeName: "tagoio_device_token", Private: opened.Private})
	if err != nil || len(again.Diagnostics) > 0 {
		t.Fatalf("second close: %v %v", err, diagSummaries(again.Diagnostics))
	}
	// Open on a device that does not exist fails with the API's error and leaves nothing to close.
	failed, err := srv.OpenEphemeralResource(ctx, &tfprotov6.OpenEphemeralResourceRequest{
		TypeName: "tagoio_device_token",
		Config: dynamicObject(t, resultType, map[string]tftypes.Value{
			"device_id":  tftypes.NewValue(tftypes.String, "0123456789abcdef01234567"),
			"name":       tftypes.NewValue(tftypes.String, ephemeralTokenName),
			"permission": tftypes.NewValue(tftypes.String, "read"),
		}),
	})
	if err != nil || len(failed.Diagnostics) == 0 || !strings.Contains(failed.Diagnostics[0].Summary, "Error creating device token") {
		t.Fatalf("open on a missing device: %v %v, want an error creating the token", err, diagSummaries(failed.Diagnostics))
	}
	nothing, err := srv.CloseEphemeralResource(ctx, &tfprotov6.CloseEphemeralResourceRequest{TypeName: "tagoio_device_token", Private: failed.Private})
	if err != nil || len(nothing.Diagnostics) > 0 {
		t.Fatalf("close after a failed open: %v %v", err, diagSummaries(nothing.Diagnostics))
	}
}

// dynamicObject is an object of typ with the given attributes set and every other one null.
func dynamicObject(t *testing.T, typ tftypes.Type, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	obj, ok := typ.(tftypes.Object)
	if !ok {
		t.Fatalf("%v is not an object type", typ)
	}
	attrs := map[string]tftypes.Value{}
	for name, attrType := range obj.AttributeTypes {
		attrs[name] = tftypes.NewValue(attrType, nil)
		if v, ok := set[name]; ok {
			attrs[name] = v
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func objectAttributes(t *testing.T, dv *tfprotov6.DynamicValue, typ tftypes.Type) map[string]tftypes.Value {
	t.Helper()
	if dv == nil {
		t.Fatal("no result")
	}
	v, err := dv.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	attrs := map[string]tftypes.Value{}
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	return attrs
}

func diagSummaries(diags []*tfprotov6.Diagnostic) []string {
	out := make([]string, 0, len(diags))
	for _, d := range diags {
		out = append(out, d.Summary+": "+d.Detail)
	}
	return out
}

// TestAccDeviceTokenEphemeral_invalidConfigFailsAtPlan: bad input is refused before any request.
func TestAccDeviceTokenEphemeral_invalidConfigFailsAtPlan(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t)
	cases := map[string]blockCase{
		"permission":  {`device_id = "0123456789abcdef01234567"` + "\n  permission = \"admin\"", `permission`},
		"device_id":   {`device_id = "not-an-id"` + "\n  permission = \"read\"", `device_id`},
		"expire_time": {`device_id = "0123456789abcdef01234567"` + "\n  permission = \"read\"\n  expire_time = \"soon\"", `expire_time`},
	}
	for name, tc := range cases {
		cases[name] = blockCase{body: "name = \"tfacc-bad\"\n  " + tc.body, want: `(?i)Invalid Attribute Value[\s\S]*` + tc.want}
	}
	e.eachBlockFails(t, `ephemeral "tagoio_device_token" "test"`, true, cases, tfversion.SkipBelow(tfversion.Version1_10_0))
}

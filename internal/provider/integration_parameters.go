package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

// A custom connector's or network's device_parameters: the settings TagoIO's admin asks of every
// device that uses it (the SDK's IDeviceParameters). Shared by tagoio_connector and tagoio_network.

var (
	deviceParameterTypes  = []string{"text", "dropdown", "switch", "number"}
	deviceParameterGroups = []string{"default", "main", "advanced", "hide"}
)

var deviceParameterAttrTypes = map[string]attr.Type{
	"name": types.StringType, "label": types.StringType, "type": types.StringType, "group": types.StringType,
	"default": types.StringType, "options": types.ListType{ElemType: types.StringType},
}

type deviceParameterModel struct {
	Name    types.String `tfsdk:"name"`
	Label   types.String `tfsdk:"label"`
	Type    types.String `tfsdk:"type"`
	Group   types.String `tfsdk:"group"`
	Default types.String `tfsdk:"default"`
	Options types.List   `tfsdk:"options"`
}

func deviceParametersAttribute(objectKind string) schema.ListNestedAttribute {
	text := []validator.String{stringvalidator.LengthAtLeast(1)}
	return schema.ListNestedAttribute{
		MarkdownDescription: "Settings the admin asks of every device that uses this " + objectKind + ", in order. " +
			"Omit it for none (an empty list is refused: omitting says the same).",
		Optional:   true,
		Validators: []validator.List{listvalidator.SizeAtLeast(1), canonicalParameterDefaults{"a switch's default is true or false and a number's is written as TagoIO returns it"}},
		NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{
				"name":  schema.StringAttribute{MarkdownDescription: "Parameter key, as the decoder reads it.", Optional: true, Validators: text},
				"label": schema.StringAttribute{MarkdownDescription: "Label the admin shows.", Optional: true, Validators: text},
				"type": schema.StringAttribute{
					MarkdownDescription: "Input kind: `text`, `dropdown`, `switch` or `number` (other values are sent as they are, with a warning).",
					Optional:            true,
					Validators:          append([]validator.String{validate.KnownValue(deviceParameterTypes...)}, text...),
				},
				"group": schema.StringAttribute{
					MarkdownDescription: "Where the admin shows it: `default`, `main`, `advanced` or `hide` (other values are sent as they are, with a warning).",
					Optional:            true,
					Validators:          append([]validator.String{validate.KnownValue(deviceParameterGroups...)}, text...),
				},
				"default": schema.StringAttribute{
					MarkdownDescription: "Default value, as text. For a `switch` `true`/`false` and for a `number` a number (written " +
						"as TagoIO returns it: `8080`, not `8080.0`) are sent as JSON booleans and numbers; anything else is sent as a string.",
					Optional: true,
				},
				"options": schema.ListAttribute{
					MarkdownDescription: "The choices of a `dropdown`, in order. A choice the API holds as something other than text " +
						"reads as its JSON.",
					ElementType: types.StringType,
					Optional:    true,
				},
			},
		},
	}
}

// deviceParametersToAPI is the list to send; a null list sends an empty one (no parameters).
func deviceParametersToAPI(ctx context.Context, list types.List, diags *diag.Diagnostics) []client.DeviceParameter {
	return nestedListToAPI(ctx, list, diags, func(m deviceParameterModel) client.DeviceParameter {
		p := client.DeviceParameter{
			Name: stringPtr(m.Name), Label: stringPtr(m.Label), Type: stringPtr(m.Type), Group: stringPtr(m.Group),
		}
		if !m.Default.IsNull() && !m.Default.IsUnknown() {
			p.Default = parameterDefaultToAPI(m.Type.ValueString(), m.Default.ValueString())
		}
		if !m.Options.IsNull() && !m.Options.IsUnknown() {
			var options []string
			diags.Append(m.Options.ElementsAs(ctx, &options, false)...)
			p.Options = make([]json.RawMessage, 0, len(options))
			for _, o := range options {
				p.Options = append(p.Options, jsonString(o))
			}
		}
		return p
	})
}

// canonicalParameterDefaults refuses a switch's or number's default written otherwise than TagoIO
// returns it ("8080.0", "TRUE"): TagoIO keeps the JSON value, so the configuration would differ
// from every read and plan an edit that changes nothing.
type canonicalParameterDefaults struct{ describedAs }

func (canonicalParameterDefaults) ValidateList(ctx context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var models []deviceParameterModel
	resp.Diagnostics.Append(req.ConfigValue.ElementsAs(ctx, &models, false)...)
	for i, m := range models {
		if m.Type.IsUnknown() || m.Default.IsNull() || m.Default.IsUnknown() {
			continue
		}
		value := m.Default.ValueString()
		sent := string(parameterDefaultToAPI(m.Type.ValueString(), value))
		if (m.Type.ValueString() == "switch" || m.Type.ValueString() == "number") && sent != value && sent != string(jsonString(value)) {
			addInvalidAttributeError(&resp.Diagnostics, req.Path.AtListIndex(i).AtName("default"), "Default not as TagoIO returns it",
				fmt.Sprintf("default %q of a %s parameter is kept by TagoIO as %s: write %q, or the plan never settles.",
					value, m.Type.ValueString(), sent, sent))
		}
	}
}

// parameterDefaultToAPI sends a switch's or number's default typed, as TagoIO's admin stores it.
func parameterDefaultToAPI(kind, value string) json.RawMessage {
	switch kind {
	case "switch":
		if b, err := strconv.ParseBool(value); err == nil {
			return json.RawMessage(strconv.FormatBool(b))
		}
	case "number":
		if f, err := strconv.ParseFloat(value, 64); err == nil {
			return json.RawMessage(strconv.FormatFloat(f, 'f', -1, 64))
		}
	}
	return jsonString(value)
}

func jsonString(s string) json.RawMessage {
	b, _ := json.Marshal(s) // a Go string always marshals
	return b
}

// parameterValueText is a JSON value as Terraform shows it: a string as itself, anything else as its JSON;
// null or absent is null.
func parameterValueText(raw json.RawMessage) types.String {
	if len(raw) == 0 || string(raw) == "null" {
		return types.StringNull()
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return types.StringValue(s)
	}
	return types.StringValue(string(raw))
}

// deviceParametersFromAPI maps the API's parameters in its order; none is null.
func deviceParametersFromAPI(params []client.DeviceParameter) types.List {
	return nestedListFromAPI(deviceParameterAttrTypes, params, func(p client.DeviceParameter) map[string]attr.Value {
		options := types.ListNull(types.StringType)
		if p.Options != nil {
			values := make([]attr.Value, 0, len(p.Options))
			for _, o := range p.Options {
				values = append(values, parameterValueText(o))
			}
			options = types.ListValueMust(types.StringType, values)
		}
		return map[string]attr.Value{
			"name": stringOrNull(p.Name), "label": stringOrNull(p.Label), "type": stringOrNull(p.Type),
			"group": stringOrNull(p.Group), "default": parameterValueText(p.Default), "options": options,
		}
	})
}

// keepEquivalentParameters keeps prior (the plan or the state) when it sends exactly what the API
// holds: "8080.0" and "8080" are one number default, and re-reading must not turn one into the
// other (an inconsistent apply, or a plan that never settles).
func keepEquivalentParameters(ctx context.Context, prior types.List, read []client.DeviceParameter) types.List {
	fromAPI := deviceParametersFromAPI(read)
	if prior.IsNull() || prior.IsUnknown() || prior.Equal(fromAPI) {
		return fromAPI
	}
	var diags diag.Diagnostics
	sent, err1 := json.Marshal(deviceParametersToAPI(ctx, prior, &diags))
	held, err2 := json.Marshal(read)
	if err1 != nil || err2 != nil || diags.HasError() || string(sent) != string(held) {
		return fromAPI
	}
	return prior
}

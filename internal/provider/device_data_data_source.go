package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/dataplane"
	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure      = &deviceDataDataSource{}
	_ datasource.DataSourceWithValidateConfig = &deviceDataDataSource{}
)

const deviceDataKind = "device data"

// NewDeviceDataDataSource is the tagoio_device_data data source.
func NewDeviceDataDataSource() datasource.DataSource { return &deviceDataDataSource{} }

type deviceDataDataSource struct {
	data *dataplane.Client
}

type deviceDataModel struct {
	DeviceID   types.String  `tfsdk:"device_id"`
	Variables  types.List    `tfsdk:"variables"`
	Groups     types.List    `tfsdk:"groups"`
	Query      types.String  `tfsdk:"query"`
	Qty        types.Int64   `tfsdk:"qty"`
	Skip       types.Int64   `tfsdk:"skip"`
	Ordination types.String  `tfsdk:"ordination"`
	StartDate  types.String  `tfsdk:"start_date"`
	EndDate    types.String  `tfsdk:"end_date"`
	Interval   types.String  `tfsdk:"interval"`
	Function   types.String  `tfsdk:"function"`
	Value      types.Float64 `tfsdk:"value"`
	Records    types.List    `tfsdk:"records"`
}

var locationAttrTypes = map[string]attr.Type{"lat": types.Float64Type, "lng": types.Float64Type}

var deviceDataRecordAttrTypes = map[string]attr.Type{
	"id": types.StringType, "variable": types.StringType, "value": types.StringType, "value_type": types.StringType,
	"unit": types.StringType, "group": types.StringType, "time": types.StringType,
	"location": types.ObjectType{AttrTypes: locationAttrTypes}, "metadata": types.StringType,
}

func (d *deviceDataDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_device_data"
}

func (d *deviceDataDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	functions := slices.Concat(dataplane.AggregateFunctions, dataplane.ConditionalFunctions)
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads data records of a TagoIO device with the provider's profile token (`GET /device/{id}/data`), " +
			"filtered by variables, groups, a query and a date range. Without `query` it lists the newest `qty` records (15 by default).",
		Attributes: map[string]schema.Attribute{
			"device_id": requiredIDAttribute("ID of the device whose data is read."),
			"variables": schema.ListAttribute{
				MarkdownDescription: "Only records of these variables.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"groups": schema.ListAttribute{
				MarkdownDescription: "Only records of these groups (the original SDK's `serie`).",
				Optional:            true,
				ElementType:         types.StringType,
				Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"query": schema.StringAttribute{
				MarkdownDescription: "A query: `last_item`, `last_value`, `last_location`, `last_insert`, `first_item`, `first_value`, " +
					"`first_location`, `first_insert`, `min`, `max`, `count`, `avg`, `sum`, `aggregate` or `conditional`. Leave it out to list records. " +
					"`avg` and `sum` need `start_date`; `aggregate` needs `interval` and `function`; `conditional` needs `start_date`, `value` and `function`. " +
					"A query the API answers with a bare number (such as `count`) gives one record whose `value` is that number.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(dataplane.QueryKinds()...)},
			},
			"qty": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many records, 1 to %d. The API's default is 15.", dataplane.MaxQty),
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(1, dataplane.MaxQty)},
			},
			"skip": schema.Int64Attribute{
				MarkdownDescription: "How many records to skip, for paging with `qty`.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
			},
			"ordination": schema.StringAttribute{
				MarkdownDescription: "`descending` (newest first, the API's default) or `ascending`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(dataplane.Ordinations...)},
			},
			"start_date": schema.StringAttribute{
				MarkdownDescription: "Only records from this date: ISO-8601 (`2024-05-01T10:00:00Z`), `YYYY-MM-DD HH:mm:ss`, `YYYY-MM-DD`, " +
					"or a relative time such as `1 day` (that long before now).",
				Optional:   true,
				Validators: []validator.String{dataDate()},
			},
			"end_date": schema.StringAttribute{
				MarkdownDescription: "Only records up to this date, in the forms of `start_date`. The API's default is now.",
				Optional:            true,
				Validators:          []validator.String{dataDate()},
			},
			"interval": schema.StringAttribute{
				MarkdownDescription: "For `aggregate`: the period of each result, one of " + quotedList(dataplane.AggregateIntervals) + ".",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(dataplane.AggregateIntervals...)},
			},
			"function": schema.StringAttribute{
				MarkdownDescription: "For `aggregate`: " + quotedList(dataplane.AggregateFunctions) + "; for `conditional`: " +
					quotedList(dataplane.ConditionalFunctions) + ".",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(functions...)},
			},
			"value": schema.Float64Attribute{
				MarkdownDescription: "For `conditional`: the number records are compared with.",
				Optional:            true,
			},
			"records": schema.ListNestedAttribute{
				MarkdownDescription: "The records, in the API's order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":       computedString("Record ID (null for a number the query computed)."),
					"variable": computedString("Variable name."),
					"value": computedString("The value as text: numbers in their shortest exact form (`21.5`), booleans as `true`/`false`. " +
						"Terraform allows no value of varying type inside a list, so its type is in `value_type`; use `tonumber()` or `tobool()`."),
					"value_type": computedString("`number`, `string` or `boolean`; null when the record has no value."),
					"unit":       computedString("Unit."),
					"group":      computedString("Group."),
					"time":       computedString("Time of the record (ISO-8601, UTC, milliseconds)."),
					"location": schema.SingleNestedAttribute{
						MarkdownDescription: "Location of the record, or null.",
						Computed:            true,
						Attributes: map[string]schema.Attribute{
							"lat": schema.Float64Attribute{MarkdownDescription: "Latitude.", Computed: true},
							"lng": schema.Float64Attribute{MarkdownDescription: "Longitude.", Computed: true},
						},
					},
					"metadata": computedString("Metadata as a JSON object with sorted keys (use `jsondecode()`), or null."),
				}},
			},
		},
	}
}

// dataDate accepts the date forms of the data query (dataplane.IsDateInput).
func dataDate() validator.String {
	return dataDateValidator{`must be ISO-8601, "YYYY-MM-DD HH:mm:ss", "YYYY-MM-DD" or a relative time such as "1 day"`}
}

type dataDateValidator struct{ describedAs }

func (v dataDateValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || dataplane.IsDateInput(req.ConfigValue.ValueString()) {
		return
	}
	addInvalidAttributeError(&resp.Diagnostics, req.Path, "Invalid attribute value",
		fmt.Sprintf("Attribute %s %s, got: %q.", req.Path, v.Description(ctx), req.ConfigValue.ValueString()))
}

func quotedList(items []string) string {
	out := ""
	for i, it := range items {
		if i > 0 {
			out += ", "
		}
		out += "`" + it + "`"
	}
	return out
}

func (d *deviceDataDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	c := clientFrom(req.ProviderData, &resp.Diagnostics)
	if c == nil {
		return
	}
	data, err := dataPlaneFor(c)
	if err != nil {
		addDataPlaneClientError(&resp.Diagnostics, err)
		return
	}
	d.data = data
}

// dataPlaneFor is the public data-plane client on the same API, token, retries, timeout and
// logger as the provider's management client.
func dataPlaneFor(c *client.Client) (*dataplane.Client, error) {
	s := c.Settings()
	retries := s.MaxRetries
	if retries == 0 {
		retries = -1 // the provider's max_retries = 0 means none; dataplane's 0 means its default
	}
	return dataplane.New(dataplane.Config{
		APIURL: s.BaseURL, Token: s.Token, UserAgent: s.UserAgent, MaxRetries: retries,
		RequestTimeout: s.RequestTimeout, Logger: s.Logger,
	})
}

// ValidateConfig applies the query grammar's cross-field rules (dataplane.Query.Validate) at plan
// time: which query needs start_date, interval, function or value.
func (d *deviceDataDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m deviceDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, v := range []attr.Value{m.Query, m.StartDate, m.Interval, m.Function, m.Value} {
		if v.IsUnknown() {
			return // checked again at read time
		}
	}
	q := dataplane.Query{Query: m.Query.ValueString(), StartDate: m.StartDate.ValueString(), Interval: m.Interval.ValueString(),
		Function: m.Function.ValueString(), Value: queryValuePtr(m.Value)}
	if err := q.Validate(); err != nil {
		addInvalidAttributeError(&resp.Diagnostics, path.Root("query"), "Invalid TagoIO data query", err.Error())
	}
}

func (d *deviceDataDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m deviceDataModel
	ctx, cancel, ok := openDataSourceRead(ctx, req.Config, &m, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	q := dataplane.Query{
		Query: m.Query.ValueString(), Qty: int(m.Qty.ValueInt64()), Skip: int(m.Skip.ValueInt64()),
		Ordination: m.Ordination.ValueString(), StartDate: m.StartDate.ValueString(), EndDate: m.EndDate.ValueString(),
		Interval: m.Interval.ValueString(), Function: m.Function.ValueString(), Value: queryValuePtr(m.Value),
	}
	resp.Diagnostics.Append(m.Variables.ElementsAs(ctx, &q.Variables, false)...)
	resp.Diagnostics.Append(m.Groups.ElementsAs(ctx, &q.Groups, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	deviceID := m.DeviceID.ValueString()
	records, err := dataplane.ForDevice(d.data, deviceID).Find(ctx, q)
	if err != nil {
		addReadError(&resp.Diagnostics, deviceDataKind, "of device "+deviceID, err)
		return
	}
	list, diags := recordsFromAPI(records)
	resp.Diagnostics.Append(diags...)
	m.Records = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// recordsFromAPI maps records to the records attribute: "" and absent fields are null; the
// value is text with its type beside it; metadata is normalised JSON.
func recordsFromAPI(records []dataplane.Record) (types.List, diag.Diagnostics) {
	objType := types.ObjectType{AttrTypes: deviceDataRecordAttrTypes}
	items := make([]attr.Value, 0, len(records))
	var diags diag.Diagnostics
	for _, r := range records {
		value, valueType := types.StringNull(), types.StringNull()
		if r.Value != nil {
			value, valueType = types.StringValue(dataplane.ValueString(r.Value)), types.StringValue(dataplane.ValueType(r.Value))
		}
		recordTime := types.StringNull()
		if !r.Time.IsZero() {
			recordTime = types.StringValue(dataplane.FormatTime(r.Time))
		}
		location := types.ObjectNull(locationAttrTypes)
		if r.Location != nil {
			location = types.ObjectValueMust(locationAttrTypes, map[string]attr.Value{
				"lat": types.Float64Value(r.Location.Lat), "lng": types.Float64Value(r.Location.Lng),
			})
		}
		metadata := types.StringNull()
		if len(r.Metadata) > 0 {
			b, err := json.Marshal(r.Metadata) // map keys come out sorted: a stable text
			if err != nil {
				diags.AddError("Unreadable record metadata", fmt.Sprintf("The metadata of record %s cannot be written as JSON: %v", r.ID, err))
				continue
			}
			metadata = types.StringValue(string(b))
		}
		obj, d := types.ObjectValue(deviceDataRecordAttrTypes, map[string]attr.Value{
			"id": stringOrNull(&r.ID), "variable": stringOrNull(&r.Variable), "value": value, "value_type": valueType,
			"unit": stringOrNull(&r.Unit), "group": stringOrNull(&r.Group), "time": recordTime, "location": location, "metadata": metadata,
		})
		diags.Append(d...)
		items = append(items, obj)
	}
	list, d := types.ListValue(objType, items)
	diags.Append(d...)
	return list, diags
}

func queryValuePtr(v types.Float64) *float64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	f := v.ValueFloat64()
	return &f
}

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ datasource.DataSourceWithConfigure        = &bucketDataSource{}
	_ datasource.DataSourceWithConfigValidators = &bucketDataSource{}
)

// What a bucket id turned out to be.
const (
	bucketKindDevice = "device"
	bucketKindLegacy = "legacy"
)

// NewBucketDataSource is the tagoio_bucket data source.
func NewBucketDataSource() datasource.DataSource { return &bucketDataSource{} }

type bucketDataSource struct {
	client *client.Client
}

type bucketDataSourceModel struct {
	bucketFields
	Kind       types.String `tfsdk:"kind"`
	Type       types.String `tfsdk:"type"`
	DataAmount types.Int64  `tfsdk:"data_amount"`
	Variables  types.List   `tfsdk:"variables"`
}

func (d *bucketDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_bucket"
}

func (d *bucketDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a TagoIO data store by `id` or exact `name`: first as a device's own storage (since 2022 a device " +
			"is its own bucket, so the bucket id is the device id), then as a legacy standalone bucket. `kind` says which it was.\n\n" +
			legacyBucketNote,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Bucket ID: a device ID or a legacy bucket ID. Exactly one of `id` and `name` must be set.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Exact name of the device or legacy bucket (`*` is not a wildcard here). It must match exactly one.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"kind": computedString("`device` when the id is a device's storage, `legacy` for a standalone bucket."),
			"type": computedString("Storage type: the device's `mutable`, `immutable`, `hybrid` or `legacy`; a standalone bucket's " +
				"type as TagoIO reports it, `legacy` when it reports none."),
			"description": computedString("Description."),
			"visible":     computedBool("Whether it is visible in the TagoIO admin."),
			"tags":        tagsDataSourceAttribute("bucket"),
			"data_amount": schema.Int64Attribute{MarkdownDescription: "Number of data records stored.", Computed: true},
			"variables": schema.ListAttribute{
				MarkdownDescription: "Variables in use, sorted. Empty, with a warning, when TagoIO does not list them.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"created_at": computedString("Creation time (ISO-8601)."),
			"updated_at": computedString("Last update time (ISO-8601)."),
		},
	}
}

func (d *bucketDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *bucketDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *bucketDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg bucketDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var state *bucketDataSourceModel
	if cfg.ID.IsNull() {
		state = d.readByName(ctx, cfg.Name.ValueString(), resp)
	} else {
		state = d.readByID(ctx, cfg.ID.ValueString(), resp)
	}
	if state != nil && !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	}
}

// readByID looks the id up as a device's storage first, then as a legacy bucket.
func (d *bucketDataSource) readByID(ctx context.Context, id string, resp *datasource.ReadResponse) *bucketDataSourceModel {
	device, err := d.client.Devices.Get(ctx, id)
	if err == nil {
		return d.deviceStorage(ctx, device, resp)
	}
	if !client.IsNotFound(err) || client.IsRouteMissing(err) {
		addReadError(&resp.Diagnostics, deviceKind, id, err)
		return nil
	}
	bucket, err := d.client.Buckets.Get(ctx, id)
	switch {
	case client.IsRouteMissing(err):
		addLegacyBucketsGoneError(&resp.Diagnostics, "no device has id "+id+", and reading it as a legacy bucket failed", err)
		return nil
	case client.IsNotFound(err):
		addLookupError(&resp.Diagnostics, bucketKind, "id", id, 0)
		return nil
	case err != nil:
		addReadError(&resp.Diagnostics, bucketKind, id, err)
		return nil
	}
	return d.legacyBucket(ctx, bucket, resp)
}

// readByName finds exactly one device, or else exactly one legacy bucket, with the name.
func (d *bucketDataSource) readByName(ctx context.Context, name string, resp *datasource.ReadResponse) *bucketDataSourceModel {
	devices, err := d.client.Devices.List(ctx, client.ListOptions{Fields: []string{"id", "name"}, Filter: map[string]string{"name": name}})
	if err != nil {
		addReadError(&resp.Diagnostics, deviceKind+"s named", name, err)
		return nil
	}
	var deviceMatches []client.Device
	for _, dev := range devices {
		if dev.Name == name {
			deviceMatches = append(deviceMatches, dev)
		}
	}
	if len(deviceMatches) > 1 {
		addLookupError(&resp.Diagnostics, bucketKind, "name", name, len(deviceMatches))
		return nil
	}
	if len(deviceMatches) == 1 {
		return d.readByID(ctx, deviceMatches[0].ID, resp)
	}
	buckets, err := d.client.Buckets.List(ctx, client.ListOptions{Fields: []string{"id", "name"}, Filter: map[string]string{"name": name}})
	if err != nil && !client.IsRouteMissing(err) { // without the legacy routes, no legacy bucket has the name
		addReadError(&resp.Diagnostics, bucketKind+"s named", name, err)
		return nil
	}
	match, ok := exactlyOneNamed(buckets, func(b client.Bucket) string { return b.Name }, bucketKind, name, &resp.Diagnostics)
	if !ok {
		return nil
	}
	return d.readByID(ctx, match.ID, resp)
}

// deviceStorage describes a device as the bucket it is: its data amount and the variables in use.
func (d *bucketDataSource) deviceStorage(ctx context.Context, device *client.Device, resp *datasource.ReadResponse) *bucketDataSourceModel {
	amount, err := d.client.Devices.DataAmount(ctx, device.ID)
	if err != nil {
		addReadError(&resp.Diagnostics, deviceKind+" data amount", device.ID, err)
		return nil
	}
	m := &bucketDataSourceModel{
		bucketFields: bucketFields{
			ID: types.StringValue(device.ID), Name: types.StringValue(device.Name), Description: stringOrNull(device.Description),
			Visible: types.BoolValue(device.Visible), Tags: tagsFromAPI(device.Tags),
			CreatedAt: stringOrNull(&device.CreatedAt), UpdatedAt: stringOrNull(&device.UpdatedAt),
		},
		Kind:       types.StringValue(bucketKindDevice),
		Type:       types.StringValue(device.Type),
		DataAmount: types.Int64Value(amount),
	}
	m.Variables = d.variables(ctx, deviceKind, device.ID, resp)
	return m
}

func (d *bucketDataSource) legacyBucket(ctx context.Context, bucket *client.Bucket, resp *datasource.ReadResponse) *bucketDataSourceModel {
	m := &bucketDataSourceModel{Kind: types.StringValue(bucketKindLegacy), Type: types.StringValue(bucketKindLegacy)}
	m.fromAPI(bucket)
	if bucket.Type != "" {
		m.Type = types.StringValue(bucket.Type)
	}
	m.DataAmount = types.Int64Null()
	if amount, err := d.client.Buckets.DataAmount(ctx, bucket.ID); err != nil {
		addPartialReadWarning(&resp.Diagnostics, bucketKind, bucket.ID, "data amount", err)
	} else {
		m.DataAmount = types.Int64Value(amount)
	}
	m.Variables = d.variables(ctx, bucketKind, bucket.ID, resp)
	return m
}

// variables lists the variables in use; when TagoIO does not answer, the list is left empty
// with a warning rather than failing the whole read.
func (d *bucketDataSource) variables(ctx context.Context, kind, id string, resp *datasource.ReadResponse) types.List {
	names, err := d.client.Buckets.Variables(ctx, id)
	if err != nil {
		addPartialReadWarning(&resp.Diagnostics, kind, id, "variables", err)
		names = nil
	}
	values := make([]types.String, 0, len(names))
	for _, n := range names {
		values = append(values, types.StringValue(n))
	}
	list, diags := types.ListValueFrom(ctx, types.StringType, values)
	resp.Diagnostics.Append(diags...)
	return list
}

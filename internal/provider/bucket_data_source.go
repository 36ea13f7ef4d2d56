package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// What a bucket id turned out to be.
const (
	bucketKindDevice = "device"
	bucketKindLegacy = "legacy"
)

// NewBucketDataSource is the tagoio_bucket data source.
func NewBucketDataSource() datasource.DataSource {
	return &singleDataSource[bucketDataSourceModel]{typeName: "bucket", schema: bucketDataSourceSchema, oneOf: []string{"id", "name"}, read: readBucket}
}

func bucketDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads a TagoIO data store by `id` or exact `name`: first as a device's own storage (since 2022 a device " +
			"is its own bucket, so the bucket id is the device id), then as a legacy standalone bucket. `kind` says which it was.\n\n" +
			legacyBucketNote,
		Attributes: map[string]schema.Attribute{
			"id": lookupIDAttribute("Bucket ID: a device ID or a legacy bucket ID. Exactly one of `id` and `name` must be set."),
			"name": lookupValueAttribute("Exact name of the device or legacy bucket (`*` is not a wildcard here). It must match exactly one.",
				stringvalidator.LengthAtLeast(1)),
			"kind": computedString("`device` when the id is a device's storage, `legacy` for a standalone bucket."),
			"type": computedString("Storage type: the device's `mutable`, `immutable`, `hybrid` or `legacy`; a standalone bucket's " +
				"type as TagoIO reports it, `legacy` when it reports none."),
			"description": computedString("Description."),
			"visible":     computedBool("Whether it is visible in the TagoIO admin."),
			"tags":        tagsDataSourceAttribute("bucket"),
			"data_amount": computedInt64("Number of data records stored."),
			"variables":   computedStrings("Variables in use, sorted. Empty, with a warning, when TagoIO does not list them."),
			"created_at":  computedString("Creation time (ISO-8601)."),
			"updated_at":  computedString("Last update time (ISO-8601)."),
		},
	}
}

func readBucket(ctx context.Context, c *client.Client, cfg *bucketDataSourceModel, diags *diag.Diagnostics) *bucketDataSourceModel {
	r := bucketReader{client: c, diags: diags}
	var state *bucketDataSourceModel
	if cfg.ID.IsNull() {
		state = r.readByName(ctx, cfg.Name.ValueString())
	} else {
		state = r.readByID(ctx, cfg.ID.ValueString())
	}
	if diags.HasError() {
		return nil
	}
	return state
}

type bucketDataSourceModel struct {
	bucketFields
	Kind       types.String `tfsdk:"kind"`
	Type       types.String `tfsdk:"type"`
	DataAmount types.Int64  `tfsdk:"data_amount"`
	Variables  types.List   `tfsdk:"variables"`
}

// bucketReader reads one data store for the data source, into its diagnostics.
type bucketReader struct {
	client *client.Client
	diags  *diag.Diagnostics
}

// readByID looks the id up as a device's storage first, then as a legacy bucket.
func (r bucketReader) readByID(ctx context.Context, id string) *bucketDataSourceModel {
	device, err := r.client.Devices.Get(ctx, id)
	if err == nil {
		return r.deviceStorage(ctx, device)
	}
	if !client.IsNotFound(err) || client.IsRouteMissing(err) {
		addReadError(r.diags, deviceKind, id, err)
		return nil
	}
	bucket, err := r.client.Buckets.Get(ctx, id)
	switch {
	case client.IsRouteMissing(err):
		addLegacyBucketsGoneError(r.diags, "no device has id "+id+", and reading it as a legacy bucket failed", err)
		return nil
	case client.IsNotFound(err):
		addLookupError(r.diags, bucketKind, "id", id, 0)
		return nil
	case err != nil:
		addReadError(r.diags, bucketKind, id, err)
		return nil
	}
	return r.legacyBucket(ctx, bucket)
}

// readByName finds exactly one device, or else exactly one legacy bucket, with the name.
func (r bucketReader) readByName(ctx context.Context, name string) *bucketDataSourceModel {
	devices, err := r.client.Devices.List(ctx, client.ListOptions{Fields: []string{"id", "name"}, Filter: map[string]string{"name": name}})
	if err != nil {
		addReadError(r.diags, deviceKind+"s named", name, err)
		return nil
	}
	var deviceMatches []client.Device
	for _, dev := range devices {
		if dev.Name == name {
			deviceMatches = append(deviceMatches, dev)
		}
	}
	if len(deviceMatches) > 1 {
		addLookupError(r.diags, bucketKind, "name", name, len(deviceMatches))
		return nil
	}
	if len(deviceMatches) == 1 {
		return r.readByID(ctx, deviceMatches[0].ID)
	}
	buckets, err := r.client.Buckets.List(ctx, client.ListOptions{Fields: []string{"id", "name"}, Filter: map[string]string{"name": name}})
	if err != nil && !client.IsRouteMissing(err) { // without the legacy routes, no legacy bucket has the name
		addReadError(r.diags, bucketKind+"s named", name, err)
		return nil
	}
	match, ok := exactlyOneNamed(buckets, func(b client.Bucket) string { return b.Name }, bucketKind, name, r.diags)
	if !ok {
		return nil
	}
	return r.readByID(ctx, match.ID)
}

// deviceStorage describes a device as the bucket it is: its data amount and the variables in use.
func (r bucketReader) deviceStorage(ctx context.Context, device *client.Device) *bucketDataSourceModel {
	amount, err := r.client.Devices.DataAmount(ctx, device.ID)
	if err != nil {
		addReadError(r.diags, deviceKind+" data amount", device.ID, err)
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
	m.Variables = r.variables(ctx, deviceKind, device.ID)
	return m
}

func (r bucketReader) legacyBucket(ctx context.Context, bucket *client.Bucket) *bucketDataSourceModel {
	m := &bucketDataSourceModel{Kind: types.StringValue(bucketKindLegacy), Type: types.StringValue(bucketKindLegacy)}
	m.fromAPI(bucket)
	if bucket.Type != "" {
		m.Type = types.StringValue(bucket.Type)
	}
	m.DataAmount = types.Int64Null()
	if amount, err := r.client.Buckets.DataAmount(ctx, bucket.ID); err != nil {
		addPartialReadWarning(r.diags, bucketKind, bucket.ID, "data amount", err)
	} else {
		m.DataAmount = types.Int64Value(amount)
	}
	m.Variables = r.variables(ctx, bucketKind, bucket.ID)
	return m
}

// variables lists the variables in use; when TagoIO does not answer, the list is left empty
// with a warning rather than failing the whole read.
func (r bucketReader) variables(ctx context.Context, kind, id string) types.List {
	names, err := r.client.Buckets.Variables(ctx, id)
	if err != nil {
		addPartialReadWarning(r.diags, kind, id, "variables", err)
		names = nil
	}
	values := make([]types.String, 0, len(names))
	for _, n := range names {
		values = append(values, types.StringValue(n))
	}
	list, diags := types.ListValueFrom(ctx, types.StringType, values)
	r.diags.Append(diags...)
	return list
}

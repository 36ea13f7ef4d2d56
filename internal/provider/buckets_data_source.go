package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewBucketsDataSource is the tagoio_buckets data source.
func NewBucketsDataSource() datasource.DataSource {
	return &listDataSource[bucketsDataSourceModel, client.Bucket, bucketFields]{
		typeName: "buckets", kind: bucketKind, schema: bucketsSchema,
		filters: func(ctx context.Context, cfg *bucketsDataSourceModel) (client.ListOptions, diag.Diagnostics) {
			return listFilters(ctx, cfg.Tags, map[string]types.String{"name": cfg.Name, "visible": boolFilter(cfg.Visible)})
		},
		list: func(ctx context.Context, c *client.Client, _ *bucketsDataSourceModel, opts client.ListOptions) ([]client.Bucket, error) {
			return c.Buckets.List(ctx, opts)
		},
		item: func(b *client.Bucket) bucketFields {
			var item bucketFields
			item.fromAPI(b)
			return item
		},
		store: func(cfg *bucketsDataSourceModel, items []bucketFields) {
			cfg.IDs, cfg.Buckets = idsOf(items, func(i *bucketFields) types.String { return i.ID }), items
		},
		listError: func(diags *diag.Diagnostics, err error) {
			bucketError(diags, "listing buckets", err, func() { addReadError(diags, bucketKind+" list", "", err) })
		},
	}
}

type bucketsDataSourceModel struct {
	Name    types.String   `tfsdk:"name"`
	Visible types.Bool     `tfsdk:"visible"`
	Tags    types.List     `tfsdk:"tags"`
	IDs     []types.String `tfsdk:"ids"`
	Buckets []bucketFields `tfsdk:"buckets"`
}

func bucketsSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists legacy standalone TagoIO buckets (`GET /bucket`), optionally filtered by name, visibility and tags. " +
			"Every page is read. Devices, which are their own storage since 2022, are listed by `tagoio_devices`.\n\n" + legacyBucketNote,
		Attributes: map[string]schema.Attribute{
			"name":    nameFilterAttribute("Name filter; `*` is a wildcard (`Plant*` matches every name starting with `Plant`)."),
			"visible": schema.BoolAttribute{MarkdownDescription: "Only visible (`true`) or hidden (`false`) buckets.", Optional: true},
			"tags":    tagFiltersAttribute("buckets"),
			"ids":     idsAttribute("IDs of the matching buckets, ordered by name."),
			"buckets": itemsAttribute("The matching buckets, ordered by name.", map[string]schema.Attribute{
				"id":          computedString("Bucket ID."),
				"name":        computedString("Bucket name."),
				"description": computedString("Description."),
				"visible":     computedBool("Whether the bucket is visible."),
				"tags":        tagsDataSourceAttribute("bucket"),
				"created_at":  computedString("Creation time (ISO-8601)."),
				"updated_at":  computedString("Last update time (ISO-8601)."),
			}),
		},
	}
}

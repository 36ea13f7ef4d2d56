package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewBucketsDataSource is the tagoio_buckets data source.
func NewBucketsDataSource() datasource.DataSource {
	return newListDataSource[bucketsDataSourceModel]("buckets", bucketKind, bucketsSchema, itemFromAPI[client.Bucket, bucketFields])
}

func bucketsSchema() schema.Schema {
	return filteredListSchema(
		"Lists legacy standalone TagoIO buckets (`GET /bucket`), optionally filtered by name, visibility and tags. "+
			"Every page is read. Devices, which are their own storage since 2022, are listed by `tagoio_devices`.\n\n"+legacyBucketNote,
		"buckets", "ordered by name",
		map[string]schema.Attribute{ // filters
			"name":    nameFilterAttribute("Name filter; `*` is a wildcard (`Plant*` matches every name starting with `Plant`)."),
			"visible": boolFilterAttribute("Only visible (`true`) or hidden (`false`) buckets."),
		},
		map[string]schema.Attribute{ // each item
			"id":          computedString("Bucket ID."),
			"name":        computedString("Bucket name."),
			"description": computedString("Description."),
			"visible":     computedBool("Whether the bucket is visible."),
			"tags":        tagsDataSourceAttribute("bucket"),
			"created_at":  computedString("Creation time (ISO-8601)."),
			"updated_at":  computedString("Last update time (ISO-8601)."),
		},
	)
}

type bucketsDataSourceModel struct {
	Name    types.String   `tfsdk:"name"`
	Visible types.Bool     `tfsdk:"visible"`
	Tags    types.List     `tfsdk:"tags"`
	IDs     []types.String `tfsdk:"ids"`
	Buckets []bucketFields `tfsdk:"buckets"`
}

func (m *bucketsDataSourceModel) listFilters() listFilter {
	return listFilter{m.Tags, map[string]types.String{"name": m.Name, "visible": boolFilter(m.Visible)}}
}

func (*bucketsDataSourceModel) list(c *client.Client) listCall[client.Bucket] { return c.Buckets.List }

func (m *bucketsDataSourceModel) setItems(items []bucketFields) {
	m.IDs, m.Buckets = idsOf(items, func(i *bucketFields) types.String { return i.ID }), items
}

func (*bucketsDataSourceModel) listError(diags *diag.Diagnostics, err error) {
	bucketError(diags, "listing buckets", err, func() { addReadError(diags, bucketKind+" list", "", err) })
}

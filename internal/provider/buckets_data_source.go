package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

var _ datasource.DataSourceWithConfigure = &bucketsDataSource{}

// NewBucketsDataSource is the tagoio_buckets data source.
func NewBucketsDataSource() datasource.DataSource { return &bucketsDataSource{} }

type bucketsDataSource struct {
	client *client.Client
}

type bucketsDataSourceModel struct {
	Name    types.String   `tfsdk:"name"`
	Visible types.Bool     `tfsdk:"visible"`
	Tags    types.List     `tfsdk:"tags"`
	IDs     []types.String `tfsdk:"ids"`
	Buckets []bucketFields `tfsdk:"buckets"`
}

func (d *bucketsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_buckets"
}

func (d *bucketsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists legacy standalone TagoIO buckets (`GET /bucket`), optionally filtered by name, visibility and tags. " +
			"Every page is read. Devices, which are their own storage since 2022, are listed by `tagoio_devices`.\n\n" + legacyBucketNote,
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "Name filter; `*` is a wildcard (`Plant*` matches every name starting with `Plant`).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"visible": schema.BoolAttribute{MarkdownDescription: "Only visible (`true`) or hidden (`false`) buckets.", Optional: true},
			"tags": schema.ListNestedAttribute{
				MarkdownDescription: "Only buckets having every one of these tags; leave `value` out to match any value of the key.",
				Optional:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"key":   schema.StringAttribute{MarkdownDescription: "Tag key.", Required: true},
					"value": schema.StringAttribute{MarkdownDescription: "Tag value (optional).", Optional: true},
				}},
			},
			"ids": schema.ListAttribute{MarkdownDescription: "IDs of the matching buckets, ordered by name.", Computed: true, ElementType: types.StringType},
			"buckets": schema.ListNestedAttribute{
				MarkdownDescription: "The matching buckets, ordered by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":          computed("Bucket ID."),
					"name":        computed("Bucket name."),
					"description": computed("Description."),
					"visible":     schema.BoolAttribute{MarkdownDescription: "Whether the bucket is visible.", Computed: true},
					"tags":        tagsDataSourceAttribute("bucket"),
					"created_at":  computed("Creation time (ISO-8601)."),
					"updated_at":  computed("Last update time (ISO-8601)."),
				}},
			},
		},
	}
}

func (d *bucketsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *bucketsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg bucketsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	opts := client.ListOptions{Filter: map[string]string{}}
	if !cfg.Name.IsNull() {
		opts.Filter["name"] = cfg.Name.ValueString()
	}
	if !cfg.Visible.IsNull() {
		opts.Filter["visible"] = strconv.FormatBool(cfg.Visible.ValueBool())
	}
	tags, diags := tagFiltersToAPI(ctx, cfg.Tags)
	resp.Diagnostics.Append(diags...)
	opts.Tags = tags
	buckets, err := d.client.Buckets.List(ctx, opts)
	if err != nil {
		bucketError(&resp.Diagnostics, "listing buckets", err, func() { addReadError(&resp.Diagnostics, bucketKind+" list", "", err) })
		return
	}
	cfg.IDs = make([]types.String, 0, len(buckets))
	cfg.Buckets = make([]bucketFields, 0, len(buckets))
	for i := range buckets {
		var item bucketFields
		item.fromAPI(&buckets[i])
		cfg.IDs = append(cfg.IDs, item.ID)
		cfg.Buckets = append(cfg.Buckets, item)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

var _ datasource.DataSourceWithConfigure = &analysesDataSource{}

// NewAnalysesDataSource is the tagoio_analyses data source.
func NewAnalysesDataSource() datasource.DataSource { return &analysesDataSource{} }

type analysesDataSource struct {
	client *client.Client
}

type analysesDataSourceModel struct {
	Name     types.String          `tfsdk:"name"`
	RunOn    types.String          `tfsdk:"run_on"`
	Runtime  types.String          `tfsdk:"runtime"`
	Tags     types.List            `tfsdk:"tags"`
	IDs      []types.String        `tfsdk:"ids"`
	Analyses []analysisSummaryItem `tfsdk:"analyses"`
}

type analysisSummaryItem struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	Active    types.Bool   `tfsdk:"active"`
	RunOn     types.String `tfsdk:"run_on"`
	Runtime   types.String `tfsdk:"runtime"`
	Tags      types.List   `tfsdk:"tags"`
	LastRun   types.String `tfsdk:"last_run"`
	CreatedAt types.String `tfsdk:"created_at"`
}

func (d *analysesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_analyses"
}

func (d *analysesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists TagoIO analyses, optionally filtered by name, run_on, runtime and tags (the API's list filters). " +
			"Every page is read. Tokens are not listed: read one with the `tagoio_analysis` data source.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "Name filter; `*` is a wildcard (`Report*` matches every name starting with `Report`).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"run_on": schema.StringAttribute{
				MarkdownDescription: "Only analyses that run on `tago` or `external`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(analysisRunOn...)},
			},
			"runtime": schema.StringAttribute{
				MarkdownDescription: "Only analyses of this runtime (e.g. `node-rt2025`).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(analysisRuntimes...)},
			},
			"tags": schema.ListNestedAttribute{
				MarkdownDescription: "Only analyses having every one of these tags; leave `value` out to match any value of the key.",
				Optional:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"key":   schema.StringAttribute{MarkdownDescription: "Tag key.", Required: true},
					"value": schema.StringAttribute{MarkdownDescription: "Tag value (optional).", Optional: true},
				}},
			},
			"ids": schema.ListAttribute{MarkdownDescription: "IDs of the matching analyses, ordered by name.", Computed: true, ElementType: types.StringType},
			"analyses": schema.ListNestedAttribute{
				MarkdownDescription: "The matching analyses, ordered by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":         computed("Analysis ID."),
					"name":       computed("Analysis name."),
					"active":     schema.BoolAttribute{MarkdownDescription: "Whether the analysis runs.", Computed: true},
					"run_on":     computed("Where the analysis runs: `tago` or `external`."),
					"runtime":    computed("The script runtime."),
					"tags":       tagsDataSourceAttribute("analysis"),
					"last_run":   computed("When the analysis last ran (ISO-8601); null if never."),
					"created_at": computed("Creation time (ISO-8601)."),
				}},
			},
		},
	}
}

func (d *analysesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *analysesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg analysesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	opts := client.ListOptions{Filter: map[string]string{}}
	for key, v := range map[string]types.String{"name": cfg.Name, "run_on": cfg.RunOn, "runtime": cfg.Runtime} {
		if !v.IsNull() {
			opts.Filter[key] = v.ValueString()
		}
	}
	tags, diags := tagFiltersToAPI(ctx, cfg.Tags)
	resp.Diagnostics.Append(diags...)
	opts.Tags = tags
	analyses, err := d.client.Analyses.List(ctx, opts)
	if err != nil {
		addReadError(&resp.Diagnostics, analysisKind+" list", "", err)
		return
	}
	cfg.IDs = make([]types.String, 0, len(analyses))
	cfg.Analyses = make([]analysisSummaryItem, 0, len(analyses))
	for _, a := range analyses {
		cfg.IDs = append(cfg.IDs, types.StringValue(a.ID))
		cfg.Analyses = append(cfg.Analyses, analysisSummaryItem{
			ID: types.StringValue(a.ID), Name: types.StringValue(a.Name), Active: types.BoolValue(a.Active),
			RunOn: types.StringValue(a.RunOn), Runtime: stringOrNull(a.Runtime), Tags: tagsFromAPI(a.Tags),
			LastRun: stringOrNull(a.LastRun), CreatedAt: types.StringValue(a.CreatedAt),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

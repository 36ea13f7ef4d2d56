package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewAnalysesDataSource is the tagoio_analyses data source.
func NewAnalysesDataSource() datasource.DataSource {
	return &listDataSource[analysesDataSourceModel, client.Analysis, analysisSummaryItem]{
		typeName: "analyses", kind: analysisKind, schema: analysesSchema,
		filters: func(ctx context.Context, cfg *analysesDataSourceModel) (client.ListOptions, diag.Diagnostics) {
			return listFilters(ctx, cfg.Tags, map[string]types.String{"name": cfg.Name, "run_on": cfg.RunOn, "runtime": cfg.Runtime})
		},
		list: func(ctx context.Context, c *client.Client, _ *analysesDataSourceModel, opts client.ListOptions) ([]client.Analysis, error) {
			return c.Analyses.List(ctx, opts)
		},
		item: func(a *client.Analysis) analysisSummaryItem {
			return analysisSummaryItem{
				ID: types.StringValue(a.ID), Name: types.StringValue(a.Name), Active: types.BoolValue(a.Active),
				RunOn: types.StringValue(a.RunOn), Runtime: stringOrNull(a.Runtime), Tags: tagsFromAPI(a.Tags),
				LastRun: stringOrNull(a.LastRun), CreatedAt: types.StringValue(a.CreatedAt),
			}
		},
		store: func(cfg *analysesDataSourceModel, items []analysisSummaryItem) {
			cfg.IDs, cfg.Analyses = idsOf(items, func(i *analysisSummaryItem) types.String { return i.ID }), items
		},
	}
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

func analysesSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists TagoIO analyses, optionally filtered by name, run_on, runtime and tags (the API's list filters). " +
			"Every page is read. Tokens are not listed: read one with the `tagoio_analysis` data source.",
		Attributes: map[string]schema.Attribute{
			"name": nameFilterAttribute("Name filter; `*` is a wildcard (`Report*` matches every name starting with `Report`)."),
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
			"tags": tagFiltersAttribute("analyses"),
			"ids":  idsAttribute("IDs of the matching analyses, ordered by name."),
			"analyses": itemsAttribute("The matching analyses, ordered by name.", map[string]schema.Attribute{
				"id":         computedString("Analysis ID."),
				"name":       computedString("Analysis name."),
				"active":     computedBool("Whether the analysis runs."),
				"run_on":     computedString("Where the analysis runs: `tago` or `external`."),
				"runtime":    computedString("The script runtime."),
				"tags":       tagsDataSourceAttribute("analysis"),
				"last_run":   computedString("When the analysis last ran (ISO-8601); null if never."),
				"created_at": computedString("Creation time (ISO-8601)."),
			}),
		},
	}
}

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewAnalysisDataSource is the tagoio_analysis data source.
func NewAnalysisDataSource() datasource.DataSource {
	return &singleDataSource[analysisDataSourceModel]{typeName: "analysis", schema: analysisDataSourceSchema, oneOf: []string{"id", "name"}, read: readAnalysis}
}

func analysisDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one TagoIO analysis, by `id` or by exact `name`, with its token (sensitive). The script itself is not read.",
		Attributes: map[string]schema.Attribute{
			"id":          lookupIDAttribute("Analysis ID. Exactly one of `id` and `name` must be set."),
			"name":        lookupValueAttribute("Exact analysis name (`*` is not a wildcard here). It must match exactly one analysis."),
			"description": computedString("Description."),
			"active":      computedBool("Whether the analysis runs."),
			"run_on":      computedString("Where the analysis runs: `tago` or `external`."),
			"runtime":     computedString("The script runtime."),
			"interval":    computedString("How often TagoIO runs the analysis; null when it runs only when triggered."),
			"environment": schema.MapAttribute{
				MarkdownDescription: "Environment variables (sensitive).",
				Computed:            true,
				Sensitive:           true,
				ElementType:         types.StringType,
			},
			"tags":       tagsDataSourceAttribute("analysis"),
			"token":      schema.StringAttribute{MarkdownDescription: "The analysis token (sensitive).", Computed: true, Sensitive: true},
			"version":    computedString("The script version in use; null when no script was uploaded."),
			"last_run":   computedString("When the analysis last ran (ISO-8601); null if never."),
			"created_at": computedString("Creation time (ISO-8601)."),
			"updated_at": computedString("Last update time (ISO-8601)."),
		},
	}
}

func readAnalysis(ctx context.Context, c *client.Client, cfg *analysisDataSourceModel, diags *diag.Diagnostics) *analysisDataSourceModel {
	analysis := objectToRead(ctx, cfg.ID, cfg.Name, analysisKind, byName(func(a client.Analysis) (string, string) { return a.ID, a.Name }),
		c.Analyses.List, c.Analyses.Get, diags)
	if analysis == nil {
		return nil
	}
	state := analysisDataSourceModel{LastRun: stringOrNull(analysis.LastRun)}
	state.fromAPI(analysis)
	return &state
}

type analysisDataSourceModel struct {
	analysisFields
	LastRun types.String `tfsdk:"last_run"`
}

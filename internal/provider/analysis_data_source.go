package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ datasource.DataSourceWithConfigure        = &analysisDataSource{}
	_ datasource.DataSourceWithConfigValidators = &analysisDataSource{}
)

// NewAnalysisDataSource is the tagoio_analysis data source.
func NewAnalysisDataSource() datasource.DataSource { return &analysisDataSource{} }

type analysisDataSource struct {
	client *client.Client
}

type analysisDataSourceModel struct {
	analysisFields
	LastRun types.String `tfsdk:"last_run"`
}

func (d *analysisDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_analysis"
}

func (d *analysisDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one TagoIO analysis, by `id` or by exact `name`, with its token (sensitive). The script itself is not read.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Analysis ID. Exactly one of `id` and `name` must be set.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Exact analysis name (`*` is not a wildcard here). It must match exactly one analysis.",
				Optional:            true,
				Computed:            true,
			},
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

func (d *analysisDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *analysisDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *analysisDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg analysisDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, ok := idToRead(ctx, cfg.ID, cfg.Name, analysisKind, byName(func(a client.Analysis) (string, string) { return a.ID, a.Name }),
		d.client.Analyses.List, &resp.Diagnostics)
	if !ok {
		return
	}
	analysis, err := d.client.Analyses.Get(ctx, id)
	if err != nil {
		addReadError(&resp.Diagnostics, analysisKind, id, err)
		return
	}
	var state analysisDataSourceModel
	state.fromAPI(analysis)
	state.LastRun = stringOrNull(analysis.LastRun)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

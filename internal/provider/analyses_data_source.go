package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewAnalysesDataSource is the tagoio_analyses data source.
func NewAnalysesDataSource() datasource.DataSource {
	return newListDataSource[analysesDataSourceModel]("analyses", analysisKind, analysesSchema, analysisSummary)
}

func analysesSchema() schema.Schema {
	return filteredListSchema(
		"Lists TagoIO analyses, optionally filtered by name, run_on, runtime and tags (the API's list filters). "+
			"Every page is read. Tokens are not listed: read one with the `tagoio_analysis` data source.",
		"analyses", "ordered by name",
		map[string]schema.Attribute{ // filters
			"name":    nameFilterAttribute("Name filter; `*` is a wildcard (`Report*` matches every name starting with `Report`)."),
			"run_on":  oneOfFilterAttribute("Only analyses that run on `tago` or `external`.", analysisRunOn...),
			"runtime": oneOfFilterAttribute("Only analyses of this runtime (e.g. `node-rt2025`).", analysisRuntimes...),
		},
		map[string]schema.Attribute{ // each item
			"id":         computedString("Analysis ID."),
			"name":       computedString("Analysis name."),
			"active":     computedBool("Whether the analysis runs."),
			"run_on":     computedString("Where the analysis runs: `tago` or `external`."),
			"runtime":    computedString("The script runtime."),
			"tags":       tagsDataSourceAttribute("analysis"),
			"last_run":   computedString("When the analysis last ran (ISO-8601); null if never."),
			"created_at": computedString("Creation time (ISO-8601)."),
		},
	)
}

// analysisSummary is one listed analysis in the state.
func analysisSummary(a *client.Analysis) analysisSummaryItem {
	return analysisSummaryItem{
		ID: types.StringValue(a.ID), Name: types.StringValue(a.Name), Active: types.BoolValue(a.Active),
		RunOn: types.StringValue(a.RunOn), Runtime: stringOrNull(a.Runtime), Tags: tagsFromAPI(a.Tags),
		LastRun: stringOrNull(a.LastRun), CreatedAt: types.StringValue(a.CreatedAt),
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

func (m *analysesDataSourceModel) listFilters() listFilter {
	return listFilter{m.Tags, map[string]types.String{"name": m.Name, "run_on": m.RunOn, "runtime": m.Runtime}}
}

func (*analysesDataSourceModel) list(c *client.Client) listCall[client.Analysis] {
	return c.Analyses.List
}

func (m *analysesDataSourceModel) setItems(items []analysisSummaryItem) {
	m.IDs, m.Analyses = idsOf(items, func(i *analysisSummaryItem) types.String { return i.ID }), items
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

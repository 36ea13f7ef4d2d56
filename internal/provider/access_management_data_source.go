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
	_ datasource.DataSourceWithConfigure        = &accessManagementDataSource{}
	_ datasource.DataSourceWithConfigValidators = &accessManagementDataSource{}
)

// NewAccessManagementDataSource is the tagoio_access_management data source.
func NewAccessManagementDataSource() datasource.DataSource { return &accessManagementDataSource{} }

type accessManagementDataSource struct {
	client *client.Client
}

func (d *accessManagementDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_access_management"
}

func (d *accessManagementDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Access Management policy, with its targets and permissions, by `id` or by exact `name`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Policy ID. Exactly one of `id` and `name` must be set.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Exact policy name (`*` is not a wildcard here). It must match exactly one policy.",
				Optional:            true,
				Computed:            true,
			},
			"active":  computedBool("Whether the policy applies."),
			"tags":    tagsDataSourceAttribute("policy"),
			"targets": schema.ListAttribute{MarkdownDescription: "Who the policy applies to (string tuples).", Computed: true, ElementType: accessTargetType},
			"permissions": schema.SetNestedAttribute{
				MarkdownDescription: "The rules.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"effect":   computedString("`allow` or `deny`."),
					"action":   schema.SetAttribute{MarkdownDescription: "Actions on the resource.", Computed: true, ElementType: types.StringType},
					"resource": schema.ListAttribute{MarkdownDescription: "The resource tuple.", Computed: true, ElementType: types.StringType},
				}},
			},
			"created_at": computedString("Creation time (ISO-8601)."),
		},
	}
}

func (d *accessManagementDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *accessManagementDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *accessManagementDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg accessPolicyFields
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, ok := idToRead(ctx, cfg.ID, cfg.Name, accessPolicyKind, byName(func(p client.AccessPolicy) (string, string) { return p.ID, p.Name }),
		d.client.AccessManagement.List, &resp.Diagnostics)
	if !ok {
		return
	}
	policy, err := d.client.AccessManagement.Get(ctx, id)
	if err != nil {
		addReadError(&resp.Diagnostics, accessPolicyKind, id, err)
		return
	}
	var state accessPolicyFields
	state.fromAPI(policy)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

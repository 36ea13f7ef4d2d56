package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewAccessManagementDataSource is the tagoio_access_management data source.
func NewAccessManagementDataSource() datasource.DataSource {
	return &singleDataSource[accessPolicyFields]{typeName: "access_management", schema: accessManagementDataSourceSchema, oneOf: []string{"id", "name"}, read: readAccessManagement}
}

func accessManagementDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one Access Management policy, with its targets and permissions, by `id` or by exact `name`.",
		Attributes: map[string]schema.Attribute{
			"id":      lookupIDAttribute("Policy ID. Exactly one of `id` and `name` must be set."),
			"name":    lookupValueAttribute("Exact policy name (`*` is not a wildcard here). It must match exactly one policy."),
			"active":  computedBool("Whether the policy applies."),
			"tags":    tagsDataSourceAttribute("policy"),
			"targets": schema.ListAttribute{MarkdownDescription: "Who the policy applies to (string tuples).", Computed: true, ElementType: accessTargetType},
			"permissions": schema.SetNestedAttribute{
				MarkdownDescription: "The rules.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"effect":   computedString("`allow` or `deny`."),
					"action":   schema.SetAttribute{MarkdownDescription: "Actions on the resource.", Computed: true, ElementType: types.StringType},
					"resource": computedStrings("The resource tuple."),
				}},
			},
			"created_at": computedString("Creation time (ISO-8601)."),
		},
	}
}

func readAccessManagement(ctx context.Context, c *client.Client, cfg *accessPolicyFields, diags *diag.Diagnostics) *accessPolicyFields {
	policy := objectToRead(ctx, cfg.ID, cfg.Name, accessPolicyKind,
		byName(func(p client.AccessPolicy) (string, string) { return p.ID, p.Name }), c.AccessManagement.List, c.AccessManagement.Get, diags)
	if policy == nil {
		return nil
	}
	var state accessPolicyFields
	state.fromAPI(policy)
	return &state
}

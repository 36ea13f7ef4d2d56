package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
)

// The schema parts every resource repeats: its computed id, its creation and update times and
// its timeouts block. Each resource still lists them by name in its own Schema.

// idAttribute is a resource's computed id, kept across plans once known.
func idAttribute(description string) schema.StringAttribute {
	return keptComputedString(description)
}

// keptComputedString is a string the API sets once and never changes (an id, a creation time, an
// owner): computed, and kept from the state in every later plan.
func keptComputedString(description string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: description,
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// createdAtAttribute is the creation time the API returns; it never changes once known.
func createdAtAttribute() schema.StringAttribute {
	return keptComputedString("Creation time (ISO-8601).")
}

// updatedAtAttribute is the last update time the API returns: unknown in every plan that
// changes the object.
func updatedAtAttribute() schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: "Last update time (ISO-8601).", Computed: true}
}

// timeoutsBlocks is a resource's Blocks: the timeouts block (create, read, update, delete) that
// withTimeout and withReadTimeout apply.
func timeoutsBlocks(ctx context.Context) map[string]schema.Block {
	return map[string]schema.Block{
		"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
	}
}

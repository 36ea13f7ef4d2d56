package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// defaultOperationTimeout bounds a create, update or delete, retries included, when the
// resource's timeouts block does not say otherwise.
const defaultOperationTimeout = 20 * time.Minute

// withTimeout applies one field of a timeouts block (e.g. plan.Timeouts.Create) to ctx, so that
// no retry or rate-limit wait outlives it.
func withTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics)) (context.Context, context.CancelFunc, diag.Diagnostics) {
	d, diags := get(ctx, defaultOperationTimeout)
	ctx, cancel := context.WithTimeout(ctx, d)
	return ctx, cancel, diags
}

// timeoutsAttrTypes is the object type of a timeouts block with create, update and delete, for
// building a state from scratch (import).
var timeoutsAttrTypes = map[string]attr.Type{
	"create": types.StringType, "update": types.StringType, "delete": types.StringType,
}

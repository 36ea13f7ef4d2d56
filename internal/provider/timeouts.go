package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// defaultOperationTimeout bounds a create, update or delete, retries included, when the
// resource's timeouts block does not say otherwise.
const defaultOperationTimeout = 20 * time.Minute

// defaultReadTimeout bounds a refresh of one resource (and a data source's read, and a plan-time
// call), retries and rate-limit waits included, when the timeouts block does not say otherwise:
// long enough to wait out a few rate-limit windows (a minute each on TagoIO), short enough that
// a plan against an API that keeps refusing ends with an error instead of hanging.
const defaultReadTimeout = 5 * time.Minute

// openDataSourceRead bounds a data source's Read by defaultReadTimeout (data sources are read at
// plan time: never unbounded) and reads its configuration into cfg. When it returns false the
// diagnostics hold the error and there is nothing to cancel.
func openDataSourceRead(ctx context.Context, config tfsdk.Config, cfg any, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout)
	diags.Append(config.Get(ctx, cfg)...)
	if diags.HasError() {
		cancel()
		return ctx, func() {}, false
	}
	return ctx, cancel, true
}

// withReadTimeout bounds a Read by the timeouts block's read value (defaultReadTimeout when unset).
func withReadTimeout(ctx context.Context, t timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	d, readDiags := t.Read(ctx, defaultReadTimeout)
	diags.Append(readDiags...)
	return context.WithTimeout(ctx, d)
}

// withTimeout applies one field of a timeouts block (e.g. plan.Timeouts.Create) to ctx, so that
// no retry or rate-limit wait outlives it.
func withTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics)) (context.Context, context.CancelFunc, diag.Diagnostics) {
	d, diags := get(ctx, defaultOperationTimeout)
	ctx, cancel := context.WithTimeout(ctx, d)
	return ctx, cancel, diags
}

// timeoutsAttrTypes is the object type of a timeouts block with create, read, update and delete, for
// building a state from scratch (import).
var timeoutsAttrTypes = map[string]attr.Type{
	"create": types.StringType, "read": types.StringType, "update": types.StringType, "delete": types.StringType,
}

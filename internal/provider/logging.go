package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// tflogAdapter sends the client's structured logs to Terraform's log (TF_LOG). The client masks
// every value before it gets here.
type tflogAdapter struct{}

func (tflogAdapter) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(ctx, msg, fields)
}

// Warn is where retries and long rate-limit waits go, so that TF_LOG=WARN shows why a run waits.
func (tflogAdapter) Warn(ctx context.Context, msg string, fields map[string]any) {
	tflog.Warn(ctx, msg, fields)
}

func (tflogAdapter) Trace(ctx context.Context, msg string, fields map[string]any) {
	tflog.Trace(ctx, msg, fields)
}

// IsTrace spares the client masking bodies for Trace lines Terraform would not keep.
func (tflogAdapter) IsTrace(ctx context.Context) bool { return tflog.IsTrace(ctx) }

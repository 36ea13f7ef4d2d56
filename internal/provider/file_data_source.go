package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var _ datasource.DataSourceWithConfigure = &fileDataSource{}

// NewFileDataSource is the tagoio_file data source.
func NewFileDataSource() datasource.DataSource { return &fileDataSource{} }

type fileDataSource struct {
	client *client.Client
}

func (d *fileDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_file"
}

func (d *fileDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one file of the account's file storage (TagoIO Files) by its path: whether it is public, " +
			"its size and when it was last written. Its content is not read.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{MarkdownDescription: "The file's path, as `path`.", Computed: true},
			"path": schema.StringAttribute{
				MarkdownDescription: "The file's path, such as `/reports/summary.csv`.",
				Required:            true,
				Validators:          []validator.String{validate.FilePath()},
			},
			"public":        schema.BoolAttribute{MarkdownDescription: "Whether anyone with the file's URL can read it without a token.", Computed: true},
			"size":          schema.Int64Attribute{MarkdownDescription: "The file's size in bytes.", Computed: true},
			"last_modified": schema.StringAttribute{MarkdownDescription: "When the file was last written (ISO-8601).", Computed: true},
		},
	}
}

func (d *fileDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *fileDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg fileFields
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	filePath := cfg.Path.ValueString()
	f, err := d.client.Files.Get(ctx, filePath)
	if err != nil {
		addReadError(&resp.Diagnostics, fileKind, filePath, err)
		return
	}
	var state fileFields
	state.fromAPI(filePath, f)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

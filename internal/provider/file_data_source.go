package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

// NewFileDataSource is the tagoio_file data source.
func NewFileDataSource() datasource.DataSource {
	return &singleDataSource[fileFields]{typeName: "file", schema: fileDataSourceSchema, read: readFile}
}

func fileDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one file of the account's file storage (TagoIO Files) by its path: whether it is public, " +
			"its size and when it was last written. Its content is not read.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("The file's path, as `path`."),
			"path": schema.StringAttribute{
				MarkdownDescription: "The file's path, such as `/reports/summary.csv`.",
				Required:            true,
				Validators:          []validator.String{validate.FilePath()},
			},
			"public":        computedBool("Whether anyone with the file's URL can read it without a token."),
			"size":          computedInt64("The file's size in bytes."),
			"last_modified": computedString("When the file was last written (ISO-8601)."),
		},
	}
}

func readFile(ctx context.Context, c *client.Client, cfg *fileFields, diags *diag.Diagnostics) *fileFields {
	filePath := cfg.Path.ValueString()
	f, err := c.Files.Get(ctx, filePath)
	if err != nil {
		addReadError(diags, fileKind, filePath, err)
		return nil
	}
	var state fileFields
	state.fromAPI(filePath, f)
	return &state
}

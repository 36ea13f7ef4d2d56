package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

// NewFilesDataSource is the tagoio_files data source.
func NewFilesDataSource() datasource.DataSource {
	return newListDataSource[filesDataSourceModel]("files", fileKind, filesSchema, func(f *client.File) fileFields {
		var item fileFields
		item.fromAPI(f.Filename, f) // Walk names each file by its whole path
		return item
	})
}

func filesSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the files of the account's file storage (TagoIO Files) under a folder, in every folder below " +
			"it, folder by folder. Contents are not read.",
		Attributes: map[string]schema.Attribute{
			"folder": filterAttribute("The folder to list, such as `/reports`; default `/`, the whole storage.", validate.FolderPath()),
			"ids":    idsAttribute("Paths of the files, the files of each folder before those of its sub-folders."),
			"files": itemsAttribute("The files, in the order of ids.", map[string]schema.Attribute{
				"id":            computedString("The file's path."),
				"path":          computedString("The file's path, such as `/reports/summary.csv`."),
				"public":        computedBool("Whether anyone with the file's URL can read it without a token."),
				"size":          computedInt64("The file's size in bytes."),
				"last_modified": computedString("When the file was last written (ISO-8601)."),
			}),
		},
	}
}

type filesDataSourceModel struct {
	Folder types.String   `tfsdk:"folder"`
	IDs    []types.String `tfsdk:"ids"`
	Files  []fileFields   `tfsdk:"files"`
}

func (m *filesDataSourceModel) list(c *client.Client) listCall[client.File] {
	return func(ctx context.Context, _ client.ListOptions) ([]client.File, error) {
		folder := "/"
		if !m.Folder.IsNull() {
			folder = m.Folder.ValueString()
		}
		return c.Files.Walk(ctx, folder)
	}
}

func (m *filesDataSourceModel) setItems(items []fileFields) {
	m.IDs, m.Files = idsOf(items, func(i *fileFields) types.String { return i.ID }), items
}

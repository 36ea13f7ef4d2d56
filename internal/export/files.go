package export

import (
	"context"
	"fmt"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// readFiles lists every file of the account's file storage, folder by folder.
func (r *reader) readFiles(ctx context.Context, acc *account) error {
	files, err := r.c.Files.Walk(ctx, "/")
	if err != nil {
		return fmt.Errorf("listing files: %w", err)
	}
	acc.files = files
	r.progress.add(len(files))
	r.progress.done(len(files), "files")
	return nil
}

// fileContentComment says why a file is exported without its content: the file list gives no
// URL and the content cannot be read back cheaply, so the exporter does not download it.
const fileContentComment = "The content stays as TagoIO has it while source, content and content_base64 are left out. " +
	"To manage it, set source to a local copy: the next apply then uploads that copy (a replacement)."

// file writes the path and public (only when true, its schema default being false); the
// content is not exported.
func (b *builder) file(x client.File) resourceBlock {
	var a attrs
	a.set("path", str(x.Filename))
	a.flag("public", x.Public, false)
	return resourceBlock{kind: kindFile, name: b.names[kindFile][x.Filename], importID: x.Filename,
		comments: []string{fileContentComment}, attrs: a}
}

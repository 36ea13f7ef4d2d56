// Command tagoio-export writes a Terraform configuration for an existing TagoIO account: a
// resource block and an import block for every object the provider manages, so that
// `terraform plan` in the output directory shows only imports, and `terraform apply` brings the
// account under Terraform.
//
//	TAGOIO_TOKEN=... tagoio-export --out ./tagoio
//	go run github.com/tago-io/terraform-provider-tagoio/cmd/tagoio-export --out ./tagoio
//
// It reads TAGOIO_TOKEN, and TAGOIO_API or TAGOIO_REGION, like the provider. Progress and
// warnings go to stderr; the list of files written goes to stdout.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/tago-io/terraform-provider-tagoio/internal/export"
)

// version is set at build time (-X main.version=...).
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "tagoio-export:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tagoio-export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		_, _ = fmt.Fprintf(stderr, "Usage: tagoio-export [flags]\n\n"+
			"Writes a Terraform configuration (resources + import blocks) for the TagoIO account of\n"+
			"%s, on %s or %s (default region us-e1).\n\nFlags:\n", export.EnvToken, export.EnvAPI, export.EnvRegion)
		fs.PrintDefaults()
	}
	out := fs.String("out", "./tagoio-export", "directory to write the configuration to")
	include := fs.String("include", "", "comma-separated kinds to export (default: all): "+strings.Join(export.Kinds(), ", "))
	exclude := fs.String("exclude", "", "comma-separated kinds to leave out")
	force := fs.Bool("force", false, "overwrite a directory that already holds .tf files")
	showVersion := fs.Bool("version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if *showVersion {
		_, err := fmt.Fprintln(stdout, "tagoio-export", version)
		return err
	}
	c, err := export.NewClient(getenv, version)
	if err != nil {
		return err
	}
	// Progress goes to stderr from the start: a slow or unreachable API shows its retries and
	// rate-limit waits instead of a silent wait.
	c.SetLogger(warningsTo{stderr})
	_, _ = fmt.Fprintf(stderr, "reading the TagoIO account at %s\n", c.BaseURL())
	summary, err := export.Run(ctx, c, export.Options{
		OutDir: *out, Include: splitList(*include), Exclude: splitList(*exclude), Force: *force, Stderr: stderr,
	})
	if err != nil {
		return err
	}
	for _, f := range summary.Files {
		if _, err := fmt.Fprintln(stdout, f); err != nil {
			return err
		}
	}
	_, _ = fmt.Fprintf(stderr, "wrote %d objects into %s (%d skipped, %d warnings); next: cd %s && terraform plan\n",
		summary.Total(), *out, len(summary.Skipped), len(summary.Warnings), *out)
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// warningsTo prints the client's warnings (retries, long rate-limit waits) as progress lines.
type warningsTo struct{ w io.Writer }

func (warningsTo) Debug(context.Context, string, map[string]any) {}
func (warningsTo) Trace(context.Context, string, map[string]any) {}
func (l warningsTo) Warn(_ context.Context, msg string, fields map[string]any) {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(msg)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%v", k, fields[k])
	}
	_, _ = fmt.Fprintln(l.w, b.String())
}

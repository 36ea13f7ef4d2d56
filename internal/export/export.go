// Package export reads a TagoIO account and writes a Terraform configuration that manages it:
// a resource block and an import block for every object the provider can manage, with references
// between objects instead of their IDs, and analysis scripts next to the configuration. A plan of
// the result shows only imports and no change (the acceptance test proves it).
package export

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// The environment variables the exporter reads, the same as the provider's.
const (
	EnvToken  = "TAGOIO_TOKEN"
	EnvAPI    = "TAGOIO_API"
	EnvRegion = "TAGOIO_REGION"
)

// Options configure an export.
type Options struct {
	OutDir  string    // the directory the configuration is written to
	Include []string  // kinds to export (all when empty), see Kinds
	Exclude []string  // kinds to leave out
	Force   bool      // overwrite a directory that already holds .tf files
	Stderr  io.Writer // progress lines and warnings; nil for none
}

// Summary is what an export wrote.
type Summary struct {
	Objects  map[string]int // resource type -> objects exported
	Files    []string       // paths relative to OutDir, sorted
	Warnings []string
	Skipped  []string // the warnings about objects left out, which the configuration does not hold
}

// Total is the number of objects exported.
func (s *Summary) Total() int {
	n := 0
	for _, c := range s.Objects {
		n += c
	}
	return n
}

// NewClient builds a client the way the provider does from its environment: TAGOIO_TOKEN, and
// TAGOIO_API, else TAGOIO_REGION, else the default region.
func NewClient(getenv func(string) string, version string) (*client.Client, error) {
	token := strings.TrimSpace(getenv(EnvToken))
	if token == "" {
		return nil, fmt.Errorf("%s is not set: export a profile token with at least read permission", EnvToken)
	}
	baseURL := getenv(EnvAPI)
	if baseURL == "" {
		region := getenv(EnvRegion)
		if region == "" {
			region = client.DefaultRegion
		}
		u, err := client.RegionURL(region)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvRegion, err)
		}
		baseURL = u
	}
	return client.New(client.Config{
		BaseURL:    baseURL,
		Token:      token,
		UserAgent:  "tagoio-export/" + version,
		MaxRetries: client.DefaultMaxRetries,
	})
}

// Run reads the account c talks to and writes its configuration into opts.OutDir.
func Run(ctx context.Context, c *client.Client, opts Options) (*Summary, error) {
	if opts.OutDir == "" {
		return nil, fmt.Errorf("no output directory")
	}
	selected, err := selectKinds(opts.Include, opts.Exclude)
	if err != nil {
		return nil, err
	}
	summary := &Summary{Objects: map[string]int{}}
	warn := func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		summary.Warnings = append(summary.Warnings, msg)
		if opts.Stderr != nil {
			_, _ = fmt.Fprintln(opts.Stderr, "warning:", msg)
		}
	}
	skip := func(format string, args ...any) {
		summary.Skipped = append(summary.Skipped, fmt.Sprintf(format, args...))
		warn(format, args...)
	}
	r := &reader{c: c, kinds: selected, progress: newProgress(opts.Stderr), warn: warn, skip: skip}
	acc, err := r.read(ctx)
	if err != nil {
		return nil, err
	}

	b := &builder{names: map[kind]map[string]string{}, files: map[string][]byte{}, warn: warn}
	b.assignNames(acc)
	blocks := b.blocks(acc)
	for _, blk := range blocks {
		summary.Objects[resourceTypes[blk.kind]]++
	}
	files, err := render(blocks, b.files, c.BaseURL())
	if err != nil {
		return nil, err
	}
	if summary.Files, err = writeFiles(opts.OutDir, files, opts.Force); err != nil {
		return nil, err
	}
	return summary, nil
}

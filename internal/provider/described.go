package provider

import "context"

// describedAs gives one of our validators or plan modifiers, by embedding, its Description and
// MarkdownDescription: one plain sentence serves both, since none of them needs Markdown.
type describedAs string

func (d describedAs) Description(context.Context) string         { return string(d) }
func (d describedAs) MarkdownDescription(context.Context) string { return string(d) }

package export

import (
	"context"
	"fmt"
	"slices"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// builtInEntity fields and indexes are TagoIO's own: the resource leaves them out.
var (
	builtInEntityFields  = []string{"id", "created_at", "updated_at"}
	builtInEntityIndexes = []string{"id_idx", "id_created_at_idx", "id_updated_at_idx"}
)

// readEntities lists the entities and reads each one's schema and indexes.
func (r *reader) readEntities(ctx context.Context, acc *account) error {
	listed, err := r.c.Entities.List(ctx, client.ListOptions{Fields: []string{"id", "name"}})
	if err != nil {
		return fmt.Errorf("listing entities: %w", err)
	}
	r.progress.add(len(listed))
	for _, e := range listed {
		full, err := r.c.Entities.Get(ctx, e.ID)
		r.progress.done(1, "entities")
		if r.deleted(err, "entity", e.ID) {
			continue
		}
		if err != nil {
			return fmt.Errorf("reading entity %s: %w", e.ID, err)
		}
		acc.entities = append(acc.entities, *full)
	}
	return nil
}

// entity writes the schema's own fields (required only when true, its default being false) and
// indexes; the records are data and are not exported.
func (b *builder) entity(x client.Entity) resourceBlock {
	var a attrs
	a.set("name", str(x.Name))
	a.tags(x.Tags)
	fields := object{}
	for _, name := range sortedKeys(x.Schema) {
		if slices.Contains(builtInEntityFields, name) {
			continue
		}
		f := attrs{{"type", str(x.Schema[name].Type)}}
		f.flag("required", x.Schema[name].Required, false)
		fields = append(fields, field{name, object(f)})
	}
	a.set("fields", fields)
	indexes := object{}
	for _, name := range sortedKeys(x.Index) {
		if slices.Contains(builtInEntityIndexes, name) {
			continue
		}
		indexes = append(indexes, field{name, object{{"fields", strList(x.Index[name].Fields)}}})
	}
	if len(indexes) > 0 {
		a.set("indexes", indexes)
	}
	return resourceBlock{kind: kindEntity, name: b.names[kindEntity][x.ID], importID: x.ID, attrs: a}
}

package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

// The plumbing every resource's Create, Read, Update, Delete and ImportState repeat. Each
// resource still writes those methods itself, in the same order as tagoio_device; they hand
// the parts that are the resource's own (its POST, its GET and fromAPI, its PUT, its DELETE)
// to these helpers:
//
//	Create: createThenRead(ctx, req, resp, kind, r.post, r.readBack)
//	Read:   readOrRemove(ctx, req, resp, kind, r.readBack)
//	Update: updateThenRead(ctx, req, resp, kind, r.put, r.readBack)
//	Delete: deleteUnlessGone(ctx, req, resp, kind, r.client.Xs.Delete)
//	Import: importObjectID(ctx, req, resp, kind)

// modelSource is what a request's Plan and State have in common: the model is read out of it.
type modelSource interface {
	Get(ctx context.Context, target any) diag.Diagnostics
	GetAttribute(ctx context.Context, p path.Path, target any) diag.Diagnostics
}

// timeoutFor bounds ctx by one operation's field of a resource's timeouts block (its default
// when unset): createTimeout, readTimeout, updateTimeout or deleteTimeout.
type timeoutFor func(ctx context.Context, t timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc)

var readTimeout timeoutFor = withReadTimeout

func createTimeout(ctx context.Context, t timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	return operationTimeout(ctx, t.Create, diags)
}

func updateTimeout(ctx context.Context, t timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	return operationTimeout(ctx, t.Update, diags)
}

func deleteTimeout(ctx context.Context, t timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	return operationTimeout(ctx, t.Delete, diags)
}

func operationTimeout(ctx context.Context, field func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	ctx, cancel, d := withTimeout(ctx, field)
	diags.Append(d...)
	return ctx, cancel
}

// openModel reads src (a plan or a state) into m and bounds ctx by the resource's timeouts
// block, as op says; a nil m reads only the timeouts. When it returns false the diagnostics
// hold the error and there is nothing to cancel.
func openModel(ctx context.Context, src modelSource, m any, op timeoutFor, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	if m != nil {
		diags.Append(src.Get(ctx, m)...)
	}
	var t timeouts.Value
	diags.Append(src.GetAttribute(ctx, path.Root("timeouts"), &t)...)
	if diags.HasError() {
		return ctx, func() {}, false
	}
	ctx, cancel := op(ctx, t, diags)
	if diags.HasError() {
		cancel()
		return ctx, func() {}, false
	}
	return ctx, cancel, true
}

// openUpdate is openModel for an Update, which needs the state (what to compare the plan with)
// as well as the plan: state and plan read, ctx bounded by the update timeout.
func openUpdate(ctx context.Context, req resource.UpdateRequest, plan, state any, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	diags.Append(req.State.Get(ctx, state)...)
	return openModel(ctx, req.Plan, plan, updateTimeout, diags)
}

// stateID is the id attribute of a plan or state.
func stateID(ctx context.Context, src modelSource, diags *diag.Diagnostics) string {
	var id types.String
	diags.Append(src.GetAttribute(ctx, path.Root("id"), &id)...)
	return id.ValueString()
}

// readBackFunc is a resource's one GET: it reads the object and maps it onto m with fromAPI
// (which may report a problem in diags). Create, Read and Update share it.
type readBackFunc[M any] func(ctx context.Context, id string, m *M, diags *diag.Diagnostics) error

// getThen is the usual readBackFunc: get the object, then fromAPI.
func getThen[M, O any](get func(context.Context, string) (O, error), fromAPI func(*M, O)) readBackFunc[M] {
	return func(ctx context.Context, id string, m *M, _ *diag.Diagnostics) error {
		o, err := get(ctx, id)
		if err == nil {
			fromAPI(m, o)
		}
		return err
	}
}

// postFunc is a resource's POST: it builds the body from the plan (reporting a bad plan in
// diags, and then sending nothing) and returns the new object's id.
type postFunc[M any] func(ctx context.Context, plan *M, diags *diag.Diagnostics) (id string, err error)

// postBody is the usual postFunc: the body toCreate builds, sent by create.
func postBody[M, B any](toCreate func(*M, context.Context) (B, diag.Diagnostics),
	create func(context.Context, B) (string, error)) postFunc[M] {
	return func(ctx context.Context, plan *M, diags *diag.Diagnostics) (string, error) {
		body, d := toCreate(plan, ctx)
		diags.Append(d...)
		if diags.HasError() {
			return "", nil
		}
		return create(ctx, body)
	}
}

// createThenRead is a resource's Create: the plan, bounded by the create timeout; the POST;
// the id saved in the state at once, so that whatever fails next the object is in the state,
// not orphaned; then one GET, and the state is the plan as the API returns it.
func createThenRead[M any](ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse, kind string,
	post postFunc[M], readBack readBackFunc[M]) {
	var plan M
	ctx, cancel, ok := openModel(ctx, req.Plan, &plan, createTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, err := post(ctx, &plan, &resp.Diagnostics)
	if err != nil {
		addCreateError(&resp.Diagnostics, kind, err)
		return
	}
	if resp.Diagnostics.HasError() {
		return
	}
	tflog.Info(ctx, "created TagoIO "+kind, map[string]any{"id": id})
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), types.StringValue(id))...)
	saveReadBack(ctx, &resp.State, kind, id, &plan, readBack, &resp.Diagnostics)
}

// readOrRemove is a resource's Read: the state, bounded by the read timeout, refreshed by one
// GET. An object deleted outside Terraform leaves the state with a warning, so that the next
// plan creates it again.
func readOrRemove[M any](ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse, kind string, readBack readBackFunc[M]) {
	var state M
	ctx, cancel, ok := openModel(ctx, req.State, &state, readTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id := stateID(ctx, req.State, &resp.Diagnostics)
	if readFailed(ctx, resp, kind, id, readBack(ctx, id, &state, &resp.Diagnostics)) {
		return
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// readFailed handles the error of a Read's GET and says whether Read stops there: an object
// deleted outside Terraform (404) leaves the state with a warning, so that the next plan creates
// it again; any other error is reported and the state stays as it was.
func readFailed(ctx context.Context, resp *resource.ReadResponse, kind, id string, err error) bool {
	if client.IsNotFound(err) {
		addRemovedWarning(&resp.Diagnostics, kind, id)
		resp.State.RemoveResource(ctx)
		return true
	}
	if err != nil {
		addReadError(&resp.Diagnostics, kind, id, err)
		return true
	}
	return false
}

// putFunc is a resource's PUT: it sends only what changed from state to plan (nothing when
// nothing did), reporting a bad plan in diags.
type putFunc[M any] func(ctx context.Context, id string, plan, state *M, diags *diag.Diagnostics) error

// putChanges is the usual putFunc: the changes toUpdate builds, sent by update unless there
// are none.
func putChanges[M any, U interface{ IsEmpty() bool }](toUpdate func(*M, context.Context, M) (U, diag.Diagnostics),
	update func(context.Context, string, U) error) putFunc[M] {
	return func(ctx context.Context, id string, plan, state *M, diags *diag.Diagnostics) error {
		changes, d := toUpdate(plan, ctx, *state)
		diags.Append(d...)
		if diags.HasError() || changes.IsEmpty() {
			return nil
		}
		return update(ctx, id, changes)
	}
}

// updateThenRead is a resource's Update: plan and state, bounded by the update timeout; the
// PUT; then one GET, and the state is the plan as the API returns it.
func updateThenRead[M any](ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse, kind string,
	put putFunc[M], readBack readBackFunc[M]) {
	var plan, state M
	ctx, cancel, ok := openUpdate(ctx, req, &plan, &state, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id := stateID(ctx, req.State, &resp.Diagnostics)
	if err := put(ctx, id, &plan, &state, &resp.Diagnostics); err != nil {
		addUpdateError(&resp.Diagnostics, kind, id, err)
		return
	}
	if resp.Diagnostics.HasError() {
		return
	}
	saveReadBack(ctx, &resp.State, kind, id, &plan, readBack, &resp.Diagnostics)
}

// saveReadBack ends createThenRead and updateThenRead: one GET into plan, and the state is the
// plan as the API returns it. When the GET fails the state keeps what was saved before it.
func saveReadBack[M any](ctx context.Context, state *tfsdk.State, kind, id string, plan *M, readBack readBackFunc[M], diags *diag.Diagnostics) {
	if err := readBack(ctx, id, plan, diags); err != nil {
		addReadError(diags, kind, id, err)
		return
	}
	if diags.HasError() {
		return
	}
	diags.Append(state.Set(ctx, plan)...)
}

// deleteUnlessGone is a resource's Delete: the state's id, bounded by the delete timeout; an
// object already deleted outside Terraform is success.
func deleteUnlessGone(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse, kind string,
	del func(ctx context.Context, id string) error) {
	ctx, cancel, ok := openModel(ctx, req.State, nil, deleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id := stateID(ctx, req.State, &resp.Diagnostics)
	if err := del(ctx, id); err != nil && !client.IsNotFound(err) {
		addDeleteError(&resp.Diagnostics, kind, id, err)
	}
}

// importObjectID is a resource's ImportState when its import ID is its TagoIO ID.
func importObjectID(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, kind string) bool {
	if !validate.IsObjectID(req.ID) {
		addImportIDError(&resp.Diagnostics, kind, "the "+kind+" ID: 24 lowercase hexadecimal characters", req.ID)
		return false
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	return true
}

// getThenTagged is getThen for a resource with tags_all: its fromAPI also tells the provider's
// default tags apart from the object's own.
func getThenTagged[M, O any](get func(context.Context, string) (O, error), fromAPI func(*M, O, tagDefaults),
	defaults tagDefaults) readBackFunc[M] {
	return getThen(get, func(m *M, o O) { fromAPI(m, o, defaults) })
}

// getThenCtx is getThen for a fromAPI that needs the context (it compares nested values).
func getThenCtx[M, O any](get func(context.Context, string) (O, error), fromAPI func(*M, context.Context, O)) readBackFunc[M] {
	return func(ctx context.Context, id string, m *M, _ *diag.Diagnostics) error {
		o, err := get(ctx, id)
		if err == nil {
			fromAPI(m, ctx, o)
		}
		return err
	}
}

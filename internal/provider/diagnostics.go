package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// All diagnostics wording lives here, so every resource says the same thing the same way.

// apiErrorDetail explains an API error and what to do about it.
func apiErrorDetail(err error) string {
	detail := err.Error()
	var amb *client.AmbiguousCreateError
	var conflict *client.ConflictError
	switch {
	case errors.As(err, &conflict):
		detail += "\n\n" + conflictRemedy(conflict)
	case client.IsTimedOut(err):
		detail += fmt.Sprintf("\n\nThe operation timed out before TagoIO answered successfully. Each resource's timeouts block sets "+
			"the limits: read (refresh and plan-time calls, default %s), create, update and delete (default %s). Raise the one "+
			"that ran out, lower terraform's -parallelism if the API was rate limiting, or try again later.", defaultReadTimeout, defaultOperationTimeout)
	case errors.As(err, &amb):
		// Its text already says what may exist and how to import it.
	case client.IsUnauthorized(err):
		detail += "\n\nThe token is unknown or expired. Use a valid profile (account) token with \"full\" permission: " +
			"set token in the provider block or TAGOIO_TOKEN."
	case client.IsForbidden(err):
		detail += "\n\nThe token is not allowed to make this call. Managing TagoIO objects needs a profile (account) token with " +
			"\"full\" permission (\"read\" tokens can only read, \"write\" tokens can only change; device and analysis tokens cannot manage the account)."
	case client.IsRateLimited(err):
		detail += "\n\nThe TagoIO rate limit was still exceeded after every retry. Raise max_retries, lower terraform's -parallelism, or apply again later."
	}
	return detail
}

func addCreateError(diags *diag.Diagnostics, kind string, err error) {
	diags.AddError(fmt.Sprintf("Error creating %s", kind), apiErrorDetail(err))
}

func addReadError(diags *diag.Diagnostics, kind, id string, err error) {
	diags.AddError(fmt.Sprintf("Error reading %s", kind), fmt.Sprintf("Reading %s %s failed: %s", kind, id, apiErrorDetail(err)))
}

func addUpdateError(diags *diag.Diagnostics, kind, id string, err error) {
	diags.AddError(fmt.Sprintf("Error updating %s", kind), fmt.Sprintf("Updating %s %s failed: %s", kind, id, apiErrorDetail(err)))
}

func addDeleteError(diags *diag.Diagnostics, kind, id string, err error) {
	diags.AddError(fmt.Sprintf("Error deleting %s", kind), fmt.Sprintf("Deleting %s %s failed: %s", kind, id, apiErrorDetail(err)))
}

// addRemovedWarning tells the user that an object deleted outside Terraform leaves the state
// and will be planned for creation again.
func addRemovedWarning(diags *diag.Diagnostics, kind, id string) {
	diags.AddWarning(fmt.Sprintf("%s no longer exists", kind),
		fmt.Sprintf("The %s %s was not found in TagoIO, so it was deleted outside Terraform. It has been removed from the state; "+
			"the next plan creates it again if it is still in the configuration.", kind, id))
}

func addImportIDError(diags *diag.Diagnostics, kind, format, got string) {
	diags.AddError(fmt.Sprintf("Invalid %s import ID", kind),
		fmt.Sprintf("The import ID %q is not valid. Expected %s.", got, format))
}

func addLookupError(diags *diag.Diagnostics, kind, by, value string, matches int) {
	if matches == 0 {
		diags.AddError(fmt.Sprintf("%s not found", kind), fmt.Sprintf("No %s has %s %q. Check the value, or look it up by id.", kind, by, value))
		return
	}
	diags.AddError(fmt.Sprintf("Ambiguous %s %s", kind, by),
		fmt.Sprintf("%d %s have %s %q; the lookup needs exactly one. Use the id instead.", matches, pluralKind(kind), by, value))
}

// pluralKind is the plural of an object kind: "device" -> "devices", "access management policy" -> "access management policies".
func pluralKind(kind string) string {
	if stem, ok := strings.CutSuffix(kind, "analysis"); ok {
		return stem + "analyses"
	}
	if stem, ok := strings.CutSuffix(kind, "y"); ok && stem != "" && !strings.ContainsAny(stem[len(stem)-1:], "aeiou") {
		return stem + "ies"
	}
	return kind + "s"
}

func addConfigureTypeError(diags *diag.Diagnostics, got any) {
	diags.AddError("Unexpected provider data",
		fmt.Sprintf("Expected *client.Client, got %T. This is a bug in the tagoio provider, so please report it.", got))
}

func addDataPlaneClientError(diags *diag.Diagnostics, err error) {
	diags.AddError("Cannot reach the TagoIO data plane",
		fmt.Sprintf("The provider could not build its device-data client: %s. This is a bug in the tagoio provider, so please report it.", err))
}

func addUnknownProviderValueError(diags *diag.Diagnostics, attr, envVar string) {
	diags.AddAttributeError(path.Root(attr), fmt.Sprintf("Unknown TagoIO provider %s", attr),
		fmt.Sprintf("The provider cannot create the TagoIO API client because %s is unknown until apply. "+
			"Set it to a value known at plan time (a literal or a variable), or leave it out and use the %s environment variable.", attr, envVar))
}

func addMissingTokenError(diags *diag.Diagnostics) {
	diags.AddAttributeError(path.Root("token"), "Missing TagoIO token",
		"The provider needs a TagoIO profile (account) token. Set token in the provider block, or the TAGOIO_TOKEN environment variable. "+
			"If either is already set, ensure the value is not empty.")
}

func addInvalidAttributeError(diags *diag.Diagnostics, p path.Path, summary, detail string) {
	diags.AddAttributeError(p, summary, detail)
}

// addLegacyBucketsGoneError explains, in plain words, a TagoIO that no longer serves the legacy
// /bucket routes (client.IsRouteMissing), so that it is not mistaken for a missing bucket.
func addLegacyBucketsGoneError(diags *diag.Diagnostics, doing string, err error) {
	diags.AddError("TagoIO no longer serves standalone buckets",
		fmt.Sprintf("TagoIO no longer serves standalone buckets: the legacy /bucket routes do not exist on this API (%s: %s).\n\n"+
			"Since 2022 every TagoIO device is its own data storage, and standalone bucket management was removed in 2024: "+
			"use a tagoio_device instead; its type (mutable, immutable or hybrid) chooses how its data is stored. "+
			"To stop managing a bucket that is in the state, remove it from the configuration and run terraform state rm on its address.",
			doing, err))
}

// addPartialReadWarning reports a secondary read that failed: the main object was read, one of
// its details is left empty.
func addPartialReadWarning(diags *diag.Diagnostics, kind, id, what string, err error) {
	diags.AddWarning(fmt.Sprintf("Could not read the %s of %s %s", what, kind, id),
		fmt.Sprintf("The %s is left empty: %s", what, apiErrorDetail(err)))
}

// addUnplacedWidgetCopyWarning reports widget create requests whose answer was lost: each may
// have left a copy of the widget that no API route can find (client.WidgetCreated).
func addUnplacedWidgetCopyWarning(diags *diag.Diagnostics, dashboardID, label, id string, lost int) {
	diags.AddWarning("A copy of the widget may exist",
		fmt.Sprintf("%d request(s) creating the widget %q on dashboard %s got no answer, so the widget was created again (id %s). "+
			"TagoIO has no way to list a dashboard's widgets, so a copy made by a lost request cannot be found or removed by Terraform. "+
			"Such a copy is not placed on the dashboard's grid, so it is not shown, and it is deleted with the dashboard.",
			lost, label, dashboardID, id))
}

// addForgottenWarning tells the user that destroying a singleton only removed it from the state.
func addForgottenWarning(diags *diag.Diagnostics, kind, left string) {
	diags.AddWarning(fmt.Sprintf("%s removed from the state only", kind),
		fmt.Sprintf("TagoIO has no way to delete the %s, so destroying it only removed it from the Terraform state: %s", kind, left))
}

// addDuplicateTokenNameError explains how to import one of several tokens sharing a name.
func addDuplicateTokenNameError(diags *diag.Diagnostics, deviceID, name string, n int) {
	diags.AddError("Import the token by its ID",
		fmt.Sprintf("Device %s has %d tokens named %q, so the name does not say which one to import. Import it by its ID, "+
			"%s/<first 16 hex characters of the SHA-256 of the token value>: the tagoio_device_tokens data source lists "+
			"the IDs of a device's tokens (tagoio-export writes them too).", deviceID, n, name, deviceID))
}

// conflictResourceTypes maps the client's kinds whose creates can conflict on a unique key to
// the resource type that adopts them.
var conflictResourceTypes = map[string]string{
	"secret": "tagoio_secret", "run user": "tagoio_run_user", "dictionary": "tagoio_dictionary",
	"profile team member": "tagoio_profile_team_member",
}

// conflictRemedy says how to adopt the object a create conflicted with: an import block with
// its id. Terraform does not tell a provider the resource's name, so the block uses NAME for it.
func conflictRemedy(c *client.ConflictError) string {
	resourceType := conflictResourceTypes[c.Kind]
	if resourceType == "" {
		resourceType = "tagoio_" + strings.ReplaceAll(c.Kind, " ", "_")
	}
	return fmt.Sprintf("TagoIO keeps each %s's %s unique, and %s %s already holds %q (it may be left from an apply that was "+
		"interrupted before Terraform recorded it). To manage that %s with this resource, add this block to the configuration, "+
		"with NAME replaced by this resource's name, and apply again:\n\n"+
		"import {\n  to = %s.NAME\n  id = %q\n}\n\n"+
		"Or give this resource another %s, or delete %s %s in TagoIO.",
		c.Kind, c.Field, c.Kind, c.ExistingID, c.Value, c.Kind, resourceType, c.ExistingID, c.Field, c.Kind, c.ExistingID)
}

// addFileExistsError refuses to create a tagoio_file over a file that is already stored at its
// path: the upload would silently replace a file Terraform does not manage.
func addFileExistsError(diags *diag.Diagnostics, filePath string) {
	diags.AddAttributeError(path.Root("path"), "A file already exists at this path",
		fmt.Sprintf("TagoIO Files already holds a file at %s (it may be left from an apply that was interrupted before Terraform "+
			"recorded it), and uploading would replace it. To manage that file with this resource, add this block to the "+
			"configuration, with NAME replaced by this resource's name, and apply again:\n\n"+
			"import {\n  to = tagoio_file.NAME\n  id = %q\n}\n\n"+
			"Importing replaces the file's content with source or content on the next apply. Or choose another path, or delete "+
			"the file in TagoIO.", filePath, filePath))
}

// addFileNoContentError asks a new tagoio_file for its content.
func addFileNoContentError(diags *diag.Diagnostics) {
	diags.AddAttributeError(path.Root("source"), "Missing file content",
		"A new tagoio_file needs its content: set source (a local file), content (text) or content_base64. Only a file "+
			"imported from TagoIO may leave all three out, and then Terraform keeps whatever content TagoIO has.")
}

// addFileSourceError reports a local file that cannot be read when planning or uploading.
func addFileSourceError(diags *diag.Diagnostics, source string, err error) {
	diags.AddAttributeError(path.Root("source"), "Cannot read the source file",
		fmt.Sprintf("The local file %q cannot be read: %v. The file must exist when Terraform plans, because its SHA-256 "+
			"(content_hash) decides whether the stored file is replaced.", source, err))
}

// addFileChangedSincePlanError refuses to upload a local file that changed between plan and apply.
func addFileChangedSincePlanError(diags *diag.Diagnostics, source, planned, now string) {
	diags.AddAttributeError(path.Root("source"), "The source file changed after the plan",
		fmt.Sprintf("The local file %q had SHA-256 %s when Terraform planned and has %s now, so the plan no longer describes "+
			"what would be uploaded. Nothing was uploaded; plan and apply again.", source, planned, now))
}

// addFileContentDriftWarning tells the user that a file was written outside Terraform.
func addFileContentDriftWarning(diags *diag.Diagnostics, filePath, what string) {
	diags.AddWarning("tagoio_file changed outside Terraform",
		fmt.Sprintf("The file %s in TagoIO Files was written outside Terraform (its %s changed). Its content cannot be "+
			"read back to compare, so content_hash is cleared and the next plan uploads the configured content again.", filePath, what))
}

// addUnknownDefaultTagError asks for default tags known at plan time: they are merged into every plan.
func addUnknownDefaultTagError(diags *diag.Diagnostics, key string) {
	diags.AddAttributeError(path.Root("default_tags").AtMapKey(key), "Unknown TagoIO default tag",
		fmt.Sprintf("The value of default tag %q must be known at plan time: use a literal or a variable.", key))
}

// addTooManyTagsError refuses a resource whose own tags and the provider's default tags exceed TagoIO's limit.
func addTooManyTagsError(diags *diag.Diagnostics, own, merged, limit int) {
	diags.AddAttributeError(path.Root("tags"), "Too many tags with the provider's default tags",
		fmt.Sprintf("The resource has %d tags of its own and %d with the provider's default_tags; TagoIO allows at most %d.", own, merged, limit))
}

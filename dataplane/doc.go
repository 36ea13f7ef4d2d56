// Package dataplane is TagoIO's data plane in Go: what a user of the original SDK's
// tago.Device, tago.Services, tago.Analysis and the account's notification and token calls
// reaches for. Import it as
//
//	import "github.com/tago-io/terraform-provider-tagoio/dataplane"
//
// Build one Client per API and token with New; every call goes through its one transport
// (auth, envelope, retries, pacing, secret masking, logs). WithToken gives the same transport
// another token:
//
//	original SDK                               here
//	Device(token).info/insert/find/remove      NewDevice(c.WithToken(deviceToken)).Info/Insert/Find/Remove
//	(same data with a profile token)           ForDevice(c, deviceID).Insert/Find/Remove
//	Services(token).sms/email/MQTT/notification NewServices(c.WithToken(analysisToken)).SMS/Email/MQTT/Notification
//	Analysis(token).init(fn)                   rt, _ := NewRuntime(RuntimeConfig{Token: ...}); rt.Run(ctx, fn)
//	Account.notifications.list/markAsRead/...  NewNotifications(c).List/MarkRead/Accept/Refuse/PressButton
//	Account.run.notificationList/Create/...    NewRunNotifications(c).List/Create/Edit/Delete
//	Account.tokenList/tokenCreate/tokenDelete  NewProfileTokens(c).List/Create/Delete
//	Account.analysis.run(id, scope)            NewAnalyses(c).Run(ctx, id, scope)
//
// The original SDK's data keys are accepted where they were used: "serie" for group and "origin"
// for device when decoding records (and Query.Series as an input), "bucket" for the MQTT device,
// "ref_id" on notifications, and the e-mail's reply-to address as today's "from".
//
// Inserts are checked against the API's rules before any request is sent, then split into
// requests under the API's 200 kB limit and sent with bounded concurrency (see Insert). Errors
// the API answers can be told apart with StatusCode, IsNotFound, IsUnauthorized and
// IsRateLimited; records that break a rule give a *ValidationError.
//
// The package's API uses only its own types and the standard library's; the management API
// (devices, dashboards, ... as objects) is the Terraform provider's business and stays internal
// to this module.
package dataplane

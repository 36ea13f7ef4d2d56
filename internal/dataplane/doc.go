// Package dataplane is TagoIO's data plane in Go: what a user of the original SDK's
// tago.Device, tago.Services, tago.Analysis and the account's notification and token calls
// reaches for. It sends every request through internal/client's one transport (auth, envelope,
// retries, secret masking, logs) with the token each call needs:
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
// Inserts are checked against the reference's rules before any request is sent, then split into
// requests under the API's 200 kB limit and sent with bounded concurrency (see Insert).
package dataplane

// Account notifications through Resources.notifications (list, read state, buttons, remove) and
// Run user notifications through Resources.run.
import assert from "node:assert/strict";

import { rejectsNaming, sleep } from "../assertions.mjs";

export async function run({ resources }) {
  const { notifications } = resources;

  const buttons = [
    { id: "ack", label: "Acknowledge", color: "green", triggers: [{ url: "https://hooks.example.com/ack", method: "POST", body: { ok: true } }] },
    { id: "later", label: "Later", triggers: [] },
  ];
  const first = await notifications.create({ title: "Valve open", message: "Valve 3 opened", buttons });
  assert.match(first.id, /^[0-9a-f]{24}$/, "create returns {id}");
  await sleep(5); // distinct created_at, so the order is not decided by a tie
  const second = await notifications.create({
    title: "Tank low", message: "Tank 1 below 10%", icon: { svg_url: "https://example.com/tank.svg", svg_color: "#ff0000" },
  });
  await sleep(5);
  const third = await notifications.create({ title: "Daily report", message: "Ready" });

  // list: newest first by default; the SDK passes the query through (orderBy as a tuple here).
  let listed = await notifications.list();
  assert.deepEqual(listed.map((n) => n.id), [third.id, second.id, first.id], "newest first");
  const one = listed.find((n) => n.id === first.id);
  assert.equal(one.title, "Valve open");
  assert.equal(one.message, "Valve 3 opened");
  assert.equal(one.read, false);
  assert.deepEqual(one.buttons, buttons, "buttons as sent");
  assert.equal(one.buttons_enabled, true);
  assert.ok(one.created_at instanceof Date && !isNaN(one.created_at), "created_at is a date");
  assert.deepEqual(listed.find((n) => n.id === second.id).icon, { svg_url: "https://example.com/tank.svg", svg_color: "#ff0000" });
  const asc = await notifications.list({ orderBy: ["created_at", "asc"], fields: ["id", "title"], amount: 2 });
  assert.deepEqual(asc, [{ id: first.id, title: "Valve open" }, { id: second.id, title: "Tank low" }],
    "orderBy tuple, fields and amount");

  // Read state: one, several, back to unread, all.
  assert.equal(typeof await notifications.markAsRead(first.id), "string");
  listed = await notifications.list();
  assert.deepEqual(listed.map((n) => [n.id, n.read]), [[third.id, false], [second.id, false], [first.id, true]]);
  await notifications.markAsRead([second.id, third.id]);
  await notifications.markAsUnread(first.id);
  listed = await notifications.list();
  assert.deepEqual(listed.map((n) => n.read), [true, true, false]);
  const unread = await notifications.list({ filter: { read: false } });
  assert.deepEqual(unread.map((n) => n.id), [first.id], "filter by read");
  await notifications.markAllAsRead();
  assert.ok((await notifications.list()).every((n) => n.read === true), "markAllAsRead");

  // Pressing a button: with buttons_autodisable (the default) the buttons disable themselves.
  assert.equal(typeof await notifications.notificationButton(first.id, "ack"), "string");
  const pressed = (await notifications.list()).find((n) => n.id === first.id);
  assert.equal(pressed.buttons_autodisable, true);
  assert.equal(pressed.buttons_enabled, false, "buttons_autodisable disabled the buttons");
  await rejectsNaming(notifications.notificationButton(first.id, "later"), /disabled/);
  await rejectsNaming(notifications.notificationButton(second.id, "nope"), /button/);

  // Validation.
  await rejectsNaming(notifications.create({ message: "no title" }), /title/);
  await rejectsNaming(notifications.create({ title: "t", message: "m", buttons: [{ id: "has space", label: "x" }] }), /id/);
  await rejectsNaming(notifications.markAsRead("000000000000000000000000"), /not found/i);

  assert.equal(await notifications.remove(second.id), "Successfully Removed");
  assert.deepEqual((await notifications.list()).map((n) => n.id), [third.id, first.id]);
  await rejectsNaming(notifications.remove(second.id), /not found/i);

  // Run user notifications.
  const { run } = resources;
  const user = (await run.userCreate({ name: "Notified", email: "notified@example.com", password: "l0ng-enough", timezone: "UTC" })).user;
  const other = (await run.userCreate({ name: "Other", email: "other@example.com", password: "l0ng-enough", timezone: "UTC" })).user;
  const runNote = await run.notificationCreate(user, { title: "Shift", message: "Your shift starts", buttons: [{ id: "ok", label: "OK", triggers: [] }] });
  assert.match(runNote.id, /^[0-9a-f]{24}$/);
  await sleep(5);
  const runNote2 = await run.notificationCreate(user, { title: "Second", message: "Another" });
  await run.notificationCreate(other, { title: "Not yours", message: "x" });
  let userNotes = await run.notificationList(user);
  assert.deepEqual(userNotes.map((n) => n.title), ["Second", "Shift"], "only the user's, newest first");
  const shift = userNotes.find((n) => n.id === runNote.id);
  assert.equal(shift.message, "Your shift starts");
  assert.equal(shift.read, false);
  assert.deepEqual(shift.buttons, [{ id: "ok", label: "OK", triggers: [] }]);

  assert.equal(await run.notificationEdit(runNote.id, { read: true, title: "Shift (edited)" }),
    "TagoIO Notification User Successfully Updated");
  userNotes = await run.notificationList(user);
  const edited = userNotes.find((n) => n.id === runNote.id);
  assert.equal(edited.title, "Shift (edited)");
  assert.equal(edited.read, true);
  assert.equal(edited.message, "Your shift starts", "message untouched");
  await rejectsNaming(run.notificationEdit(runNote.id, { title: "" }), /title/);
  await rejectsNaming(run.notificationCreate("000000000000000000000000", { title: "t", message: "m" }), /not found/i);

  assert.equal(await run.notificationDelete(runNote2.id), "Successfully Removed");
  assert.deepEqual((await run.notificationList(user)).map((n) => n.id), [runNote.id]);
  assert.equal((await run.notificationList(other)).length, 1, "the other user's notification is untouched");
  assert.equal((await notifications.list()).length, 2, "run notifications are not account notifications");
}

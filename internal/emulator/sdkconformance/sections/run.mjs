// TagoRUN settings and Run users through Resources.run: info/edit, user CRUD (the password never
// comes back), loginAsUser.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

// assertNoPassword fails when a user object carries the password or anything derived from it.
function assertNoPassword(user, password, what) {
  for (const key of Object.keys(user)) {
    assert.ok(!/password/i.test(key), `${what} has no ${key} field`);
  }
  assert.ok(!JSON.stringify(user).includes(password), `${what} never contains the password`);
}

export async function run({ resources }) {
  const { run } = resources;
  const profileID = (await resources.profiles.list())[0].id;

  const info = await run.info();
  assert.equal(info.profile, profileID, "the Run belongs to the profile");
  assert.equal(typeof info.name, "string");
  assert.equal(typeof info.url, "string");
  assert.equal(typeof info.active, "boolean");
  assert.equal(typeof info.theme, "object");
  assert.deepEqual(info.security, { otp: { authenticator: false, sms: false, email: false } });
  assert.ok(Array.isArray(info.sidebar_buttons));
  assert.equal(typeof info.anonymous_token, "string");

  // edit: partial. Whether a nested object (theme) is merged or replaced is pinned by no source
  // (the SDK types the body RecursivePartial<RunInfo>), so only the keys sent are asserted.
  const theme = { primary: "hsl(10, 50%, 50%)", navbar: "hsl(0, 0%, 0%)" };
  const sidebar = [{ color: "red", href: "/d/1", iconUrl: "https://example.com/i.svg", text: "Plant", type: "dashboard", value: "1" }];
  assert.equal(await run.edit({ name: "Conformance RUN", sub_title: "SDK", theme, sidebar_buttons: sidebar, auth_token_ttl: "1 month" }),
    "TagoIO Run Successfully Updated");
  const edited = await run.info();
  assert.equal(edited.name, "Conformance RUN");
  assert.equal(edited.sub_title, "SDK");
  assert.equal(edited.theme.primary, theme.primary);
  assert.equal(edited.theme.navbar, theme.navbar);
  assert.deepEqual(edited.sidebar_buttons, sidebar);
  assert.equal(edited.auth_token_ttl, "1 month");
  assert.equal(edited.url, info.url, "url untouched");
  assert.equal(edited.profile, profileID, "profile is read-only");
  await rejectsNaming(run.edit({ auth_token_ttl: "whenever" }), /auth_token_ttl/);
  await rejectsNaming(run.edit({ signin_buttons: [{ label: "x", url: "https://x", type: "button" }] }), /type/);
  assert.equal((await run.info()).auth_token_ttl, "1 month", "a refused edit changes nothing");

  // Sign-up fields: an ordered list, replaced as a whole.
  const signupFields = [
    { name: "company", placeholder: "Your company", required: true, type: "text" },
    { name: "fleet_size", placeholder: "", required: false, type: "number" },
  ];
  assert.equal(await run.edit({ signup_fields: signupFields }), "TagoIO Run Successfully Updated");
  assert.deepEqual((await run.info()).signup_fields, signupFields);
  assert.equal(await run.edit({ signup_fields: [signupFields[1]] }), "TagoIO Run Successfully Updated");
  assert.deepEqual((await run.info()).signup_fields, [signupFields[1]], "a new list replaces the old one");
  await rejectsNaming(run.edit({ signup_fields: [{ name: "x", required: "yes" }] }), /required/);

  // Run users.
  const password = "Sup3r-Secret!";
  const body = {
    name: "Ada Operator",
    email: "ada@example.com",
    password,
    timezone: "America/Sao_Paulo",
    company: "Plant Co",
    phone: "+5511999990000",
    language: "pt-br",
    active: true,
    tags: [{ key: "role", value: "operator" }],
    options: { decimal_separator: ",", thousand_separator: ".", date_format: "DD-MM-YYYY", time_format: "24" },
  };
  const created = await run.userCreate(body);
  assert.match(created.user, /^[0-9a-f]{24}$/, "userCreate returns {user}");
  const id = created.user;
  const other = (await run.userCreate({ name: "Bob Viewer", email: "bob@example.com", password: "an0ther-pass", timezone: "UTC" })).user;

  const user = await run.userInfo(id);
  assert.equal(user.id, id);
  assert.equal(user.profile, profileID);
  for (const key of ["name", "email", "timezone", "company", "phone", "language", "active"]) {
    assert.equal(user[key], body[key], `userInfo.${key} is what was sent`);
  }
  assert.deepEqual(user.tags, body.tags);
  assert.deepEqual(user.options, body.options);
  assert.ok(user.created_at instanceof Date && !isNaN(user.created_at), "created_at is a date");
  assert.equal(user.last_login, null, "nobody logged in yet");
  assertNoPassword(user, password, "userInfo");

  const listed = await run.listUsers({});
  assert.deepEqual(listed.map((u) => u.name), ["Ada Operator", "Bob Viewer"], "default list ordered by name");
  assert.deepEqual(Object.keys(listed[0]).sort(), ["id", "name"]);
  const byEmail = await run.listUsers({ fields: ["id", "email", "tags", "active"], filter: { email: "ada@example.com" } });
  assert.deepEqual(byEmail, [{ id, email: "ada@example.com", tags: body.tags, active: true }]);
  const all = await run.listUsers({ fields: ["id", "name", "email", "timezone", "options", "created_at"] });
  all.forEach((u) => assertNoPassword(u, password, "list item"));

  // edit: partial; tags replaced wholesale; the password may change but never shows.
  assert.equal(await run.userEdit(id, { name: "Ada Lovelace", tags: [{ key: "role", value: "admin" }], password: "n3w-Passw0rd" }),
    "TagoIO Run User Successfully Updated");
  const editedUser = await run.userInfo(id);
  assert.equal(editedUser.name, "Ada Lovelace");
  assert.deepEqual(editedUser.tags, [{ key: "role", value: "admin" }]);
  assert.equal(editedUser.company, "Plant Co", "company untouched");
  assertNoPassword(editedUser, "n3w-Passw0rd", "edited userInfo");

  // Validation.
  await rejectsNaming(run.userCreate({ name: "Short", email: "short@example.com", password: "123", timezone: "UTC" }), /password/);
  await rejectsNaming(run.userCreate({ name: "Dup", email: "ADA@example.com", password: "long-enough-1", timezone: "UTC" }), /email/);
  await rejectsNaming(run.userCreate({ name: "No mail", email: "not-an-email", password: "long-enough-1", timezone: "UTC" }), /email/);
  await rejectsNaming(run.userEdit(id, { email: "other@example.com" }), /email/);
  assert.equal((await run.userInfo(id)).email, "ada@example.com", "a refused edit changes nothing");
  assert.equal((await run.listUsers({})).length, 2, "refused creates created nothing");

  // loginAsUser: a token for the user, expiring after 8 hours by default, or as asked.
  const login = await run.loginAsUser(id);
  assert.equal(typeof login.token, "string");
  assert.ok(login.token.length >= 36);
  assert.equal(login.run_user, id);
  assert.ok(login.expire_date instanceof Date, "expire_date is a date");
  let hours = (login.expire_date.getTime() - Date.now()) / 3.6e6;
  assert.ok(hours > 7.9 && hours <= 8, `default expiry is 8 hours away, got ${hours}`);
  const dayLogin = await run.loginAsUser(id, { expire_time: "1 day" });
  hours = (dayLogin.expire_date.getTime() - Date.now()) / 3.6e6;
  assert.ok(hours > 23.9 && hours <= 24, `expire_time "1 day", got ${hours} hours`);
  assert.notEqual(dayLogin.token, login.token, "each login mints a new token");
  await rejectsNaming(run.loginAsUser(id, { expire_time: "someday" }), /expire_time/);

  assert.equal(await run.userDelete(id), "Successfully Removed");
  await rejectsNaming(run.userInfo(id), /not found/i);
  await rejectsNaming(run.loginAsUser(id), /not found/i);
  assert.deepEqual((await run.listUsers({})).map((u) => u.id), [other]);
}

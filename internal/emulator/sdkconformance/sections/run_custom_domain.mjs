// The TagoRUN custom domain through Resources.run: createCustomDomain, getCustomDomain (dates
// parsed), regenerateCustomDomain, deleteCustomDomain.
import assert from "node:assert/strict";

export async function run({ resources }) {
  const { run } = resources;
  const profileID = (await resources.profiles.list())[0].id;

  await assert.rejects(run.getCustomDomain(profileID), /not found/i, "no custom domain at first");
  assert.equal(typeof (await run.createCustomDomain(profileID, { domain: "example.com", subdomain: "portal", email: "portal.example.com" })), "string");
  await assert.rejects(run.createCustomDomain(profileID, { domain: "other.com", subdomain: "x", email: "other.com" }), /custom domain/i,
    "one custom domain per TagoRUN");

  const info = await run.getCustomDomain(profileID);
  assert.equal(info.domain, "example.com");
  assert.equal(info.subdomain, "portal");
  assert.equal(info.email, "portal.example.com");
  assert.equal(info.active, false, "not active before the DNS records are found");
  assert.ok(info.created_at instanceof Date && !isNaN(info.created_at), "created_at is parsed as a date");
  for (const key of ["dns_ssl", "dns_page", "dns_email_1", "dns_email_2", "dns_email_3"]) {
    const record = info[key];
    assert.equal(typeof record.status, "boolean", `${key}.status`);
    for (const field of ["type", "key", "value"]) {
      assert.equal(typeof record[field], "string", `${key}.${field}`);
    }
  }

  assert.equal(typeof (await run.regenerateCustomDomain(profileID)), "string");
  const regenerated = await run.getCustomDomain(profileID);
  assert.notEqual(regenerated.dns_ssl.value, info.dns_ssl.value, "regenerate issues new records");
  assert.equal(regenerated.domain, info.domain, "regenerate keeps the domain");

  assert.equal(typeof (await run.deleteCustomDomain(profileID)), "string");
  await assert.rejects(run.getCustomDomain(profileID), /not found/i, "deleted");
}

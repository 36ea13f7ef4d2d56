// Dictionaries through Resources.dictionaries: create, info, list, language texts by id and by
// slug (with and without the fallback language), edit, language removal, delete.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

export async function run({ resources }) {
  const { dictionaries } = resources;

  const created = await dictionaries.create({ name: "Admin", slug: "ADM", fallback: "en-US" });
  assert.match(created.dictionary, /^[0-9a-f]{24}$/, "create returns {dictionary}");
  const id = created.dictionary;

  const info = await dictionaries.info(id);
  assert.equal(info.id, id);
  assert.equal(info.slug, "ADM");
  assert.equal(info.fallback, "en-US");
  assert.deepEqual(info.languages, [{ code: "en-US", active: true }], "the fallback is the first language");
  assert.ok(info.created_at instanceof Date && !isNaN(info.created_at), "created_at is a date");

  assert.equal(
    await dictionaries.languageEdit(id, "en-US", { dictionary: { HELLO: "Hello", BYE: "Bye" }, active: true }),
    "Dictionary language Successfully Updated",
  );
  await dictionaries.languageEdit(id, "pt-BR", { dictionary: { HELLO: "Olá" }, active: false });
  assert.deepEqual(await dictionaries.languageInfo(id, "pt-BR"), { HELLO: "Olá" }, "a language's own texts");
  assert.deepEqual(
    await dictionaries.languageInfoBySlug("ADM", "pt-BR", { fallback: true }),
    { HELLO: "Olá", BYE: "Bye" },
    "fallback fills the keys the language lacks",
  );

  const listed = await dictionaries.list();
  assert.equal(listed.length, 1);
  assert.deepEqual(Object.keys(listed[0]).sort(), ["id", "languages", "name", "slug"], "the SDK's default fields");
  assert.deepEqual(listed[0].languages.map((l) => [l.code, l.active]), [["en-US", true], ["pt-BR", false]]);

  assert.equal(await dictionaries.edit(id, { name: "Admin 2", slug: "ADM2", fallback: "pt-BR" }), "Successfully Updated");
  await dictionaries.languageDelete(id, "en-US");
  const edited = await dictionaries.info(id);
  assert.equal(edited.slug, "ADM2");
  assert.deepEqual(edited.languages.map((l) => l.code), ["pt-BR"]);

  // Validation: a slug the expression syntax cannot name, a duplicate slug, the fallback's removal.
  await rejectsNaming(dictionaries.create({ name: "x", slug: "lower case", fallback: "en-US" }), /slug/i);
  await rejectsNaming(dictionaries.create({ name: "x", slug: "ADM2", fallback: "en-US" }), /slug/i);
  await rejectsNaming(dictionaries.languageDelete(id, "pt-BR"), /fallback/i);

  assert.equal(await dictionaries.delete(id), "Successfully Removed");
  await rejectsNaming(dictionaries.info(id), /not found/i);
}

// The account's file storage through Resources.files: base64 upload, list by folder with paging,
// permission (change and check), move, copy, delete (files and folders), and the multipart
// uploadFile.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

export async function run({ resources }) {
  const { files } = resources;
  const b64 = (text) => Buffer.from(text).toString("base64");

  // One file answers its URL, which serves the bytes.
  const one = await files.uploadBase64([{ filename: "/reports/ação 1.csv", file: b64("a,b\n1,2\n"), public: true }]);
  assert.match(one.file, /ação%201\.csv$|a%C3%A7%C3%A3o%201\.csv$/, "one file answers {file: url}");
  assert.equal(await (await fetch(one.file)).text(), "a,b\n1,2\n", "the URL serves the content");
  assert.equal(
    await files.uploadBase64([
      { filename: "/a.txt", file: b64("A") },
      { filename: "/b.txt", file: b64("BB") },
      { filename: "/c.txt", file: b64("CCC") },
    ]),
    "Successfully Uploaded",
    "several files answer a text",
  );

  // The top folder: its files, and the folders below it.
  const top = await files.list();
  assert.deepEqual(top.files.map((f) => f.filename), ["a.txt", "b.txt", "c.txt"]);
  assert.deepEqual(top.folders, ["reports"]);
  assert.deepEqual(top.files.map((f) => f.size), [1, 2, 3]);
  assert.ok(top.files[0].last_modified instanceof Date && !isNaN(top.files[0].last_modified), "last_modified is a date");
  assert.equal(top.files[0].public, false, "private unless asked");
  const reports = await files.list({ path: "/reports" });
  assert.deepEqual(reports.files.map((f) => [f.filename, f.public]), [["reports/ação 1.csv", true]]);

  // Paging: the token is the last filename of the page before.
  const page = await files.list({ quantity: 2 });
  assert.deepEqual(page.files.map((f) => f.filename), ["a.txt", "b.txt"]);
  const next = await files.list({ quantity: 2, paginationToken: "b.txt" });
  assert.deepEqual(next.files.map((f) => f.filename), ["c.txt"]);

  // Permission, move, copy.
  assert.equal(await files.changePermission([{ file: "/a.txt", public: true }]), "Successfully Updated");
  assert.equal((await files.list()).files[0].public, true);
  assert.deepEqual(await files.checkPermission("/a.txt"), { public: true });
  assert.deepEqual(await files.checkPermission("/c.txt"), { public: false });
  assert.equal(await files.move([{ from: "/b.txt", to: "/moved/b.txt" }]), "Successfully Updated");
  assert.equal(await files.copy([{ from: "/c.txt", to: "/moved/c copy.txt" }]), "Successfully Updated");
  assert.deepEqual((await files.list({ path: "/moved" })).files.map((f) => f.filename), ["moved/b.txt", "moved/c copy.txt"]);
  assert.deepEqual((await files.list()).files.map((f) => f.filename), ["a.txt", "c.txt"]);

  // The multipart upload the SDK uses for local files: start, one part, end.
  const big = await files.uploadFile(Buffer.from("x".repeat(1000)), "/uploads/big.bin", { isPublic: false });
  assert.match(big.file, /uploads\/big\.bin$/);
  const uploads = await files.list({ path: "/uploads" });
  assert.deepEqual(uploads.files.map((f) => [f.filename, f.size, f.public]), [["uploads/big.bin", 1000, false]]);

  // Delete a file, then a whole folder.
  assert.equal(await files.delete(["/a.txt"]), "Successfully Removed");
  assert.equal(await files.delete(["/moved"]), "Successfully Removed");
  const after = await files.list();
  assert.deepEqual(after.files.map((f) => f.filename), ["c.txt"]);
  assert.deepEqual(after.folders, ["reports", "uploads"]);

  // Errors the API gives: a missing file, an upload without a name.
  await rejectsNaming(files.delete(["/nothing-here.txt"]), /not found/i);
  await rejectsNaming(files.changePermission([{ file: "/nothing-here.txt", public: true }]), /not found/i);
  await rejectsNaming(files.checkPermission("/nothing-here.txt"), /not found/i);
  await rejectsNaming(files.uploadBase64([{ filename: "", file: b64("x") }]), /filename/i);
}

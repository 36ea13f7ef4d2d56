// Profile team through Resources.profiles: addTeamMember by e-mail, teamList (a pending invitation
// is listed inactive, with ProfileTeam's fields), deleteTeamMember by the member's account id;
// refusals for a bad address, a second invitation of a member, and the owner's own address;
// Account.acceptTeamInvitation and declineTeamInvitation.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

export async function run({ resources, accountEmail, sdk, api, region }) {
  const { profiles } = resources;
  const profileID = (await profiles.list())[0].id;

  assert.deepEqual(await profiles.teamList(profileID), [], "no team at first");
  assert.equal(await profiles.addTeamMember(profileID, "ana@example.com"), "User invited");

  const team = await profiles.teamList(profileID);
  assert.equal(team.length, 1);
  assert.deepEqual(Object.keys(team[0]).sort(), ["active", "created_at", "email", "id", "name"], "ProfileTeam's fields");
  assert.equal(team[0].email, "ana@example.com");
  assert.equal(team[0].active, false, "pending until the invitation is accepted");
  assert.match(team[0].id, /^[0-9a-f]{24}$/, "the member's account id");
  assert.ok(!isNaN(new Date(team[0].created_at)), "created_at is a date");

  await rejectsNaming(profiles.addTeamMember(profileID, "not an e-mail"), /email/i);
  await rejectsNaming(profiles.addTeamMember(profileID, "ANA@example.com"), /already/i);
  await rejectsNaming(profiles.addTeamMember(profileID, accountEmail), /owner/i);

  // The invitation e-mail's links, as Account.acceptTeamInvitation / declineTeamInvitation follow
  // them (the emulator hands out the tokens at /_emulator/team-invitations).
  const invitation = async (email) =>
    (await (await fetch(`${api}/_emulator/team-invitations`)).json()).find((i) => i.email === email).token;
  await sdk.Account.acceptTeamInvitation(await invitation("ana@example.com"), region);
  assert.equal((await profiles.teamList(profileID))[0].active, true, "active once accepted");
  await profiles.addTeamMember(profileID, "bo@example.com");
  await sdk.Account.declineTeamInvitation(await invitation("bo@example.com"), region);
  assert.deepEqual((await profiles.teamList(profileID)).map((m) => m.email), ["ana@example.com"], "a declined invitation leaves");

  assert.equal(await profiles.deleteTeamMember(profileID, team[0].id), "Account Successfully Removed");
  assert.deepEqual(await profiles.teamList(profileID), [], "removed");
  await rejectsNaming(profiles.deleteTeamMember(profileID, team[0].id), /not found/i);
}

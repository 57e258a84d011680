// Who owns a row and where to ask, worked out from marks, letters, boundaries and the notes' own words.
import { describe, expect, it } from "vitest";
import { extractContacts } from "../../src/model/contacts.ts";
import { ownership } from "../../src/model/owners.ts";
import type { Assignment } from "../../src/model/types.ts";

const MOJ = ["Analytical Platform", "User", "Other MoJ Team"];
const cells = (roles: Record<string, string>, parties = MOJ): Assignment[] =>
  parties.map((party) => ({ party, role: roles[party] ?? "" }));

describe("owners", () => {
  it("are the parties with R, even when another is accountable", () => {
    expect(
      ownership(cells({ Customer: "A", OVHcloud: "R" }, ["Customer", "OVHcloud"]), "", []).owners,
    ).toEqual(["OVHcloud"]);
  });

  it("are the accountable parties where nobody is responsible", () => {
    const owned = ownership(cells({ Customer: "A", OVHcloud: "I" }, ["Customer", "OVHcloud"]), "", []);
    expect(owned).toEqual({ owners: ["Customer"], ownersFrom: "marks" });
  });

  it("are every party with a ✅", () => {
    expect(ownership(cells({ User: "✅", "Other MoJ Team": "✅" }), "", MOJ).owners).toEqual([
      "User",
      "Other MoJ Team",
    ]);
  });

  it("come from the notes when no party is marked, and say so", () => {
    const notes =
      "The Analytical Platform team are responsible for resources accessed via the Analytical Platform's Control Panel.";
    expect(ownership(cells({}), notes, MOJ)).toEqual({
      owners: ["Analytical Platform"],
      ownersFrom: "notes",
    });
  });

  it("keep the marks but add what the notes say when the two disagree", () => {
    const owned = ownership(
      cells({ "Other MoJ Team": "✅" }),
      "Users are responsible for their own code.",
      MOJ,
    );
    expect(owned).toEqual({ owners: ["Other MoJ Team"], ownersFrom: "marks", notesOwners: ["User"] });
  });

  it("do not flag notes that agree with the marks", () => {
    const notes =
      "Users are responsible for obtaining their Office 365 credentials from their line managers.";
    expect(ownership(cells({ User: "✅", "Other MoJ Team": "✅" }), notes, MOJ).notesOwners).toBeUndefined();
  });

  it("follow a numbered list's boundary: before item 7 the community, from it 2i2c", () => {
    const boundary = {
      before: "Community",
      from: "2i2c",
      item: 7,
      text: "our responsibility generally begins around number 7",
    };
    const parties = ["Community", "2i2c"];
    expect(ownership(cells({}, parties), "", parties, boundary, 6)).toEqual({
      owners: ["Community"],
      ownersFrom: "boundary",
    });
    expect(ownership(cells({}, parties), "", parties, boundary, 7)).toEqual({
      owners: ["2i2c"],
      ownersFrom: "boundary",
    });
  });
});

describe("routes from the notes", () => {
  it("find a Slack channel with the workspace its sentence names", () => {
    const notes =
      "Users should email analytical_platform@digital.justice.gov.uk their role.<br><br>If users do not receive a response within 24 hours, they can follow up in the **#analytical-platform-support** Slack channel on the **Justice Digital workspace**.";
    expect(extractContacts(notes, MOJ)).toEqual([
      { type: "slack-channel", value: "#analytical-platform-support", workspace: "Justice Digital" },
      { type: "email", value: "analytical_platform@digital.justice.gov.uk" },
    ]);
  });

  it("tie each channel to its own sentence's workspace (JupyterLab's Python help is on ASD)", () => {
    const notes =
      "The Analytical Platform team provide support.<br><br>For help with Python-related issues, users can request support in the **#analytical-platform-support** Slack channel on the **ASD workspace**.";
    expect(extractContacts(notes, MOJ)).toEqual([
      { type: "slack-channel", value: "#analytical-platform-support", workspace: "ASD" },
    ]);
  });

  it("find links with their text, emails, and named teams", () => {
    const notes =
      "We do not provide support for DPIAs.<br><br>Users should see [the MoJ's Data Protection guidance](https://intranet.justice.gov.uk/guidance/) and contact the Data Protection team (dataprotection@justice.gov.uk)";
    expect(extractContacts(notes, MOJ)).toEqual([
      {
        type: "url",
        value: "https://intranet.justice.gov.uk/guidance/",
        label: "the MoJ's Data Protection guidance",
      },
      { type: "email", value: "dataprotection@justice.gov.uk" },
      { type: "team", value: "Data Protection team" },
    ]);
  });

  it("name teams that share a duty, with or without the word team, but not the parties themselves", () => {
    expect(
      extractContacts(
        "The Analytical Platform and Operations Engineering share the responsibilities of managing SSO access.",
        MOJ,
      ),
    ).toEqual([{ type: "team", value: "Operations Engineering" }]);
    expect(
      extractContacts(
        "The Analytical Platform and Platforms & Architecture (P&A) Cyber team share the responsibilities of security rules.",
        MOJ,
      ),
    ).toEqual([{ type: "team", value: "Platforms & Architecture (P&A) Cyber team" }]);
  });

  it("find a bare autolink and leave relative links alone", () => {
    expect(
      extractContacts(
        "Join us on <https://community.ovh.com/en/> or click [this link](/links/professional-services)",
      ),
    ).toEqual([{ type: "url", value: "https://community.ovh.com/en/" }]);
  });

  it("find a person the asker has by role, as the notes send them there", () => {
    expect(
      extractContacts(
        "Users are responsible for obtaining their Office 365 credentials from their line managers.",
        MOJ,
      ),
    ).toEqual([{ type: "person", value: "your line manager" }]);
    expect(extractContacts("Ask your Team Lead first, then #help.")).toEqual([
      { type: "person", value: "your team lead" },
      { type: "slack-channel", value: "#help" },
    ]);
    // A manager named as a party's doing, not as where to go, is no route.
    expect(extractContacts("Line managers approve the request.")).toEqual([]);
  });

  it("find nothing in empty notes", () => {
    expect(extractContacts("")).toEqual([]);
  });
});

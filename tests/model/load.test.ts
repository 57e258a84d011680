// Model files are refused with the file, the line and the field when they are wrong.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/model/build.ts";
import { DataError } from "../../src/model/errors.ts";
import { loadCatalogue, parseModelFile } from "../../src/model/load.ts";

const VALID = `id: tiny
name: Tiny model
parties: [Customer, Provider]
rows:
  - section: Operations
    responsibility: Patch the servers
    assignments:
      Provider: RA
      Customer: I
    notes: ""
  - section: Operations
    responsibility: Back up your data
    assignments:
      Customer: RA
`;

function load(text: string, file = "data/models/tiny.yml") {
  const { model, lineOf } = parseModelFile(text, file);
  return buildModel(model, { file, lineOf });
}

function failure(text: string): DataError {
  try {
    load(text);
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error("expected the model to be refused");
}

describe("loading a model file", () => {
  it("gives every party a cell, in party order, and works out owners", () => {
    const model = load(VALID);
    expect(model.rows[0]?.assignments).toEqual([
      { party: "Customer", role: "I" },
      { party: "Provider", role: "RA" },
    ]);
    expect(model.rows[0]?.owners).toEqual(["Provider"]);
    expect(model.rows[1]?.owners).toEqual(["Customer"]);
    expect(model.rows[0]?.line).toBe(5);
  });

  it("refuses a role that is not RACI, naming file, line and field", () => {
    const error = failure(VALID.replace("Customer: I", "Customer: RX"));
    expect(error.message).toBe(
      'data/models/tiny.yml:9 rows[0].assignments.Customer: "RX" is not a RACI role or a ✅ mark',
    );
    expect(error.line).toBe(9);
  });

  it("refuses letters out of R, A, C, I order in the model (the importer normalises them)", () => {
    expect(failure(VALID.replace("Provider: RA", "Provider: AR")).field).toBe("rows[0].assignments.Provider");
  });

  it("refuses a party the model does not declare", () => {
    const error = failure(VALID.replace("Customer: RA", "Custmer: RA"));
    expect(error.message).toContain("data/models/tiny.yml:14 rows[1].assignments.Custmer:");
    expect(error.message).toContain('"Custmer" is not one of the parties (Customer, Provider)');
  });

  it("refuses a duplicate row", () => {
    const twice = `${VALID}  - section: Operations\n    responsibility: "Patch the  servers"\n`;
    const error = failure(twice);
    expect(error.field).toBe("rows[2].responsibility");
    expect(error.line).toBe(16);
    expect(error.problem).toContain("duplicate of rows[0]");
  });

  it("refuses a missing field on the line of its parent", () => {
    const error = failure(VALID.replace("    responsibility: Back up your data\n", ""));
    expect(error.field).toBe("rows[1].responsibility");
    expect(error.line).toBe(11);
  });

  it("refuses broken YAML with its line", () => {
    const error = failure(`${VALID}  - section: [unclosed\n`);
    expect(error.message).toMatch(/^data\/models\/tiny\.yml:\d+ invalid YAML/);
    expect(error.line).toBeGreaterThanOrEqual(16);
  });

  it("refuses a duplicate key", () => {
    expect(failure(VALID.replace("name: Tiny model", "name: Tiny model\nname: Again")).problem).toMatch(
      /invalid YAML/,
    );
  });

  it("refuses two model files with the same id", () => {
    const dir = mkdtempSync(join(tmpdir(), "who-owns-data-"));
    const models = join(dir, "models");
    mkdirSync(models);
    writeFileSync(join(models, "a.yml"), VALID);
    writeFileSync(join(models, "b.yml"), VALID);
    expect(() => loadCatalogue(dir)).toThrow(/b\.yml:1 id: "tiny" is also the id of .*a\.yml/);
  });
});

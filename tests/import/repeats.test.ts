// A page that lists a row twice still gives a model the loader accepts, and says what it dropped.
import { describe, expect, it } from "vitest";
import { importMarkdown } from "../../src/import/index.ts";

const page = (second: string) =>
  `# Model\n\n| Activity | Customer | Provider | Notes |\n|---|---|---|---|\n| Back up data | RA | I | nightly |\n| Patch servers | I | RA | |\n${second}\n`;

describe("a repeated row", () => {
  it("is dropped with a warning naming both lines when it repeats the first exactly", () => {
    const { model, warnings } = importMarkdown(page("| Back  up DATA | RA | I | nightly |"), {
      file: "p.md",
    });
    expect(model.rows.map((row) => row.responsibility)).toEqual(["Back up data", "Patch servers"]);
    expect(warnings).toEqual([
      {
        line: 7,
        message: expect.stringMatching(
          /repeats the one at line 5 in the same section: the repeat is dropped/,
        ),
      },
    ]);
  });

  it("keeps the first and says what the dropped one said differently", () => {
    const { model, warnings } = importMarkdown(page("| Back up data | I | RA | weekly |"), { file: "p.md" });
    expect(model.rows[0]).toMatchObject({ assignments: { Customer: "RA", Provider: "I" }, notes: "nightly" });
    expect(model.rows).toHaveLength(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.line).toBe(7);
    expect(warnings[0]?.message).toBe(
      'row "Back up data" repeats the one at line 5 in the same section but differs (Customer "RA" → "I"; Provider "I" → "RA"; notes "nightly" → "weekly"): the one at line 5 is kept, this one dropped',
    );
  });

  it("counts a cell written differently as a difference, even when it reads as the same role", () => {
    const { model, warnings } = importMarkdown(page("| Back up data | AR | I | nightly |"), { file: "p.md" });
    expect(model.rows).toHaveLength(2);
    expect(warnings.map((warning) => warning.message)).toEqual([
      expect.stringContaining('differs (Customer "RA" → "AR")'),
    ]);
  });
});

// What a table's columns are: the responsibility text, the notes, one column per party — or a legend.

/** Headers of the column that holds the responsibility itself (English and French). */
const SUBJECT =
  /^(?:activit(?:y|ies|[ée]s?)|responsibilit(?:y|ies)|responsabilit[ée]s?|tasks?|t[âa]ches?|features?|fonctionnalit[ée]s?|items?|controls?|contr[ôo]les?|functions?|fonctions?|process(?:es)?|processus|dut(?:y|ies)|actions?|areas?|domaines?|components?|composants?|requirements?|exigences?|capabilit(?:y|ies)|services?)$/i;

/** Headers of a free-text column that says more about the row. */
const NOTES =
  /^(?:notes?|comments?|commentaires?|remarks?|remarques?|details?|d[ée]tails?|descriptions?|observations?|explanations?|more information|informations?|support)$/i;

/** First header of a table that defines the letters rather than assigning them. */
const LEGEND_HEADER =
  /^(?:roles?|r[ôo]les?|raci(?: roles?| definitions?| matrix key)?|legend|l[ée]gende|key|definitions?|d[ée]finitions?|letters?|abbreviations?|abr[ée]viations?)$/i;

/** A row of such a legend: "R : Is in charge…", "(R) Responsible", "A = Accountable". */
const LEGEND_LINE =
  /^(?:\(?[RACI]\)?\s*(?:[:=–—-]|\s(?:responsible|accountable|consulted|informed|is|r[ée]alis|approb|consult|inform))|(?:responsible|accountable|consulted|informed)\s*[:=–—-])/i;

export function isSubjectHeader(header: string): boolean {
  return SUBJECT.test(header);
}

export function isNotesHeader(header: string): boolean {
  return NOTES.test(header);
}

/** A legend table (`| Roles |`, `| Role | Description |`): read around, not as responsibilities. */
export function isLegend(headers: readonly string[], firstCells: readonly string[]): boolean {
  if (LEGEND_HEADER.test(headers[0] ?? "")) return true;
  return (
    firstCells.length > 0 && firstCells.length <= 6 && firstCells.every((cell) => LEGEND_LINE.test(cell))
  );
}

/** A party as its column names it: "Client Role" → "Client", "**Customer**" → "Customer". */
export function partyName(header: string): string {
  const name = header
    .replace(/\s+r[ôo]le:?$/i, "")
    .replace(/:$/, "")
    .trim();
  return name || header;
}

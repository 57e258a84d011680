// Text taken literally inside a regular expression: names of parties, owners and authors are matched as written.

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

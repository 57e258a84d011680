// MyST (Sphinx) markup that is page machinery, not content: `%` comment lines, `(label)=` targets and the
// fence lines of colon directives (`:::{contents}`, `::::{grid}`) with their `:option:` lines. Each is
// blanked in place, so every other line keeps its number and its text. Backtick directives
// (```` ```{admonition} ````) parse as code blocks, which the readers skip or read on purpose (role boxes).

const COMMENT = /^%.*$/;
const TARGET = /^\([^()\s]+\)=\s*$/;
const COLON_FENCE = /^:{3,}\s*(?:\{[\w:-]+\}.*)?$/;
const OPTION = /^:[\w-]+:(?:\s.*)?$/;

export function withoutMystMachinery(markdown: string): string {
  const lines = markdown.split("\n");
  let afterFence = false;
  let inCode = false;
  return lines
    .map((line) => {
      const bare = line.replace(/\r$/, "");
      if (/^\s{0,3}(?:```|~~~)/.test(bare)) inCode = !inCode;
      if (inCode) return line;
      const blank =
        COMMENT.test(bare) ||
        TARGET.test(bare) ||
        COLON_FENCE.test(bare) ||
        (afterFence && OPTION.test(bare));
      afterFence = COLON_FENCE.test(bare) || (afterFence && OPTION.test(bare));
      return blank ? (line.endsWith("\r") ? "\r" : "") : line;
    })
    .join("\n");
}

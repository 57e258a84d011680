// The product as it runs: the compiled build in dist/ (`npm run bench` builds it first), typed by its sources.
// The bench itself runs under tsx, whose esbuild keeps every function's name by wrapping closures: imported
// from src/, the engine ran about 1.7× slower at 100,000 rows (p50 2.2 vs 1.3 ms) than the same code compiled
// by tsc, which is what `npm start` and the CLI run.
const compiled = <T>(path: string): Promise<T> => import(new URL(`../dist/${path}`, import.meta.url).href);

export const { createEngine } = await compiled<typeof import("../src/answer/create.ts")>("answer/create.js");
export const { loadEngine } = await compiled<typeof import("../src/answer/load.ts")>("answer/load.js");
export const { loadLexicon } = await compiled<typeof import("../src/search/lexicon.ts")>("search/lexicon.js");
export const { loadCatalogue } = await compiled<typeof import("../src/model/load.ts")>("model/load.js");
export const { buildModel } = await compiled<typeof import("../src/model/build.ts")>("model/build.js");
export const { gapsReport } = await compiled<typeof import("../src/gaps/report.ts")>("gaps/report.js");
export const { Store } = await compiled<typeof import("../src/store/store.ts")>("store/store.js");

// Data changes without a restart. See holder.ts for how reloads are triggered, checked and logged.
export {
  createEngineHolder,
  describeEngine,
  type EngineHolder,
  type EngineHolderOptions,
  engineProblem,
} from "./engine.ts";
export {
  createDataHolder,
  type DataHolder,
  type DataHolderOptions,
  type Fields,
  fingerprint,
  type HolderStatus,
  type LoadProblem,
  type ReloadLogger,
  type ReloadResult,
  toProblem,
} from "./holder.ts";
export { reloadOn } from "./signal.ts";

// Reload on a signal (SIGHUP by convention): `kill -HUP <pid>` after editing data/ where watching is off.
import type { DataHolder } from "./holder.ts";

/** Calls holder.reload() whenever the process gets `signal`. Returns a function that stops listening. */
export function reloadOn(
  holder: Pick<DataHolder<unknown>, "reload">,
  signal: NodeJS.Signals = "SIGHUP",
): () => void {
  const listener = () => {
    holder.reload(signal);
  };
  process.on(signal, listener);
  return () => {
    process.off(signal, listener);
  };
}

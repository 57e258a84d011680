/** A gaps or purge option that cannot be used (exit 2, with the usage). */
export class StoreUsageError extends Error {}

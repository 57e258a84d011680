// Latency summaries: nearest-rank percentiles over samples in milliseconds.

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export interface Latency {
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  mean_ms: number;
  samples: number;
}

export const round = (value: number, digits = 3): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

export function summarise(samples: readonly number[]): Latency {
  const mean = samples.reduce((sum, value) => sum + value, 0) / Math.max(1, samples.length);
  return {
    p50_ms: round(percentile(samples, 50)),
    p99_ms: round(percentile(samples, 99)),
    max_ms: round(samples.reduce((max, value) => Math.max(max, value), Number.NEGATIVE_INFINITY)),
    mean_ms: round(mean),
    samples: samples.length,
  };
}

export const mb = (bytes: number): number => round(bytes / 1024 / 1024, 1);

/**
 * Deterministic noise: every number is a pure function of the seed and a key, so the same demo day
 * has the same values whenever and however often it is generated.
 */

function hash32(text: string): number {
  // FNV-1a followed by a murmur3 finaliser for a good spread.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class SeededNoise {
  constructor(private readonly seed: number) {}

  /** Uniform in [0, 1). */
  unit(...key: (string | number)[]): number {
    return hash32(`${this.seed}|${key.join('|')}`) / 4_294_967_296;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number, ...key: (string | number)[]): number {
    return min + (max - min) * this.unit(...key);
  }

  /** Integer in [min, max]. */
  int(min: number, max: number, ...key: (string | number)[]): number {
    return min + Math.floor(this.unit(...key) * (max - min + 1));
  }

  /** A positive factor around 1 with a long right tail (log-normal, sigma given). */
  logNormal(sigma: number, ...key: (string | number)[]): number {
    const u1 = Math.max(this.unit(...key, 'a'), 1e-12);
    const u2 = this.unit(...key, 'b');
    const gaussian = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.exp(sigma * gaussian - (sigma * sigma) / 2);
  }

  pick<T>(items: readonly T[], ...key: (string | number)[]): T {
    return items[Math.floor(this.unit(...key) * items.length)] as T;
  }
}

/**
 * Splits an integer total into integer parts proportional to `weights` (largest remainder), so
 * the parts always add up to the total exactly.
 */
export function splitInteger(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total <= 0 || sum <= 0) return weights.map(() => 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    rest--;
  }
  return parts;
}

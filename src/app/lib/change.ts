/**
 * The change from `previous` to `current` as a ratio (0.1 = +10 %), or undefined when it cannot be
 * told: a side is missing, or the earlier value is 0 (no percentage of nothing).
 */
export function relativeChange(
  current: number | undefined,
  previous: number | undefined,
): number | undefined {
  if (current === undefined || previous === undefined) return undefined;
  if (!Number.isFinite(current) || !Number.isFinite(previous) || previous <= 0) return undefined;
  return (current - previous) / previous;
}

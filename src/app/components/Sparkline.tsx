/**
 * A small trend line; decorative, the numbers beside it carry the meaning. Plain SVG rather than
 * the chart library, so the overview page loads without it.
 */
export function Sparkline({
  values,
  className,
}: {
  values: readonly (number | null)[];
  className?: string;
}) {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const min = Math.min(...known);
  const max = Math.max(...known);
  const width = 100;
  const height = 32;
  const x = (i: number) => (values.length > 1 ? (i / (values.length - 1)) * width : width / 2);
  const y = (v: number) =>
    max > min ? height - 2 - ((v - min) / (max - min)) * (height - 4) : height / 2;
  // Missing days break the line rather than being drawn as zeros.
  let path = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    path += `${pen ? 'L' : 'M'}${x(i).toFixed(2)} ${y(v).toFixed(2)}`;
    pen = true;
  });
  return (
    <div className={className} aria-hidden="true">
      {known.length > 0 ? (
        <svg
          aria-hidden="true"
          viewBox={`0 0 ${width} ${height}`}
          preserveAspectRatio="none"
          className="h-full w-full"
        >
          <path
            d={path}
            fill="none"
            stroke="currentColor"
            strokeWidth={1.5}
            vectorEffect="non-scaling-stroke"
            strokeLinejoin="round"
            strokeLinecap="round"
          />
        </svg>
      ) : null}
    </div>
  );
}

import { Line, LineChart, ResponsiveContainer } from 'recharts';

/** A small trend line; decorative, the numbers beside it carry the meaning. */
export function Sparkline({
  values,
  className,
}: {
  values: readonly (number | null)[];
  className?: string;
}) {
  const data = values.map((value, i) => ({ i, value }));
  return (
    <div className={className} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={data}
          margin={{ top: 2, right: 2, bottom: 2, left: 2 }}
          accessibilityLayer={false}
        >
          <Line
            dataKey="value"
            type="monotone"
            stroke="currentColor"
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

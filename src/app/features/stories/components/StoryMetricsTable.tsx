import type { StoryMetricRow } from '../lib/story-metrics';
import { PRIVACY_NOTE_ID } from './PrivacyNote';
import { SourceBadge } from './SourceBadge';

/** A story's numbers: metric, value and where each comes from. */
export function StoryMetricsTable({ caption, rows }: { caption: string; rows: StoryMetricRow[] }) {
  return (
    <table className="w-full border-collapse text-left text-sm tabular-nums">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-border text-fg-muted">
          <th scope="col" className="py-1 pr-2 font-medium">
            Metric
          </th>
          <th scope="col" className="py-1 px-2 text-right font-medium">
            Value
          </th>
          <th scope="col" className="py-1 pl-2 font-medium">
            Source
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name} className="border-b border-border/60 last:border-0">
            <th scope="row" className="py-1.5 pr-2 align-top font-normal">
              <span title={row.description}>{row.title}</span>
              {row.privacyAffected ? (
                <>
                  {' '}
                  <a
                    href={`#${PRIVACY_NOTE_ID}`}
                    className="rounded-sm text-xs text-brand-strong underline underline-offset-2"
                  >
                    excludes Europe, Japan
                  </a>
                </>
              ) : null}
            </th>
            <td className="py-1.5 px-2 text-right align-top">{row.text}</td>
            <td className="py-1.5 pl-2 align-top">
              <SourceBadge source={row.source} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

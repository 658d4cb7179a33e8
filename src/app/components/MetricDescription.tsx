/** The API's own description of a metric, shown on demand. */
export function MetricDescription({ title, description }: { title: string; description: string }) {
  return (
    <details className="group text-sm text-fg-muted print:hidden">
      <summary className="cursor-pointer select-none rounded-sm underline decoration-dotted underline-offset-4">
        About {title.toLowerCase()}
      </summary>
      <p className="mt-1">{description}</p>
    </details>
  );
}

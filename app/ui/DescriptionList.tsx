/**
 * Label/value pairs (identity, income, application), as a description list; a row's optional hint
 * says, under its value, what the value is.
 */
export function DescriptionList({
  rows,
}: {
  rows: [label: string, value: string, hint?: string][];
}) {
  return (
    <dl>
      {rows.map(([label, value, hint]) => (
        <div key={label} className="fr-mb-2w">
          <dt className="fr-text--bold fr-mb-0">{label}</dt>
          <dd className="fr-ml-0">
            {value || "—"}
            {hint ? <span className="fr-hint-text">{hint}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

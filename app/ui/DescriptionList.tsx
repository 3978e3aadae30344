/** Label/value pairs (identity, income, application), as a description list. */
export function DescriptionList({ rows }: { rows: [label: string, value: string][] }) {
  return (
    <dl>
      {rows.map(([label, value]) => (
        <div key={label} className="fr-mb-2w">
          <dt className="fr-text--bold fr-mb-0">{label}</dt>
          <dd className="fr-ml-0">{value || "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Dated entries by someone (messages with the citizen, private notes), oldest first. */
export function Thread({
  id,
  title,
  empty,
  entries,
}: {
  id: string;
  title: string;
  empty: string;
  entries: { id: string; from: string; at: string; body: string }[];
}) {
  return (
    <section aria-labelledby={id} className="fr-mt-4w">
      <h2 id={id} className="fr-h4">
        {title}
      </h2>
      {entries.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="fr-raw-list">
          {entries.map((entry) => (
            <li key={entry.id} className="fr-mb-2w">
              <p className="fr-mb-0 fr-text--sm">
                <strong>{entry.from}</strong>, le {entry.at}
              </p>
              <p className="fr-mb-0" style={{ whiteSpace: "pre-line" }}>
                {entry.body}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

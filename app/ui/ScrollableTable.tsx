import type { ReactNode } from "react";

/**
 * A DSFR table whose container scrolls sideways on narrow screens. The scrolling region takes the
 * focus, so that the keyboard scrolls it too (RGAA; axe « scrollable-region-focusable »).
 */
export function ScrollableTable({
  label,
  className = "fr-table--bordered",
  children,
}: {
  /** The table's caption, naming the region. */
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`fr-table ${className}`}>
      <div className="fr-table__wrapper">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must take the focus for the keyboard to scroll it */}
        <section className="fr-table__container" tabIndex={0} aria-label={label}>
          <div className="fr-table__content">{children}</div>
        </section>
      </div>
    </div>
  );
}

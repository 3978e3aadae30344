import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useEffect, useRef } from "react";

/**
 * The list of a form's errors, each linking to its field, at the top of the form; it takes the focus
 * when it appears (RGAA), so that screen-reader and keyboard users hear what to fix.
 */
export function ErrorSummary({ errors }: { errors: Record<string, string> | null | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors && Object.keys(errors).length) ref.current?.focus();
  }, [errors]);
  if (!errors || !Object.keys(errors).length) return null;
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-4w">
      <Alert
        as="h2"
        severity="error"
        title="Le formulaire contient des erreurs"
        description={
          <ul>
            {Object.entries(errors).map(([name, message]) => (
              <li key={name}>
                <a href={`#${name}`}>{message}</a>
              </li>
            ))}
          </ul>
        }
      />
    </div>
  );
}

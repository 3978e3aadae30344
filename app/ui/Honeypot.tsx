import { HONEYPOT_FIELD } from "~/forms/plain";

/**
 * A field people never see nor reach (hidden, out of the tab order, ignored by screen readers) but
 * that robots filling every field do fill: a form that comes back with it is not a person's.
 */
export function Honeypot() {
  return (
    <div className="fr-hidden" aria-hidden="true">
      <label>
        Ne pas remplir ce champ
        <input type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
      </label>
    </div>
  );
}

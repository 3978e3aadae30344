/** What the two headers (citizens', agents') and the footer share. */

/** The ministry's name in the DSFR's block mark, as it is written there: on two lines. */
export const BRAND_TOP = (
  <>
    Ministère
    <br />
    de la Justice
  </>
);

/** The props both headers give react-dsfr's `Header`. */
export const HEADER_PROPS = {
  brandTop: BRAND_TOP,
  id: "header",
  // The service is shown in the light theme only (the root's data-fr-scheme): no button opens the
  // DSFR's display settings, whose dialog would be dead markup fetching three pictograms (12 kB) on
  // every page (decision 044).
  disableDisplay: true,
} as const;

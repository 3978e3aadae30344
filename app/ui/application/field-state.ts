/** The react-dsfr props that show a field's error, if it has one. */
export const state = (errors: Record<string, string>, name: string) =>
  errors[name] ? { state: "error" as const, stateRelatedMessage: errors[name] } : {};

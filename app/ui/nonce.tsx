/**
 * The Content-Security-Policy nonce of the response (server/http-guards.ts), for the scripts the
 * document renders. Provided on the server only: in the browser the scripts are already there.
 */
import { createContext, useContext } from "react";

const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}

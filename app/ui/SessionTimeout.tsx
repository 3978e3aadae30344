import { useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/** What the keep-alive routes answer (/session, /bureau/session). */
export type SessionState = { active: boolean };

/** The server refreshes a session's last activity at most once a minute: count one more. */
const SLACK_MS = 60_000;
/** Warned this long before the end (RGAA 13.1: at least 20 seconds to extend it). */
const WARNING_MS = 3 * 60_000;

/**
 * Warns before a session ends for inactivity, and lets the person stay connected (RGAA 13.1):
 * a timer restarted at every page, a message three minutes before the end with a button that
 * keeps the session alive, and a message once it has ended (what was not saved is lost).
 */
export function SessionTimeout({
  idleMinutes,
  keepAlive,
}: {
  idleMinutes: number;
  /** The route that reads (and so refreshes) the session. */
  keepAlive: string;
}) {
  const location = useLocation();
  const fetcher = useFetcher<SessionState>();
  const [since, setSince] = useState(() => Date.now());
  const [phase, setPhase] = useState<"active" | "warning" | "ended">("active");
  const button = useRef<HTMLButtonElement>(null);

  // Every page seen is activity.
  // biome-ignore lint/correctness/useExhaustiveDependencies: restart at each navigation.
  useEffect(() => {
    setSince(Date.now());
    setPhase("active");
  }, [location.key]);

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    if (fetcher.data.active) {
      setSince(Date.now());
      setPhase("active");
    } else setPhase("ended");
  }, [fetcher.state, fetcher.data]);

  useEffect(() => {
    const end = since + idleMinutes * 60_000 - SLACK_MS;
    const warn = setTimeout(() => setPhase("warning"), Math.max(0, end - WARNING_MS - Date.now()));
    const ended = setTimeout(() => setPhase("ended"), Math.max(0, end - Date.now()));
    return () => {
      clearTimeout(warn);
      clearTimeout(ended);
    };
  }, [since, idleMinutes]);

  useEffect(() => {
    if (phase === "warning") button.current?.focus();
  }, [phase]);

  if (phase === "active") return null;
  return (
    <div className="fr-container fr-mt-2w">
      <div
        role="alert"
        className={`fr-alert fr-alert--${phase === "warning" ? "warning" : "info"} fr-alert--sm`}
      >
        {phase === "warning" ? (
          <>
            <p>
              Sans activité de votre part, vous serez déconnecté(e) dans quelques minutes, pour
              votre sécurité. Ce que vous n'avez pas enregistré serait perdu.
            </p>
            <button
              ref={button}
              type="button"
              className="fr-btn fr-btn--sm fr-mt-1w"
              disabled={fetcher.state !== "idle"}
              onClick={() => fetcher.load(keepAlive)}
            >
              Rester connecté
            </button>
          </>
        ) : (
          <p>
            Vous avez été déconnecté(e) après une période sans activité, pour votre sécurité. Ce qui
            n'était pas enregistré est perdu ; reconnectez-vous pour continuer.
          </p>
        )}
      </div>
    </div>
  );
}

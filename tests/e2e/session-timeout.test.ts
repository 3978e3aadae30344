/**
 * RGAA 13.1: a session that ends for inactivity is announced beforehand, and the person can stay
 * connected (app/ui/SessionTimeout.tsx). The page's clock is moved forward; the server's is not.
 */
import { expect } from "@playwright/test";
import { login } from "./citizen";
import { expectNoAxeViolations, test, untilHydrated } from "./helpers";

test.skip(({ isMobile }) => isMobile, "the same component on every screen: desktop runs it");

test("warns before the end of an idle session, and « Rester connecté » keeps it open", async ({
  page,
}) => {
  await login(page, "HUCHE Anne-Laure");
  await expect(page).toHaveURL(/\/demande\/identite$/);
  await page.clock.install();
  await page.goto("/mon-compte");
  await untilHydrated(page);
  const warning = page.getByRole("alert").filter({ hasText: "vous serez déconnecté" });
  await expect(warning).toHaveCount(0);

  // 60 minutes of inactivity end the session (SESSION_IDLE_MINUTES): warned minutes before.
  await page.clock.fastForward("56:30");
  await expect(warning).toBeVisible();
  const stay = page.getByRole("button", { name: "Rester connecté" });
  await expect(stay).toBeFocused();
  await expectNoAxeViolations(page);
  const keptAlive = page.waitForResponse((response) =>
    new URL(response.url()).pathname.startsWith("/session"),
  );
  await stay.click();
  expect((await keptAlive).status()).toBe(200);
  // The session answered « still open »: the warning goes.
  await expect(warning).toHaveCount(0);

  // Left alone again: the end is announced (what was not saved is lost).
  await page.clock.fastForward("01:00:00");
  await expect(
    page.getByRole("alert").filter({ hasText: "Vous avez été déconnecté" }),
  ).toBeVisible();
});

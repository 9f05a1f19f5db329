import { cookies } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { JumpDialog } from "@/components/ui/jump-dialog";
import { SkipLink } from "@/components/ui/skip-link";
import { TimeZoneProvider } from "@/components/ui/time-zone";
import { TimeZoneToggle } from "@/components/ui/time-zone-toggle";
import { signOut } from "@/lib/actions/session-actions";
import { requirePrincipal } from "@/lib/auth/require-principal";
import { parseTimeZone, TIME_ZONE_COOKIE } from "@/lib/format/time-zone";
import { routes } from "@/lib/routes";
import styles from "./browser.module.css";

export default async function BrowserLayout({ children }: { children: ReactNode }) {
  const principal = await requirePrincipal();
  // The reader's time-zone setting: every time below is shown, and every time input read, in it.
  const zone = parseTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
  return (
    <TimeZoneProvider zone={zone}>
      <div className={styles.shell}>
        <SkipLink />
        <header className={styles.header}>
          <Link href={routes.events()} className={styles.brand}>
            Trailbook
          </Link>
          <nav aria-label="Main" className={styles.nav}>
            <Link href={routes.events()}>Events</Link>
            <Link href={routes.streams()}>Streams</Link>
            <Link href={routes.types()}>Types</Link>
            <Link href="/integrity">Integrity</Link>
            <Link href="/subscriptions">Subscriptions</Link>
          </nav>
          <JumpDialog />
          <TimeZoneToggle />
          <span className={styles.who} title="Signed in with this key">
            {principal.name}
            {principal.tenant && <span className={styles.tenant}>tenant {principal.tenant}</span>}
          </span>
          <form action={signOut}>
            <button type="submit" className={styles.signOut}>
              Sign out
            </button>
          </form>
        </header>
        <main className={styles.main} id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </TimeZoneProvider>
  );
}

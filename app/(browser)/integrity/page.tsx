import type { Metadata } from "next";
import Link from "next/link";
import { UtcTime } from "@/components/ui/utc-time";
import { verifyNow } from "@/lib/actions/integrity-actions";
import { pageContext } from "@/lib/auth/require-principal";
import { latestVerification } from "@/lib/integrity/latest-verification";
import { listCheckpoints } from "@/lib/integrity/list-checkpoints";
import { getSigningKey } from "@/lib/integrity/signing-key";
import { routes } from "@/lib/routes";
import styles from "../list.module.css";

export const metadata: Metadata = { title: "Integrity" };

export default async function IntegrityPage() {
  const { db } = await pageContext();
  const [latest, checkpoints] = await Promise.all([latestVerification(db), listCheckpoints(db, { limit: 20 })]);
  return (
    <>
      <h1 className={styles.title}>Integrity</h1>
      <section aria-labelledby="verification-h">
        <h2 id="verification-h">Latest verification</h2>
        {latest ? (
          <p role="status">
            <strong className={latest.ok ? styles.ok : styles.bad}>{latest.ok ? "Verified" : "FAILED"}</strong> at{" "}
            <UtcTime iso={latest.verifiedAt} full />: {latest.checked.toLocaleString("en")} events re-hashed up to
            position {latest.headPosition ?? "—"}, {latest.checkpointsOk} signed checkpoints matched.
            {!latest.ok && (
              <>
                {" "}
                First problem: <code>{JSON.stringify(latest.firstBad)}</code>
              </>
            )}
          </p>
        ) : (
          <p className={styles.muted}>Never verified yet.</p>
        )}
        <form action={verifyNow}>
          <button type="submit">Verify now</button>
        </form>
      </section>
      <section aria-labelledby="checkpoints-h">
        <h2 id="checkpoints-h">Signed checkpoints</h2>
        <p className={styles.muted}>
          Ed25519 key <code>{getSigningKey().keyId}</code> ·{" "}
          <a href="/api/checkpoints/public-key" download="trailbook-public-key.pem">
            download the public key
          </a>{" "}
          (for <code>npx trailbook verify-export</code>) ·{" "}
          <Link href={routes.events({ q: "type:trailbook.export" })}>exports made so far</Link>
        </p>
        {checkpoints.length === 0 ? (
          <p className={styles.empty}>
            No checkpoints yet: one is taken every 1,000 events, at each export, and on POST /api/checkpoints.
          </p>
        ) : (
          <div className={styles.wrap}>
            <table className={styles.table} aria-label="Checkpoints">
              <thead>
                <tr>
                  <th scope="col">Position</th>
                  <th scope="col">Head hash</th>
                  <th scope="col">Signed at (UTC)</th>
                  <th scope="col">Key</th>
                </tr>
              </thead>
              <tbody>
                {checkpoints.map((c) => (
                  <tr key={c.position}>
                    <td className={styles.num}>{c.position}</td>
                    <td>
                      <code>{c.hash}</code>
                    </td>
                    <td>
                      <UtcTime iso={c.createdAt} />
                    </td>
                    <td>
                      <code>{c.keyId}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

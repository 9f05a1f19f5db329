import type { Metadata } from "next";
import Link from "next/link";
import { UtcTime } from "@/components/ui/utc-time";
import { ZoneName } from "@/components/ui/zone-name";
import { verifyNow } from "@/lib/actions/integrity-actions";
import { pageContext } from "@/lib/auth/require-principal";
import { listTreeHeads } from "@/lib/integrity/list-tree-heads";
import { listVerifications } from "@/lib/integrity/list-verifications";
import { getSigningKey } from "@/lib/integrity/signing-key";
import { trustedKeys } from "@/lib/integrity/trusted-keys";
import { routes } from "@/lib/routes";
import styles from "../list.module.css";
import { VerificationLog } from "./_components/verification-log";

export const metadata: Metadata = { title: "Integrity" };

export default async function IntegrityPage() {
  const { db, principal } = await pageContext();
  const [runs, heads] = await Promise.all([listVerifications(db, 10), listTreeHeads(db, { limit: 20 })]);
  const current = getSigningKey().keyId;
  const keys = [...trustedKeys().keys.keys()];
  return (
    <>
      <h1 className={styles.title}>Integrity</h1>
      <section aria-labelledby="verification-h">
        <h2 id="verification-h">Verification log</h2>
        <VerificationLog runs={runs} principal={principal} />
        <form action={verifyNow}>
          <button type="submit">Verify now</button>
        </form>
      </section>
      <section aria-labelledby="heads-h">
        <h2 id="heads-h">Signed tree heads</h2>
        <p className={styles.muted}>
          Each head signs the Merkle root of the whole log at its size and names the head before it; every head is also
          written to a witness file outside the database. Signing key <code>{current}</code>; keyring:{" "}
          {keys.map((keyId) => (
            <code key={keyId}>{keyId} </code>
          ))}
          · <a href="/api/checkpoints/public-keys">public keys (JSON)</a> ·{" "}
          <Link href={routes.events({ q: "type:trailbook.export" })}>exports made so far</Link>
        </p>
        {heads.length === 0 ? (
          <p className={styles.empty}>
            No tree heads yet: one is signed every 1,000 events or 60 seconds, at each export, and on POST
            /api/checkpoints.
          </p>
        ) : (
          <div className={styles.wrap}>
            <table className={styles.table} aria-label="Tree heads">
              <thead>
                <tr>
                  <th scope="col" className={styles.num}>
                    Head
                  </th>
                  <th scope="col" className={styles.num}>
                    Tree size
                  </th>
                  <th scope="col">Root hash</th>
                  <th scope="col">
                    Signed at (<ZoneName />)
                  </th>
                  <th scope="col" className={styles.optional}>
                    Key
                  </th>
                </tr>
              </thead>
              <tbody>
                {heads.map((head) => (
                  <tr key={head.seq}>
                    <td className={styles.num}>{head.seq}</td>
                    <td className={styles.num}>{head.treeSize}</td>
                    <td className={styles.breakable}>
                      <code>{head.rootHash}</code>
                    </td>
                    <td>
                      <UtcTime iso={head.timestamp} />
                    </td>
                    <td className={styles.optional}>
                      <code>{head.keyId}</code>
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

import { UtcTime } from "@/components/ui/utc-time";
import { ZoneName } from "@/components/ui/zone-name";
import type { Principal } from "@/lib/auth/principal";
import type { VerificationRun } from "@/lib/integrity/list-verifications";
import { witnessWarning } from "@/lib/integrity/witness-status";
import styles from "../../list.module.css";

/** Who ran a verification, as this reader may see it: a tenant-bound reader sees only its own key's id. */
function runner(by: string, principal: Principal): string {
  if (by === "cli") return "npm run verify";
  if (by === "bootstrap-token") return "admin token";
  if (principal.tenant !== null && by !== principal.keyId) return "another key";
  return `key ${by}`;
}

/** The verification log: whole-log runs, newest first; a record of what was found, not evidence. */
export function VerificationLog({ runs, principal }: { runs: VerificationRun[]; principal: Principal }) {
  const [latest] = runs;
  const warning = latest?.witnessStatus ? witnessWarning(latest.witnessStatus) : undefined;
  return (
    <>
      {latest ? (
        <p role="status">
          Last whole-log run:{" "}
          <strong className={latest.ok ? styles.ok : styles.bad}>{latest.ok ? "Verified" : "FAILED"}</strong> at{" "}
          <UtcTime iso={latest.finishedAt} full />, by {runner(latest.verifiedBy, principal)}:{" "}
          {latest.checked.toLocaleString("en")} events re-hashed (positions 1 to {latest.headPosition ?? "—"}), the
          Merkle tree rebuilt, {latest.headsOk} signed tree heads matched.
          {!latest.ok && (
            <>
              {" "}
              First problem: <code>{JSON.stringify(latest.firstBad)}</code>
            </>
          )}
        </p>
      ) : (
        <p className={styles.muted}>No whole-log verification recorded yet.</p>
      )}
      {warning && (
        <p role="alert">
          <strong className={styles.bad}>Warning: witness {latest?.witnessStatus}.</strong> {warning}
        </p>
      )}
      <p className={styles.muted}>
        A log of the runs of <em>Verify now</em>, <code>GET /api/verify</code> and <code>npm run verify</code> over the
        whole log (runs over a range of positions are not shown). It records what the server found; it is not evidence:
        whoever can write the database can add a row. The evidence is the signed tree heads below and their witness,
        which every run checks, and which anyone can check again with the offline verifier.
      </p>
      {runs.length > 0 && (
        <div className={styles.wrap}>
          <table className={styles.table} aria-label="Verification log">
            <thead>
              <tr>
                <th scope="col">
                  Finished (<ZoneName />)
                </th>
                <th scope="col">Result</th>
                <th scope="col">Positions</th>
                <th scope="col">Heads matched</th>
                <th scope="col">Witness</th>
                <th scope="col">Run by</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={`${run.finishedAt}-${run.startedAt}-${run.verifiedBy}`}>
                  <td>
                    <UtcTime iso={run.finishedAt} />
                  </td>
                  <td className={run.ok ? styles.ok : styles.bad}>{run.ok ? "passed" : "FAILED"}</td>
                  <td className={styles.num}>{run.headPosition ? `1–${run.headPosition}` : "none (empty log)"}</td>
                  <td className={styles.num}>{run.headsOk}</td>
                  <td className={witnessWarning(run.witnessStatus ?? "not_checked") ? styles.bad : undefined}>
                    {run.witnessStatus?.replace("_", " ") ?? "—"}
                  </td>
                  <td>{runner(run.verifiedBy, principal)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

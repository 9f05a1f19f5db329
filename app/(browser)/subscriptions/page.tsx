import type { Metadata } from "next";
import { CreateSubscriptionForm } from "@/components/subscriptions/create-subscription-form";
import { DeliveryLog } from "@/components/subscriptions/delivery-log";
import { SubscriptionRow } from "@/components/subscriptions/subscription-row";
import { ZoneName } from "@/components/ui/zone-name";
import { hasScope } from "@/lib/auth/principal";
import { pageContext } from "@/lib/auth/require-principal";
import { listDeliveries } from "@/lib/subscriptions/list-deliveries";
import { listSubscriptions } from "@/lib/subscriptions/list-subscriptions";
import styles from "../list.module.css";

export const metadata: Metadata = { title: "Subscriptions" };

/**
 * Subscriptions in the reader's scope with their lag and delivery state, and each one's delivery log;
 * a form creates one for the key's tenant.
 */
export default async function SubscriptionsPage() {
  const { db, scope, principal } = await pageContext();
  if (!hasScope(principal, "subscribe")) {
    return (
      <>
        <h1 className={styles.title}>Subscriptions</h1>
        <p className={styles.empty}>Managing subscriptions needs a key with the subscribe scope.</p>
      </>
    );
  }
  const subscriptions = await listSubscriptions(db, scope);
  const logs = await Promise.all(
    subscriptions.map((s) => listDeliveries(db, s.tenant ? { tenant: s.tenant } : scope, s.name, 20)),
  );
  return (
    <>
      <h1 className={styles.title}>Subscriptions</h1>
      <CreateSubscriptionForm />
      {subscriptions.length === 0 ? (
        <p className={styles.empty}>
          No subscriptions yet: create one here, with <code>POST /api/subscriptions</code> or with{" "}
          <code>npm run subscriptions -- create</code>.
        </p>
      ) : (
        <div className={styles.wrap}>
          <table className={styles.table} aria-label="Subscriptions">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className={styles.optional}>
                  Mode
                </th>
                <th scope="col" className={styles.optional}>
                  Filter
                </th>
                <th scope="col">Status</th>
                <th scope="col" className={styles.num}>
                  Lag (events)
                </th>
                <th scope="col" className={`${styles.num} ${styles.optional}`}>
                  Lag (time)
                </th>
                <th scope="col" className={`${styles.num} ${styles.optional}`}>
                  Position
                </th>
                <th scope="col" className={styles.optional}>
                  Last delivery (<ZoneName />)
                </th>
                <th scope="col" className={`${styles.num} ${styles.optional}`}>
                  Failures
                </th>
                <th scope="col" className={styles.optional}>
                  Next retry (<ZoneName />)
                </th>
                <th scope="col" className={styles.optional}>
                  Last error
                </th>
                <th scope="col">
                  <span className={styles.muted}>Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {subscriptions.map((s) => (
                <SubscriptionRow
                  key={s.id}
                  subscription={s}
                  classes={{
                    num: styles.num ?? "",
                    optional: styles.optional ?? "",
                    breakable: styles.breakable ?? "",
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {subscriptions.map((s, i) =>
        s.mode === "pull" ? null : (
          <details key={s.id}>
            <summary>Delivery log of {s.tenant ? `${s.tenant}/${s.name}` : s.name}</summary>
            <div className={styles.wrap}>
              <DeliveryLog deliveries={logs[i] ?? []} label={`Delivery log of ${s.name}`} />
            </div>
          </details>
        ),
      )}
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { UtcTime } from "@/components/ui/utc-time";
import { ZoneName } from "@/components/ui/zone-name";
import { pageContext } from "@/lib/auth/require-principal";
import { routes } from "@/lib/routes";
import { listTypes } from "@/lib/store/list-types";
import styles from "../list.module.css";

export const metadata: Metadata = { title: "Types" };

export default async function TypesPage() {
  const { db, scope } = await pageContext();
  const types = await listTypes(db, scope);
  return (
    <>
      <h1 className={styles.title}>Event types</h1>
      {types.length === 0 ? (
        <p className={styles.empty}>No events recorded yet.</p>
      ) : (
        <div className={styles.wrap}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col" className={styles.num}>
                  Events
                </th>
                <th scope="col" className={styles.optional}>
                  First seen (<ZoneName />)
                </th>
                <th scope="col">
                  Last seen (<ZoneName />)
                </th>
              </tr>
            </thead>
            <tbody>
              {types.map((type) => (
                <tr key={type.type}>
                  <td className={styles.breakable}>
                    <Link href={routes.events({ q: routes.term("type", type.type) })}>{type.type}</Link>
                  </td>
                  <td className={styles.num}>{type.count.toLocaleString("en")}</td>
                  <td className={styles.optional}>
                    <UtcTime iso={type.firstAt} />
                  </td>
                  <td>
                    <UtcTime iso={type.lastAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

import { UtcTime } from "@/components/ui/utc-time";
import { ZoneName } from "@/components/ui/zone-name";
import type { Delivery } from "@/lib/subscriptions/list-deliveries";

/** The newest delivery attempts of one subscription: when, which positions, the answer, how long. */
export function DeliveryLog({ deliveries, label }: { deliveries: Delivery[]; label: string }) {
  if (deliveries.length === 0) return <p>No delivery attempts yet.</p>;
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          <th scope="col">
            Attempted (<ZoneName />)
          </th>
          <th scope="col">Positions</th>
          <th scope="col">Attempt</th>
          <th scope="col">Outcome</th>
          <th scope="col">Response</th>
          <th scope="col">Time</th>
          <th scope="col">Error</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id}>
            <td>
              <UtcTime iso={delivery.attemptedAt} />
            </td>
            <td>
              {delivery.firstPosition}–{delivery.lastPosition} ({delivery.eventCount})
            </td>
            <td>{delivery.attempt}</td>
            <td>{delivery.outcome}</td>
            <td>{delivery.statusCode ?? "—"}</td>
            <td>{delivery.durationMs} ms</td>
            <td>{delivery.error ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

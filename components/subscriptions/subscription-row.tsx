import { UtcTime } from "@/components/ui/utc-time";
import { changeSubscriptionStatus } from "@/lib/actions/subscription-actions";
import type { SubscriptionView } from "@/lib/subscriptions/subscription-view";

/** One subscription in the list: lag, status, last delivery, failures, next retry, pause/resume. */
export function SubscriptionRow({ subscription: s, numClass }: { subscription: SubscriptionView; numClass: string }) {
  const label = `${s.tenant ? `${s.tenant}/` : ""}${s.name}`;
  // A dead subscription resumes by replaying its dead letter.
  const action = s.status === "paused" ? "Resume" : s.status === "dead" ? "Replay" : "Pause";
  return (
    <tr>
      <td>{label}</td>
      <td>{s.mode}</td>
      <td>
        <code>{s.filter || "(all events)"}</code>
      </td>
      <td data-testid="status">{s.status}</td>
      <td className={numClass} data-testid="lag">
        {s.lag.events.toLocaleString("en")}
        {s.lag.atLeast ? "+" : ""}
      </td>
      <td className={numClass}>{s.lag.seconds} s</td>
      <td className={numClass}>{s.position}</td>
      <td>{s.lastDeliveryAt ? <UtcTime iso={s.lastDeliveryAt} /> : "—"}</td>
      <td className={numClass}>{s.counters.failures}</td>
      <td>{s.nextAttemptAt ? <UtcTime iso={s.nextAttemptAt} /> : "—"}</td>
      <td>{s.lastError ?? ""}</td>
      <td>
        <form action={changeSubscriptionStatus}>
          <input type="hidden" name="tenant" value={s.tenant ?? ""} />
          <input type="hidden" name="name" value={s.name} />
          <button type="submit" name="change" value={action === "Pause" ? "pause" : "resume"}>
            {action}
          </button>
        </form>
      </td>
    </tr>
  );
}

import { UtcTime } from "@/components/ui/utc-time";
import { changeSubscriptionStatus } from "@/lib/actions/subscription-actions";
import type { SubscriptionView } from "@/lib/subscriptions/subscription-view";

/** The list's cell classes: numbers, columns a phone leaves out, and text that may wrap anywhere. */
interface RowClasses {
  num: string;
  optional: string;
  breakable: string;
}

/** One subscription in the list: lag, status, last delivery, failures, next retry, pause/resume. */
export function SubscriptionRow({ subscription: s, classes }: { subscription: SubscriptionView; classes: RowClasses }) {
  const { num, optional } = classes;
  const label = `${s.tenant ? `${s.tenant}/` : ""}${s.name}`;
  // A dead subscription resumes by replaying its dead letter.
  const action = s.status === "paused" ? "Resume" : s.status === "dead" ? "Replay" : "Pause";
  return (
    <tr>
      <td className={classes.breakable}>{label}</td>
      <td className={optional}>{s.mode}</td>
      <td className={optional}>
        <code>{s.filter || "(all events)"}</code>
      </td>
      <td data-testid="status">{s.status}</td>
      <td className={num} data-testid="lag">
        {s.lag.events.toLocaleString("en")}
        {s.lag.atLeast ? "+" : ""}
      </td>
      <td className={`${num} ${optional}`}>{s.lag.seconds} s</td>
      <td className={`${num} ${optional}`}>{s.position}</td>
      <td className={optional}>{s.lastDeliveryAt ? <UtcTime iso={s.lastDeliveryAt} /> : "—"}</td>
      <td className={`${num} ${optional}`}>{s.counters.failures}</td>
      <td className={optional}>{s.nextAttemptAt ? <UtcTime iso={s.nextAttemptAt} /> : "—"}</td>
      <td className={optional}>{s.lastError ?? ""}</td>
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

import { redirect } from "next/navigation";
import { z } from "zod";
import { pageContext } from "@/lib/auth/require-principal";
import { AmbiguousEventId } from "@/lib/errors";
import { routes } from "@/lib/routes";
import { getEvent } from "@/lib/store/get-event";
import { readCorrelation } from "@/lib/store/read-correlation";
import { readStream } from "@/lib/store/read-stream";
import { StreamName } from "@/lib/store/schemas";

/** Resolves what the jump box was given: an event id, else a stream, else a correlation, else a search. */
export default async function GoPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  const { db, scope } = await pageContext();
  const to = String((await searchParams).to ?? "")
    .trim()
    .slice(0, 200);
  if (!to) redirect(routes.events());
  if (
    z.uuid().safeParse(to).success &&
    (await getEvent(db, to, scope).then(
      () => true,
      // Several tenants hold the id: the event page lets the reader choose.
      (error: unknown) => error instanceof AmbiguousEventId,
    ))
  )
    redirect(routes.event(to));
  if (StreamName.safeParse(to).success && (await readStream(db, to, scope, { limit: 1 })).items.length > 0)
    redirect(routes.stream(to));
  if ((await readCorrelation(db, to, scope, { limit: 1 })).items.length > 0) redirect(routes.correlation(to));
  redirect(routes.events({ q: `"${to.replace(/["\\]/g, "\\$&")}"` }));
}

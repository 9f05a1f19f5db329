// `npm run subscriptions -- create|list|show|pause|resume|reset|delete`: manages subscriptions in
// the configured database (README, Subscribe a service). `--tenant` addresses a tenant's; without
// it, the subscriptions of keys bound to no tenant (which see every tenant's events).
import { parseSubcommand } from "../lib/cli/parse-command-line";
import { runCommand } from "../lib/cli/run-command";
import { getDatabase } from "../lib/db/get-database";
import type { TenantScope } from "../lib/store/tenant-scope";
import { createSubscription } from "../lib/subscriptions/create-subscription";
import { deleteSubscription } from "../lib/subscriptions/delete-subscription";
import { getSubscription } from "../lib/subscriptions/get-subscription";
import { listSubscriptions } from "../lib/subscriptions/list-subscriptions";
import { resetSubscription } from "../lib/subscriptions/reset-subscription";
import { setSubscriptionStatus } from "../lib/subscriptions/set-subscription-status";
import type { SubscriptionView } from "../lib/subscriptions/subscription-view";

const usage = `npm run subscriptions -- create --name N --mode pull|webhook|nats [--filter Q] [--start beginning|now|P]
    [--url URL] [--subject-prefix P] [--tenant T]
npm run subscriptions -- list [--tenant T]
npm run subscriptions -- show|pause|resume|delete NAME [--tenant T]
npm run subscriptions -- reset NAME --position beginning|now|P [--tenant T]`;

const named = { positionals: ["NAME"], options: { tenant: { type: "string" } } } as const;

const line = (s: SubscriptionView) =>
  `${s.tenant ?? "*"}/${s.name}  ${s.mode}  ${s.status}  position=${s.position}  ` +
  `lag=${s.lag.events}${s.lag.atLeast ? "+" : ""} events, ${s.lag.seconds}s  ` +
  `delivered=${s.counters.delivered} failures=${s.counters.failures} dead=${s.counters.deadLetters}` +
  (s.lastError ? `  last error: ${s.lastError}` : "");

await runCommand(async () => {
  const args = parseSubcommand(usage, {
    create: {
      options: {
        name: { type: "string" },
        mode: { type: "string" },
        filter: { type: "string" },
        start: { type: "string" },
        url: { type: "string" },
        "subject-prefix": { type: "string" },
        tenant: { type: "string" },
      },
    },
    list: { options: { tenant: { type: "string" } } },
    show: named,
    pause: named,
    resume: named,
    delete: named,
    reset: { positionals: ["NAME"], options: { tenant: { type: "string" }, position: { type: "string" } } },
  });
  const tenant = (args.values as { tenant?: string }).tenant;
  const scope: TenantScope = tenant ? { tenant } : "all-tenants";
  const name = (args.positionals as { NAME?: string }).NAME ?? "";
  const db = await getDatabase();
  try {
    if (args.command === "create") {
      const v = args.values as Record<string, string | undefined>;
      if (!v.name || !v.mode) args.fail("create needs --name and --mode");
      const principal = { keyId: null, name: "cli", scopes: ["admin" as const], tenant: tenant ?? null };
      const created = await createSubscription(
        db,
        {
          name: v.name,
          mode: v.mode,
          filter: v.filter ?? "",
          start: v.start ?? "now",
          ...(v.url && { webhook: { url: v.url } }),
          ...(v["subject-prefix"] && { nats: { subjectPrefix: v["subject-prefix"] } }),
        },
        principal,
      );
      console.log(`Created ${line(created)}`);
      if (created.secret) console.log(`Webhook signing secret, shown only now:\n\n    ${created.secret}\n`);
    } else if (args.command === "list") {
      for (const subscription of await listSubscriptions(db, scope)) console.log(line(subscription));
    } else if (args.command === "show") {
      console.log(JSON.stringify(await getSubscription(db, scope, name), null, 2));
    } else if (args.command === "pause" || args.command === "resume") {
      await setSubscriptionStatus(db, scope, name, args.command);
      console.log(line((await getSubscription(db, scope, name)).subscription));
    } else if (args.command === "reset") {
      const position = (args.values as { position?: string }).position ?? args.fail("reset needs --position");
      await resetSubscription(db, scope, name, { position });
      console.log(line((await getSubscription(db, scope, name)).subscription));
    } else {
      await deleteSubscription(db, scope, name);
      console.log(`Deleted ${name}.`);
    }
  } finally {
    await db.close();
  }
});

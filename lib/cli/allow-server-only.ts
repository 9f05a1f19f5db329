import { register } from "node:module";

/**
 * Lets this process import modules marked `import "server-only"` outside Next's bundler (the lean
 * ingest path loads app/api/events/route.ts through tsx). That package throws unless resolved
 * with the `react-server` condition, which the `bin/` scripts pass to Node; `npm start` cannot,
 * because Next, loaded in the same process, must resolve React without it. This hook resolves
 * only the specifier "server-only", to an empty module; everything else resolves as before.
 */
export function allowServerOnly(): void {
  const hook = `export async function resolve(specifier, context, next) {
    if (specifier !== "server-only") return next(specifier, context);
    return { url: "data:text/javascript,", shortCircuit: true };
  }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}

// The entry of the single-file verifier (npm run build:verifier → lib/verifier/dist/trailbook-verify.mjs):
// `node trailbook-verify.mjs [export] FILE | receipt FILE | consistency … --public-key KEY`.
import { runCommand } from "../cli/run-command";
import { VERIFIER_FILE_NAME } from "./bundle-file";
import { runVerifier } from "./cli";

await runCommand(() => runVerifier(process.argv.slice(2), `node ${VERIFIER_FILE_NAME}`));

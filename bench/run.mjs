// Side-by-side benchmarks: each section runs our code and its baseline in the same run and
// prints the numbers and the ratio. Absolute numbers vary by machine; the ratio is what we track.
// `node bench/run.mjs [section...]` runs only the named sections (default: all).
import { adminSearchBench } from './admin-search.bench.mjs';
import { directoryBench } from './directory.bench.mjs';
import { effectiveBench } from './effective.bench.mjs';
import { exchangeBench } from './exchange.bench.mjs';
import { forwardAuthBench } from './forward-auth.bench.mjs';
import { mfaBench } from './mfa.bench.mjs';
import { orgsBench } from './orgs.bench.mjs';
import { sessionBench } from './session.bench.mjs';
import { sizeBench } from './size.bench.mjs';
import { ssoBench } from './sso.bench.mjs';
import { verifyAccessTokenBench } from './verify-access-token.bench.mjs';
import { webhooksBench } from './webhooks.bench.mjs';
import { workloadBench } from './workload.bench.mjs';

const sections = {
  verify: verifyAccessTokenBench,
  size: sizeBench,
  session: sessionBench,
  orgs: orgsBench,
  effective: effectiveBench,
  exchange: exchangeBench,
  workload: workloadBench,
  forward: forwardAuthBench,
  webhooks: webhooksBench,
  mfa: mfaBench,
  admin: adminSearchBench,
  sso: ssoBench,
  directory: directoryBench,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in sections));
if (unknown.length) {
  console.error(
    `unknown section: ${unknown.join(', ')} (available: ${Object.keys(sections).join(', ')})`,
  );
  process.exit(2);
}

for (const name of wanted.length ? wanted : Object.keys(sections)) {
  let rows;
  try {
    rows = await sections[name]();
  } catch (error) {
    // A section that cannot measure is an error; the others still run.
    console.error(`\n## ${name}: failed\n${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
    continue;
  }
  console.log(`\n## ${rows.title}`);
  // A section returns one `table`, or several `tables` each with a caption.
  for (const { caption, rows: table } of rows.tables ?? [{ rows: rows.table }]) {
    if (caption) console.log(`\n${caption}`);
    console.table(table);
  }
  for (const line of rows.summary) console.log(line);
}

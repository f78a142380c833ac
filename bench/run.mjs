// Side-by-side benchmarks: each section runs our code and its baseline in the same process and
// prints ops/s and the ratio. Absolute numbers vary by machine; the ratio is what we track.
import { sizeBench } from './size.bench.mjs';
import { verifyAccessTokenBench } from './verify-access-token.bench.mjs';

const sections = [verifyAccessTokenBench, sizeBench];
for (const section of sections) {
  const rows = await section();
  console.log(`\n## ${rows.title}`);
  console.table(rows.table);
  for (const line of rows.summary) console.log(line);
}

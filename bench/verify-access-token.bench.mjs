import { verifyAccessToken } from '@catalyst/authkit/edge';
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify } from 'jose';
import { Bench } from 'tinybench';

/** verifyAccessToken (JWKS lookup + every claim check) against a bare jose.jwtVerify on the same key. */
export async function verifyAccessTokenBench() {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', {
    crv: 'Ed25519',
    extractable: true,
  });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'EdDSA', use: 'sig' };
  const jwks = { keys: [jwk] };
  const issuer = 'http://localhost:3000/api/auth';
  const token = await new SignJWT({ sid: 'ses_bench', scopes: ['read'], amr: ['pwd'] })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'bench', typ: 'at+jwt' })
    .setIssuer(issuer)
    .setAudience('catalyst')
    .setSubject('usr_bench')
    .setJti('at_bench')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
  const key = await importJWK(jwk, 'EdDSA');
  const options = { keys: jwks, issuer, audience: 'catalyst' };

  // Check both succeed before timing anything.
  await verifyAccessToken(token, options);
  await jwtVerify(token, key);

  // Three rounds, each timing both side by side; the median ratio damps a noisy machine.
  const rounds = [];
  let last;
  for (let round = 0; round < 3; round++) {
    const bench = new Bench({ time: 700, warmupTime: 200 });
    bench
      .add('jose.jwtVerify (baseline, bare key)', () => jwtVerify(token, key))
      .add('verifyAccessToken (JWKS + claims)', () => verifyAccessToken(token, options));
    await bench.run();
    const hz = (name) => bench.tasks.find((t) => t.name.startsWith(name)).result.throughput.mean;
    rounds.push(hz('verifyAccessToken') / hz('jose.jwtVerify'));
    last = bench;
  }
  const median = [...rounds].sort((a, b) => a - b)[1];
  const bench = last;
  return {
    title: 'verifyAccessToken vs jose.jwtVerify (Ed25519, same key, same run)',
    table: bench.tasks.map((t) => ({
      task: t.name,
      'ops/s': Math.round(t.result.throughput.mean),
      'p99 (µs)': Math.round(t.result.latency.p99 * 1000),
      samples: t.result.latency.samples.length,
    })),
    summary: [
      `ratio verifyAccessToken / jose.jwtVerify, median of 3 rounds: ${median.toFixed(3)} (1.0 = no overhead; rounds ${rounds.map((r) => r.toFixed(3)).join(', ')})`,
    ],
  };
}

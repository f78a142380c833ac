// Standalone forward-auth on node:http, as `catalyst forward-auth` runs it: createForwardAuth
// behind forwardAuthListener (no Web Request/Response objects), keys from a local JWKS file.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createForwardAuth } from '@catalyst/authkit/edge';
import { forwardAuthListener } from '@catalyst/authkit/server';

const [port, jwksFile] = process.argv.slice(2);
const listener = forwardAuthListener(
  createForwardAuth({
    issuer: process.env.FA_ISSUER,
    audience: 'catalyst',
    keys: JSON.parse(readFileSync(jwksFile, 'utf8')),
    trustedProxies: ['loopback'],
    signInUrl: 'https://auth.example.com/sign-in',
    routes: [{ host: 'app.example.com', path: '/reports/*', require: { scopes: [] } }],
    decisionSecret: Buffer.from(process.env.FA_DECISION_SECRET, 'hex'),
    cacheSize: Number(process.env.FA_CACHE_SIZE ?? 10_000),
  }),
);

createServer((req, res) => {
  if (req.url === '/healthz') return void res.end('ok');
  listener(req, res);
}).listen(Number(port), '127.0.0.1', () => console.log(`forward-auth listening on ${port}`));

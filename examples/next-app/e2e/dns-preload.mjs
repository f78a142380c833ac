// Loaded into the Next server by the browser tests' global setup (NODE_OPTIONS=--import): Node's
// resolver (`dns.resolve*`, which domain verification uses to read TXT records) asks the tests'
// DNS server (dns.ts), so a test can publish the record that verifies a domain it made up. Name
// lookups (`dns.lookup`: fetch, the SSO network guard) still go through the OS.
import { setServers } from 'node:dns';

if (process.env.E2E_DNS_SERVER) setServers([process.env.E2E_DNS_SERVER]);

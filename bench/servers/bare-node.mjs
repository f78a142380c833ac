// Baseline ceiling: node:http answering a small fixed JSON body, no auth at all.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
const body = JSON.stringify({ user: { id: 'usr_bench', email: 'bench@example.com' } });

createServer((req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}).listen(port, '127.0.0.1', () => console.log(`bare node:http listening on ${port}`));
